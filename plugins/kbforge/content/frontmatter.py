"""Split a Markdown file into front matter and body, keeping line numbers.

MkDocs silently ignores YAML it cannot parse; here every problem becomes a
``ContentError`` with the line of the file where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import yamlsafe
from .errors import ContentError

_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass
class FrontMatter:
    data: dict[str, Any]
    body: str
    body_line: int  # line of the file where the body starts
    lines: dict[tuple, int] = field(default_factory=dict)  # key path -> file line

    def line_of(self, loc: tuple) -> int:
        """The line of the deepest known key on ``loc``, else the opening ``---``."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


def parse(text: str, path: str) -> FrontMatter:
    """Parse ``text`` (a file's full content). Raises ``ContentError``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    opened = _OPEN.match(text)
    if not opened:
        raise ContentError(path, 1, "no front matter: the file must start with a '---' line")
    close = _CLOSE.search(text, opened.end())
    if not close:
        raise ContentError(path, 1, "front matter is not closed: add a '---' line after it")
    source = text[opened.end() : close.start()]
    offset = 2  # YAML line 0 is file line 2
    data, lines = yamlsafe.load(source, path, offset=offset, what="YAML in front matter", dates_as_text=True)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(path, offset, "front matter must be a mapping of 'field: value' lines")
    body_line = text.count("\n", 0, close.end()) + 2
    body = re.sub(r"\A\r?\n", "", text[close.end() :])  # body line 1 is file line body_line
    return FrontMatter(data=data, body=body, body_line=body_line, lines=lines)
