"""Alphabetical order as each language has it (ICU, CLDR's collation rules):
Polish "Części" before "Czynniki", Norwegian "Å" after "Z", Vietnamese "Đ" after "D"."""

from __future__ import annotations

import icu

_COLLATORS: dict[str, "icu.Collator"] = {}  # rules, not build state: the same for every build


def collator(lang: str) -> "icu.Collator":
    if lang not in _COLLATORS:
        _COLLATORS[lang] = icu.Collator.createInstance(icu.Locale(lang))
    return _COLLATORS[lang]


def sort_key(text: str, lang: str) -> bytes:
    return collator(lang).getSortKey(str(text))
