"""Reads and validates every article of every language once per build.

Context keys handed to templates (documented in README "Template context"):
  kb_catalog   the ``kbforge.content.Catalog`` of all languages (also a Jinja global)
  kb_entry     the catalog ``Entry`` of the page's content (its ``lang`` is the
               language the text is written in, which for a fallback page is
               not the language being rendered)
  kb_lang      the language being rendered
  kb_t         interface strings in ``kb_lang`` (``kbforge/strings/strings.yml``)
Other plugins call ``kbforge.catalog.plugin.get_catalog(config)``.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import builds, strings
from ..languages import parts
from ..content import Catalog, ContentErrors, load_catalog
from .config import CatalogConfig
from .nav import arrange, relink

log = get_plugin_logger(__name__)
_OUTLINES: dict[str, tuple] = {}  # site folder -> catalog outline its site-wide files show


def get_catalog(config: MkDocsConfig) -> Catalog:
    """The catalog of what this site publishes (kbforge/audiences narrows it)."""
    plugin = config.plugins.get("kbforge/catalog")
    if plugin is None or plugin.catalog is None:
        raise PluginError("the 'kbforge/catalog' plugin must be enabled before this one")
    return plugin.catalog


def get_full_catalog(config: MkDocsConfig) -> Catalog:
    """Every article of every audience and state, e.g. for the ledger."""
    get_catalog(config)
    return config.plugins["kbforge/catalog"].full


class CatalogPlugin(BasePlugin[CatalogConfig]):
    def __init__(self):
        self.catalog: Catalog | None = None  # this site's view
        self.full: Catalog | None = None  # everything
        self.site_files_due = True
        self.outline = None  # (site folder, outline) of this build

    @event_priority(100)  # before every plugin that reads the catalog
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or builds.is_nested_build(config):
            return  # one catalog per build of all languages
        self.catalog = self.full = None
        if parts.part_languages():  # a child of a parallel build: the parent has read it
            self.catalog = self.full = parts.load_catalog()
            return
        project = os.path.dirname(os.path.abspath(config.config_file_path or config.docs_dir))
        try:
            self.catalog = load_catalog(
                config.docs_dir,
                builds.languages(config),
                builds.default_language(config),
                shown_base=project,
            )
        except ContentErrors as exc:
            count = len(exc.errors)
            raise PluginError(f"{count} problem{'s' * (count != 1)} in content:\n{exc}") from None
        self.full = self.catalog
        log.debug("catalog: %d pages", len(self.catalog.entries))
        # `mkdocs serve --dirty` makes new plugins for each rebuild: remember here
        # what the site-wide files were written from, to skip them when unchanged.
        settings = (config.site_url, config.site_name, config.use_directory_urls,
                    tuple(builds.language_names(config).items()))
        outline = (settings, self.full.outline())
        self.site_files_due = not builds.is_dirty() or _OUTLINES.get(config.site_dir) != outline
        # Recorded for the next rebuild only once this build has succeeded (on_post_build).
        self.outline = (config.site_dir, outline)

    @event_priority(-300)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.outline is not None and builds.all_languages_in_site(config):
            site_dir, outline = self.outline
            _OUTLINES[site_dir] = outline

    def on_build_error(self, *, error: Exception) -> None:
        if self.outline is not None:
            _OUTLINES.pop(self.outline[0], None)

    @event_priority(-150)  # after i18n has reduced the nav to the current language
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
        if self.catalog:
            nav.items = arrange(nav.items, self.catalog, list(self.config.sections))
            relink(nav)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files):
        env.globals["kb_catalog"] = self.catalog
        return env

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        return self._add_keys(context, config)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context = self._add_keys(context, config)
        if self.catalog and page.file.abs_src_path:
            context["kb_entry"] = self.catalog.for_source(page.file.abs_src_path)
        return context

    def _add_keys(self, context, config: MkDocsConfig):
        lang = builds.current_language(config)
        context["kb_catalog"] = self.catalog
        context["kb_lang"] = lang
        context["kb_t"] = strings.for_language(lang)
        return context
