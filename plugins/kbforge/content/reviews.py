"""Review dates: an article is due for review when its ``reviewed`` date is
older than the review interval of its type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalog import Catalog, Entry

DEFAULT_DAYS = 365


@dataclass(frozen=True)
class Due:
    entry: Entry
    due: dt.date  # the day the review fell due


def parse_today(value) -> dt.date:
    """The day to measure against: a date, a YYYY-MM-DD text, or empty for today."""
    if isinstance(value, dt.date):
        return value
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date") from None


def due_date(entry: Entry, intervals: dict[str, int]) -> dt.date:
    return entry.reviewed + dt.timedelta(days=intervals.get(entry.type, DEFAULT_DAYS))


def overdue(catalog: Catalog, today: dt.date, intervals: dict[str, int]) -> dict[str, list[Due]]:
    """Overdue articles by owner (owners sorted; oldest due date first)."""
    found: dict[str, list[Due]] = {}
    for entry in catalog.articles():
        if entry.retired or entry.archived or entry.reviewed is None:
            continue
        when = due_date(entry, intervals)
        if when < today:
            found.setdefault(entry.owner, []).append(Due(entry, when))
    order = catalog.languages.index
    return {owner: sorted(items, key=lambda d: (d.due, d.entry.id, order(d.entry.lang)))
            for owner, items in sorted(found.items())}
