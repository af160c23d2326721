"""Links by id, reading onward, ticket permalinks, the ledger and the JSON catalog.

``kb:`` links and ticket ids are found and rewritten on the Markdown parse
(``content.markup``); this plugin checks the ledger, says which ticket ids
become links, and writes the site-wide link files.

Context keys handed to templates:
  kb_onward     {"related": [{entry, href}], "referenced_by": [{entry, href}] (those not
                already related), "languages": [{lang, name, href}]}
  kb_permalink  absolute permalink of the page's article, in the language its
                text is written in (``.../go/KB-0042/?lang=pl``)
  kb_share      staff site: the "link for the customer" box (``share.widget``), or
                none when customers cannot open the article
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.errors import ContentError
from ..content.ledger import Ledger
from ..content.related import related
from ..languages.config import browser_aliases
from ..lifecycle.priorities import AFTER_I18N, CHECK
from ..audiences.config import publishes_not_validated
from . import publish, share
from .config import LinksConfig, customer_base

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/links.js", "assets/kbforge/links.css")


def published(full):
    """What the ledger tracks: every article of both sites, except drafts."""
    return full.subset(lambda e: e.state != "draft")


class LinksPlugin(BasePlugin[LinksConfig]):
    def __init__(self):
        self.ledger: Ledger | None = None

    @event_priority(CHECK)  # the content is read; its problems are reported together
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])
        state = get_state(config)
        if not state.starting:
            return
        systems = []
        for system in self.config.tickets:
            try:
                systems.append((re.compile(system.pattern), system.url))
            except re.error as exc:
                state.report([ContentError("mkdocs.yml", 1, f"kbforge/links: tickets pattern {system.pattern!r}: {exc}")])
        link = self.config.link_tickets if self.config.link_tickets is not None else state.site == "staff"
        state.renderer.tickets = systems if link else []
        self.ledger = None
        if state.part is None:
            project = Path(config.config_file_path or config.docs_dir).resolve().parent
            path = project / self.config.ledger
            try:
                self.ledger = Ledger.load(path, os.path.relpath(path, project))
                state.report(self.ledger.check(published(state.full)))
            except ContentError as exc:
                state.report([exc])
            state.on_site_files("permalinks, redirects, catalog.json", self._publish)

    @event_priority(AFTER_I18N)  # retired articles are not built: their address redirects
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        catalog = get_state(config).catalog
        for file in list(files.documentation_pages()):
            entry = catalog.for_source(file.abs_src_path)
            if entry is not None and entry.retired:
                files.remove(file)
        return files

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return context
        here = page.url
        # related in the reader's language where it exists (a fallback page's entry is the original's)
        in_reader_language = [catalog.in_language(e.id, lang)[0] for e in related(catalog, entry, self.config.related)]
        in_reader_language = [e for e in in_reader_language if e is not None]
        shown = {e.id for e in in_reader_language}
        linking = [catalog.in_language(e.id, lang)[0] for e in catalog.referenced_by(entry) if e.id not in shown]
        context["kb_onward"] = {
            "related": [self._item(e, here, catalog, lang) for e in in_reader_language],
            "referenced_by": [self._item(e, here, catalog, lang) for e in linking if e is not None],
            "languages": [
                {"lang": other, "name": state.names[other], "href": urls.relative(here, version.url)}
                for other, version in catalog.translations(entry).items()
                if other != lang
            ],
        }
        context["kb_permalink"] = urls.permalink(urls.base(config.site_url), state.urls, entry.id, entry.lang)
        if state.site == "staff":
            context["kb_share"] = share.widget(
                catalog, entry, lang, customer_base(config), state.urls, strings.for_language(lang),
                publishes_not_validated(config))
        return context

    @staticmethod
    def _item(entry, here: str, catalog, lang: str) -> dict:
        """A link to ``entry`` for a reader of ``lang``; ``fallback`` names the
        language of a text not translated yet (in the reader's language)."""
        return {"entry": entry, "href": urls.relative(here, catalog.url_in(entry, lang)),
                "fallback": strings.language_name(entry.lang, lang) if entry.lang != lang else None}

    def _publish(self, config: MkDocsConfig) -> None:
        state = get_state(config)
        catalog, site = state.catalog, config.site_dir
        env = theme.templates(config)
        base = urls.site_path(config.site_url)
        aliases = browser_aliases(config)
        go = publish.write_permalinks(site, catalog, state.names, base, aliases, env)
        moved = publish.write_redirects(site, catalog, env)
        publish.write_catalog(site, catalog, config.site_url or "/", staff=state.site == "staff")
        log.info("%d permalink pages, %d redirect pages, catalog.json", go, moved)
        if self.ledger is not None and self.config.update_ledger:
            added = self.ledger.update(published(state.full))
            if added:
                self.ledger.save()
                log.info("ledger: recorded %d new ids, URLs or retirements in %s; commit it", added, self.ledger.shown)
