"""Search preparation: what each page adds to the search index besides its text.

Pagefind (the engine) folds combining accents ("zarzadzanie" finds
"zarządzanie", exact spellings first) and stems nb, es and pl. It cannot
fold letters that have no decomposition (Polish ł, Vietnamese đ, Norwegian
ø and æ), and it knows nothing of the words customers use for a concept.
The extra terms below fill both gaps.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import html as lxml_html

from text_unidecode import unidecode

from .glossary import Term, form_pattern

WORD = re.compile(r"\w+", re.UNICODE)
# Letters without a Unicode decomposition, which accent folding leaves alone.
HARD = re.compile("[łŁđĐøØæÆßœŒðÐþÞıı]")


def strip_marks(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def folded_text(text: str) -> str:
    """The words with letters the engine cannot fold, spelt in ASCII, as often
    as they occur ("điện" -> "dien"), so a query typed without them finds the
    page. Only those words: the engine folds the others itself, and every
    extra word is downloaded again with the page's excerpt."""
    words = WORD.findall(unicodedata.normalize("NFC", text).lower())
    return " ".join(unidecode(word) for word in words if HARD.search(word))


def customer_words(text: str, glossary: dict[str, Term]) -> list[str]:
    """For every glossary concept the text uses, the other words people use for it."""
    words = []
    for term in glossary.values():
        forms = [term.term, *term.also]
        if any(form_pattern(form).search(text) for form in forms):
            words += [*term.also, *term.avoid]
    return words


def extra_terms(text: str, *, title: str = "", summary: str = "", tags=(), synonyms=(), glossary=None) -> tuple[str, str]:
    """The extra words to index with one page, not shown to readers: (strong,
    weak). Strong: what the title, summary, tags and synonyms say, in customers'
    words and in ASCII. Weak: the same for the body."""
    glossary = glossary or {}
    head = "\n".join([title, summary, *tags])
    strong = list(dict.fromkeys([*tags, *synonyms, *customer_words(head, glossary)]))
    weak = [w for w in dict.fromkeys(customer_words(text, glossary)) if w not in strong]
    return (
        " . ".join([*strong, folded_text("\n".join([head, *strong]))]),
        " . ".join([*weak, folded_text("\n".join([text, *weak]))]),
    )


def article_html(html: str) -> str:
    """An article's rendered HTML without what is not its text: heading permalinks,
    checkboxes and buttons, and our interface (``data-pagefind-ignore``)."""
    if not html.strip():
        return ""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for el in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")] | .//input | .//button'
                         ' | .//*[@data-pagefind-ignore]'):
        el.drop_tree()
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in root) + (root.text or "")


def text_of(html: str) -> str:
    """The text of rendered HTML, for preparing extra terms (not for display)."""
    if not html.strip():
        return ""
    return lxml_html.fragment_fromstring(html, create_parent="div").text_content()
