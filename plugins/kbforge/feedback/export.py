"""Exports of the store for a period, as JSON or CSV, and reading them back
(the insights page can be built from an export instead of the database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import IO, Iterable, Iterator

from .store import ALL_COLUMNS, KINDS, now

FORMATS = ("json", "csv")


def write(events: Iterable[dict], fmt: str, out: IO[str], *, since=None, until=None) -> int:
    """Write ``events`` to ``out``; returns how many."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=ALL_COLUMNS, extrasaction="raise", lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow({key: _csv_value(event.get(key)) for key in ALL_COLUMNS})
            count += 1
        return count
    if fmt != "json":
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    head = {"exported": now().strftime("%Y-%m-%dT%H:%M:%SZ"), "since": _day(since), "until": _day(until)}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "events": [')
    for event in events:  # one event a line, written as it is read
        out.write(("\n" if not count else ",\n") + json.dumps(event, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def read(path: str | Path) -> Iterator[dict]:
    """Events of an export file (JSON or CSV, by its content)."""
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        yield from json.loads(text)["events"]
        return
    for row in csv.DictReader(io.StringIO(text)):
        kind = row.get("type")
        if kind not in KINDS:
            raise ValueError(f"{path}: not a feedback export (row with type {kind!r})")
        yield {key: _from_csv(key, value) for key, value in row.items() if value != ""}


def _csv_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _from_csv(key: str, value: str):
    if key == "helpful":
        return value == "true"
    if key in ("results", "rank"):
        return int(value)
    return value


def _day(value):
    if value is None:
        return None
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
