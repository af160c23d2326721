"""Onboarding paths (``docs/paths.yml``): ordered reading paths for staff,
defined once and shown in every language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .errors import ContentError, ContentErrors
from . import yamlsafe
from .. import urls
from .model import ID_PATTERN, Text, explain

ArticleId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: dict[str, Text]  # language -> title
    steps: list[ArticleId] = Field(min_length=1)


class ReadingPath(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    page: ArticleId  # the article that shows the path
    groups: list[Group] = Field(min_length=1)

    @property
    def steps(self) -> list[str]:
        return [step for group in self.groups for step in group.steps]


def load_paths(path: Path, shown: str, languages: list[str], ids: set[str]) -> dict[str, ReadingPath]:
    """Read and check the paths file. Raises ``ContentErrors`` with every problem."""
    try:
        data, lines = yamlsafe.load(path.read_text(encoding="utf-8"), shown)
    except ContentError as exc:
        raise ContentErrors([exc]) from None
    if not isinstance(data, dict):
        raise ContentErrors([ContentError(shown, 1, "the paths file must map path names to paths")])
    paths, errors = {}, []
    for name, value in data.items():
        line = lines.get((name,), 1)
        try:
            found = ReadingPath.model_validate(value)
        except ValidationError as exc:
            for loc, msg in explain(exc, ReadingPath):
                errors.append(ContentError(shown, lines.get((name,) + loc, line), f"{name}: {msg}"))
            continue
        if found.page not in ids:
            errors.append(ContentError(shown, lines.get((name, "page"), line), f"{name}: page {found.page} is not an article"))
        for g, group in enumerate(found.groups):
            missing = [lang for lang in languages if lang not in group.title]
            if missing:
                errors.append(ContentError(shown, lines.get((name, "groups", g, "title"), line),
                                           f"{name}: group {g + 1} has no title in {', '.join(missing)}"))
            for s, step in enumerate(group.steps):
                if step not in ids:
                    errors.append(ContentError(shown, lines.get((name, "groups", g, "steps", s), line),
                                               f"{name}: step {step} is not an article"))
        paths[name] = found
    if errors:
        raise ContentErrors(errors)
    return paths


def groups(path, catalog, lang: str, here: str, t: dict) -> list[dict]:
    """A path's days in ``lang``: their titles and the steps this site publishes,
    linked relative to ``here`` (the URL of the page that shows them)."""
    out = []
    for number, group in enumerate(path.groups, start=1):
        steps = []
        for step in group.steps:
            entry, _ = catalog.in_language(step, lang)
            if entry is not None:  # not on this site (the customer site shows no staff path anyway)
                steps.append({"id": step, "entry": entry, "href": urls.relative(here, catalog.url_in(entry, lang))})
        out.append({"title": t["path_group"].format(n=number, title=group.title.get(lang, "")), "steps": steps})
    return out
