"""Which of the knowledge base's languages a ticket is written in: a naive
Bayes guess over character n-grams, with a profile learnt at build time from
the knowledge base's own text (no model to download). The panel's script
(agent.js) scores the same features with the same profile.

Features of a text: its letters (lower case, NFC) and the runs of one to three
letters of each word padded with spaces (" hó", "óa ", "ł"), counted. A
language's score is the sum over features of count x log P(feature | language);
a feature the profile keeps for no language is skipped, and one kept for
other languages but not this one costs the language's floor (the log
probability of a feature it was never seen with).
"""

from __future__ import annotations

import math
from collections import Counter

from ..searchcore.text import words

ORDERS = (1, 2, 3)
KEEP = {1: 30, 2: 60, 3: 60}  # most frequent features per language and order, in the profile
SCALE = 10  # log-probabilities are kept as integers (x SCALE)


def features(text: str) -> Counter:
    found = Counter()
    for word in words(text):
        if word.isdigit():
            continue
        padded = f" {word} "
        for n in ORDERS:
            for i in range(len(padded) - n + 1):
                gram = padded[i:i + n]
                if gram.strip():
                    found[gram] += 1
    return found


def build_profile(texts: dict[str, list[str]]) -> dict:
    """{"langs": [...], "floor": [...], "grams": {gram: [log P per language]}} from
    each language's texts."""
    langs = sorted(texts)
    counts = {lang: Counter() for lang in langs}
    for lang in langs:
        for text in texts[lang]:
            counts[lang].update(features(text))
    kept: set[str] = set()
    totals = {}
    for lang in langs:
        by_order = {n: Counter({g: c for g, c in counts[lang].items() if len(g) == n}) for n in ORDERS}
        totals[lang] = {n: sum(by_order[n].values()) or 1 for n in ORDERS}
        for n in ORDERS:
            kept.update(g for g, _ in by_order[n].most_common(KEEP[n]))
    floor = []
    for lang in langs:
        smallest = min(totals[lang].values())
        floor.append(round(SCALE * math.log(0.5 / smallest)))
    grams = {}
    for gram in sorted(kept):
        row = []
        for lang in langs:
            c = counts[lang].get(gram, 0)
            total = totals[lang][len(gram)]
            row.append(round(SCALE * math.log((c + 0.5) / total)) if c else None)
        grams[gram] = row
    return {"langs": langs, "floor": floor, "grams": grams}


def scores(text: str, profile: dict) -> dict[str, float]:
    langs, floor, grams = profile["langs"], profile["floor"], profile["grams"]
    total = [0.0] * len(langs)
    for gram, count in features(text).items():
        row = grams.get(gram)
        if row is None:
            continue
        for i, value in enumerate(row):
            total[i] += count * (floor[i] if value is None else value)
    return {lang: total[i] / SCALE for i, lang in enumerate(langs)}


def detect(text: str, profile: dict) -> str | None:
    """The most likely language of ``text``, or None when it has no letters."""
    found = scores(text, profile)
    if not any(found.values()):
        return None
    return max(profile["langs"], key=lambda lang: (found[lang], -profile["langs"].index(lang)))
