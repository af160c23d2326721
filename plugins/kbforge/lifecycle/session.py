"""A ``mkdocs serve`` session: what outlives one build, on purpose.

MkDocs makes new plugins for every rebuild while serving and tells only the
first ones the command (``on_startup``). The session, opened there and closed
in ``on_shutdown``, keeps what a rebuild may reuse: whether rebuilds are dirty,
the parse of unchanged files, and what the site-wide files were written from.
Plain ``build()`` calls (tests) have no session.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Session:
    command: str  # "build", "serve", "gh-deploy"
    dirty: bool
    parsed: dict = field(default_factory=dict)  # file -> (stat key, outline), content.catalog's cache
    outlines: dict = field(default_factory=dict)  # site folder -> catalog outline of its site-wide files


_current: Session | None = None


def start(command: str, dirty: bool) -> Session:
    global _current
    _current = Session(command, dirty)
    return _current


def end() -> None:
    global _current
    _current = None


def current() -> Session | None:
    return _current


def serving() -> bool:
    return _current is not None and _current.command == "serve"


def dirty() -> bool:
    return _current is not None and _current.command == "serve" and _current.dirty
