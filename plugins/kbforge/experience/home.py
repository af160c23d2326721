"""The home page of one language: "How can we help?", the most useful
articles, and how to reach support."""

from __future__ import annotations

import posixpath
from html import escape

from ..content.catalog import Catalog, page_url


def search_box(t: dict) -> str:
    title = escape(t["home_search_title"])
    return (f'<div class="kb-home-search" markdown="0"><h2 id="help">{title}</h2>'
            f'<input type="search" class="kb-home-search__input" aria-label="{title}" placeholder="{title}"></div>')


def popular(catalog: Catalog, lang: str, ids: list[str], t: dict) -> str:
    items = []
    for article_id in ids:
        entry, _ = catalog.in_language(article_id, lang)
        if entry is not None and not entry.retired:
            href = posixpath.relpath(f"{lang}/{page_url(entry.path)}", lang) + "/"
            items.append(f'<li><a href="{escape(href)}">{escape(entry.title)}</a>'
                         f'<br><span class="kb-listing-summary">{escape(entry.summary or "")}</span></li>')
    if not items:
        return ""
    return (f'<h2 id="popular">{escape(t["popular_title"])}</h2>\n'
            f'<ul class="kb-listing kb-popular" markdown="0">{"".join(items)}</ul>')


def contact(support: dict, t: dict) -> str:
    lines = []
    if support.get("phone"):
        lines.append(f'<a href="tel:{escape(support["phone"].replace(" ", ""))}">{escape(support["phone"])}</a>')
    if support.get("email"):
        lines.append(f'<a href="mailto:{escape(support["email"])}">{escape(support["email"])}</a>')
    if not lines:
        return ""
    return (f'<div class="kb-contact admonition tip" markdown="0"><p class="admonition-title">{escape(t["contact_title"])}</p>'
            f'<p>{" · ".join(lines)}</p><p>{escape(t["contact_hours"])}</p></div>')
