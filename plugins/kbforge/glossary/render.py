"""The glossary page's term list, as Markdown, from the catalog's glossary."""

from __future__ import annotations

from slugify import slugify

from ..content.glossary import Term


def render(terms: dict[str, Term], labels: dict[str, str]) -> str:
    """One linkable heading per term (the anchor is the concept key, the same in
    every language), in alphabetical order of the term."""
    out = []
    for key, term in sorted(terms.items(), key=lambda item: slugify(item[1].term)):
        out.append(f"## {term.term[:1].upper()}{term.term[1:]} {{#{key} .kb-term}}\n")
        out.append(f"{term.definition}\n")
        if term.also:
            out.append(f"*{labels['glossary_also']}:* {', '.join(term.also)}\n")
        if term.avoid:
            out.append(f"*{labels['glossary_avoid']}:* ~~{'~~, ~~'.join(term.avoid)}~~\n")
    return "\n".join(out)
