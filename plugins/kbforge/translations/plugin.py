"""Translations readers can trust: notices for missing and outdated
translations, the real language of the text, hreflang alternates, the
sitemap, and a status page for writers (with what each translation states
differently from its original).

Context keys:
  kb_notice    {"kind": "missing"|"outdated", "text", "sections": [{key, title}], "original": Entry,
               "languages": [{lang, name, href}] (the other versions, each named in its own language)}
  kb_hreflang  [{"lang", "href"}] absolute URLs of the versions that really exist, plus x-default
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.translations import INCONSISTENT, report
from ..lifecycle.priorities import CHECK, GENERATED, PAGE
from . import notices, sitemap
from .config import TranslationsConfig

log = get_plugin_logger(__name__)
STATUS_PAGE = "translations"
TEMPLATES = Path(__file__).with_name("templates")
ASSET = "assets/kbforge/translations.css"
SYMBOLS = {"original": "◆", "up-to-date": "✓", "inconsistent": "≠", "outdated": "⚠", "missing": "✗", "untracked": "?"}
KINDS = ("section", "heading", "number", "time", "phone", "email", "url", "link", "ticket", "fact", "steps", "questions")


class TranslationsPlugin(BasePlugin[TranslationsConfig]):
    def __init__(self):
        self.status_src: str | None = None

    @event_priority(CHECK)
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, css=[ASSET])
        state = get_state(config)
        if not state.starting:
            return
        if state.part is None:
            state.on_site_files("sitemaps", self._write_sitemaps)
            if state.full is not None and not state.full.errors:
                # A translation stamped as matching its original must state what it states.
                for row in self._report(state).rows.values():
                    for status in row.values():
                        if status.state == INCONSISTENT:
                            for finding in status.findings:
                                log.warning(f"{finding} (stamped up to date; fix it or restamp after fixing)")

    @event_priority(GENERATED)  # after kbforge/languages has placed the language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = get_state(config)
        self.status_src = None
        if not (self.config.enabled and self.config.status_page) or state.site != "staff":
            return files  # a page for writers: the staff site only
        t = strings.for_language(state.lang)
        self.status_src = state.urls.source_of_folder(state.urls.folder(f"{state.lang}/{STATUS_PAGE}"))
        files.append(theme.generated_page(config, self.status_src, t["translation_status_title"], state.lang))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files) -> str:
        if self.status_src is None or page.file.src_uri != self.status_src:
            return html
        state = get_state(config)
        lang = state.lang
        t = strings.for_language(lang)
        labels = {s: t[f"status_{s.replace('-', '_')}"] for s in SYMBOLS}
        return html + theme.templates(config).get_template("kbforge/translation-status.html").render(
            status=notices.status_rows(self._report(state), lang, state.names), t=t, labels=labels,
            symbols=SYMBOLS, names=state.names, kinds={k: t[f"finding_{k}"] for k in KINDS},
            href=lambda entry: urls.relative(page.url, entry.url))

    @event_priority(PAGE)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        state = get_state(config)
        catalog = state.catalog
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None:
            return context
        lang = state.lang
        base = urls.base(config.site_url)
        versions = catalog.translations(entry)
        context["kb_hreflang"] = [
            {"lang": code, "href": base + versions[code].url}
            for code in catalog.languages if code in versions and not versions[code].retired
        ]
        if entry.is_article and context["kb_hreflang"]:
            context["kb_hreflang"].append({"lang": "x-default", "href": urls.permalink(base, state.urls, entry.id)})
        if state.is_fallback(entry):  # the original is the canonical page
            page.canonical_url = base + entry.url
        if entry.is_article:
            notice = notices.notice(self._report(state), catalog, entry, lang, state.names,
                                    strings.for_language(lang))
            if notice is not None:
                shown = {lang, entry.lang}  # the page's language and the text's
                notice["languages"] = [
                    {"lang": code, "name": state.names[code], "href": urls.relative(page.url, versions[code].url)}
                    for code in catalog.languages if code in versions and code not in shown and not versions[code].retired
                ]
            context["kb_notice"] = notice
        return context

    @staticmethod
    def _report(state):
        """The translation status of this site's catalog, computed once per site build."""
        if state.translation_report is None:
            state.translation_report = report(state.catalog)
        return state.translation_report

    def _write_sitemaps(self, config: MkDocsConfig) -> None:
        state = get_state(config)
        base = urls.base(config.site_url)
        catalog, site = state.catalog, config.site_dir
        langs = [code for code in catalog.languages if os.path.isdir(os.path.join(site, code))]  # a preview has one
        for code in langs:
            _write(os.path.join(site, f"sitemap-{code}.xml"), sitemap.render(catalog, base, code))
        _write(os.path.join(site, "sitemap.xml"), sitemap.index(langs, base))
        if not os.path.exists(os.path.join(config.docs_dir, "robots.txt")):  # the author's wins
            with open(os.path.join(site, "robots.txt"), "w", encoding="utf-8") as fh:
                fh.write(sitemap.robots(base))


def _write(path: str, xml: str) -> None:
    """The sitemap and a gzip copy of it (MkDocs writes one for its own sitemap)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(xml)
    with open(path + ".gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(xml.encode("utf-8"))
