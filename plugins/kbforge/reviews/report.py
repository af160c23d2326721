"""The overdue-review report, as Markdown for the staff site and as text."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from ..content.reviews import Due


def markdown(report: dict[str, list[Due]], lang: str, t: dict, names: dict) -> str:
    if not report:
        return t["reviews_none"] + "\n"
    lines = [t["reviews_intro"], ""]
    for owner, items in report.items():
        lines += [f"## {owner}", "", f"| {t['review_article']} | {t['review_language']} | {t['review_due']} |", "|---|---|---|"]
        for due in items:
            e = due.entry
            when = format_date(due.due, format="medium", locale=lang)
            lines.append(f"| [{e.id} · {e.title}](../../{e.url}) | {names[e.lang]} | {when} |")
        lines.append("")
    return "\n".join(lines)


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
