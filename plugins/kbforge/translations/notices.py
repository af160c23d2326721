"""What a reader is told about the translation they are reading."""

from __future__ import annotations

from babel.dates import format_date

from ..content.catalog import Catalog, Entry
from ..content.history import last_changed
from ..content.translations import OUTDATED, report, status


def notice(catalog: Catalog, entry: Entry, lang: str, names: dict, t: dict) -> dict | None:
    """The notice for ``entry`` rendered for a reader of ``lang``, or None."""
    if entry.lang != lang:  # a fallback page: not translated yet
        return {
            "kind": "missing",
            "text": t["translation_missing"].format(language=names[entry.lang]),
        }
    versions = {k: v for k, v in catalog.translations_of(entry.id).items() if not v.retired}
    found = status(catalog, versions, lang)
    if found.state != OUTDATED:
        return None
    date = format_date(last_changed(found.source.src), format="long", locale=lang)
    text = t["translation_outdated"].format(language=names[found.source.lang], date=date)
    sections = [
        {"key": key, "title": entry.section_titles.get(key) or found.source.section_titles.get(key, key)}
        for key in found.changed
    ]
    return {"kind": "outdated", "text": text, "sections": sections, "original": found.source}


def status_page(catalog: Catalog, lang: str, names: dict, t: dict) -> str:
    """The translation status table as Markdown, for writers."""
    rep = report(catalog)
    label = {
        "original": t["status_original"], "up-to-date": t["status_up_to_date"],
        "outdated": t["status_outdated"], "missing": t["status_missing"],
        "untracked": t["status_untracked"],
    }
    head = ["ID", *(names[code] for code in rep.languages)]
    lines = [t["translation_status_intro"], "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for article_id, row in rep.rows.items():
        cells = [f"`{article_id}`"]
        for code in rep.languages:
            s = row[code]
            text = label[s.state]
            if s.version is not None:
                text = f"[{text}](../../{s.version.url}){{: .kb-status-{s.state} }}"  # from <lang>/translations/
            if s.changed:
                text += " (" + ", ".join(s.changed) + ")"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    counts = ", ".join(f"{label[k]}: {rep.count(k)}" for k in ("up-to-date", "outdated", "missing", "untracked"))
    return "\n".join(lines) + f"\n\n{counts}\n"
