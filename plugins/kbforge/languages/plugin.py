"""Each language in its own folder, a root language chooser, a 404 per language,
and a language switcher that lands on the same article.

Context key: ``config.extra.alternate`` is set per page (Material reads it)
to the same page in each language, from the catalog.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from ..content.catalog import page_url
from . import layout, parts
from .config import LanguagesConfig

log = get_plugin_logger(__name__)
SCRIPT = "assets/kbforge/languages.js"  # in templates/, copied as a theme file


class _DirtyIsIntended(logging.Filter):
    """``serve --dirty`` is the documented edit loop: MkDocs' warning about dirty
    builds would stop it under ``strict: true``, so it is shown as information."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_DIRTY_NOTE = _DirtyIsIntended()


class LanguagesPlugin(BasePlugin[LanguagesConfig]):
    def __init__(self):
        self.command: str | None = None  # None when build() is called directly (tests)
        self.parts: list[parts.Part] = []
        self.configured: list = []  # (i18n language config, its build flag) before a split

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = "serve" if dirty else command
        build_log = logging.getLogger("mkdocs.commands.build")
        if command == "serve" and dirty and _DIRTY_NOTE not in build_log.filters:
            build_log.addFilter(_DIRTY_NOTE)

    def on_shutdown(self) -> None:
        self._discard_parts()

    @event_priority(90)  # after the catalog (100) and audiences (95), before i18n (-100)
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, layout.TEMPLATES, js=[SCRIPT])
        if builds.is_nested_build(config):
            return
        i18n = builds.i18n(config)
        mine = parts.part_languages()
        if mine is None:
            built = [code for code in builds.languages(config) if i18n.get_language_config(code).build]
            processes = self.config.processes or parts.cores()
            # `mkdocs serve` makes new plugins for each rebuild without on_startup.
            serving = sys.argv[1:2] == ["serve"]
            config_file = config.config_file_path
            if (serving or self.command not in (None, "build") or len(built) < 4 or processes < 2
                    or not config_file or not os.path.isfile(config_file)):
                return  # serve, a preview of one language, one core, or no config file to hand on
            groups = parts.split(built, processes)
            mine = next(group for group in groups if builds.default_language(config) in group)
            catalog = config.plugins["kbforge/catalog"].full
            # The flags are restored after the build: a config can be built twice.
            self.configured = [(lang, lang.build) for lang in i18n.config.languages]
            options = parts.options(config)
            self.parts = [
                parts.Part(group, config_file, config.site_dir, catalog, options)
                for group in groups if group is not mine
            ]
            log.info("building %s here and %s in parallel", ", ".join(mine),
                     "; ".join(", ".join(part.languages) for part in self.parts))
        else:
            i18n.current_language = mine[0]  # i18n starts with the default language otherwise
        for lang in i18n.config.languages:
            lang.build = lang.locale in mine

    @event_priority(-90)  # before i18n (-100) sorts every file of every language
    def _preview_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        built = builds.i18n(config).build_languages
        if not self.config.enabled or len(built) != 1:
            return files
        # A preview of one language (build_only_locale) falls back to itself:
        # the other languages' files would only cost time.
        others = tuple(f"{code}/" for code in builds.languages(config) if code != built[0])
        for file in [f for f in files if f.src_uri.startswith(others)]:
            files.remove(file)
        return files

    @event_priority(-150)  # after i18n has given files their language paths
    def _language_paths(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = builds.current_language(config)
        if lang == builds.default_language(config):
            for file in files:
                if file.is_documentation_page() or getattr(file, "localization", None) == lang:
                    layout.move_under_language(file, lang, config.site_dir)
        return files

    on_files = CombinedEvent(_preview_files, _language_paths)

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

    @event_priority(-150)  # after i18n (-100), before the site-wide files (-200)
    def _join_parts(self, *, config: MkDocsConfig) -> None:
        if not self.parts or not builds.last_language_built(config):
            return
        try:
            failed = [part.languages for part in self.parts if not part.finish(config.site_dir)]
        finally:
            self._discard_parts()
        if failed:
            names = "; ".join(", ".join(langs) for langs in failed)
            raise PluginError(f"the build of {names} failed (its messages are above)")

    @event_priority(-200)  # after i18n (-100) has built the other languages
    def _write_root(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and builds.all_languages_in_site(config):
            write_root(config, self.config.aliases)

    on_post_build = CombinedEvent(_keep_language_404, _join_parts, _write_root)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard_parts()

    def _discard_parts(self) -> None:
        running, self.parts = self.parts, []
        for part in running:
            part.discard()
        configured, self.configured = self.configured, []
        for lang, build in configured:
            lang.build = build


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
