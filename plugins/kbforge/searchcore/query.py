"""Search an index written by build.py, from Python (a CLI, the agent panel,
benchmarks). assets/kbforge/kbsearch.js is the same algorithm in the
browser; tests/test_searchcore.py checks that both rank alike.

    python -m kbforge.searchcore.query site/pl/kbsearch "jak zmienić hasło"

The ranking, for a query:
1. Its words, less the filler words ("jak", "how do I") unless nothing else is left.
2. Each word is looked up in the lexicon: its own spelling (weight 1);
   the same letters with other or no diacritics (1, or 0.9 when the reader
   typed diacritics that no word has; divided by the square root of how many
   words they may be: "tu" is tư, tử, tự...); one typo away (dropped, doubled,
   swapped, wrong letter: 0.7, and the query is shown corrected) unless it
   is a word of the language that the articles do not use; another form of
   the word (same beginning: 0.8).
3. Lexical score: per word its best BM25 impact in a document, summed, plus
   the impact of every pair of neighbouring words as a phrase; times how
   many of the words the document has (pages with most of them first, and
   pages with some of them are still shown).
4. Meaning: the query's vector (weighted mean of its words' vectors) against
   the documents of the nearest groups; added to the normalised lexical
   score, so an article that uses none of the customer's words can still
   come first when it is about the same thing. Meaning rescues, it does not
   overrule: when the best lexical match has every word, spelt as typed (one
   word) or as the phrase typed (every neighbouring pair), it counts less.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import encode
from .text import Language, fold, has_marks, words

WEIGHT_VARIANT, WEIGHT_WRONG_MARK, WEIGHT_TYPO, WEIGHT_FORM = 1.0, 0.9, 0.7, 0.8
PAIR = 1.0  # weight of a pair of neighbouring words found as a phrase
SEMANTIC = 0.4  # weight of meaning against the normalised lexical score
COORDINATION = 0.6  # how much having all the query's words counts
SURE = 0.75  # how much less meaning counts when the best lexical match has the whole query


@dataclass
class Word:
    typed: str
    terms: list[tuple[str, float]] = field(default_factory=list)
    pair: str | None = None  # its folded stem, for phrases
    corrected: str | None = None  # the word shown in "Showing results for"


@dataclass
class Hit:
    doc: int
    score: float
    lexical: float = 0.0
    semantic: float = 0.0
    matched: int = 0


@dataclass
class Results:
    hits: list[Hit]
    words: list[Word]
    corrected: str | None  # the query as corrected, or None

    def docs(self, searcher: "Searcher", limit: int = 10) -> list[dict]:
        return [searcher.doc(hit.doc) for hit in self.hits[:limit]]


def edit1(a: str, b: str) -> bool:
    """One dropped, added, changed or swapped letter between a and b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def common_prefix(a: str, b: str) -> int:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i


def _stem(entry) -> str:
    return entry[0] if entry[2] == 1 else entry[2]


PARTS = ("filler", "variants", "typos", "forms", "pairs", "coordination", "semantic", "sure")


