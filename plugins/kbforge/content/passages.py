"""Internal passages: ``!!! internal "Title"`` blocks (or ``??? internal``)
inside an article, shown to staff and removed from the customer site."""

from __future__ import annotations

import re

MARKER = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+internal\b")


def internal_lines(lines: list[str]) -> set[int]:
    """0-based indexes of the lines that belong to internal passages."""
    inside, indent, found = False, 0, set()
    for index, line in enumerate(lines):
        if inside:
            if not line.strip() or len(line) - len(line.lstrip()) > indent:
                found.add(index)
                continue
            inside = False
        if match := MARKER.match(line):
            inside, indent = True, len(match.group("indent").expandtabs(4))
            found.add(index)
    # trailing blank lines after a passage belong to the text around it
    for index in sorted(found, reverse=True):
        if lines[index].strip():
            break
        found.discard(index)
    return found


def strip_internal(markdown: str) -> str:
    lines = markdown.split("\n")
    drop = internal_lines(lines)
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)
