"""Fingerprints of an article version, whole and per keyed section.

Sections start at the lines of the headings the parse found with an explicit
key; a heading-like line inside a code block starts nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

HASH_LENGTH = 12


def _digest(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def fingerprint(title: str, summary: str | None, body: str, body_line: int = 1,
                headings=()) -> tuple[str, dict[str, str], dict[str, str]]:
    """(whole hash, {section key: hash}, {section key: heading text}) of one version.
    ``headings`` are the parse's headings (with their file lines)."""
    lines = body.splitlines()
    starts = sorted((h.line - body_line, h.key, h.text) for h in headings if h.key)
    hashes, titles = {}, {}
    for n, (start, key, text) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        hashes[key] = _digest("\n".join(lines[max(start, 0):end]))
        titles[key] = text
    whole = _digest(f"{title}\n{summary or ''}\n{body}")
    return whole, hashes, titles
