"""Markdown and HTML rewriting for links: kb: ids to page links, ticket ids to links."""

from __future__ import annotations

import html
import posixpath
import re

from ..content.catalog import Catalog, Entry, page_url
from ..content.links import FENCE, INLINE, REFERENCE, SCHEME, Link, relative


def kb_links(markdown: str, source: Entry, lang: str, catalog: Catalog, fallback_note) -> str:
    """Replace every ``kb:ID#section`` target in ``markdown`` (the page body of
    ``source``, rendered for ``lang``) by a link MkDocs understands.

    ``fallback_note(entry)`` returns the attribute list and the visible note
    that mark a link leading to another language.
    """
    here = f"{lang}/{page_url(source.path)}"
    in_tree = {lang, catalog.default}  # i18n builds fallback pages from the default language

    def target_of(raw: str) -> tuple[str, Entry | None]:
        target = catalog.resolve(Link(0, raw), source, lang)
        entry = target.entry
        if entry.lang in in_tree:
            href = relative(source.path, entry.path)
        else:
            href = posixpath.relpath(entry.url, here) + "/"
        if target.section:
            href += "#" + target.section
        return href, entry if target.fallback else None

    def inline(match: re.Match) -> str:
        raw = match.group("target")
        if not raw.startswith(SCHEME):
            return match.group(0)
        href, fallback = target_of(raw)
        out = match.group(0).replace(raw, href, 1)
        return out + fallback_note(fallback) if fallback else out

    def reference(match: re.Match) -> str:
        raw = match.group("target")
        if not raw.startswith(SCHEME):
            return match.group(0)
        return match.group(0).replace(raw, target_of(raw)[0], 1)

    lines, fenced = [], False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and SCHEME in line:
            line = REFERENCE.sub(reference, INLINE.sub(inline, line))
        lines.append(line)
    return "\n".join(lines)


_TOKENS = re.compile(r"(<[^>]*>)")
_SKIP = {"a", "code", "pre", "script", "style"}


def ticket_links(content: str, systems: list[tuple[re.Pattern, str]]) -> str:
    """Link ticket ids in the text of ``content`` (HTML), never inside links or code."""
    out, skipping = [], []
    for token in _TOKENS.split(content):
        if token.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", token)
            tag = name.group(1).lower() if name else ""
            if tag in _SKIP and not token.endswith("/>"):
                if token.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            out.append(token)
        elif skipping or not token.strip():
            out.append(token)
        else:
            for pattern, url in systems:
                token = pattern.sub(
                    lambda m: f'<a class="kb-ticket" href="{html.escape(url.format(ticket=m.group(0)))}">'
                    f"{m.group(0)}</a>",
                    token,
                )
            out.append(token)
    return "".join(out)
