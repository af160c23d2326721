"""What writers act on, per language, from the feedback store or an export:

- searches with no results, and searches where no result was opened, grouped
  by normalised query and ranked by count; for a query that found nothing, the
  articles readers opened after rephrasing it (the candidates for a synonym);
- articles with the most "not helpful" votes, with their comments;
- articles nobody reaches by search.

Plain data in, plain data out: the MkDocs plugin renders it (render.py).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from . import export
from .store import open_store, utc

EXPORT_SUFFIXES = (".json", ".csv")
FOLD = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss"})


def normalise(query: str) -> str:
    """One form for queries that differ only in case, accents, punctuation or
    spacing ("Hóa đơn  điện tử?" and "hoa don dien tu" are one query)."""
    text = unicodedata.normalize("NFKC", query).casefold().translate(FOLD)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def load_events(source: str | Path, since: dt.datetime | dt.date | None = None,
                until: dt.datetime | dt.date | None = None) -> list[dict]:
    """Events received in [since, until) from an export file (.json, .csv) or a
    store (an SQLite file or a postgresql:// URL)."""
    text = str(source)
    if Path(text).suffix.lower() in EXPORT_SUFFIXES and not text.startswith(("postgres://", "postgresql://")):
        if not Path(text).is_file():
            raise FileNotFoundError(f"{text}: no such export file")
        low, high = (utc(since) if since else None), (utc(until) if until else None)
        return [e for e in export.read(text) if _within(e.get("received"), low, high)]
    if not text.startswith(("postgres://", "postgresql://", "sqlite:///")) and not Path(text).is_file():
        raise FileNotFoundError(f"{text}: no such database file")
    store = open_store(text)
    try:
        if store.version() == 0:
            return []
        return list(store.events(since=since, until=until))
    finally:
        store.close()


def _within(received, low, high) -> bool:
    if not received:
        return False
    when = dt.datetime.fromisoformat(str(received).replace("Z", "+00:00"))
    return (low is None or when >= low) and (high is None or when < high)


@dataclass
class QueryGroup:
    key: str  # the normalised query
    query: str  # the form readers typed most often
    count: int
    results: int = 0  # the most frequent number of results
    candidates: list[tuple[str, str, int]] = field(default_factory=list)  # (article, lang, count), best first


@dataclass
class ArticleVotes:
    article: str
    no: int
    yes: int
    comments: list[dict] = field(default_factory=list)  # {"received", "text", "helpful"}, newest first


@dataclass
class Insights:
    lang: str
    searches: int
    votes: int
    no_results: list[QueryGroup]
    no_click: list[QueryGroup]
    not_helpful: list[ArticleVotes]
    unreached: list[str]  # article ids, in the order given


def for_language(events: Iterable[dict], lang: str, articles: Iterable[str], limit: int = 50) -> Insights:
    """The insights of ``lang``; ``articles`` are the ids published in it (for
    "nobody reaches it by search")."""
    searches, votes, comments = [], [], []
    reached = set()
    refined: dict[str, Counter] = defaultdict(Counter)
    for event in events:
        kind = event.get("type")
        if kind == "search" and event.get("clicked_article") and event.get("clicked_lang") == lang:
            reached.add(event["clicked_article"])
        if event.get("lang") != lang:
            continue
        if kind == "search":
            searches.append(event)
            if event.get("refines") and event.get("clicked_article"):
                refined[normalise(event["refines"])][(event["clicked_article"], event["clicked_lang"])] += 1
        elif kind == "vote":
            votes.append(event)
        elif kind == "comment":
            comments.append(event)

    no_results = _groups([s for s in searches if not s.get("results")], limit)
    for group in no_results:
        group.candidates = [(a, l, n) for (a, l), n in refined.get(group.key, Counter()).most_common(3)]
    no_click = _groups([s for s in searches if s.get("results") and s.get("rank") is None], limit)

    tally: dict[str, Counter] = defaultdict(Counter)
    for vote in votes:
        tally[vote["article"]]["yes" if vote.get("helpful") else "no"] += 1
    by_article: dict[str, list[dict]] = defaultdict(list)
    for comment in comments:
        by_article[comment["article"]].append(
            {"received": comment.get("received"), "text": comment.get("text", ""), "helpful": comment.get("helpful")})
    not_helpful = [
        ArticleVotes(article, counts["no"], counts["yes"],
                     sorted(by_article.get(article, []), key=lambda c: c["received"] or "", reverse=True))
        for article, counts in tally.items() if counts["no"]
    ]
    not_helpful.sort(key=lambda a: (-a.no, a.yes, a.article))
    return Insights(
        lang=lang, searches=len(searches), votes=len(votes), no_results=no_results, no_click=no_click,
        not_helpful=not_helpful[:limit], unreached=[a for a in articles if a not in reached],
    )


def _groups(searches: list[dict], limit: int) -> list[QueryGroup]:
    forms: dict[str, Counter] = defaultdict(Counter)
    results: dict[str, Counter] = defaultdict(Counter)
    for search in searches:
        key = normalise(search.get("query") or "")
        if key:
            forms[key][search["query"].strip()] += 1
            results[key][search.get("results") or 0] += 1
    groups = [
        QueryGroup(key, counter.most_common(1)[0][0], sum(counter.values()), results[key].most_common(1)[0][0])
        for key, counter in forms.items()
    ]
    groups.sort(key=lambda g: (-g.count, g.key))
    return groups[:limit]


@dataclass
class SynonymEdit:
    """One edit that adds a query to an article's ``synonyms:``: replace lines
    ``first``..``last`` of the file with ``line`` (or, when the article has no
    synonyms yet, insert ``line`` after ``first - 1``)."""

    first: int
    last: int
    line: str
    replaces: bool


def synonym_edit(text: str, synonyms: Iterable[str], query: str, key_line: int | None, after_line: int) -> SynonymEdit:
    """The edit to a Markdown file (``text``) that adds ``query`` to its
    front matter's synonyms, as one flow-style line written by the YAML library.
    ``key_line`` is the line of the ``synonyms:`` key (from the front matter
    parser), if any; else the new line goes after ``after_line`` (the id's)."""
    words = list(synonyms)
    if normalise(query) not in {normalise(s) for s in words}:
        words.append(query)
    line = yaml.safe_dump({"synonyms": words}, allow_unicode=True, default_flow_style=None, width=10**6).strip()
    if key_line is None:
        return SynonymEdit(after_line + 1, after_line + 1, line, False)
    lines = text.split("\n")
    last = key_line  # a block list goes on over the indented lines that follow
    while last < len(lines) and lines[last].startswith((" ", "\t", "- ")):
        last += 1
    return SynonymEdit(key_line, last, line, True)
