"""The front matter schema, as pydantic models.

Two kinds of page: articles (everything but ``index.md``) carry the full
knowledge-base metadata; landing pages (``index.md``: the home page and
section pages) only a title and an optional summary.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, ValidationError

# Add a type here to allow it in front matter; templates fall back to generic rendering.
ARTICLE_TYPES = ("practice", "runbook", "faq", "guide", "glossary")
AUDIENCES = ("public", "internal")
# KCS article states; an article without 'state:' is validated.
STATES = ("draft", "not-validated", "validated", "archived")
ID_PATTERN = r"^KB-[0-9]{4,}$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _iso_date(value):
    # Only a real calendar date written as YYYY-MM-DD: no timestamps, no numbers.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date written as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a real date written as YYYY-MM-DD, got {value!r}") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _site_path(value):
    """An old address inside the language folder: "faq/old-name/", never "../x/"."""
    if not isinstance(value, str):
        raise ValueError(f"expected an address like faq/old-name/, got {value!r}")
    value = value.strip()
    parts = value.rstrip("/").split("/")
    if (not value.endswith("/") or value.startswith("/") or "\\" in value or "//" in value
            or any(p in ("", ".", "..") for p in parts) or any(c.isspace() or ord(c) < 32 for c in value)):
        raise ValueError(f"'{value}' is not an address inside the language folder: write it like "
                         "faq/old-name/ (no '..', no leading '/', ending with '/')")
    return value


SitePath = Annotated[str, BeforeValidator(_site_path)]


class Source(BaseModel):
    """What a translation was made from (see content/translations.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
    sections: dict[str, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]] = {}


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    title: Text
    type: Literal[ARTICLE_TYPES]  # type: ignore[valid-type]
    audience: Literal[AUDIENCES]  # type: ignore[valid-type]
    tags: list[Text]
    owner: Text
    reviewed: IsoDate
    summary: Text
    # Where the article was published before (site paths without the language,
    # e.g. "faq/old-name/"): each gets a redirect page, and the ledger accepts the move.
    aliases: list[SitePath] = []
    # A retired article names its replacement; its permalink lands there with a notice.
    replaced_by: Annotated[str, StringConstraints(pattern=ID_PATTERN)] | None = None
    # A translation names the version of the original it was made from.
    source: Source | None = None
    state: Literal[STATES] = "validated"  # type: ignore[valid-type]
    # Words customers use for what the article answers, for search only.
    synonyms: list[Text] = []
    # Questions customers ask that the article answers, in their words: indexed
    # with the weight of the title, shown nowhere else.
    questions: list[Text] = []


class Landing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    summary: Text | None = None


def model_for(rel_path: str) -> type[BaseModel]:
    return Landing if rel_path.rsplit("/", 1)[-1] == "index.md" else Article


def explain(exc: ValidationError, model: type[BaseModel]) -> list[tuple[tuple, str]]:
    """Turn pydantic errors into (location, message) pairs an author understands."""
    fields = list(model.model_fields)
    errors = exc.errors()
    renamed = set()  # a misspelt field is reported once, not also as missing
    for err in errors:
        if err["type"] == "extra_forbidden":
            renamed.update(difflib.get_close_matches(str(err["loc"][0]), fields, n=1, cutoff=0.6))
    out = []
    for err in errors:
        loc, kind = tuple(err["loc"]), err["type"]
        name = ".".join(str(part) for part in loc)
        if kind == "extra_forbidden":
            guess = difflib.get_close_matches(str(loc[0]), fields, n=1, cutoff=0.6)
            hint = f" (did you mean '{guess[0]}'?)" if guess else f" (allowed: {', '.join(fields)})"
            if len(loc) > 1:
                hint = ""  # a field of a nested mapping: the top-level fields are no hint
            out.append((loc, f"unknown field '{name}'{hint}"))
        elif kind == "missing":
            if name not in renamed:
                out.append((loc[:-1], f"missing required field '{name}'"))  # the line of the mapping it is missing from
        elif loc == ("id",):
            out.append((loc, f"id {err['input']!r} must look like KB-0001 (KB- and at least 4 digits)"))
        elif kind == "literal_error":
            out.append((loc, f"field '{name}': {err['input']!r} is not allowed; {err['msg'].lower()}"))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            out.append((loc, f"field '{name}': {msg[0].lower() + msg[1:]}"))
    return out
