"""Every interface string is translated, in one place, and templates hard-code none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kbforge import strings
from sitebuild import LANGS, PROJECT

ENGLISH = re.compile(
    r"\b(the|and|this|is|not|yet|available|page|search|found|copied|copy|changed|outdated|"
    r"missing|related|articles|languages|support|contact|home|read|untracked|also|avoid)\b",
    re.IGNORECASE,
)
TEMPLATES = sorted(
    [*PROJECT.joinpath("overrides").rglob("*.html"), *PROJECT.joinpath("plugins").rglob("templates/**/*.html")]
)
PYTHON = sorted(PROJECT.joinpath("plugins", "kbforge").rglob("*.py"))


def texts(value) -> list[str]:
    """A string, or every plural form of a count."""
    return list(value.values()) if isinstance(value, dict) else [value]


def test_every_string_is_in_every_language():
    for key, values in strings.load().items():
        assert set(values) == set(LANGS), key
        for lang in LANGS:
            assert all(isinstance(t, str) and t.strip() for t in texts(values[lang])), f"{key}.{lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_counts_have_every_plural_form_of_their_language(lang):
    from babel import Locale
    needed = Locale.parse(lang).plural_form.tags | {"other"}
    for key, values in strings.load().items():
        if isinstance(values[lang], dict):
            assert set(values[lang]) == needed, (key, lang)
            assert all("{n}" in form for form in values[lang].values()), (key, lang)


def test_no_string_is_left_in_english():
    left = [f"{key}.{lang}: {text}" for key, values in strings.load().items()
            for lang, value in values.items() for text in texts(value) if ENGLISH.search(text)]
    assert left == []


def test_placeholders_are_the_same_in_every_language():
    for key, values in strings.load().items():
        # the same names; how often each appears is the language's business (Polish
        # names a language once where its case would not fit the second place)
        fields = {(lang, n): sorted(set(re.findall(r"\{(\w+)\}", text)))
                  for lang, value in values.items() for n, text in enumerate(texts(value))}
        assert len({tuple(f) for f in fields.values()}) == 1, (key, fields)


def used_keys() -> set[str]:
    keys = set()
    for path in TEMPLATES:
        keys |= set(re.findall(r"\bkb_t\.(\w+)", path.read_text(encoding="utf-8"))) - {"count"}
        keys |= set(re.findall(r"\b(?:lang\.)?t\.(\w+)", path.read_text(encoding="utf-8"))) - {"count"}
        keys |= set(re.findall(r"t\.count\([\"'](\w+)[\"']", path.read_text(encoding="utf-8")))
    for path in PYTHON:
        keys |= set(re.findall(r"(?:\bt|for_language\([^)]*\))\[['\"](\w+)['\"]\]", path.read_text(encoding="utf-8")))
        keys |= set(re.findall(r"\blabels\[['\"](\w+)['\"]\]", path.read_text(encoding="utf-8")))
        # strings picked by prefix, e.g. t.get(f"type_{entry.type}")
        keys |= set(re.findall(r"t\.count\([\"'](\w+)[\"']", path.read_text(encoding="utf-8")))
        keys |= set(re.findall(r"\blabels\.get\([\"'](\w+)[\"']", path.read_text(encoding="utf-8")))
        # keys named in a table of strings, e.g. ("tags", "tags_title", "staff_tags_text")
        keys |= set(re.findall(r"[\"'](\w+)[\"']", path.read_text(encoding="utf-8"))) & set(strings.load())
        for prefix in re.findall(r"(?:\bt|\bself)(?:\.get\(|\[)f\"(\w+_)\{", path.read_text(encoding="utf-8")):
            keys |= {k for k in strings.load() if k.startswith(prefix)}
    return keys


def test_every_used_string_exists():
    assert used_keys() - set(strings.load()) == set()


def test_every_string_is_used():
    assert set(strings.load()) - used_keys() == set()


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_templates_hard_code_no_visible_text(path: Path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.S)  # Jinja comments
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    words = re.findall(r"[^\W\d_]{2,}", text)
    assert words == [], f"hard-coded text in {path.name}: {words}"
