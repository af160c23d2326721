"""Section listings: the articles of one folder, in pages of a fixed size."""

from __future__ import annotations

import math
import posixpath
from html import escape

from ..content.catalog import Catalog, Entry, page_url


def folder_of(entry: Entry) -> str:
    return posixpath.dirname(entry.path)


def articles_in(catalog: Catalog, lang: str, folder: str) -> list[Entry]:
    """The articles a reader of ``lang`` finds in ``folder`` (translations, else the
    fallback), by title."""
    ids = catalog.folder_index().get(folder, set())
    found = [catalog.in_language(i, lang)[0] for i in ids]
    return sorted((e for e in found if e is not None and not e.archived), key=lambda e: (e.title.casefold(), e.path))


def subsections(catalog: Catalog, lang: str, folder: str, order=()) -> list[tuple[Entry, int]]:
    """Folders directly below ``folder`` that have a landing page and articles on
    this site, with their article counts, in ``order`` (folder names) then by title."""
    out = []
    for entry in catalog.entries:
        if entry.is_article or entry.lang != lang or not entry.path.endswith("/index.md"):
            continue
        sub = posixpath.dirname(entry.path)
        count = len(articles_in(catalog, lang, sub))
        if posixpath.dirname(sub) == folder and count:
            out.append((entry, count))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(out, key=lambda pair: (rank.get(posixpath.basename(posixpath.dirname(pair[0].path)), len(rank)),
                                         pair[0].title.casefold()))


def pages_of(items: list, size: int) -> int:
    return max(1, math.ceil(len(items) / size))


def listing_url(lang: str, folder: str, number: int) -> str:
    base = f"{lang}/{folder}/" if folder else f"{lang}/"
    return base if number == 1 else f"{base}page/{number}/"


def render(catalog: Catalog, lang: str, folder: str, number: int, size: int, here: str, t: dict,
           with_sections: bool, order=()) -> str:
    """HTML for page ``number`` of ``folder``'s listing, seen from the URL ``here``."""
    def href(url: str) -> str:
        return escape(posixpath.relpath(url, here.rstrip("/") or ".") + "/")

    out = []
    if with_sections:
        sections = subsections(catalog, lang, folder, order)
        if sections:
            out.append('<div class="kb-sections grid cards" markdown="0"><ul>')
            for entry, count in sections:
                out.append(f'<li><a href="{href(entry.url)}"><strong>{escape(entry.title)}</strong></a>'
                           f'<br><span class="kb-count">{escape(t["articles_count"].format(n=count))}</span>'
                           + (f"<br>{escape(entry.summary)}" if entry.summary else "") + "</li>")
            out.append("</ul></div>")
    items = articles_in(catalog, lang, folder)
    if not items:
        return "\n".join(out)
    total = pages_of(items, size)
    chunk = items[(number - 1) * size: number * size]
    out.append('<ul class="kb-listing" markdown="0">')
    for entry in chunk:
        note = f' hreflang="{entry.lang}"' if entry.lang != lang else ""
        out.append(f'<li><a href="{href(f"{lang}/{page_url(entry.path)}")}"{note}>{escape(entry.title)}</a>'
                   + (f'<br><span class="kb-listing-summary">{escape(entry.summary)}</span>' if entry.summary else "")
                   + "</li>")
    out.append("</ul>")
    out.append(pager([listing_url(lang, folder, n) for n in range(1, total + 1)], number, here, t))
    return "\n".join(out)


def pager(urls: list[str], number: int, here: str, t: dict) -> str:
    """Links to every page of a listing (none when there is one page)."""
    if len(urls) < 2:
        return ""
    current = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{escape(posixpath.relpath(url, here.rstrip("/")) + "/")}"{current if n == number else ""}>{n}</a></li>'
        for n, url in enumerate(urls, start=1))
    return f'<nav class="kb-pages" aria-label="{escape(t["pages_label"])}"><ul>{items}</ul></nav>'

