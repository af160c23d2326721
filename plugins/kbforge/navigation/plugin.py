"""Navigation for a knowledge base: each page carries the top level, its
section's neighbourhood and breadcrumbs (not the whole tree), and section
pages list their articles, a page at a time.

Context key:
  kb_nav   {"top": [{title, page, count, active}], "local": {title, page, items,
           before, after, sections} or None, "crumbs": [{title, page}]}
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from . import listing
from .config import NavigationConfig
from .local import LocalNav

TEMPLATES = Path(__file__).with_name("templates")
ASSET = "assets/kbforge/navigation.css"


class NavigationPlugin(BasePlugin[NavigationConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.local = None
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, css=[ASSET], replaces_material=True)  # the nav

    def _folders(self, catalog, lang):
        """Folders with a listing: those with a landing page in ``lang``."""
        return [posixpath.dirname(e.path) for e in catalog.entries
                if e.lang == lang and not e.is_article and posixpath.basename(e.path) == "index.md"]

    @event_priority(-170)  # after kbforge/languages (-150) has placed the language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        catalog, lang = get_catalog(config), builds.current_language(config)
        t, size = strings.for_language(lang), self.config.page_size
        for folder in self._folders(catalog, lang):
            items = listing.articles_in(catalog, lang, folder)
            landing = catalog.at(lang, f"{folder}/index.md" if folder else "index.md")
            for number in range(2, listing.pages_of(items, size) + 1):
                here = listing.listing_url(lang, folder, number)
                body = listing.render(catalog, lang, folder, number, size, here, t, with_sections=False)
                title = t["listing_page"].format(title=landing.title, n=number)
                markdown = f"---\ntitle: \"{title}\"\n---\n\n{body}\n"
                files.append(theme.generated_page(config, here.rstrip("/") + ".md", markdown, lang))
        return files

    @event_priority(-160)  # after kbforge/catalog (-150) has arranged the sections
    def on_nav(self, nav, *, config: MkDocsConfig, files):
        if self.config.enabled:
            self.local = LocalNav(nav, self.config.neighbours)
        return nav

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        catalog, lang = get_catalog(config), builds.current_language(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or entry.is_article or entry.lang != lang:
            return markdown
        folder = posixpath.dirname(entry.path)
        here = f"{lang}/{folder}/" if folder else f"{lang}/"
        return markdown.rstrip() + "\n\n" + listing.render(
            catalog, lang, folder, 1, self.config.page_size, here, strings.for_language(lang), with_sections=True,
            order=config.plugins["kbforge/catalog"].config.sections) + "\n"

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if self.config.enabled and self.local is not None:
            context["kb_nav"] = self.local.for_page(page)
        return context
