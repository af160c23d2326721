"""Navigation for a knowledge base: each page carries the top level, its
section's neighbourhood and breadcrumbs (not the whole tree), and section
pages list their articles, a page at a time.

Context keys:
  kb_nav      {"top": [{title, page, count, active}], "local": {title, page, items,
              before, after, sections} or None, "crumbs": [{title, page}]}
  kb_listing  on a language's home page: its sections (and articles outside them),
              as navigation/listing.py gives them, for the top of the page
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import strings, theme
from ..catalog.config import section_order
from ..catalog.plugin import get_state
from ..lifecycle.priorities import GENERATED, NAV_READ
from . import listing
from .config import NavigationConfig
from .local import LocalNav

TEMPLATES = Path(__file__).with_name("templates")
ASSET = "assets/kbforge/navigation.css"


class NavigationPlugin(BasePlugin[NavigationConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.local = None
        self.listings: dict[str, tuple[str, int]] = {}  # src_uri of a listing page -> (folder, number)
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, css=[ASSET], replaces_material=True)  # the nav

    def _folders(self, catalog, lang):
        """Folders with a listing: those with a landing page in ``lang``."""
        return [posixpath.dirname(e.path) for e in catalog.entries
                if e.lang == lang and not e.is_article and posixpath.basename(e.path) == "index.md"]

    @event_priority(GENERATED)  # the language's files are in place
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        t, size = strings.for_language(lang), self.config.page_size
        for folder in self._folders(catalog, lang):
            items = listing.articles_in(catalog, lang, folder)
            landing = catalog.at(lang, f"{folder}/index.md" if folder else "index.md")
            self.listings[landing.src] = (folder, 1)
            for number in range(2, listing.pages_of(items, size) + 1):
                src = state.urls.source_of_folder(state.urls.listing(lang, folder, number))
                title = t["listing_page"].format(title=landing.title, n=number)
                files.append(theme.generated_page(config, src, title, lang))
                self.listings[src] = (folder, number)
        return files

    @event_priority(NAV_READ)  # after kbforge/catalog has arranged the sections
    def on_nav(self, nav, *, config: MkDocsConfig, files):
        if self.config.enabled:
            state = get_state(config)
            for page in nav.pages:  # a page not translated yet is labelled with its language, not counted
                entry = state.catalog.for_source(page.file.abs_src_path)
                fallback = entry is not None and state.is_fallback(entry)
                page.kb_fallback = listing.language_name(entry.lang, state.lang) if fallback else None
                page.kb_text_lang = entry.lang if entry is not None else state.lang
            self.local = LocalNav(nav, self.config.neighbours)
        return nav

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        key = page.file.abs_src_path if page.file.abs_src_path in self.listings else page.file.src_uri
        if key not in self.listings:
            return html
        state = get_state(config)
        entry = state.catalog.for_source(page.file.abs_src_path)
        if entry is not None and state.is_fallback(entry):
            return html  # the landing page of another language: its listing is not this language's
        folder, number = self.listings[key]
        if folder == "" and number == 1:
            return html  # the home page shows its sections at the top (kb_listing)
        t = strings.for_language(state.lang)
        data = listing.listing(state.catalog, state.lang, folder, number, self.config.page_size, page.url, t,
                               with_sections=number == 1, order=section_order(config))
        return html + theme.templates(config).get_template("kbforge/listing.html").render(listing=data, t=t)

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        if self.local is not None:
            context["kb_nav"] = self.local.for_page(page)
        if self.listings.get(page.file.abs_src_path) == ("", 1):
            state = get_state(config)
            entry = state.catalog.for_source(page.file.abs_src_path)
            if entry is not None and not state.is_fallback(entry):
                t = strings.for_language(state.lang)
                context["kb_listing"] = listing.listing(
                    state.catalog, state.lang, "", 1, self.config.page_size, page.url, t,
                    with_sections=True, order=section_order(config))
        return context

