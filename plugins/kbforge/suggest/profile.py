"""The ticket profile a site ships for its agent panel (``agent/profile.json``),
made at build time from the knowledge base itself:

- ``detect``: character n-gram log-probabilities per language (detect.py),
  learnt from the articles' text in the search indexes;
- ``words``: per language, the knowledge base's own vocabulary (glossary
  terms with their other and discouraged forms, synonyms, articles'
  ``questions:``, the fact sheet's values) and the language's most common
  words that this vocabulary does not have (from the word-vector table,
  ordered by frequency), both folded;
- ``rules``: how a ticket is cleaned (ticket.RULES);
- ``params``: how the query is chosen (core.py).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..searchcore.semantic import Table
from ..searchcore.text import Language, fold, words
from . import core, detect, ticket

SAMPLE_DOCS = 400  # articles per language the n-grams are learnt from
SAMPLE_CHARS = 1500  # of each
VOCABULARY_SIZE = 1000
COMMON_SIZE = 300


def texts(index: Path) -> list[str]:
    """Some articles' text from a language's search index folder (evenly spread)."""
    files = sorted((index / "d").glob("*.json"), key=lambda p: int(p.stem))
    step = max(1, len(files) // SAMPLE_DOCS)
    out = []
    for path in files[::step][:SAMPLE_DOCS]:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out.append("\n".join([doc.get("t", ""), doc.get("m", ""), doc.get("x", "")[:SAMPLE_CHARS]]))
    return out


def vocabulary(catalog, lang: str) -> list[str]:
    """The knowledge base's own words for what customers ask, most used first."""
    language = Language(lang)
    phrases = []
    for term in (catalog.glossary.get(lang) or {}).values():
        phrases += [term.term, *term.also, *term.avoid]
    for entry in catalog.articles(lang):
        phrases += [*entry.synonyms, *entry.questions]
    sheet = catalog.facts
    if sheet is not None:
        for name in sheet.facts:
            phrases.append(sheet.render(name, "", lang)[0])
    counts = Counter(fold(w) for phrase in phrases for w in words(str(phrase))
                     if len(w) > 1 and not any(c.isdigit() for c in w) and not language.is_stop(w))
    return [w for w, _ in counts.most_common(VOCABULARY_SIZE)]


def common(lang: str, own: set[str]) -> list[str]:
    table = Table.load(lang)
    if table is None:
        return []
    out: dict[str, None] = {}
    for word in table.words:  # most frequent first
        if fold(word) not in own:
            out[fold(word)] = None
        if len(out) >= COMMON_SIZE:
            break
    return list(out)


def build(site: Path, catalog, langs: list[str]) -> dict:
    indexes = {lang: site / lang / "kbsearch" for lang in langs if (site / lang / "kbsearch" / "d").is_dir()}
    words_of = {}
    for lang in indexes:
        own = vocabulary(catalog, lang)
        words_of[lang] = {"vocabulary": own, "common": common(lang, set(own))}
    return {
        "detect": detect.build_profile({lang: texts(folder) for lang, folder in indexes.items()}),
        "words": words_of,
        "rules": ticket.RULES,
        "params": {"candidates": core.CANDIDATES, "known": core.KNOWN, "own": core.OWN,
                   "vocabulary": core.VOCABULARY, "common": core.COMMON, "top": core.TOP, "sections": core.SECTIONS,
                   "terms_per_word": core.TERMS_PER_WORD},
    }


def write(site: Path, catalog, langs: list[str]) -> Path:
    path = site / "agent" / "profile.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build(site, catalog, langs), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path
