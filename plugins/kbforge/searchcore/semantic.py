"""Meaning, for queries in customers' own words: word and document vectors in
one space, written as small files the browser fetches a few of.

Word vectors come from the distilled table (data/words-<lang>.bin, made by
distil.py from multilingual-e5-small): the language's frequent words,
including the ones a knowledge base never uses ("bałagan", "portátil"). A
document's vector is the weighted mean of its words' vectors. A word of the
knowledge base that the table lacks (a product name) gets the mean of the
vectors of the documents it occurs in, so it points where it is used.

A query's vector is the weighted mean of its words' vectors. The documents
are grouped around centroids (k-means); a query compares itself with the
centroids and then only with the documents of the nearest few groups.

Files: w/<bucket>.bin (word -> weight, vector), c.bin (centroids),
v/<cluster>.bin (document number -> vector), all int8 (encode.py).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import encode
from .distil import read_table
from .text import Language, fold

DATA = Path(__file__).with_name("data")
WORD_BUCKET_BYTES = 4096
PROBE = 6  # groups of documents a query compares itself with


@dataclass
class Table:
    words: list[str]
    vectors: np.ndarray
    row: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.row = {word: i for i, word in enumerate(self.words)}

    @classmethod
    def load(cls, lang: str, folder: Path = DATA) -> "Table | None":
        path = folder / f"words-{lang}.bin"
        if not path.exists():
            return None
        words, vectors = read_table(path)
        return cls(words, vectors)


def _idf(n: int, df: int) -> float:
    return math.log((n + 1) / (df + 0.5))


def document_vectors(language: Language, analysed, table: Table) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(one unit vector per document, vectors of the words the table lacks)."""
    n, dims = len(analysed), table.vectors.shape[1]
    df = Counter(word for a in analysed for word in a.surfaces)
    docs = np.zeros((n, dims), np.float32)
    for number, a in enumerate(analysed):
        for word, count in a.surfaces.items():
            row = table.row.get(word)
            if row is not None and not language.is_stop(word):
                docs[number] += table.vectors[row] * _idf(n, df[word]) * (1 + math.log(count))
    docs /= np.linalg.norm(docs, axis=1, keepdims=True).clip(1e-6)
    missing: dict[str, np.ndarray] = {}
    for number, a in enumerate(analysed):
        for word, count in a.surfaces.items():
            if word in table.row or language.is_stop(word) or word.isdigit() or len(word) < 2:
                continue
            missing.setdefault(word, np.zeros(dims, np.float32))
            missing[word] += docs[number] * (1 + math.log(count))
    for word, vector in missing.items():
        vector /= np.linalg.norm(vector) or 1.0
    return docs, missing


def kmeans(vectors: np.ndarray, k: int, rounds: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means, deterministic: (centroids, group of each vector)."""
    pick = np.linspace(0, len(vectors) - 1, k).astype(int)
    centroids = vectors[pick].copy()
    for _ in range(rounds):
        groups = np.argmax(vectors @ centroids.T, axis=1)
        for c in range(k):
            members = vectors[groups == c]
            if len(members):
                mean = members.sum(axis=0)
                centroids[c] = mean / (np.linalg.norm(mean) or 1.0)
    return centroids, np.argmax(vectors @ centroids.T, axis=1)


def write(folder: str, language: Language, analysed, table: Table) -> dict:
    """Write w/, c.bin and v/ for the documents of ``analysed``; returns the manifest part."""
    n = len(analysed)
    docs, missing = document_vectors(language, analysed, table)
    df = Counter(word for a in analysed for word in a.surfaces)
    top_idf = _idf(n, 0)

    records: dict[str, tuple[int, np.ndarray]] = {}
    for word, row in table.row.items():
        records[word] = (encode.quantise(_idf(n, df[word]), top_idf), table.vectors[row])
    for word, vector in missing.items():
        records[word] = (encode.quantise(_idf(n, df[word]), top_idf), vector)
    # The spelling without diacritics, where only one word has it.
    by_fold: dict[str, list[str]] = {}
    for word in records:
        if fold(word) != word:
            by_fold.setdefault(fold(word), []).append(word)
    for key, spellings in by_fold.items():
        if len(spellings) == 1 and key not in records:
            records[key] = records[spellings[0]]

    dims = table.vectors.shape[1]
    total = sum(len(w.encode()) + 2 + dims for w in records)
    buckets = max(1, math.ceil(total / WORD_BUCKET_BYTES))
    files = [[] for _ in range(buckets)]
    for word in sorted(records):
        weight, vector = records[word]
        files[encode.bucket(word, buckets)].append((word, weight, vector))
    os.makedirs(os.path.join(folder, "w"))
    for number, chunk in enumerate(files):
        out = bytearray()
        encode.vectors(chunk, out)
        with open(os.path.join(folder, "w", f"{number}.bin"), "wb") as fh:
            fh.write(out)

    clusters = max(1, round(math.sqrt(n)))
    centroids, groups = kmeans(docs, clusters)
    out = bytearray()
    encode.vectors([(str(c), 1, centroids[c]) for c in range(clusters)], out)
    with open(os.path.join(folder, "c.bin"), "wb") as fh:
        fh.write(out)
    os.makedirs(os.path.join(folder, "v"))
    for c in range(clusters):
        out = bytearray()
        encode.vectors([(str(d), 1, docs[d]) for d in np.flatnonzero(groups == c)], out)
        with open(os.path.join(folder, "v", f"{c}.bin"), "wb") as fh:
            fh.write(out)
    return {"dims": dims, "buckets": buckets, "clusters": clusters, "probe": min(PROBE, clusters), "top": top_idf}
