"""Write one language's search index: a folder of small static files that the
browser (assets/kbforge/kbsearch.js) and searchcore/query.py read.

What is indexed: the documents handed in, i.e. articles and glossary entries
(never landing pages, listings, tag pages or interface text). Each document
has fields with weights (title, questions and other customers' words,
summary, headings, body); its terms are stems (nb, es, pl) or syllables (vi),
and pairs of neighbouring content words, so that a phrase ("hóa đơn điện
tử") and a compound scores above its syllables scattered over a page.

Files, under the index folder:
  manifest.json      sizes and parameters; the language's filler words;
                     which lexicon files exist
  t/<bucket>.bin     postings: term -> (document, impact), BM25 with field
                     weights, precomputed and quantised to a byte
  l/<key>.json       lexicon by the first two letters of the folded word:
                     folded word -> [[word, documents, stem]], so a query
                     word finds its stem, its spellings with and without
                     diacritics, other forms, and words one typo away
  s/<key>.json       the same by the last two letters (typos at the start)
  d/<number>.json    what a result shows: address, title, section, text,
                     and the document's "k" (Doc.meta) when it has one
  w/, c.bin, v/      word and document vectors (semantic.py)
A query fetches one lexicon file and about one postings file per word, a few
vector files, and one document file per result shown: never a file that
holds every word or every document.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import encode
from .text import Language, fold, words

VERSION = 1
FIELDS = {"title": 4.0, "strong": 3.0, "summary": 2.0, "headings": 2.0, "body": 1.0, "weak": 0.5}
K1, B = 1.2, 0.75
BUCKET_BYTES = 4096  # postings files of about this size
SNIPPET_CHARS = 4000  # of each document's text kept for snippets


@dataclass
class Doc:
    """One search result: an article, or a glossary entry."""

    url: str
    title: str
    text: str = ""  # plain text of the body, shown in snippets
    section: str = ""
    summary: str = ""
    headings: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading)
    strong: str = ""  # customers' words: questions:, synonyms, tags, glossary words of the title
    weak: str = ""  # glossary words of the body
    meta: dict = field(default_factory=dict)  # shown with the result, not searched (the staff site: id, permalink)


@dataclass
class Analysed:
    terms: Counter  # term -> weighted count
    length: float
    surfaces: Counter  # word -> count (for the lexicon and the vectors)


def analyse(doc: Doc, language: Language) -> Analysed:
    terms, surfaces, length = Counter(), Counter(), 0.0
    texts = {"title": doc.title, "strong": doc.strong, "summary": doc.summary,
             "headings": "\n".join(h for _, h in doc.headings), "body": doc.text, "weak": doc.weak}
    for name, text in texts.items():
        weight = FIELDS[name]
        for line in text.split("\n"):
            previous = None
            for word in words(line):
                surfaces[word] += 1
                if language.is_stop(word):
                    continue  # filler is neither a term nor breaks a pair
                stem = language.stem(word)
                terms[stem] += weight
                length += weight
                folded = fold(stem)
                if previous is not None:
                    terms[previous + " " + folded] += weight
                previous = folded
    return Analysed(terms, length, surfaces)


def write_index(folder: str, lang: str, docs: list[Doc], vectors=None) -> dict:
    """Write the index of ``docs`` to ``folder`` (replaced); returns the manifest.
    ``vectors``: a semantic.Table, or None for no semantic search."""
    language = Language(lang)
    shutil.rmtree(folder, ignore_errors=True)
    for sub in ("t", "l", "s", "d"):
        os.makedirs(os.path.join(folder, sub))
    docs = sorted(docs, key=lambda d: d.url)
    analysed = [analyse(doc, language) for doc in docs]
    n = len(docs)
    average = sum(a.length for a in analysed) / n if n else 1.0

    df = Counter(term for a in analysed for term in a.terms)
    scores: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for number, a in enumerate(analysed):
        norm = K1 * (1 - B + B * a.length / (average or 1))
        for term, tf in a.terms.items():
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            scores[term].append((number, idf * tf * (K1 + 1) / (tf + norm)))

    # Lexicon: every word, its stem and how many documents have it.
    word_df = Counter(word for a in analysed for word in a.surfaces)
    groups: dict[str, list] = defaultdict(list)
    for word, count in word_df.items():
        # [word, documents, stem]: stem 1 is the word itself, 0 a filler word (not indexed)
        stem = 0 if language.is_stop(word) else language.stem(word)
        groups[fold(word)].append([word, count, 1 if stem == word else stem])
    # A word typed without diacritics that stands for several stems ("hoa":
    # hóa, hoa, hòa, họa) gets one term for all of them: one file to fetch.
    for key, entries in groups.items():
        stems = {_stem_of(e) for e in entries if e[2] != 0}
        if len(stems) > 1:
            merged: dict[int, float] = {}
            for stem in stems:
                for number, score in scores.get(stem, ()):
                    merged[number] = max(merged.get(number, 0.0), score)
            scores["~" + key] = sorted(merged.items())

    top = max((s for postings in scores.values() for _, s in postings), default=1.0)
    total = sum(len(term.encode()) + 3 * len(p) for term, p in scores.items())
    buckets = max(1, math.ceil(total / BUCKET_BYTES))
    files: list[bytearray] = [bytearray() for _ in range(buckets)]
    for term in sorted(scores):
        postings = [(number, encode.quantise(s, top)) for number, s in scores[term]]
        encode.postings(term, postings, files[encode.bucket(term, buckets)])
    for number, data in enumerate(files):
        with open(os.path.join(folder, "t", f"{number}.bin"), "wb") as fh:
            fh.write(data)

    lexicon_files = {}
    for sub, key_of in (("l", lambda k: k[:2]), ("s", lambda k: k[-2:])):
        chunks: dict[str, dict] = defaultdict(dict)
        for key, entries in groups.items():
            chunks[key_of(key)][key] = sorted(entries, key=lambda e: (-e[1], e[0]))
        for key, chunk in chunks.items():
            _write_json(os.path.join(folder, sub, key.encode("utf-8").hex() + ".json"), chunk)
        lexicon_files[sub] = sorted(key.encode("utf-8").hex() for key in chunks)

    for number, doc in enumerate(docs):
        shown = {"u": doc.url, "t": doc.title, "s": doc.section, "m": doc.summary,
                 "x": doc.text[:SNIPPET_CHARS], "h": [list(h) for h in doc.headings]}
        if doc.meta:
            shown["k"] = doc.meta
        _write_json(os.path.join(folder, "d", f"{number}.json"), shown)

    manifest = {
        "version": VERSION, "lang": lang, "docs": n, "buckets": buckets, "top": top,
        "stop": sorted(language.stop), "fold_stop": language.fold_stop,
        **lexicon_files,  # which lexicon files exist (no request for one that does not)
    }
    if vectors is not None and n:
        from . import semantic

        manifest["vectors"] = semantic.write(folder, language, analysed, vectors)
    _write_json(os.path.join(folder, "manifest.json"), manifest)
    return manifest


def _stem_of(entry) -> str:
    word, _, stem = entry
    return word if stem == 1 else stem


def _write_json(path: str, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
