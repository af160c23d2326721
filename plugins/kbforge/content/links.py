"""Links between articles: by id (``kb:KB-0042#section``) and by relative path.

Links are found in each file's full text once, when the catalog is loaded,
so errors carry the file's real line numbers.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .passages import internal_lines

SCHEME = "kb:"
_TARGET = r"<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?"
INLINE = re.compile(r"\]\(\s*" + _TARGET + r"\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*" + _TARGET, re.M)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING_KEY = re.compile(r"^#{1,6}\s.*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}\s*$")


@dataclass(frozen=True)
class Link:
    line: int  # line in the file
    target: str  # as written, e.g. "kb:KB-0042#steps" or "../faq/a.md#q-x"
    internal: bool = False  # inside an internal passage (staff only)

    @property
    def is_kb(self) -> bool:
        return self.target.startswith(SCHEME)

    @property
    def is_page(self) -> bool:
        path = self.target.split("#", 1)[0]
        return not self.is_kb and path.endswith(".md") and "://" not in path

    def split(self) -> tuple[str, str | None]:
        """(id or path, section or None)."""
        target = self.target[len(SCHEME) :] if self.is_kb else self.target
        head, _, section = target.partition("#")
        return head, section or None


def scan(body: str, body_line: int) -> tuple[list[Link], tuple[str, ...]]:
    """Links to articles and the explicit heading keys of one page's body."""
    links, keys = [], []
    fenced = False
    lines = body.split("\n")
    internal = internal_lines(lines)
    for number, line in enumerate(lines, start=body_line):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if key := HEADING_KEY.match(line):
            keys.append(key.group(1))
        for match in (*INLINE.finditer(line), *REFERENCE.finditer(line)):
            link = Link(number, match.group("target"), number - body_line in internal)
            if link.is_kb or link.is_page:
                links.append(link)
    return links, tuple(keys)


def join(page_path: str, relative: str) -> str:
    """Resolve a relative .md link from a page path inside one language folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), relative))


def relative(from_path: str, to_path: str) -> str:
    """The relative .md link from one page path to another in the same language folder."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
