"""Search preparation: what each article adds to the search index besides its
text, i.e. the words customers use for it (the engine, kbforge.searchcore,
folds diacritics and typos itself).
"""

from __future__ import annotations

from lxml import html as lxml_html

from .glossary import Term, form_pattern


def customer_words(text: str, glossary: dict[str, Term]) -> list[str]:
    """For every glossary concept the text uses, the other words people use for it."""
    words = []
    for term in glossary.values():
        forms = [term.term, *term.also]
        if any(form_pattern(form).search(text) for form in forms):
            words += [*term.also, *term.avoid]
    return words


def extra_terms(text: str, *, title: str = "", summary: str = "", tags=(), synonyms=(), glossary=None) -> tuple[str, str]:
    """The extra words to index with one article, not shown to readers: (strong,
    weak), one phrase a line. Strong: its tags, synonyms and the customers'
    words for what the title and summary say; weak: the same for the body."""
    glossary = glossary or {}
    head = "\n".join([title, summary, *tags])
    strong = list(dict.fromkeys([*tags, *synonyms, *customer_words(head, glossary)]))
    weak = [w for w in dict.fromkeys(customer_words(text, glossary)) if w not in strong]
    return "\n".join(strong), "\n".join(weak)


def text_of(html: str) -> str:
    """The text of rendered HTML (e.g. to count its words), not for display."""
    if not html.strip():
        return ""
    return lxml_html.fragment_fromstring(html, create_parent="div").text_content()