class Searcher:
    """``parts``: switch a part of the ranking off (benchmarks/rank.py measures
    what each contributes): filler=False keeps filler words, and so on."""

    def __init__(self, folder: str | Path, **parts: bool):
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise ValueError(f"unknown parts: {sorted(unknown)}")
        self.parts = {part: parts.get(part, True) for part in PARTS}
        self.folder = Path(folder)
        self.manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        self.language = Language(self.manifest["lang"])
        self.stop = set(self.manifest["stop"])
        self.fetched: list[str] = []  # files read, in order (what a browser would download)
        self._cache: dict[str, object] = {}

    # -- files ---------------------------------------------------------------
    def _file(self, rel: str, binary: bool):
        if rel not in self._cache:
            path = self.folder / rel
            self.fetched.append(rel)
            if not path.exists():
                self._cache[rel] = b"" if binary else {}
            else:
                self._cache[rel] = path.read_bytes() if binary else json.loads(path.read_text(encoding="utf-8"))
        return self._cache[rel]

    def lexicon(self, key: str, side: str = "l") -> dict:
        part = (key[:2] if side == "l" else key[-2:]).encode("utf-8").hex()
        if part not in self._files(side):
            return {}
        return self._file(f"{side}/{part}.json", False)

    def _files(self, side: str) -> set:
        if "files:" + side not in self._cache:
            self._cache["files:" + side] = set(self.manifest[side])
        return self._cache["files:" + side]

    def postings(self, term: str) -> list[tuple[int, int]]:
        data = self._file(f"t/{encode.bucket(term, self.manifest['buckets'])}.bin", True)
        key = "postings:" + f"t/{encode.bucket(term, self.manifest['buckets'])}"
        if key not in self._cache:
            self._cache[key] = encode.read_postings(data)
        return self._cache[key].get(term, [])

    def vector(self, word: str):
        meta = self.manifest["vectors"]
        rel = f"w/{encode.bucket(word, meta['buckets'])}.bin"
        key = "vectors:" + rel
        if key not in self._cache:
            self._cache[key] = encode.read_vectors(self._file(rel, True), meta["dims"])
        return self._cache[key].get(word)

    def doc(self, number: int) -> dict:
        return self._file(f"d/{number}.json", False)

    # -- words ---------------------------------------------------------------
    def is_stop(self, word: str) -> bool:
        return (fold(word) if self.manifest["fold_stop"] else word) in self.stop

    def known(self, typed: str) -> bool:
        """A word of the language (in the word vectors), even if no article uses it."""
        return "vectors" in self.manifest and self.vector(typed) is not None

    def resolve(self, typed: str) -> Word:
        word, key = Word(typed), fold(typed)
        group = [e for e in self.lexicon(key).get(key, []) if e[2] != 0]
        if group and not self.parts["variants"]:
            group = [e for e in group if e[0] == typed]
        if group:
            exact = [e for e in group if e[0] == typed]
            stems = list(dict.fromkeys(_stem(e) for e in group))
            if exact and (has_marks(typed) or len(stems) == 1):
                stem = _stem(exact[0])
                word.terms, word.pair = [(stem, 1.0)], fold(stem)
                return word
            # typed without diacritics: every spelling counts, the more of them the less
            weight = (WEIGHT_WRONG_MARK if has_marks(typed) else WEIGHT_VARIANT) / math.sqrt(len(stems))
            word.terms = [(stems[0] if len(stems) == 1 else "~" + key, weight)]
            word.pair = fold(stems[0])
            if has_marks(typed):
                word.corrected = group[0][0]
            return word
        if self.parts["typos"] and len(key) >= 4 and not self.known(typed):  # one typo away: most used first
            candidates = {}
            for side in ("l", "s"):
                for other, entries in self.lexicon(key, side).items():
                    if edit1(key, other):
                        entries = [e for e in entries if e[2] != 0]
                        if entries:
                            candidates[other] = entries
            if candidates:
                other = max(candidates, key=lambda k: (sum(e[1] for e in candidates[k]), k))
                entries = candidates[other]
                stems = list(dict.fromkeys(_stem(e) for e in entries))
                word.terms = [(stems[0] if len(stems) == 1 else "~" + other, WEIGHT_TYPO)]
                word.pair, word.corrected = fold(stems[0]), entries[0][0]
                return word
        if self.parts["forms"] and len(key) >= 5:  # another form of a word the knowledge base has
            forms = []
            for other, entries in self.lexicon(key).items():
                if common_prefix(key, other) >= max(4, len(key) - 3):
                    forms += [e for e in entries if e[2] != 0]
            forms.sort(key=lambda e: (-e[1], e[0]))
            stems = list(dict.fromkeys(_stem(e) for e in forms))[:3]
            word.terms = [(stem, WEIGHT_FORM) for stem in stems]
            word.pair = fold(stems[0]) if stems else None
        return word

    # -- ranking -------------------------------------------------------------
    def search(self, query: str, pairs: set[tuple[str, str]] | None = None) -> Results:
        """``pairs``: when given, only these neighbouring words (as typed) count as a
        phrase (the agent panel: words that were neighbours in the ticket)."""
        tokens = words(query)
        content = [w for w in tokens if not self.parts["filler"] or not self.is_stop(w)] or tokens
        resolved = [self.resolve(w) for w in dict.fromkeys(content)]
        lexical: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for word in resolved:
            best: dict[int, float] = {}
            for term, weight in word.terms:
                for doc, impact in self.postings(term):
                    score = weight * encode.dequantise(impact, self.manifest["top"])
                    if score > best.get(doc, 0.0):
                        best[doc] = score
            for doc, score in best.items():
                lexical[doc] += score
                matched[doc] += 1
        phrases: dict[int, int] = defaultdict(int)
        neighbours = [a.pair + " " + b.pair for a, b in zip(resolved, resolved[1:])
                      if a.pair and b.pair and (pairs is None or (a.typed, b.typed) in pairs)] \
            if self.parts["pairs"] else []
        for pair in neighbours:
            for doc, impact in self.postings(pair):
                lexical[doc] += PAIR * encode.dequantise(impact, self.manifest["top"])
                phrases[doc] += 1
        known = sum(1 for w in resolved if w.terms) or 1
        top = max(lexical.values(), default=0.0) or 1.0
        coordination = COORDINATION if self.parts["coordination"] else 0.0
        scores = {doc: (s / top) * (1 - coordination + coordination * matched[doc] / known)
                  for doc, s in lexical.items()}
        meaning = self.meaning(resolved) if self.parts["semantic"] and "vectors" in self.manifest else {}
        semantic = SEMANTIC * (1 - SURE * self.sure(resolved, lexical, matched, phrases, len(neighbours)))
        for doc, s in meaning.items():
            scores[doc] = scores.get(doc, 0.0) + semantic * s
        hits = [Hit(doc, score, lexical.get(doc, 0.0), meaning.get(doc, 0.0), matched.get(doc, 0))
                for doc, score in scores.items()]
        hits.sort(key=lambda h: (-h.score, h.doc))
        corrected = None
        if any(w.corrected for w in resolved) and hits:
            # spelt as the best answer spells it ("khẩu", not another "khau")
            top_doc = self.doc(hits[0].doc)
            spelt = {fold(t): t for t in reversed(words(top_doc["t"] + "\n" + top_doc["x"]))}
            fix = {w.typed: spelt.get(fold(w.corrected), w.corrected) for w in resolved if w.corrected}
            corrected = " ".join(fix.get(t, t) for t in tokens)
        return Results(hits, resolved, corrected)

    def sure(self, resolved: list[Word], lexical: dict, matched: dict, phrases: dict, pairs: int) -> float:
        """How surely the best lexical match is what was asked for, 0 to 1: it has
        every word, and every neighbouring pair as a phrase (or the one word, as typed)."""
        if not self.parts["sure"] or not lexical:
            return 0.0
        best = min(lexical, key=lambda doc: (-lexical[doc], doc))
        if matched[best] < len(resolved):
            return 0.0
        if pairs:
            return phrases[best] / pairs
        return 1.0 if all(w.terms and w.terms[0][1] >= 0.99 and not w.corrected for w in resolved) else 0.0

    def meaning(self, resolved: list[Word]) -> dict[int, float]:
        """Each document of the nearest groups: how close it is to the query's
        vector, from 0 (the median of those documents) to 1 (the closest)."""
        meta = self.manifest["vectors"]
        query = np.zeros(meta["dims"], np.float32)
        for word in resolved:
            found = self.vector(word.typed) or (self.vector(word.corrected) if word.corrected else None)
            if found:
                weight, vector = found
                query += vector * encode.dequantise(weight, meta["top"])
        if not query.any():
            return {}
        query /= np.linalg.norm(query)
        centroids = encode.read_vectors(self._file("c.bin", True), meta["dims"])
        near = sorted(centroids, key=lambda c: -float(centroids[c][1] @ query))[:meta["probe"]]
        sims = {}
        for c in near:
            for doc, (_, vector) in encode.read_vectors(self._file(f"v/{c}.bin", True), meta["dims"]).items():
                sims[int(doc)] = float(vector @ query)
        if not sims:
            return {}
        values = sorted(sims.values())
        floor, ceiling = values[len(values) // 2], values[-1]
        span = (ceiling - floor) or 1.0
        return {doc: (s - floor) / span for doc, s in sims.items() if s > floor}


def main() -> int:
    folder, query = sys.argv[1], " ".join(sys.argv[2:])
    searcher = Searcher(folder)
    results = searcher.search(query)
    if results.corrected:
        print(f"(showing results for: {results.corrected})")
    for hit in results.hits[:10]:
        doc = searcher.doc(hit.doc)
        print(f"{hit.score:6.3f}  lex {hit.lexical:6.2f}  sem {hit.semantic:5.2f}  {doc['u']}  {doc['t']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
