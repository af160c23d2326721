"""Suggested articles for a ticket: its language, the words that say what it
is about, the five best articles with the sections that match, and the
customer-facing permalink of each. Reads the same index files the browser
reads (``/<lang>/kbsearch/``) and the site's ticket profile
(``/agent/profile.json``); agent.js does the same steps in the browser.

Choosing the query (ticket words -> a bounded search):
1. ``ticket.clean``: greetings, sign-offs, signatures, quoted history,
   addresses and anything with a digit go.
2. The rest, less the language's filler words and words of one letter, are
   candidates: a word counts more the more often the ticket uses it, more
   if the knowledge base's own vocabulary has it (glossary terms and their
   other forms, synonyms, articles' ``questions:``, the fact sheet's values),
   less if it is one of the language's most common words that the knowledge
   base does not use for anything in particular.
3. The best ``CANDIDATES`` are looked up in the lexicon (one small file per
   two first letters): its number of documents gives the word's weight
   (inverse document frequency). The ``KNOWN`` best words the knowledge base
   has, and the ``OWN`` best it does not have but the language's word vectors
   do (customers' own words: they reach the articles through meaning), in
   the ticket's order, are the query; words neither has (names, products)
   are left out. Only words that were neighbours in the ticket count as a
   phrase. So a long ticket fetches about as little as a short query.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..searchcore.query import Searcher
from ..searchcore.text import fold, words
from . import detect, ticket

CANDIDATES, KNOWN, OWN = 16, 10, 2
# The index's terms are syllables in Vietnamese, and a Vietnamese word is about
# two of them ("hóa đơn", "máy sấy"): as many words take twice the terms.
TERMS_PER_WORD = {"vi": 2}
VOCABULARY, COMMON = 1.5, 0.5  # weight of a word of the knowledge base's vocabulary, of a common word
TOP = 5
SECTIONS = 3  # matched sections shown per article


@dataclass
class Section:
    key: str  # the heading's anchor ("steps", "q-credit-note", a slug)
    title: str
    words: list[str]  # the query words it has

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "words": self.words}


@dataclass
class Suggestion:
    id: str | None
    lang: str
    title: str
    summary: str
    url: str  # on this (staff) site
    permalink: str | None  # on the customer site; None when customers cannot open it
    internal: bool
    score: float
    sections: list[Section] = field(default_factory=list)

    def link(self, section: Section | None = None) -> str | None:
        """The customer permalink, to ``section`` (or the best matched one)."""
        if self.permalink is None:
            return None
        section = section or (self.sections[0] if self.sections else None)
        return self.permalink + ("#" + section.key if section else "")

    def as_dict(self) -> dict:
        return {"id": self.id, "language": self.lang, "title": self.title, "summary": self.summary,
                "url": self.url, "permalink": self.link(), "internal": self.internal,
                "score": round(self.score, 4), "sections": [s.as_dict() for s in self.sections]}


@dataclass
class Answer:
    lang: str | None  # the language searched
    detected: str | None  # the language detected (None when --lang was given)
    query: list[str]  # the words searched for
    suggestions: list[Suggestion]
    fetched: list[str] = field(default_factory=list)  # index files read, as a browser would download them

    def as_dict(self) -> dict:
        return {"language": self.lang, "detected": self.detected, "query": self.query,
                "suggestions": [s.as_dict() for s in self.suggestions]}


def candidates(text: str, stop, vocabulary: set[str], common: set[str]) -> list[tuple[str, float]]:
    """(word, prior weight) of the ticket's content words, best first (ties: first used)."""
    counts: dict[str, int] = {}
    for word in words(text):
        if len(word) < 2 or any(c.isdigit() for c in word) or stop(word):
            continue
        counts[word] = counts.get(word, 0) + 1
    out = []
    for word, count in counts.items():
        key = fold(word)
        weight = 1 + math.log(count)
        if key in vocabulary:
            weight *= VOCABULARY
        elif key in common:
            weight *= COMMON
        out.append((word, weight))
    order = {w: i for i, (w, _) in enumerate(out)}
    return sorted(out, key=lambda item: (-item[1], order[item[0]]))


def documents(searcher: Searcher, word: str) -> int:
    """How many documents have ``word`` (any spelling of it, or a form with its beginning); 0: none."""
    key = fold(word)
    lexicon = searcher.lexicon(key)
    group = [e for e in lexicon.get(key, []) if e[2] != 0]
    exact = [e for e in group if e[0] == word]
    if exact or group:
        return max(e[1] for e in (exact or group))
    if len(key) >= 5:
        forms = [e[1] for other, entries in lexicon.items() if other[:max(4, len(key) - 3)] == key[:max(4, len(key) - 3)]
                 for e in entries if e[2] != 0]
        return max(forms, default=0)
    return 0


