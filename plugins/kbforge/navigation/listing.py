"""Section listings: the articles of one folder, in pages of a fixed size, in
the order of the reader's alphabet; articles missing in the reader's language
are listed in the language they exist in, labelled, and not counted."""

from __future__ import annotations

import math
import posixpath

from babel import Locale

from .. import urls
from ..content.catalog import Catalog, Entry
from ..content.collation import sort_key


def folder_of(entry: Entry) -> str:
    return posixpath.dirname(entry.path)


def language_name(code: str, reader: str) -> str:
    """A language's name in the reader's language ("wietnamski" for a Polish reader)."""
    return Locale.parse(reader).languages.get(code, code)


def articles_in(catalog: Catalog, lang: str, folder: str) -> list[Entry]:
    """The articles a reader of ``lang`` finds in ``folder`` (translations, else
    the fallback), in the reader's alphabetical order."""
    ids = catalog.folder_index().get(folder, set())
    found = [catalog.in_language(i, lang)[0] for i in ids]
    return sorted((e for e in found if e is not None and not e.archived),
                  key=lambda e: (sort_key(e.title, lang), e.path))


def count_in(catalog: Catalog, lang: str, folder: str) -> int:
    """The articles of ``folder`` written in ``lang`` (fallbacks do not count)."""
    return sum(1 for e in articles_in(catalog, lang, folder) if e.lang == lang)


def subsections(catalog: Catalog, lang: str, folder: str, order=()) -> list[tuple[Entry, int]]:
    """Folders directly below ``folder`` that have a landing page and articles on
    this site, with their article counts, in ``order`` (folder names) then alphabetically."""
    out = []
    for entry in catalog.entries:
        if entry.is_article or entry.lang != lang or not entry.path.endswith("/index.md"):
            continue
        sub = posixpath.dirname(entry.path)
        if posixpath.dirname(sub) == folder and articles_in(catalog, lang, sub):
            out.append((entry, count_in(catalog, lang, sub)))
    rank = {name: i for i, name in enumerate(order)}
    return sorted(out, key=lambda pair: (rank.get(posixpath.basename(posixpath.dirname(pair[0].path)), len(rank)),
                                         sort_key(pair[0].title, lang)))


def pages_of(items: list, size: int) -> int:
    return max(1, math.ceil(len(items) / size))


def listing(catalog: Catalog, lang: str, folder: str, number: int, size: int, here: str, t: dict,
            with_sections: bool, order=()) -> dict:
    """What page ``number`` of ``folder``'s listing shows, seen from the URL ``here``."""
    scheme = catalog.urls
    items = articles_in(catalog, lang, folder)
    total = pages_of(items, size)
    chunk = items[(number - 1) * size: number * size]
    sections = []
    if with_sections:
        sections = [{"entry": e, "count": n, "href": urls.relative(here, e.url),
                     "count_text": t.count("articles_count", n)}
                    for e, n in subsections(catalog, lang, folder, order)]
    return {
        "sections": sections,
        "articles": [{"entry": e, "href": urls.relative(here, catalog.url_in(e, lang)),
                      "fallback": language_name(e.lang, lang) if e.lang != lang else None} for e in chunk],
        "pages": [{"number": n, "href": urls.relative(here, scheme.listing(lang, folder, n)), "current": n == number}
                  for n in range(1, total + 1)] if total > 1 else [],
    }
