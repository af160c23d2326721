"""What the parse of one article finds: its structure, with file lines.

The catalog keeps an ``Outline`` per page; link checks, the consistency check,
related articles, search and the staff pages read it instead of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KB_SCHEME = "kb:"
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


@dataclass(frozen=True)
class Link:
    """A link or image target as written: "kb:KB-0042#steps", "../faq/a.md#x",
    "https://...", "img/a.png"."""

    target: str
    line: int
    internal: bool = False  # inside an internal passage (staff only)
    section: str = ""  # key of the section it is in ("" before the first one)
    image: bool = False
    raw_html: bool = False  # written as HTML, not as a Markdown link

    @property
    def is_kb(self) -> bool:
        return self.target.startswith(KB_SCHEME)

    @property
    def scheme(self) -> str | None:
        head = self.target.split("#", 1)[0].split("?", 1)[0]
        if ":" in head and "/" not in head.split(":", 1)[0]:
            return head.split(":", 1)[0].lower()
        return None

    @property
    def is_local(self) -> bool:
        """A path inside the docs (a page, an image, an attachment), not a URL."""
        return self.scheme is None and not self.target.startswith(("#", "/", "//"))

    @property
    def is_page(self) -> bool:
        return self.is_local and self.split()[0].endswith(".md")

    def split(self) -> tuple[str, str | None]:
        """(id or path, section key or None)."""
        target = self.target[len(KB_SCHEME):] if self.is_kb else self.target
        head, _, section = target.partition("#")
        head = head.split("?", 1)[0]
        return head, section or None


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    key: str | None  # the explicit {#key}, the same in every language
    line: int


@dataclass(frozen=True)
class FactUse:
    name: str
    form: str  # "" (the full form), "number" or "link"
    line: int
    section: str = ""
    internal: bool = False


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    error: bool = True  # False: a warning (strict turns it into a failure)


@dataclass
class Section:
    """The text under one keyed heading (key "" is the intro before the first)."""

    key: str
    title: str = ""
    line: int = 1
    text: list[str] = field(default_factory=list)  # plain text, code and fact values left out
    unkeyed: int = 0  # headings without a key inside it


@dataclass
class Outline:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    facts: list[FactUse] = field(default_factory=list)
    tickets: list[tuple[str, str]] = field(default_factory=list)  # (section key, ticket id)
    sections: list[Section] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # runbook steps under {#steps}, as text
    questions: list[str] = field(default_factory=list)  # FAQ question keys (q-...)
    problems: list[Problem] = field(default_factory=list)
    internal_passages: int = 0

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(h.key for h in self.headings if h.key)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)
