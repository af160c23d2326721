"""Translations readers can trust: notices for missing and outdated
translations, the real language of the text, hreflang alternates, the
sitemap, and a status page for writers.

Context keys:
  kb_notice    {"kind": "missing"|"outdated", "text", "sections": [{key, title}], "original": Entry}
  kb_hreflang  [{"lang", "href"}] absolute URLs of the versions that really exist, plus x-default
"""

from __future__ import annotations

import gzip
from pathlib import Path
import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from ..languages.layout import site_path
from ..links.publish import permalink
from . import notices, sitemap
from .config import TranslationsConfig

log = get_plugin_logger(__name__)
STATUS_PAGE = "translations.md"
TEMPLATES = Path(__file__).with_name("templates")


class _InstantWarning(logging.Filter):
    """i18n warns that its switcher breaks with navigation.instant; ours does not."""

    def filter(self, record):
        return "navigation.instant" not in record.getMessage()


class TranslationsPlugin(BasePlugin[TranslationsConfig]):
    def on_startup(self, *, command, dirty):
        logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_InstantWarning())

    def on_config(self, config: MkDocsConfig) -> None:
        logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_InstantWarning())
        if self.config.enabled:
            theme.register(config, TEMPLATES)

    @event_priority(-160)  # after kbforge/languages (-150) has placed the language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not (self.config.enabled and self.config.status_page) or builds.site(config) != "staff":
            return files  # a page for writers: the staff site only
        lang = builds.current_language(config)
        t = strings.for_language(lang)
        content = notices.status_page(get_catalog(config), lang, builds.language_names(config), t)
        title = t["translation_status_title"]
        files.append(theme.generated_page(config, f"{lang}/{STATUS_PAGE}", f"---\ntitle: {title}\n---\n\n{content}", lang))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
        entry = get_catalog(config).for_source(page.file.abs_src_path)
        if self.config.enabled and entry is not None and entry.lang != builds.current_language(config):
            # A fallback page is not a translation: keep it out of this language's search.
            page.meta["search"] = {"exclude": True}
        return markdown

    @event_priority(-150)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None:
            return context
        lang = builds.current_language(config)
        names = builds.language_names(config)
        base = config.site_url or site_path(None)
        versions = catalog.translations(entry)
        context["kb_hreflang"] = [
            {"lang": code, "href": base + versions[code].url}
            for code in catalog.languages if code in versions and not versions[code].retired
        ]
        if entry.is_article and context["kb_hreflang"]:
            context["kb_hreflang"].append({"lang": "x-default", "href": permalink(base, entry.id)})
        if entry.lang != lang:  # fallback: the original is the canonical page
            page.canonical_url = base + entry.url
        if entry.is_article:
            context["kb_notice"] = notices.notice(catalog, entry, lang, names, strings.for_language(lang))
        return context

    @event_priority(-200)  # once every language is built
    def _write_sitemap(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not builds.all_languages_in_site(config):
            return
        base = config.site_url or site_path(None)
        catalog, site = get_catalog(config), config.site_dir
        langs = [code for code in catalog.languages if os.path.isdir(os.path.join(site, code))]  # a preview has one
        for code in langs:
            _write(os.path.join(site, f"sitemap-{code}.xml"), sitemap.render(catalog, base, code))
            for name in ("sitemap.xml", "sitemap.xml.gz"):  # MkDocs' own, of each language's build
                if os.path.exists(os.path.join(site, code, name)):
                    os.remove(os.path.join(site, code, name))
        _write(os.path.join(site, "sitemap.xml"), sitemap.index(langs, base))
        if not os.path.exists(os.path.join(config.docs_dir, "robots.txt")):  # the author's wins
            with open(os.path.join(site, "robots.txt"), "w", encoding="utf-8") as fh:
                fh.write(sitemap.robots(base))

    on_post_build = CombinedEvent(_write_sitemap)


def _write(path: str, xml: str) -> None:
    """The sitemap and a gzip copy of it (MkDocs writes one for its own sitemap)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(xml)
    with open(path + ".gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(xml.encode("utf-8"))
