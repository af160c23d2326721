"""Tag pages per language: every article with one tag, a page at a time."""

from __future__ import annotations

from .. import urls
from ..content.catalog import Catalog
from ..content.collation import sort_key


def tag_pages(catalog: Catalog, lang: str, size: int = 50) -> list[dict]:
    """Every page of every tag of ``lang``: {url, tag, number, entries, urls}."""
    out = []
    scheme = catalog.urls
    for tag, entries in sorted(catalog.tag_index(lang).items(), key=lambda kv: sort_key(kv[0], lang)):
        live = sorted((e for e in entries if not e.retired and not e.archived),
                      key=lambda e: (sort_key(e.title, lang), e.path))
        first = scheme.tag(lang, tag)
        count = max(1, -(-len(live) // size))
        page_urls = [first if n == 0 else scheme.folder(f"{first.removesuffix('index.html').rstrip('/')}/page/{n + 1}")
                     for n in range(count)]
        for number, url in enumerate(page_urls, start=1):
            out.append({"url": url, "tag": tag, "number": number, "entries": live[(number - 1) * size: number * size],
                        "urls": page_urls})
    return out


def page_view(page: dict, here: str, lang: str, catalog: Catalog) -> dict:
    return {
        "items": [{"entry": e, "href": urls.relative(here, e.url)} for e in page["entries"]],
        "pages": [{"number": n, "href": urls.relative(here, u), "current": n == page["number"]}
                  for n, u in enumerate(page["urls"], start=1)] if len(page["urls"]) > 1 else [],
    }
