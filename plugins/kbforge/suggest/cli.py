"""``kbforge suggest``: the agent panel's suggestions from the command line.

    kbforge suggest ticket.txt --site site-staff/          # a built staff site
    kbforge suggest - --lang pl --json < ticket.txt        # standard input
    kbforge suggest ticket.txt -f mkdocs.yml               # docs/: builds the staff site's index first

Exit status: 0 with suggestions, 1 without, 2 on a usage error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .core import TOP, Answer, Suggester


class UsageError(Exception):
    pass


def add_parser(sub) -> None:
    p = sub.add_parser("suggest", help="articles that answer a support ticket (the agent panel's suggestions)")
    p.add_argument("ticket", nargs="?", default="-", help="a file with the ticket's text, or - for standard input")
    p.add_argument("--lang", help="the ticket's language (default: detected)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--site", help="a built staff site (KB_SITE=staff), e.g. site-staff/")
    where.add_argument("-f", "--config-file", default=None,
                       help="mkdocs.yml: build the staff site's index from docs/ into a temporary folder first")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--top", type=int, default=TOP, help=f"how many articles (default {TOP})")


def read_ticket(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{name}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text") from None


def build_staff(config_file: str, out: Path) -> Path:
    """The staff site of ``config_file``'s docs/, built into ``out`` (the same code as a real build)."""
    if not os.path.isfile(config_file):
        raise UsageError(f"{config_file}: no such file (use -f to name mkdocs.yml, or --site)")
    env = {**os.environ, "KB_SITE": "staff", "KB_UPDATE_LEDGER": "false", "NO_MKDOCS_2_WARNING": "1"}
    site = out / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config_file, "-d", str(site)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise UsageError(f"{config_file}: the staff build failed:\n{done.stdout.strip()}")
    return site


def table(answer: Answer) -> str:
    head = f"language: {answer.lang}" + (" (detected)" if answer.detected else "") + \
        f"; words: {' '.join(answer.query)}\n"
    rows = []
    for number, s in enumerate(answer.suggestions, start=1):
        flag = " [internal]" if s.internal else ""
        rows.append(f"{number}. {s.id or '-'}  {s.title}{flag}  (score {s.score:.3f})")
        if s.sections:
            rows.append("   sections: " + "; ".join(f"{x.title} (#{x.key})" for x in s.sections))
        rows.append("   " + (s.link() or "no customer link"))
    return head + ("\n".join(rows) if rows else "no suggestions") + "\n"


def run(args) -> int:
    try:
        text = read_ticket(args.ticket)
        if args.top < 1:
            raise UsageError("--top: at least 1")
        with tempfile.TemporaryDirectory(prefix="kb-suggest-") as tmp:
            site = Path(args.site) if args.site else build_staff(args.config_file or "mkdocs.yml", Path(tmp))
            try:
                suggester = Suggester(site)
            except FileNotFoundError as exc:
                raise UsageError(str(exc)) from None
            if args.lang and args.lang not in suggester.languages:
                raise UsageError(f"--lang: unknown language '{args.lang}' (this site has: {', '.join(suggester.languages)})")
            answer = suggester.suggest(text, lang=args.lang, top=args.top)
    except UsageError as exc:
        print(f"kbforge suggest: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(table(answer), end="")
    return 0 if answer.suggestions else 1
