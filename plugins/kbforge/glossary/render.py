"""The glossary page's term list, from the catalog's glossary."""

from __future__ import annotations

from babel import Locale

from ..content.glossary import Term


def items(terms: dict[str, Term], lang: str) -> list[dict]:
    """Terms in the language's alphabetical order, each with its display title."""
    from ..content.collation import sort_key

    out = [{"key": key, "term": term, "title": term.term[:1].upper() + term.term[1:]} for key, term in terms.items()]
    return sorted(out, key=lambda item: sort_key(item["title"], lang))
