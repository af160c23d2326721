"""Does a translation state what its original states? Section by section (by
heading key): the numbers, times, phone numbers, e-mail addresses and URLs in
the text, the ``kb:`` link targets, ticket ids and facts, and for the whole
article the sections present, the runbook steps and the FAQ questions.

A difference is a ``Finding`` with the translation's file and line and both
values; ``kbforge consistency`` lists them, the staff translation status
shows them, and a translation with findings is neither up to date nor stamped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .numbers import statements

KINDS = {
    "section": "sections", "heading": "headings without a key", "number": "numbers", "time": "times",
    "phone": "phone numbers", "email": "e-mail addresses", "url": "URLs", "link": "links",
    "ticket": "ticket ids", "fact": "facts", "steps": "runbook steps", "questions": "FAQ questions",
}


@dataclass(frozen=True, order=True)
class Finding:
    shown: str  # the translation's file
    line: int
    article: str
    lang: str
    source_lang: str
    section: str  # heading key; "" for the text before the first keyed heading
    kind: str  # a key of KINDS
    source: str  # what the original states
    translation: str  # what the translation states

    def __str__(self) -> str:
        where = f"section '{self.section}'" if self.section else "the intro"
        return (f"{self.shown}:{self.line}: {self.article}, {where}: {KINDS[self.kind]} differ: "
                f"{self.source_lang} has {self.source or 'none'}, {self.lang} has {self.translation or 'none'}")

    def as_dict(self) -> dict:
        return {"path": self.shown, "line": self.line, "article": self.article, "lang": self.lang,
                "source_lang": self.source_lang, "section": self.section, "kind": self.kind,
                "source": self.source, "translation": self.translation}


def _masked(text: str, glossary) -> str:
    """Glossary terms with digits in them ("tuyến 2") are names, not numbers."""
    for term in (glossary or {}).values():
        for form in (term.term, *term.also):
            if re.search(r"\d", form):
                text = re.sub(re.escape(form), " ", text, flags=re.IGNORECASE)
    return text


def _fmt(values) -> str:
    return ", ".join(sorted(str(v) for v in values))


def _section_facts(entry, key: str, glossary) -> dict[str, Counter]:
    section = entry.outline.section(key)
    text = _masked(" ".join(section.text), glossary) if section else ""
    found: dict[str, Counter] = {kind: Counter() for kind in ("number", "time", "phone", "email", "url")}
    for (kind, value), count in statements(text, entry.lang).items():
        found[kind][value if kind != "number" else _number_text(value)] += count
    found["link"], found["ticket"], found["fact"] = Counter(), Counter(), Counter()
    for link in entry.outline.links:
        if link.section != key:
            continue
        if link.is_kb:
            found["link"][link.target] = 1
        elif link.scheme == "mailto":
            found["email"][link.target[len("mailto:"):].lower()] += 0  # its text states it already
        elif link.scheme in ("http", "https"):
            found["url"][link.target] = max(found["url"][link.target], 1)
    for section_key, ticket in entry.outline.tickets:
        if section_key == key:
            found["ticket"][ticket] = 1
    for use in entry.outline.facts:
        if use.section == key:
            found["fact"][use.name] = 1
    return {kind: +counter for kind, counter in found.items()}


def _number_text(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def compare(original, version, glossaries: dict | None = None, memo: dict | None = None) -> list[Finding]:
    """What ``version`` (a translation) states differently from ``original``. ``memo``
    (a dict the caller keeps for one comparison run) spares reading an original's
    sections again for each of its translations."""
    glossaries = glossaries or {}
    memo = {} if memo is None else memo

    def facts_of(entry, key):
        found = memo.get((id(entry), key))
        if found is None:
            found = memo[(id(entry), key)] = _section_facts(entry, key, glossaries.get(entry.lang))
        return found
    out: list[Finding] = []

    def add(section: str, kind: str, line: int, source, translation) -> None:
        out.append(Finding(version.shown, line, version.id or version.path, version.lang, original.lang,
                           section, kind, source, translation))

    mine = {s.key: s for s in version.outline.sections}
    theirs = {s.key: s for s in original.outline.sections}
    first = version.body_line
    for key in theirs:
        if key not in mine:
            title = theirs[key].title
            add(key, "section", first, f"{{#{key}}} ({title})", "")
    for key in mine:
        if key not in theirs:
            add(key, "section", mine[key].line, "", f"{{#{key}}} ({mine[key].title})")
    for key, section in mine.items():
        if key not in theirs:
            continue
        line = section.line
        if section.unkeyed != theirs[key].unkeyed:
            add(key, "heading", line, str(theirs[key].unkeyed), str(section.unkeyed))
        a = facts_of(original, key)
        b = facts_of(version, key)
        for kind in ("number", "time", "phone", "email", "url", "link", "ticket", "fact"):
            source, translation = a.get(kind, Counter()), b.get(kind, Counter())
            if source != translation:
                missing, extra = source - translation, translation - source
                add(key, kind, line, _fmt(missing.elements()), _fmt(extra.elements()))
    if original.type == "runbook" or version.type == "runbook":
        if len(original.outline.steps) != len(version.outline.steps):
            line = mine["steps"].line if "steps" in mine else first
            add("steps", "steps", line, str(len(original.outline.steps)), str(len(version.outline.steps)))
    if original.outline.questions != version.outline.questions:
        if set(original.outline.questions) != set(version.outline.questions) or \
                len(original.outline.questions) != len(version.outline.questions):
            add("", "questions", first, str(len(original.outline.questions)), str(len(version.outline.questions)))
    return sorted(out)
