"""The navigation of one language: sections named by their index page, fallback
pages inside the section they belong to, sections in a configured order."""

from __future__ import annotations

import posixpath

from markupsafe import Markup
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from ..content.catalog import Catalog
from ..content.collation import sort_key


def _folder(page: Page) -> str:
    # i18n's language-free source path; a fallback page has the same as a translation.
    path = getattr(page.file, "norm_src_uri", page.file.src_uri)
    return posixpath.dirname(path)


def _section_folder(section: Section) -> str | None:
    pages = [c for c in section.children if isinstance(c, Page)]
    return _folder(pages[0]) if pages else None


def _title(item, catalog: Catalog) -> str:
    """What a nav item is called (at on_nav, MkDocs has not read the pages' titles yet)."""
    if isinstance(item, Page):
        entry = catalog.for_source(item.file.abs_src_path)
        if entry is not None:
            return entry.title
    return str(item.title or "")


def arrange(items: list, catalog: Catalog, order: list[str], lang: str | None = None) -> list:
    """Return ``items`` (a nav level) rearranged; sections are changed in place.
    Pages are sorted by title in the alphabetical order of ``lang`` (the reader's)."""
    lang = lang or catalog.default
    merged: dict[str, Section] = {}
    out = []
    for item in items:
        if isinstance(item, Section):
            folder = _section_folder(item)
            if folder is not None and folder in merged:  # a second section for one folder
                target = merged[folder]
                for child in item.children:
                    child.parent = target
                    target.children.append(child)
                continue
            if folder is not None:
                merged[folder] = item
            item.children = arrange(item.children, catalog, order, lang)
        out.append(item)
    for section in merged.values():
        for child in section.children:
            if isinstance(child, Page) and child.file.name == "index":
                entry = catalog.for_source(child.file.abs_src_path)
                if entry:
                    section.title = Markup.escape(entry.title)  # the theme does not escape
        # index page first, then by title in the language's own order
        section.children.sort(key=lambda c: (not (isinstance(c, Page) and c.file.name == "index"),
                                             isinstance(c, Section), sort_key(_title(c, catalog), lang)))

    def rank(item):
        if isinstance(item, Page) and item.file.name == "index":
            return (0, 0)
        if isinstance(item, Section):
            folder = (_section_folder(item) or "").split("/")[-1]
            return (1, order.index(folder) if folder in order else len(order))
        return (2, 0)

    return sorted(out, key=rank)


def relink(nav) -> None:
    """Previous/next links and nav.pages follow the rearranged order."""
    pages = []

    def walk(items):
        for item in items:
            if isinstance(item, Page):
                pages.append(item)
            elif isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    nav.pages = pages
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None
