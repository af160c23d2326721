"""Links by id, reading onward, ticket permalinks, the ledger and the JSON catalog.

Context keys handed to templates:
  kb_onward     {"related": [Entry], "referenced_by": [Entry], "languages": [{lang, name, url}]}
  kb_permalink  absolute permalink of the page's article for a ticket, in the
                language its text is written in (``.../go/KB-0042/?lang=pl``)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog, get_full_catalog
from ..content.catalog import LinkError
from ..content.errors import ContentError
from ..content.ledger import Ledger
from ..content.related import related
from ..languages.layout import site_path
from . import publish, rewrite
from .config import LinksConfig

log = get_plugin_logger(__name__)
ASSETS = ("assets/kbforge/links.js", "assets/kbforge/links.css")


def published(config: MkDocsConfig):
    """What the ledger tracks: every article of both sites, except drafts."""
    return get_full_catalog(config).subset(lambda e: e.state != "draft")


class LinksPlugin(BasePlugin[LinksConfig]):
    def __init__(self):
        self.ledger: Ledger | None = None
        self.tickets: list[tuple[re.Pattern, str]] = []

    @event_priority(90)  # after the catalog (100) is loaded
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, publish.TEMPLATES, js=[js], css=[css])
        if builds.is_nested_build(config):
            return
        self.tickets = []
        for system in self.config.tickets:
            try:
                self.tickets.append((re.compile(system.pattern), system.url))
            except re.error as exc:
                raise PluginError(f"kbforge/links: tickets pattern {system.pattern!r}: {exc}") from None
        project = Path(config.config_file_path or config.docs_dir).resolve().parent
        path = project / self.config.ledger
        try:
            self.ledger = Ledger.load(path, os.path.relpath(path, project))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        errors = self.ledger.check(published(config))
        if errors:
            raise PluginError("published links would break:\n" + "\n".join(map(str, sorted(errors))))

    @event_priority(-150)  # after i18n: retired articles are not built, their address redirects
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        catalog = get_catalog(config)
        for file in list(files.documentation_pages()):
            entry = catalog.for_source(file.abs_src_path)
            if entry is not None and entry.retired:
                files.remove(file)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        catalog = get_catalog(config)
        source = catalog.for_source(page.file.abs_src_path)
        if source is None:
            return markdown
        lang = builds.current_language(config)
        names = builds.language_names(config)
        title = strings.for_language(lang)["not_translated"]

        def note(entry):
            return (
                f'{{: .kb-fallback hreflang="{entry.lang}" title="{escape(title)}" }}'
                f' <small class="kb-fallback-note" lang="{entry.lang}">({escape(names[entry.lang])})</small>'
            )

        try:
            return rewrite.kb_links(markdown, source, lang, catalog, note)
        except LinkError as exc:  # the catalog checked every link; this is a bug if reached
            raise PluginError(f"{source.shown}: {exc}") from None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files) -> str:
        link = self.config.link_tickets
        if link is None:
            link = builds.site(config) == "staff"
        if self.config.enabled and link and self.tickets:
            return rewrite.ticket_links(html, self.tickets)
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return context
        names = builds.language_names(config)
        lang = builds.current_language(config)
        context["kb_onward"] = {
            "related": related(catalog, entry, self.config.related),
            "referenced_by": catalog.referenced_by(entry),
            "languages": [
                {"lang": other, "name": names[other], "url": version.url}
                for other, version in catalog.translations(entry).items()
                if other != lang
            ],
        }
        base = config.site_url or site_path(None)
        context["kb_permalink"] = publish.permalink(base, entry.id, entry.lang)
        return context

    @event_priority(-200)  # after i18n (-100) has built every language
    def _publish(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not builds.site_files_due(config):
            return
        catalog = get_catalog(config)
        site = config.site_dir
        base = site_path(config.site_url)
        aliases = config.plugins["kbforge/languages"].config.aliases
        names = builds.language_names(config)
        go = publish.write_permalinks(site, catalog, names, base, aliases)
        moved = publish.write_redirects(site, catalog)
        publish.write_catalog(site, catalog, config.site_url or "/")
        log.info("%d permalink pages, %d redirect pages, catalog.json", go, moved)
        if self.ledger is not None and self.config.update_ledger:
            added = self.ledger.update(published(config))
            if added:
                self.ledger.save()
                log.info("ledger: recorded %d new ids, URLs or retirements in %s; commit it", added, self.ledger.shown)

    on_post_build = CombinedEvent(_publish)
