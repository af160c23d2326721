"""Tag pages per language: every article with one tag, and the list of tags."""

from __future__ import annotations

import posixpath
from html import escape

from slugify import slugify

from ..content.catalog import Catalog
from ..navigation.listing import pager


def tag_url(lang: str, tag: str) -> str:
    return f"{lang}/tags/{slugify(tag) or 'tag'}/"


def pages(catalog: Catalog, lang: str, t: dict, size: int = 50) -> dict[str, str]:
    """URL (below the site) -> Markdown of the pages of every tag of ``lang``,
    ``size`` articles to a page."""
    out = {}
    for tag, entries in sorted(catalog.tag_index(lang).items(), key=lambda kv: kv[0].casefold()):
        live = sorted((e for e in entries if not e.retired and not e.archived), key=lambda e: (e.title.casefold(), e.path))
        first = tag_url(lang, tag)
        urls = [first if n == 0 else f"{first}page/{n + 1}/" for n in range(max(1, -(-len(live) // size)))]
        for number, url in enumerate(urls, start=1):
            chunk = live[(number - 1) * size: number * size]
            items = "\n".join(
                f'<li><a href="{escape(posixpath.relpath(e.url, url.rstrip("/")))}/">{escape(e.title)}</a>'
                f'<br><span class="kb-listing-summary">{escape(e.summary or "")}</span></li>' for e in chunk)
            title = t["tag_page_title"].format(tag=tag) + (f" ({number})" if number > 1 else "")
            out[url] = (f'---\ntitle: "{title}"\n---\n\n<ul class="kb-listing" markdown="0">\n{items}\n</ul>\n'
                        + pager(urls, number, url, t) + "\n")
    return out
