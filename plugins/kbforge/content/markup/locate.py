"""Lines for what the parse found.

Python-Markdown keeps no source positions. The parse yields its findings in
document order; each is located by the text it was written as (a link target,
a heading key, a tag), the n-th finding of one text at its n-th occurrence in
the body. Only messages use these lines; what is a link is decided by the parse.
"""

from __future__ import annotations

import bisect
import re


class Locator:
    def __init__(self, body: str, first_line: int):
        self.body = body
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.cursors: dict[str, int] = {}

    def line_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1 + self.first_line

    def find(self, *needles: str, default: int | None = None) -> int:
        """The line of the next occurrence of the first needle found."""
        for needle in needles:
            if not needle:
                continue
            start = self.cursors.get(needle, 0)
            at = self.body.find(needle, start)
            if at < 0 and start:
                at = self.body.find(needle)
            if at >= 0:
                self.cursors[needle] = at + len(needle)
                return self.line_at(at)
        return default if default is not None else self.first_line

    def find_pattern(self, pattern: re.Pattern, key: str, default: int | None = None) -> int:
        start = self.cursors.get(key, 0)
        match = pattern.search(self.body, start) or (pattern.search(self.body) if start else None)
        if match is None:
            return default if default is not None else self.first_line
        self.cursors[key] = match.end()
        return self.line_at(match.start())


class NoLines:
    """For rendering: the catalog has already told writers where things are."""

    first_line = 1

    def find(self, *needles: str, default: int | None = None) -> int:
        return 0

    def find_pattern(self, pattern, key: str, default: int | None = None) -> int:
        return 0
