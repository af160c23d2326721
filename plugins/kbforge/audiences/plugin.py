"""One source, two sites: the customer site (public, validated articles, no
internal passages) and the staff site (everything, internal passages marked).

Context key:
  kb_site   "public" or "staff"
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import builds, strings, theme
from ..catalog.plugin import get_full_catalog
from ..content import audience
from ..content.passages import strip_internal
from .config import AudiencesConfig

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
ASSET = "assets/kbforge/audiences.css"
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


class AudiencesPlugin(BasePlugin[AudiencesConfig]):
    @event_priority(95)  # after the catalog (100), before everything that reads it
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, css=[ASSET])
        if builds.is_nested_build(config):
            return
        full = get_full_catalog(config)
        site, not_validated = self.config.site, self.config.not_validated
        errors = audience.leaks(full, site, not_validated)
        if errors:
            raise PluginError(f"{len(errors)} link(s) would leak staff content:\n" + "\n".join(map(str, sorted(errors))))
        config.plugins["kbforge/catalog"].catalog = audience.view(full, site, not_validated)
        log.info("building the %s site", site)

    @event_priority(-150)  # after i18n: drop what this site does not publish
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        full = get_full_catalog(config)
        view = config.plugins["kbforge/catalog"].catalog
        for file in list(files.documentation_pages()):
            entry = full.for_source(file.abs_src_path)
            if entry is None:
                continue
            shown = view.for_source(file.abs_src_path)
            if shown is None or not audience.built(shown, self.config.site):
                files.remove(file)
        return files

    @event_priority(70)  # before kb: links are resolved (kbforge/links, default priority)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
        if self.config.enabled and self.config.site == audience.PUBLIC:
            return strip_internal(markdown)
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        context["kb_site"] = self.config.site
        return context

    def on_template_context(self, context, *, template_name, config):
        context["kb_site"] = self.config.site
        return context

    @event_priority(-200)  # once every language is built
    def _archived_pages(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.config.site != audience.PUBLIC:
            return
        if not builds.site_files_due(config):
            return
        view = config.plugins["kbforge/catalog"].catalog
        for entry in view.entries:
            if entry.archived and not entry.retired:
                t = strings.for_language(entry.lang)
                html = _env.get_template("archived.html").render(entry=entry, t=t, depth="../" * entry.url.count("/"))
                path = os.path.join(config.site_dir, entry.url, "index.html")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(html)

    on_post_build = CombinedEvent(_archived_pages)