def choose(searcher: Searcher, text: str, vocabulary: set[str], common: set[str]) -> tuple[list[str], set]:
    """The query for a cleaned ticket: its most informative words, in the
    ticket's order, and the pairs of them that are neighbours in the ticket
    (filler words between them aside, as the index pairs words)."""
    scale = TERMS_PER_WORD.get(searcher.manifest["lang"], 1)
    found = candidates(text, searcher.is_stop, vocabulary, common)[:CANDIDATES * scale]
    n = searcher.manifest["docs"] or 1
    known, own = [], []
    for rank, (word, prior) in enumerate(found):
        df = documents(searcher, word)
        if df:
            known.append((prior * math.log(1 + n / df), rank, word))
        elif searcher.known(word):  # a word of the language the articles do not use: meaning only
            own.append((prior, rank, word))
    known.sort(key=lambda k: (-k[0], k[1]))
    own.sort(key=lambda k: (-k[0], k[1]))
    chosen = {word for _, _, word in known[:KNOWN * scale]} | {word for _, _, word in own[:OWN * scale]}
    query = [word for word in dict.fromkeys(words(text)) if word in chosen]
    pairs = set()
    for line in text.split("\n"):
        content = [w for w in words(line) if not searcher.is_stop(w)]
        pairs.update((a, b) for a, b in zip(content, content[1:]) if a in chosen and b in chosen)
    return query, pairs


def matched_sections(doc: dict, terms: list[tuple[str, str]]) -> list[Section]:
    """The sections of a result that have the query's words, best first.
    ``terms``: (typed word, folded stem) of each query word the index has."""
    headings = [list(h) for h in doc.get("h", [])]
    sections: list[tuple[str, str, list[str]]] = []  # (key, title, words)
    current = None
    pending = list(headings)
    for line in (doc.get("t", ""), *doc.get("x", "").split("\n")):
        if pending and line.strip() == pending[0][1]:
            key, title = pending.pop(0)
            current = (key, title, [])
            sections.append(current)
            line = title
        if current is None:
            continue
        current[2].extend(words(line))
    for key, title in pending:  # beyond the text kept for snippets: the heading alone
        sections.append((key, title, words(title)))
    out = []
    for key, title, found in sections:
        folded = {fold(w) for w in found}
        hits = [typed for typed, stem in terms if any(f.startswith(stem) for f in folded)]
        if hits:
            out.append((len(hits), Section(key, title, hits)))
    out.sort(key=lambda item: -item[0])
    return [s for _, s in out[:SECTIONS]]


def stems(searcher: Searcher, results) -> list[tuple[str, str]]:
    out = []
    for word in results.words:
        for term, _ in word.terms[:1]:
            stem = term[1:] if term.startswith("~") else fold(term)
            if len(stem) >= 2:
                out.append((word.typed, stem))
    return out


class Suggester:
    """Suggestions from a built site (the staff site's folder)."""

    def __init__(self, site: str | Path):
        self.site = Path(site)
        path = self.site / "agent" / "profile.json"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no ticket profile (build the staff site with kbforge/agent)")
        self.profile = json.loads(path.read_text(encoding="utf-8"))
        self.languages = self.profile["detect"]["langs"]

    def searcher(self, lang: str) -> Searcher:
        # No typo correction: a ticket's word that neither the articles nor the
        # language has is a name or a product; looking for its neighbours costs
        # the largest lexicon files (agent.js asks the engine the same).
        return Searcher(self.site / lang / "kbsearch", typos=False)

    def detect(self, text: str) -> str | None:
        return detect.detect(ticket.clean(text) or text, self.profile["detect"])

    def suggest(self, text: str, lang: str | None = None, top: int = TOP) -> Answer:
        cleaned = ticket.clean(text)
        detected = None
        if lang is None:
            lang = detected = detect.detect(cleaned or text, self.profile["detect"])
        if lang is None:
            return Answer(None, None, [], [])
        if lang not in self.languages:
            raise ValueError(f"unknown language '{lang}' (this site has: {', '.join(self.languages)})")
        searcher = self.searcher(lang)
        words_of = self.profile["words"].get(lang, {})
        query, pairs = choose(searcher, cleaned, set(words_of.get("vocabulary", [])), set(words_of.get("common", [])))
        if not query:
            return Answer(lang, detected, [], [], searcher.fetched)
        results = searcher.search(" ".join(query), pairs=pairs)
        terms = stems(searcher, results)
        out = []
        for hit in results.hits[:top]:
            doc = searcher.doc(hit.doc)
            meta = doc.get("k", {})
            out.append(Suggestion(
                id=meta.get("id"), lang=lang, title=doc["t"], summary=doc.get("m", ""), url=doc["u"],
                permalink=meta.get("permalink"), internal=bool(meta.get("internal")), score=hit.score,
                sections=matched_sections(doc, terms),
            ))
        return Answer(lang, detected, query, out, searcher.fetched)
