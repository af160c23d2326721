"""The navigation one page carries: the top level, the current section's
neighbourhood and breadcrumbs, instead of the whole tree (which makes every
page as large as the knowledge base)."""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def _index_page(section: Section) -> Page | None:
    for child in section.children:
        if isinstance(child, Page) and child.file.name == "index":
            return child
    return None


def _link(item) -> Page | None:
    if isinstance(item, Page):
        return item
    return _index_page(item) or next((c for c in item.children if isinstance(c, Page)), None)


class LocalNav:
    """Built once per language build; ``for_page`` is cheap."""

    ROOT_PAGES = 10  # at most this many pages outside sections go in the top level

    def __init__(self, nav: Navigation, neighbours: int):
        self.nav, self.neighbours = nav, neighbours
        self.root = [i for i in nav.items if isinstance(i, Page) and i is not nav.homepage]
        self.root_position = {id(p): n for n, p in enumerate(self.root)}  # Page.__eq__ is slow
        self.where: dict[int, tuple[Section | None, int]] = {}  # id(page) -> (section, position)
        self._walk(nav.items, None)

    def _walk(self, items, section):
        pages = [item for item in items if isinstance(item, Page) and not (section and item.file.name == "index")]
        for position, page in enumerate(pages):
            self.where[id(page)] = (section, position)
        for item in items:
            if isinstance(item, Section):
                self._walk(item.children, item)
                index = _index_page(item)
                if index is not None:
                    self.where[id(index)] = (item, -1)

    def _window(self, pages: list, position: int) -> tuple[list, int, int]:
        start = max(0, position - self.neighbours) if position >= 0 else 0
        end = min(len(pages), max(position, 0) + self.neighbours + 1)
        return pages[start:end], start, len(pages) - end

    def for_page(self, page: Page) -> dict:
        section, position = self.where.get(id(page), (None, 0))
        many_roots = len(self.root) > self.ROOT_PAGES
        top = []
        for item in self.nav.items:
            if isinstance(item, Page) and many_roots and item is not self.nav.homepage:
                continue  # a flat knowledge base: its pages are listed on the home page
            target = _link(item)
            if target is None:
                continue
            count = sum(1 for c in item.children if isinstance(c, Page) and c.file.name != "index"
                        and not getattr(c, "kb_fallback", None)) if isinstance(item, Section) else None
            top.append({"title": item.title, "page": target, "count": count,
                        "active": item is section or item is page or (section is not None and _ancestor(section, item))})
        local = None
        if section is not None:
            siblings = [c for c in section.children if isinstance(c, Page) and c.file.name != "index"]
            items, before, after = self._window(siblings, position)
            local = {"title": section.title, "page": _index_page(section), "pages": items,
                     "before": before, "after": after,
                     "sections": [c for c in section.children if isinstance(c, Section)]}
        elif many_roots and id(page) in self.root_position:
            items, before, after = self._window(self.root, self.root_position[id(page)])
            local = {"title": self.nav.homepage.title if self.nav.homepage else "", "page": self.nav.homepage,
                     "pages": items, "before": before, "after": after, "sections": []}
        crumbs = []
        parent = section
        while parent is not None:
            index = _index_page(parent)
            # (i18n leaves the language folder as a parent: its index is the home page)
            if index is not None and index is not page and index is not self.nav.homepage:
                crumbs.insert(0, {"title": parent.title, "page": index})
            parent = parent.parent
        if self.nav.homepage is not None and self.nav.homepage is not page:
            crumbs.insert(0, {"title": self.nav.homepage.title, "page": self.nav.homepage})
        return {"top": top, "local": local, "crumbs": crumbs, "flat": many_roots and local is not None and section is None}


def _ancestor(section: Section, item) -> bool:
    parent = section.parent
    while parent is not None:
        if parent is item:
            return True
        parent = parent.parent
    return False
