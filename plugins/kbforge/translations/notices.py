"""What a reader is told about the translation they are reading, and the
translation status for writers."""

from __future__ import annotations

from babel.dates import format_date

from ..content.catalog import Catalog, Entry
from ..content.history import last_changed
from ..content.translations import OUTDATED, STATES, Report


def notice(rep: Report, catalog: Catalog, entry: Entry, lang: str, names: dict, t: dict,
           changed_on=last_changed) -> dict | None:
    """The notice for ``entry`` rendered for a reader of ``lang``, or None (``rep``:
    the catalog's translation report)."""
    if catalog.is_fallback(entry, lang):  # not translated yet
        return {"kind": "missing", "text": t["translation_missing"].format(language_in=in_language(entry.lang, lang, t))}
    found = rep.rows.get(entry.id, {}).get(lang)
    if found is None or found.state != OUTDATED:
        return None
    date = format_date(changed_on(found.source.src), format="long", locale=lang)
    # Said in the reader's language, without sending them to a language they may not read:
    # the other languages are offered beside it, each by its own name.
    text = t["translation_outdated"].format(date=date)
    sections = [
        {"key": key, "title": entry.section_titles.get(key) or found.source.section_titles.get(key, key)}
        for key in found.changed
    ]
    return {"kind": "outdated", "text": text, "sections": sections, "original": found.source}


def in_language(code: str, reader: str, t) -> str:
    """"In Vietnamese" as a reader of ``reader`` says it ("po wietnamsku"); a
    language without a phrase in strings.yml gets its name from CLDR."""
    phrase = t.get(f"in_language_{code}")
    if phrase:
        return phrase
    from babel import Locale

    return Locale.parse(reader).languages.get(code, code)


def status_rows(rep: Report, lang: str, names: dict) -> dict:
    """What the status page shows, in the reader's language ``lang``."""
    rows = []
    for article_id, row in rep.rows.items():
        mine = row.get(lang)
        shown = (mine.version if mine and mine.version else None) or next(
            (s.version for s in row.values() if s.version), None)
        cells = []
        for code in rep.languages:
            s = row[code]
            # a changed section by its heading, in this translation's words where it has the section
            sections = [(s.version.section_titles.get(key) if s.version else None)
                        or s.source.section_titles.get(key, key) for key in s.changed] if s.source else []
            cells.append({"lang": code, "state": s.state, "version": s.version, "changed": sections,
                          "findings": list(s.findings)})
        rows.append({"id": article_id, "title": shown.title if shown else article_id, "entry": shown, "cells": cells})
    counts = {state: rep.count(state) for state in STATES}
    return {"languages": [{"code": code, "name": names[code]} for code in rep.languages],
            "rows": rows, "counts": counts}
