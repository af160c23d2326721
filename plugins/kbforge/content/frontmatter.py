"""Split a Markdown file into front matter and body, keeping line numbers.

MkDocs silently ignores YAML it cannot parse; here every problem becomes a
``ContentError`` with the line of the file where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import ContentError

_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader that leaves dates as text, so a bad date is a validation
    error with a line (PyYAML raises a bare ValueError on "2026-13-01")."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()  # one parse: the nodes give lines, then the data
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + offset if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start and start.line + offset != line:
            problem += f" ({context.removeprefix('while parsing ')} started on line {start.line + offset})"
        raise ContentError(path, line, f"malformed YAML in front matter: {problem}") from None
    if not isinstance(data, dict):
        raise ContentError(path, offset, "front matter must be a mapping of 'field: value' lines")
    lines: dict[tuple, int] = {}
    _collect_lines(node, (), offset, lines)
    body_line = text.count("\n", 0, close.end()) + 2
    body = re.sub(r"\A\r?\n", "", text[close.end() :])  # body line 1 is file line body_line
    return FrontMatter(data=data, body=body, body_line=body_line, lines=lines)


def _collect_lines(node, loc: tuple, offset: int, out: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = loc + (key.value,)
            out[sub] = key.start_mark.line + offset
            _collect_lines(value, sub, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out[loc + (index,)] = item.start_mark.line + offset
            _collect_lines(item, loc + (index,), offset, out)


def load_yaml(text: str, shown: str) -> tuple[object, dict[tuple, int]]:
    """A YAML data file (glossary, paths, ledger): its data and the line of every
    key path. Raises ``ContentError`` on malformed YAML."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(shown, mark.line + 1 if mark else 1, f"malformed YAML: {problem}") from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    _collect_lines(node, (), 1, lines)
    return data, lines
