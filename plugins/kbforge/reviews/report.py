"""The overdue-review report, for the staff site and as text."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from .. import urls
from ..content.reviews import Due


def groups(report: dict[str, list[Due]], lang: str, t: dict, names: dict, here: str) -> list[dict]:
    return [
        {"owner": owner, "name": t.team(owner), "items": [
            {"entry": due.entry, "due": due.due, "when": format_date(due.due, format="medium", locale=lang),
             "language": names[due.entry.lang], "href": urls.relative(here, due.entry.url)}
            for due in items]}
        for owner, items in report.items()
    ]


def text(report: dict[str, list[Due]], today: dt.date) -> str:
    if not report:
        return f"No article is due for review on {today.isoformat()}.\n"
    out = []
    for owner, items in report.items():
        out.append(f"{owner} ({len(items)})")
        for due in items:
            e = due.entry
            out.append(f"  {e.id}  {e.lang}  due {due.due.isoformat()} ({(today - due.due).days} days ago)  {e.shown}")
    return "\n".join(out) + "\n"
