"""Tags per language: an index of every tag (``/<lang>/tags/``), and a page of
its own (a page of 50 articles at a time) for each tag that several articles
carry, or that a writer asked for in mkdocs.yml (``kbforge/experience:
tag_pages:``). A tag of one article leads from the index straight to it."""

from __future__ import annotations

from slugify import slugify

from .. import urls
from ..content.catalog import Catalog, Entry
from ..content.collation import sort_key


def live_tags(catalog: Catalog, lang: str) -> list[tuple[str, list[Entry]]]:
    """Every tag of ``lang`` with its live articles, both in the language's alphabetical order."""
    out = []
    for tag, entries in catalog.tag_index(lang).items():
        live = sorted((e for e in entries if not e.retired and not e.archived),
                      key=lambda e: (sort_key(e.title, lang), e.path))
        if live:
            out.append((tag, live))
    return sorted(out, key=lambda pair: sort_key(pair[0], lang))


def has_page(tag: str, entries: list, min_articles: int, asked: set[str]) -> bool:
    return len(entries) >= min_articles or tag in asked


def tag_pages(catalog: Catalog, lang: str, size: int = 50, min_articles: int = 2,
              asked: frozenset[str] = frozenset()) -> list[dict]:
    """Every page of every tag of ``lang`` that has pages: {url, tag, number, entries, urls}."""
    out = []
    scheme = catalog.urls
    for tag, live in live_tags(catalog, lang):
        if not has_page(tag, live, min_articles, asked):
            continue
        first = scheme.tag(lang, tag)
        count = max(1, -(-len(live) // size))
        page_urls = [first if n == 0 else scheme.folder(f"{first.removesuffix('index.html').rstrip('/')}/page/{n + 1}")
                     for n in range(count)]
        for number, url in enumerate(page_urls, start=1):
            out.append({"url": url, "tag": tag, "number": number, "entries": live[(number - 1) * size: number * size],
                        "urls": page_urls})
    return out


def anchor(tag: str) -> str:
    """The tag's place on the index page."""
    return "tag-" + (slugify(tag) or "tag")


def tag_url(catalog: Catalog, lang: str, tag: str, min_articles: int, asked: frozenset[str]) -> str:
    """Where a tag leads: its page, else its line on the index (with its one article)."""
    live = dict(live_tags(catalog, lang)).get(tag, [])
    if has_page(tag, live, min_articles, asked):
        return catalog.urls.tag(lang, tag)
    return catalog.urls.tags(lang) + "#" + anchor(tag)


def index_view(catalog: Catalog, lang: str, here: str, min_articles: int, asked: frozenset[str], t) -> dict:
    """The tag index of ``lang`` seen from ``here``: [{tag, anchor, href, count_text, only}]."""
    items = []
    for tag, live in live_tags(catalog, lang):
        paged = has_page(tag, live, min_articles, asked)
        items.append({
            "tag": tag, "anchor": anchor(tag), "count_text": t.count("articles_count", len(live)),
            "href": urls.relative(here, catalog.urls.tag(lang, tag)) if paged else None,
            "only": None if paged else {"entry": live[0], "href": urls.relative(here, live[0].url)},
        })
    return {"tags": items}


def page_view(page: dict, here: str, lang: str, catalog: Catalog) -> dict:
    return {
        "items": [{"entry": e, "href": urls.relative(here, e.url)} for e in page["entries"]],
        "pages": [{"number": n, "href": urls.relative(here, u), "current": n == page["number"]}
                  for n, u in enumerate(page["urls"], start=1)] if len(page["urls"]) > 1 else [],
    }
