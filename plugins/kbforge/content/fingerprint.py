"""Fingerprints of an article version, whole and per keyed section."""

from __future__ import annotations

import hashlib
import re
import unicodedata

HASH_LENGTH = 12
_KEYED = re.compile(r"^(#{1,6})\s+(.*?)\s*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")


def _digest(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def fingerprint(title: str, summary: str | None, body: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """(whole hash, {section key: hash}, {section key: heading text}) of one version."""
    sections: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    current = None
    for line in body.splitlines():
        if match := _KEYED.match(line):
            current = match.group(3)
            titles[current] = match.group(2)
            sections[current] = []
        if current:
            sections[current].append(line)
    whole = _digest(f"{title}\n{summary or ''}\n{body}")
    return whole, {key: _digest("\n".join(lines)) for key, lines in sections.items()}, titles
