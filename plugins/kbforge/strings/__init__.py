"""Interface strings of our templates and plugins, for all languages, in one file.

A string with a count has one form per CLDR plural category of each language
(``{one: "{n} artykuł", few: "{n} artykuły", many: "{n} artykułów", ...}``);
``Strings.count`` picks the form with Babel's plural rules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@cache
def load() -> dict[str, dict]:
    """The strings file (package data, the same for every build)."""
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))


class Strings(dict):
    """Every string in one language; ``t[key]`` or ``t.count(key, n)``."""

    def __init__(self, lang: str, values: dict, plurals: dict):
        super().__init__(values)
        self.lang = lang
        self.plurals = plurals

    def team(self, owner: str) -> str:
        """A team id ("billing", "service-desk") as its name in this language."""
        return self.get(f"team_{owner.replace('-', '_')}", owner)

    def count(self, key: str, n, **fields) -> str:
        forms = self.plurals[key]
        category = Locale.parse(self.lang).plural_form(n)
        return forms.get(category, forms["other"]).format(n=format_decimal(n, locale=self.lang), **fields)


@cache
def for_language(lang: str) -> Strings:
    """Every string in ``lang`` (package data, the same for every build; callers
    must not change it); a missing one is a bug the test suite catches."""
    values, plurals = {}, {}
    for key, by_lang in load().items():
        value = by_lang.get(lang, key)
        if isinstance(value, dict):
            plurals[key] = value
            value = value.get("other", key)
        values[key] = value
    return Strings(lang, values, plurals)


def language_name(code: str, reader: str) -> str:
    """A language's name in the reader's language ("wietnamski" for a Polish
    reader), as it stands inside a sentence (Vietnamese "tiếng Ba Lan")."""
    name = Locale.parse(reader).languages.get(code, code)
    return name[:1].lower() + name[1:] if reader == "vi" and name.startswith("Tiếng ") else name
