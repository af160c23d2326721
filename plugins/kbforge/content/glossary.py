"""The glossary: approved service-management terms per language.

``docs/<lang>/glossary.yml`` maps a concept key shared by all languages
(``incident``, ``second-line``, ...) to that language's approved term.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ContentError, ContentErrors
from . import yamlsafe
from .model import Text, explain

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Text
    definition: Text
    also: tuple[Text, ...] = Field(default=())  # other accepted forms
    avoid: tuple[Text, ...] = Field(default=())  # synonyms not to use for this concept


def load_glossary(path: Path, shown: str) -> dict[str, Term]:
    """Read one language's glossary. Raises ``ContentErrors`` with every problem."""
    try:
        data, lines = yamlsafe.load(path.read_text(encoding="utf-8"), shown)
    except ContentError as exc:
        raise ContentErrors([exc]) from None
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(shown, 1, "the glossary must map concept keys to terms")])
    terms, errors = {}, []
    for key, value in data.items():
        line = lines.get((key,), 1)
        if not isinstance(key, str) or not KEY.match(key):
            errors.append(ContentError(shown, line, f"concept key {key!r} must be lowercase words joined by '-'"))
            continue
        try:
            terms[key] = Term.model_validate(value)
        except ValidationError as exc:
            for loc, msg in explain(exc, Term):
                where = lines.get((key,) + loc[:1], line)
                errors.append(ContentError(shown, where, f"{key}: {msg}"))
    if errors:
        raise ContentErrors(errors)
    return terms


def form_pattern(form: str, strict: bool = False) -> re.Pattern:
    """Match a term in running text, allowing inflectional endings.

    Lenient (is the approved term used?): a word of five letters or more may
    differ in its last two letters, so Polish "faktura elektroniczna" also
    matches "faktury elektronicznej". Strict (is a discouraged word used?): a
    word of six letters or more may change its last letter and add up to
    three ("zamiana": "zamiany", "zamianie", but not "zamiast"). Shorter words,
    such as Vietnamese syllables, match whole.
    """
    parts = []
    for word in form.split():
        if strict:
            part = re.escape(word[:-1]) + r"\w{0,3}" if len(word) >= 6 else re.escape(word)
        else:
            part = re.escape(word[: max(4, len(word) - 2)]) + r"\w*" if len(word) > 4 else re.escape(word)
        parts.append(part)
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)
