"""Command line: ``kbforge translations``, ``kbforge consistency``, ``kbforge reviews``,
``kbforge suggest`` (suggest/cli.py), ``kbforge feedback``
(also ``python -m kbforge ...``).

Reads the languages from mkdocs.yml and the content through the same catalog
(and the same Markdown parse) the build uses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import yaml

from .content import ContentErrors
from .content.consistency import KINDS
from .content.frontmatter import parse
from .content.translations import INCONSISTENT, MISSING, OUTDATED, UNTRACKED, original_of, report, stamp_for

STATES = (MISSING, OUTDATED, INCONSISTENT, UNTRACKED)


class CommandError(Exception):
    """A problem with what the user asked; printed as one line, exit status 2."""


def _config(config_file: str):
    from mkdocs.config import load_config

    if not os.path.isfile(config_file):
        raise CommandError(f"{config_file}: no such file (use -f to name mkdocs.yml)")
    return load_config(config_file)


def _load(config_file: str):
    from .lifecycle import content

    config = _config(config_file)
    return content.read(config), config


def reviews(args) -> int:
    from .content.reviews import overdue
    from .reviews import report as review_report
    from .content.reviews import parse_today

    try:
        today = parse_today(args.today)
    except ValueError as exc:
        raise CommandError(f"--today: {exc}") from None
    catalog, config = _load(args.config_file)
    plugin = config.plugins.get("kbforge/reviews")
    intervals = plugin.config.intervals if plugin else {}
    found = overdue(catalog, today, intervals)
    if args.json:
        print(json.dumps({owner: [{"id": d.entry.id, "lang": d.entry.lang, "title": d.entry.title,
                                   "due": d.due.isoformat(), "path": d.entry.shown} for d in items]
                          for owner, items in found.items()}, ensure_ascii=False, indent=1))
    else:
        print(review_report.text(found, today), end="")
    return 1 if args.fail_if_overdue and found else 0


def table(rep) -> str:
    head = ["id", "source", *rep.languages, "title"]
    rows = []
    for article_id, row in rep.rows.items():
        source = next((s.source for s in row.values() if s.source), None)
        cells = []
        for lang in rep.languages:
            s = row[lang]
            extra = [", ".join(s.changed)] if s.changed else []
            if s.findings:
                extra.append(f"{len(s.findings)} finding{'s' * (len(s.findings) != 1)}")
            cells.append(s.state + (f" ({'; '.join(extra)})" if extra else ""))
        rows.append([article_id, source.lang if source else "-", *cells, source.title if source else ""])
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [head, *rows]]
    counts = ", ".join(f"{rep.count(state)} {state}" for state in ("up-to-date", *STATES))
    return "\n".join(lines) + f"\n\n{len(rep.rows)} articles: {counts}\n"


def stamp(catalog, path: str) -> str:
    """Record in a translation's front matter that it matches its original now;
    refused while it states something its original does not."""
    entry = catalog.for_source(os.path.abspath(path))
    if entry is None or not entry.is_article:
        raise CommandError(f"{path}: not an article of this knowledge base")
    versions = catalog.translations_of(entry.id)
    others = {lang: e for lang, e in versions.items() if e is not entry}
    original = original_of(catalog, {**others, **({} if entry.source else {entry.lang: entry})})
    if original is None or original is entry:
        raise CommandError(f"{path}: this is the original of {entry.id}; only translations are stamped")
    from .content.consistency import compare

    findings = compare(original, entry, catalog.glossary)
    if findings:
        lines = "\n".join(str(f) for f in findings)
        raise CommandError(f"{path}: not stamped: it states {len(findings)} thing(s) its original "
                           f"({original.shown}) does not:\n{lines}")
    text = Path(path).read_text(encoding="utf-8")
    fm = parse(text, path)
    lines = text.split("\n")
    closing = fm.body_line - 2  # index of the closing '---'
    start = fm.lines.get(("source",))
    if start is not None:  # drop the old block: the key line and its indented lines
        end = start
        while end < closing and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        del lines[start - 1 : end]
        closing -= end - (start - 1)
    block = yaml.safe_dump({"source": stamp_for(original)}, sort_keys=False, default_flow_style=None)
    lines[closing:closing] = block.rstrip("\n").split("\n")
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    return f"{path}: source {original.lang} {original.fingerprint}"


def translations(args) -> int:
    fail_on = [s for s in re.split(r"[,\s]+", args.fail_on) if s]
    unknown = [s for s in fail_on if s not in STATES]
    if unknown:
        raise CommandError(f"--fail-on: unknown status {', '.join(unknown)} (choose from {', '.join(STATES)})")
    catalog, _ = _load(args.config_file)
    if args.stamp:
        for path in args.stamp:
            print(stamp(catalog, path))
        return 0
    rep = report(catalog)
    if args.json:
        print(json.dumps(rep.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(table(rep), end="")
    failing = {state: rep.count(state) for state in fail_on if rep.count(state)}
    if failing:
        print("failing: " + ", ".join(f"{n} {s}" for s, n in failing.items()), file=sys.stderr)
        return 1
    return 0


def consistency(args) -> int:
    """What translations state differently from their originals."""
    from .content.translations import findings as check

    kinds = [k for k in re.split(r"[,\s]+", args.fail_on) if k]
    unknown = [k for k in kinds if k not in (*KINDS, "any")]
    if unknown:
        raise CommandError(f"--fail-on: unknown kind {', '.join(unknown)} (choose from any, {', '.join(KINDS)})")
    catalog, _ = _load(args.config_file)
    found = [f for langs in check(catalog).values() for fs in langs.values() for f in fs]
    if args.lang:
        if args.lang not in catalog.languages:
            raise CommandError(f"--lang: unknown language '{args.lang}' (configured: {', '.join(catalog.languages)})")
        found = [f for f in found if args.lang in (f.lang, f.source_lang)]
    found.sort()
    if args.json:
        print(json.dumps([f.as_dict() for f in found], ensure_ascii=False, indent=1))
    else:
        for finding in found:
            print(finding)
        print(f"{len(found)} finding{'s' * (len(found) != 1)}")
    failing = [f for f in found if "any" in kinds or f.kind in kinds]
    return 1 if failing else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="kbforge")
    sub = parser.add_subparsers(dest="command", required=True)
    tr = sub.add_parser("translations", help="status of every article in every language")
    tr.add_argument("-f", "--config-file", default="mkdocs.yml")
    tr.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tr.add_argument("--fail-on", default="", help=f"exit 1 if any article is {', '.join(STATES)} (comma-separated)")
    tr.add_argument("--stamp", nargs="+", metavar="FILE", help="mark these translations as up to date with their original")
    co = sub.add_parser("consistency", help="what translations state differently from their originals")
    co.add_argument("-f", "--config-file", default="mkdocs.yml")
    co.add_argument("--json", action="store_true", help="print JSON instead of lines")
    co.add_argument("--lang", help="only findings that involve this language")
    co.add_argument("--fail-on", default="any", help="exit 1 on findings of these kinds (comma-separated; "
                    f"'any', or: {', '.join(KINDS)}); '' never fails")
    rv = sub.add_parser("reviews", help="articles due for review, by owner")
    rv.add_argument("-f", "--config-file", default="mkdocs.yml")
    rv.add_argument("--today", help="measure against this day (YYYY-MM-DD) instead of today")
    rv.add_argument("--json", action="store_true", help="print JSON instead of text")
    rv.add_argument("--fail-if-overdue", action="store_true", help="exit 1 when any article is overdue")
    try:
        from .feedback import cli as feedback_cli
    except ImportError as exc:  # the service's libraries are the [feedback] extra
        feedback_cli, missing = None, exc.name
        fb = sub.add_parser("feedback", help="the feedback service (needs the [feedback] extra)")
        fb.add_argument("rest", nargs=argparse.REMAINDER)
    else:
        feedback_cli.add_parser(sub)
    from .suggest import cli as suggest_cli

    suggest_cli.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "feedback":
        if feedback_cli is None:
            print(f"kbforge feedback: the service needs its libraries ({missing} is missing): "
                  "pip install 'kbforge[feedback]'", file=sys.stderr)
            return 2
        return feedback_cli.run(args)
    if args.command == "suggest":
        return suggest_cli.run(args)
    commands = {"reviews": reviews, "translations": translations, "consistency": consistency}
    try:
        return commands[args.command](args)
    except (ContentErrors, CommandError) as exc:
        print(exc, file=sys.stderr)
        return 2
