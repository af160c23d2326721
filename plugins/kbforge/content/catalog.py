"""The catalog: every page of every language, read and validated once per build.

Later capabilities (cross-links, permalinks, search, translation status,
audiences) read the catalog instead of parsing the files again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import frontmatter
from .errors import ContentError, ContentErrors
from .glossary import Term, load_glossary
from .model import Article, explain, model_for

GLOSSARY_FILE = "glossary.yml"  # in each language folder
_LOCALE_DIR = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class Entry:
    """One page in one language, as the catalog knows it."""

    lang: str
    path: str  # relative to the language folder, e.g. "faq/billing.md"
    src: str  # absolute path of the Markdown file
    shown: str  # path shown in messages, e.g. "docs/pl/faq/billing.md"
    title: str
    summary: str | None
    body_line: int
    id_line: int = 1
    id: str | None = None  # None for landing pages (index.md)
    type: str | None = None
    audience: str | None = None
    tags: tuple[str, ...] = ()
    owner: str | None = None
    reviewed: dt.date | None = None

    @property
    def is_article(self) -> bool:
        return self.id is not None

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs, e.g. "pl/faq/billing/"."""
        return f"{self.lang}/{page_url(self.path)}"

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "type": self.type,
            "audience": self.audience,
            "tags": list(self.tags),
            "url": self.url,
            "summary": self.summary,
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
        }


def page_url(rel_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file: "a/b.md" -> "a/b/", "a/index.md" -> "a/"."""
    stem = rel_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


@dataclass
class Catalog:
    languages: list[str]  # in configured order
    default: str
    entries: list[Entry] = field(default_factory=list)
    glossary: dict[str, dict[str, Term]] = field(default_factory=dict)  # lang -> key -> term

    def __post_init__(self):
        self._by_path = {(e.lang, e.path): e for e in self.entries}
        self._by_src = {e.src: e for e in self.entries}
        self._by_id: dict[str, dict[str, Entry]] = {}
        for e in self.entries:
            if e.id:
                self._by_id.setdefault(e.id, {})[e.lang] = e

    def get(self, article_id: str, lang: str) -> Entry | None:
        return self._by_id.get(article_id, {}).get(lang)

    def at(self, lang: str, rel_path: str) -> Entry | None:
        return self._by_path.get((lang, rel_path))

    def for_source(self, src: str) -> Entry | None:
        return self._by_src.get(os.path.normpath(src))

    def translations(self, entry: Entry) -> dict[str, Entry]:
        """The same page in every language it exists in (by id, else by path)."""
        if entry.id:
            return dict(self._by_id.get(entry.id, {}))
        return {lang: e for lang in self.languages if (e := self.at(lang, entry.path))}

    def articles(self, lang: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.is_article and (lang is None or e.lang == lang)]

    @property
    def ids(self) -> list[str]:
        return sorted(self._by_id)


def load_catalog(docs_dir: str, languages: list[str], default: str, shown_base: str) -> Catalog:
    """Read and validate every Markdown file under ``docs_dir``.

    ``docs_dir/<lang>/...`` holds each language; ``shown_base`` is the folder
    paths in messages are relative to (the project). Raises ``ContentErrors``
    with every problem found, not only the first.
    """
    errors: list[ContentError] = []
    entries: list[Entry] = []
    root = Path(docs_dir)
    for src in sorted(root.rglob("*.md")):
        rel = src.relative_to(root).as_posix()
        shown = os.path.relpath(src, shown_base).replace(os.sep, "/")
        lang, _, path = rel.partition("/")
        if not path:
            errors.append(ContentError(shown, 1, f"not in a language folder ({', '.join(languages)})"))
            continue
        if lang not in languages:
            if _LOCALE_DIR.match(lang):
                msg = f"unknown language '{lang}' (configured: {', '.join(languages)})"
            else:
                msg = f"'{lang}/' is not a language folder ({', '.join(languages)})"
            errors.append(ContentError(shown, 1, msg))
            continue
        try:
            entries.append(_read(src, lang, path, shown))
        except ContentErrors as exc:
            errors.extend(exc.errors)
        except ContentError as exc:
            errors.append(exc)
    errors.extend(_check_ids(entries, languages, default))
    glossary = {}
    for lang in languages:
        path = root / lang / GLOSSARY_FILE
        if path.exists():
            try:
                glossary[lang] = load_glossary(path, os.path.relpath(path, shown_base))
            except ContentErrors as exc:
                errors.extend(exc.errors)
    if errors:
        raise ContentErrors(errors)
    return Catalog(languages=list(languages), default=default, entries=entries, glossary=glossary)


def _read(src: Path, lang: str, path: str, shown: str) -> Entry:
    try:
        text = src.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = src.read_bytes()[: exc.start].count(b"\n") + 1
        raise ContentError(shown, line, "not valid UTF-8 text") from None
    fm = frontmatter.parse(text, shown)
    model = model_for(path)
    try:
        meta = model.model_validate(fm.data)
    except ValidationError as exc:
        raise ContentErrors(
            [ContentError(shown, fm.line_of(loc), msg) for loc, msg in explain(exc, model)]
        ) from None
    common = dict(
        lang=lang,
        path=path,
        src=os.path.normpath(str(src)),
        shown=shown,
        title=meta.title,
        summary=meta.summary,
        body_line=fm.body_line,
        id_line=fm.line_of(("id",)),
    )
    if isinstance(meta, Article):
        return Entry(
            **common,
            id=meta.id,
            type=meta.type,
            audience=meta.audience,
            tags=tuple(meta.tags),
            owner=meta.owner,
            reviewed=meta.reviewed,
        )
    return Entry(**common)


def _check_ids(entries: list[Entry], languages: list[str], default: str) -> list[ContentError]:
    errors = []
    seen: dict[tuple[str, str], Entry] = {}
    for e in entries:
        if not e.id:
            continue
        first = seen.setdefault((e.lang, e.id), e)
        if first is not e:
            errors.append(
                ContentError(
                    e.shown,
                    e.id_line,
                    f"id '{e.id}' is already used in language '{e.lang}' by {first.shown}",
                )
            )
    # Translations of one file (same path in each language folder) share one id.
    order = [default] + [lang for lang in languages if lang != default]
    by_path: dict[str, list[Entry]] = {}
    for e in entries:
        if e.id:
            by_path.setdefault(e.path, []).append(e)
    for group in by_path.values():
        group.sort(key=lambda e: order.index(e.lang))
        reference = group[0]
        for e in group[1:]:
            if e.id != reference.id:
                errors.append(
                    ContentError(
                        e.shown,
                        e.id_line,
                        f"id '{e.id}' differs from '{reference.id}' in {reference.shown}; "
                        "translations of one article share its id",
                    )
                )
    return errors
