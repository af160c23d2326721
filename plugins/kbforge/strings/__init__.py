"""Interface strings of our templates and plugins, for all languages, in one file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@cache
def load() -> dict[str, dict[str, str]]:
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))


def for_language(lang: str) -> dict[str, str]:
    """Every string in ``lang``; a missing one is a bug the test suite catches."""
    return {key: values.get(lang, key) for key, values in load().items()}
