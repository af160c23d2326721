"""YAML as writers need it and nothing more.

Every YAML we read (front matter, the glossary, paths, facts, the ledger)
goes through ``load``: anchors and aliases are refused (an alias "bomb" of
nine levels expands to a billion nodes), duplicate keys are refused (the
second ``title:`` would silently win), and every key path gets its line.
The checks run on libyaml's event stream and node graph, before anything is
constructed, so a hostile file costs as much as its own length.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import ContentError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """Safe loading; with ``dates_as_text`` (front matter), dates stay strings so
    a bad date is a validation error with a line, not PyYAML's bare ValueError."""


class _TextDates(_Base):
    pass


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str, shown: str, *, offset: int = 1, what: str = "YAML",
         dates_as_text: bool = False) -> tuple[Any, dict[tuple, int]]:
    """Parse ``text``; return its data and ``{key path: file line}``.

    ``offset`` is the file line of the text's first line (front matter starts
    on line 2). Raises ``ContentError`` with the line of the first problem.
    """
    loader_class = _TextDates if dates_as_text else _Loader
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, yaml.AliasEvent):
                raise ContentError(shown, event.start_mark.line + offset,
                                   f"{what}: aliases (*{event.anchor}) are not allowed; write the value out")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise ContentError(shown, event.start_mark.line + offset,
                                   f"{what}: anchors (&{anchor}) are not allowed; write the value out")
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _check_keys(node, shown, offset, what)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + offset if mark else offset
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start and start.line + offset != line:
            problem += f" ({context.removeprefix('while parsing ')} started on line {start.line + offset})"
        raise ContentError(shown, line, f"malformed {what}: {problem}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _collect_lines(node, (), offset, lines)
    return data, lines


def _check_keys(node, shown: str, offset: int, what: str) -> None:
    """Duplicate keys, anywhere (no aliases remain, so the graph is a tree)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + offset
                    if key.value in seen:
                        raise ContentError(shown, line, f"{what}: duplicate key '{key.value}' "
                                           f"(first on line {seen[key.value]}); keep one")
                    seen[key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


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
