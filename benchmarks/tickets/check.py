"""Check the ticket benchmark against the knowledge base and print its spread.

    .venv/bin/python benchmarks/tickets/check.py            # docs/ of this checkout
    .venv/bin/python benchmarks/tickets/check.py --docs ../other/docs

For each language it checks benchmarks/tickets/<lang>.yml: the two lists
``tickets`` (full tickets, at least --min-tickets) and ``short`` (one-line
tickets, at least --min-short), every item's fields, and that every id in
``answers`` is an article of docs/<lang>/. Problems are printed as
``path:line: message`` and make the exit status 1. Then it prints the counts
and how often each article is the best answer (first id) or any answer.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
from kbforge.content.errors import ContentError  # noqa: E402
from kbforge.content.frontmatter import load_yaml, parse  # noqa: E402

LANGS = ("vi", "nb", "es", "pl")
FIELDS = {"tickets": {"text", "answers", "note"}, "short": {"text", "answers"}}


def articles(docs: Path, lang: str) -> dict[str, str]:
    """Article id -> audience, from the front matter of docs/<lang>/**/*.md."""
    found = {}
    for md in sorted((docs / lang).rglob("*.md")):
        front = parse(md.read_text(encoding="utf-8"), str(md))
        if "id" in front.data:
            found[front.data["id"]] = front.data.get("audience", "public")
    return found


def check(path: Path, ids: dict[str, str], minimum: dict[str, int]) -> tuple[dict, list[ContentError]]:
    shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    data, lines = load_yaml(path.read_text(encoding="utf-8"), shown)
    errors: list[ContentError] = []

    def err(loc: tuple, message: str) -> None:
        line = next((lines[loc[:end]] for end in range(len(loc), 0, -1) if loc[:end] in lines), 1)
        errors.append(ContentError(shown, line, message))

    if not isinstance(data, dict):
        return {}, [ContentError(shown, 1, "expected a mapping with 'tickets' and 'short'")]
    for key in sorted(set(data) - set(FIELDS)):
        err((key,), f"unknown list {key!r} (expected 'tickets' and 'short')")
    for kind, allowed in FIELDS.items():
        items = data.get(kind)
        if not isinstance(items, list):
            err((kind,), f"{kind!r} must be a list")
            data[kind] = []
            continue
        if len(items) < minimum[kind]:
            err((kind,), f"{len(items)} {kind}, at least {minimum[kind]} wanted")
        for i, item in enumerate(items):
            loc = (kind, i)
            if not isinstance(item, dict):
                err(loc, "each item must be a mapping with 'text' and 'answers'")
                continue
            for key in sorted(set(item) - allowed):
                err(loc + (key,), f"unknown field {key!r}")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                err(loc + ("text",), "'text' must be non-empty text")
            elif kind == "short" and "\n" in text.strip():
                err(loc + ("text",), "a short ticket is one line")
            answers = item.get("answers")
            if not isinstance(answers, list) or not answers:
                err(loc + ("answers",), "'answers' must be a non-empty list of article ids")
                continue
            for j, answer in enumerate(answers):
                if answer not in ids:
                    err(loc + ("answers", j), f"{answer!r} is not an article id in this language")
            if len(set(answers)) != len(answers):
                err(loc + ("answers",), "an id is listed twice")
            note = item.get("note")
            if note is not None and (not isinstance(note, str) or "\n" in note.strip()):
                err(loc + ("note",), "'note' is one line of text")
    return data, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--min-tickets", type=int, default=22)
    parser.add_argument("--min-short", type=int, default=20)
    args = parser.parse_args()
    minimum = {"tickets": args.min_tickets, "short": args.min_short}

    problems: list[ContentError] = []
    first, anywhere = Counter(), Counter()
    print(f"{'lang':<5}{'tickets':>8}{'short':>7}{'internal':>10}{'articles':>10}")
    for lang in LANGS:
        try:
            ids = articles(args.docs, lang)
            data, errors = check(HERE / f"{lang}.yml", ids, minimum)
        except ContentError as exc:
            problems.append(exc)
            continue
        problems += errors
        items = [t for kind in FIELDS for t in data.get(kind, []) if isinstance(t, dict)]
        answers = [t.get("answers") or [] for t in items]
        internal = sum(1 for t in data.get("tickets", []) if isinstance(t, dict)
                       and ids.get((t.get("answers") or [None])[0]) == "internal")
        for ans in answers:
            if ans:
                first[(lang, ans[0])] += 1
            for a in ans:
                anywhere[(lang, a)] += 1
        used = {a for ans in answers for a in ans}
        print(f"{lang:<5}{len(data.get('tickets', [])):>8}{len(data.get('short', [])):>7}"
              f"{internal:>10}{len(used):>5}/{len(ids):<4}")

    print("\nbest answer (first id) / any answer, per article and language")
    every = sorted({a for _, a in anywhere})
    print(f"{'id':<9}" + "".join(f"{lang:>9}" for lang in LANGS))
    for a in every:
        print(f"{a:<9}" + "".join(f"{first[(lang, a)]:>4}/{anywhere[(lang, a)]:<4}" for lang in LANGS))

    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
