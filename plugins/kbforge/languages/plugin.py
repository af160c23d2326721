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

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..lifecycle import i18n
from ..lifecycle.priorities import AFTER_I18N, BEFORE_I18N, LANGUAGE_DONE, PAGE
from . import layout
from .config import LanguagesConfig

log = get_plugin_logger(__name__)
SCRIPT = "assets/kbforge/languages.js"  # in templates/, copied as a theme file


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, layout.TEMPLATES, js=[SCRIPT])
        state = get_state(config)
        if state.starting:
            state.on_site_files("language chooser", self._write_root)

    @event_priority(BEFORE_I18N)  # before i18n sorts every file of every language
    def _preview_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        built = i18n.built_languages(config)
        if not self.config.enabled or len(built) != 1:
            return files
        # A preview of one language (build_only_locale) falls back to itself:
        # the other languages' files would only cost time.
        others = tuple(f"{code}/" for code in i18n.languages(config) if code != built[0])
        for file in [f for f in files if f.src_uri.startswith(others)]:
            files.remove(file)
        return files

    @event_priority(AFTER_I18N)  # after i18n has given files their language paths
    def _language_paths(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = get_state(config).lang
        if lang == i18n.default(config):
            for file in files:
                if file.is_documentation_page() or getattr(file, "localization", None) == lang:
                    layout.move_under_language(file, lang, config.site_dir)
        return files

    on_files = CombinedEvent(_preview_files, _language_paths)

    @event_priority(PAGE)  # after i18n has set its own (root-relative) alternates
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        state = get_state(config)
        catalog = state.catalog
        entry = catalog.for_source(page.file.abs_src_path)
        found = catalog.translations(entry) if entry else {}
        here = page.url
        alternates = []
        for lang, name in state.names.items():
            target = found.get(lang)
            if target is None and entry is not None:
                url, missing = catalog.url_in(entry, lang), True  # i18n built a fallback page here
            else:
                url, missing = (target.url if target else state.urls.language_home(lang)), False
            alternates.append({"name": name, "lang": lang, "link": urls.relative(here, url), "missing": missing,
                               "current": lang == state.lang})
        config.extra.alternate = alternates  # attribute, as i18n sets it; Jinja reads attributes first
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            # The switcher of a 404 page leads to each language's home page (absolute: any depth).
            state = get_state(config)
            base = urls.site_path(config.site_url)
            config.extra.alternate = [
                {"name": name, "lang": lang, "link": base + state.urls.language_home(lang), "current": lang == state.lang}
                for lang, name in state.names.items()
            ]
        return context

    @event_priority(LANGUAGE_DONE)  # before i18n starts the next language's build
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Every language build writes /404.html; keep each under its own folder.
        lang = get_state(config).lang
        root_404 = os.path.join(config.site_dir, "404.html")
        if self.config.enabled and os.path.exists(root_404) and os.path.isdir(os.path.join(config.site_dir, lang)):
            shutil.copyfile(root_404, os.path.join(config.site_dir, lang, "404.html"))

    def _write_root(self, config: MkDocsConfig) -> None:
        state = get_state(config)
        base = urls.site_path(config.site_url)
        env = theme.templates(config)
        context = dict(
            base=base,
            languages=[{"code": code, "name": name, "t": strings.for_language(code),
                        "home": state.urls.language_home(code)} for code, name in state.names.items()],
            aliases=self.config.aliases,
            langs=list(state.names),
            homes={code: base + state.urls.language_home(code) for code in state.names},
            storage_key=layout.STORAGE_KEY,
            site_name=config.site_name,
        )
        for out, template in (("index.html", "kbforge/root.html"), ("404.html", "kbforge/root-404.html")):
            with open(os.path.join(config.site_dir, out), "w", encoding="utf-8") as fh:
                fh.write(env.get_template(template).render(**context))
