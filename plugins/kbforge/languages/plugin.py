"""Each language in its own folder, a root language chooser, a 404 per language,
and a language switcher that lands on the same article.

Context key: ``config.extra.alternate`` is set per page (Material reads it)
to the same page in each language, from the catalog.
"""

from __future__ import annotations

import json
import os
import shutil

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from ..content.catalog import page_url
from . import layout
from .config import LanguagesConfig

log = get_plugin_logger(__name__)
SCRIPT = "assets/kbforge/languages.js"  # in templates/, copied as a theme file


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, layout.TEMPLATES, js=[SCRIPT])

    @event_priority(-150)  # after i18n has given files their language paths
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = builds.current_language(config)
        if lang == builds.default_language(config):
            for file in files:
                if file.is_documentation_page() or getattr(file, "localization", None) == lang:
                    layout.move_under_language(file, lang, config.site_dir)
        return files

    @event_priority(-150)  # after i18n has set its own (root-relative) alternates
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        names = builds.language_names(config)
        found = catalog.translations(entry) if entry else {}
        alternates = []
        for lang, name in names.items():
            target = found.get(lang)
            if target is None and entry is not None:
                # No translation: i18n built a fallback page at the same path.
                link, missing = f"{lang}/{page_url(entry.path)}", True
            else:
                link, missing = (target.url if target else f"{lang}/"), False
            alternates.append({"name": name, "lang": lang, "link": link, "missing": missing})
        config.extra.alternate = alternates  # attribute, as i18n sets it; Jinja reads attributes first
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            # The switcher of a 404 page leads to each language's home page.
            base = layout.site_path(config.site_url)
            config.extra.alternate = [
                {"name": name, "lang": lang, "link": f"{base}{lang}/"}
                for lang, name in builds.language_names(config).items()
            ]
        return context

    @event_priority(0)  # before i18n (-100) starts the next language's build
    def _keep_language_404(self, *, config: MkDocsConfig) -> None:
        # Every language build writes /404.html; keep each under its own folder.
        lang = builds.current_language(config)
        root_404 = os.path.join(config.site_dir, "404.html")
        if self.config.enabled and os.path.exists(root_404):
            shutil.copyfile(root_404, os.path.join(config.site_dir, lang, "404.html"))

    @event_priority(-200)  # after i18n (-100) has built the other languages
    def _write_root(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and builds.all_languages_built(config):
            write_root(config, self.config.aliases)

    on_post_build = CombinedEvent(_keep_language_404, _write_root)


def write_root(config: MkDocsConfig, aliases: dict) -> None:
    names = builds.language_names(config)
    langs = list(names)
    base = layout.site_path(config.site_url)
    pages = {
        "index.html": "root.html",
        "404.html": "root-404.html",
    }
    context = dict(
        base=base,
        languages=[
            {"code": code, "name": names[code], "t": strings.for_language(code)} for code in langs
        ],
        default=builds.default_language(config),
        aliases_json=json.dumps(aliases),
        langs_json=json.dumps(langs),
        site_name=config.site_name,
    )
    for out, template in pages.items():
        with open(os.path.join(config.site_dir, out), "w", encoding="utf-8") as fh:
            fh.write(layout.render(template, **context))
