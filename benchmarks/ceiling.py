"""How far word matching can go with a query set, whatever the engine.

    .venv/bin/python benchmarks/ceiling.py --corpus ../shared/corpora/m365-insights --limit 500

For each language and kind of query it prints:
  overlap  the share of the query's words (three letters or more) that occur in
           an answer article, compared by Snowball stem (the algorithms
           Pagefind stems nb and es with) and without diacritics;
  BM25@5   recall@5 of an ideal word-matching ranking: BM25 over every article's
           whole text with any of the query's words (no engine limits, no
           download budget).
A kind of query whose answers do not contain its words cannot be found by
word matching, only by words added to the articles (glossary, synonyms).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import snowballstemmer
import yaml
from text_unidecode import unidecode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpora  # noqa: E402

HERE = Path(__file__).resolve().parent
STEMMERS = {"nb": "norwegian", "es": "spanish", "pl": "polish"}  # vi has no inflection
WORD = re.compile(r"\w+")
KINDS = ("exact", "no-diacritics", "inflected", "own-words", "typo", "question")


def normaliser(lang: str):
    stemmer = snowballstemmer.stemmer(STEMMERS[lang]) if lang in STEMMERS else None

    def norm(word: str) -> str:
        word = unicodedata.normalize("NFC", word.lower())
        return unidecode(stemmer.stemWord(word) if stemmer else word)  # without diacritics, as typed

    return norm


def bm25_top(query: list[str], docs: dict[str, Counter], lengths: dict[str, int], df: Counter, k: int = 5):
    n, average = len(docs), sum(lengths.values()) / len(lengths)
    scores = defaultdict(float)
    for word in set(query):
        if not df[word]:
            continue
        idf = math.log(1 + (n - df[word] + 0.5) / (df[word] + 0.5))
        for name, counts in docs.items():
            tf = counts.get(word)
            if tf:
                scores[name] += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * lengths[name] / average))
    return sorted(scores, key=lambda name: -scores[name])[:k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--queries", type=Path, default=HERE / "queries" / "m365")
    args = parser.parse_args()

    names = corpora.articles(args.corpus, args.limit)
    print(f"{args.corpus.name}: {len(names)} articles per language; queries from {args.queries}")
    print(f"  {'lang':4} {'kind':14} {'n':>3} {'overlap':>8} {'BM25@5':>7}")
    for lang in corpora.LANGS:
        norm = normaliser(lang)
        docs = {}
        for name in names:
            text = (args.corpus / lang / name).read_text(encoding="utf-8")
            docs[name[:-3]] = Counter(norm(w) for w in WORD.findall(text))
        lengths = {name: sum(counts.values()) for name, counts in docs.items()}
        df = Counter(word for counts in docs.values() for word in counts)
        queries = yaml.safe_load((args.queries / f"{lang}.yml").read_text(encoding="utf-8"))
        for kind in KINDS:
            rows = [q for q in queries if q["kind"] == kind]
            overlaps, found = [], 0
            for q in rows:
                words = [norm(w) for w in WORD.findall(q["q"]) if len(w) > 2]
                answers = [a for a in q["answers"] if a in docs]
                inside = {w for a in answers for w in docs[a]}
                overlaps.append(sum(w in inside for w in words) / max(len(words), 1))
                found += bool(set(bm25_top(words, docs, lengths, df)) & set(answers))
            if rows:
                print(f"  {lang:4} {kind:14} {len(rows):3d} {sum(overlaps) / len(rows):8.2f} {found / len(rows):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
