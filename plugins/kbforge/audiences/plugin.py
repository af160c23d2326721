"""One source, two sites: the customer site (public, validated articles, no
internal passages, only the files its pages use) and the staff site
(everything, internal passages marked).

Context key ``kb_site`` ("public" or "staff") is set by kbforge/catalog from
what this plugin publishes.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content import audience
from ..lifecycle.priorities import AFTER_I18N, VIEW
from .config import AudiencesConfig

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
ASSET = "assets/kbforge/audiences.css"


class AudiencesPlugin(BasePlugin[AudiencesConfig]):
    @event_priority(VIEW)  # after the catalog is read, before anything reads this site's view
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, css=[ASSET])
        state = get_state(config)
        if not state.starting:
            return
        full, site, not_validated = state.full, self.config.site, self.config.not_validated
        state.report(audience.leaks(full, site, not_validated))
        state.publish(audience.view(full, site, not_validated), site)
        if site == audience.PUBLIC:
            state.on_site_files("archived pages", self._archived_pages)
        log.info("building the %s site", site)

    @event_priority(AFTER_I18N)  # this language's files at their output paths
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        state = get_state(config)
        full, view = state.full, state.catalog
        for file in list(files.documentation_pages()):
            if full.for_source(file.abs_src_path) is None:
                continue
            shown = view.for_source(file.abs_src_path)
            if shown is None or not audience.built(shown, self.config.site):
                files.remove(file)
        if self.config.site == audience.PUBLIC:
            self._only_used_files(files, config, view)
        return files

    def _only_used_files(self, files: Files, config: MkDocsConfig, view) -> None:
        """The customer site publishes only the files its own pages use."""
        docs = os.path.abspath(config.docs_dir)
        used = {path for entry in view.entries for path in entry.files}
        for file in [f for f in files if not f.is_documentation_page()]:
            src = file.abs_src_path
            if not src or not os.path.abspath(src).startswith(docs + os.sep):
                continue  # the theme's and our plugins' assets
            rel = os.path.relpath(src, docs).replace(os.sep, "/")
            if rel in used or any(fnmatch.fnmatch(rel, pattern) for pattern in self.config.publish_files):
                continue
            files.remove(file)

    def _archived_pages(self, config: MkDocsConfig) -> None:
        """An archived article's address tells customers it was archived."""
        state = get_state(config)
        env = theme.templates(config)
        for entry in state.catalog.entries:
            if entry.archived and not entry.retired:
                here = entry.url
                html = env.get_template("kbforge/archived.html").render(
                    entry=entry, t=strings.for_language(entry.lang),
                    home=urls.relative(here, state.urls.language_home(entry.lang)))
                path = os.path.join(config.site_dir, state.urls.index_file(here))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(html)
