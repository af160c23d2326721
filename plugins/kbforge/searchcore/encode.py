"""The index's file formats, written here and read by searchcore/query.py and
by the browser (assets/kbforge/kbsearch.js). Everything is little files a
query fetches a few of; nothing grows with the knowledge base except how
many there are.

- Bucket of a key: FNV-1a (32 bit) of its UTF-8 bytes, modulo the bucket count.
- Postings (``t/<bucket>.bin``): records of
  ``varint len, term (UTF-8), varint count, count x (varint doc gap, byte impact)``.
- Vectors (``w/<bucket>.bin``, ``v/<cluster>.bin``, ``c.bin``): records of
  ``varint len, key (UTF-8), byte weight, dims x int8``.
- Impacts and weights are one byte: ``round(255 * sqrt(x / top))``.
"""

from __future__ import annotations

import math

import numpy as np

FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193


def bucket(key: str, buckets: int) -> int:
    h = FNV_OFFSET
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return h % buckets


def varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def read_varint(data: bytes, at: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        byte = data[at]
        at += 1
        n |= (byte & 0x7F) << shift
        if byte < 0x80:
            return n, at
        shift += 7


def quantise(x: float, top: float) -> int:
    return max(1, min(255, round(255 * math.sqrt(max(x, 0.0) / top)))) if top > 0 else 1


def dequantise(byte: int, top: float) -> float:
    return (byte / 255) ** 2 * top


def write_key(key: str, out: bytearray) -> None:
    raw = key.encode("utf-8")
    varint(len(raw), out)
    out += raw


def read_key(data: bytes, at: int) -> tuple[str, int]:
    length, at = read_varint(data, at)
    return data[at:at + length].decode("utf-8"), at + length


def postings(term: str, docs: list[tuple[int, int]], out: bytearray) -> None:
    """``docs``: (doc number, impact byte), sorted by doc number."""
    write_key(term, out)
    varint(len(docs), out)
    last = 0
    for doc, impact in docs:
        varint(doc - last, out)
        out.append(impact)
        last = doc


def read_postings(data: bytes) -> dict[str, list[tuple[int, int]]]:
    terms, at = {}, 0
    while at < len(data):
        term, at = read_key(data, at)
        count, at = read_varint(data, at)
        docs, doc = [], 0
        for _ in range(count):
            gap, at = read_varint(data, at)
            doc += gap
            docs.append((doc, data[at]))
            at += 1
        terms[term] = docs
    return terms


def int8(vector: np.ndarray) -> bytes:
    """A direction as int8 (the reader normalises it again)."""
    top = float(np.abs(vector).max()) or 1.0
    return np.clip(np.round(vector / top * 127), -127, 127).astype(np.int8).tobytes()


def vectors(records: list[tuple[str, int, np.ndarray]], out: bytearray) -> None:
    for key, weight, vector in records:
        write_key(key, out)
        out.append(weight)
        out += int8(vector)


def read_vectors(data: bytes, dims: int) -> dict[str, tuple[int, np.ndarray]]:
    found, at = {}, 0
    while at < len(data):
        key, at = read_key(data, at)
        weight = data[at]
        vector = np.frombuffer(data, dtype=np.int8, count=dims, offset=at + 1).astype(np.float32)
        found[key] = (weight, vector / (np.linalg.norm(vector) or 1.0))
        at += 1 + dims
    return found
