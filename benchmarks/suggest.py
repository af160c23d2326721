"""The agent panel's suggestions, measured (issue 17).

    .venv/bin/python benchmarks/suggest.py                       # builds the shipped docs' staff site
    .venv/bin/python benchmarks/suggest.py --site /tmp/staff/site   # a staff site already built
    .venv/bin/python benchmarks/suggest.py --browser              # also paste into the panel in Chromium
    .venv/bin/python benchmarks/suggest.py --browser-only --corpus ../shared/corpora/m365-insights [--limit 500]

Over benchmarks/tickets/<lang>.yml (long tickets and one-line tickets, each
with the articles that answer it), through kbforge.suggest (the same steps and
index files as the panel): recall@3 (a ticket counts when any of its answers
is in the top 3) and MRR per language and kind, and language-detection
accuracy on the long and on the one-line tickets.

With --browser: each long ticket is pasted (Ctrl+V from the clipboard) into
/<lang>/agent/ in headless Chromium; printed per language: the median and
largest time from the paste to the suggestions shown, and the median and
largest bytes fetched from the paste until then (a fresh page per ticket, so
nothing is cached), plus the page's own bytes and the profile's. With
--corpus the staff site of that corpus is built (benchmarks/corpus.py) and
only the browser figures are printed (the tickets are about our docs, not the
corpus: they measure time and bytes there, not recall).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))
import corpus as corpora  # noqa: E402
from search import serve  # noqa: E402 - the same quiet local server
from kbforge.suggest import Suggester  # noqa: E402

LANGS = ["vi", "nb", "es", "pl"]
CHROMIUM = "/usr/bin/chromium"


def load_tickets(folder: Path, lang: str) -> dict[str, list[dict]]:
    data = yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))
    return {"long": data.get("tickets", []), "short": data.get("short", [])}


def build_staff(docs: Path | None, config: Path | None, out: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_UPDATE_LEDGER": "false", "KB_SITE": "staff"}
    site = out / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    if config:
        command += ["-f", str(config)]
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return site


def quality(site: Path, tickets: Path) -> None:
    suggester = Suggester(site)
    print(f"{'lang':4} {'kind':5} {'n':>3} {'recall@3':>8} {'MRR':>6} {'detected':>9}")
    for lang in LANGS:
        for kind, items in load_tickets(tickets, lang).items():
            hits, rr, detected, misses = 0, 0.0, 0, []
            for item in items:
                found = suggester.detect(item["text"])
                detected += found == lang
                if found != lang:
                    misses.append(found)
                answer = suggester.suggest(item["text"], lang=lang)
                ids = [s.id for s in answer.suggestions]
                ranks = [i for i, a in enumerate(ids, start=1) if a in set(item["answers"])]
                hits += bool(ranks and ranks[0] <= 3)
                rr += 1 / ranks[0] if ranks else 0.0
            n = len(items) or 1
            print(f"{lang:4} {kind:5} {len(items):3} {hits / n:8.2f} {rr / n:6.2f} {detected / n:9.3f}"
                  + (f"  (detected as: {', '.join(map(str, misses))})" if misses else ""))


# -- in Chromium --------------------------------------------------------------
PROBE = """() => {
  window.__paste = 0
  document.querySelector('.kb-agent__ticket').addEventListener('paste', () => { window.__paste = performance.now() }, true)
}"""


def browser_run(site: Path, tickets: Path, per_lang: int | None) -> None:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            print(f"{'lang':4} {'n':>3} {'ms median':>9} {'ms max':>7} {'KB median':>9} {'KB max':>7} "
                  f"{'page KB':>7} {'profile KB':>10}")
            for lang in LANGS:
                items = load_tickets(tickets, lang)["long"][:per_lang]
                times, sizes, page_bytes, profile_bytes = [], [], 0, 0
                for item in items:
                    context = browser.new_context(locale=lang, permissions=["clipboard-read", "clipboard-write"])
                    page = context.new_page()
                    state = {"loaded": False, "after": 0, "page": 0, "profile": 0}

                    def finished(request, state=state):
                        size = request.sizes().get("responseBodySize", 0)
                        if state["loaded"]:
                            state["after"] += size
                        else:
                            state["page"] += size
                            if urlsplit(request.url).path.endswith("/agent/profile.json"):
                                state["profile"] += size

                    page.on("requestfinished", finished)
                    page.goto(f"{base}/{lang}/agent/", wait_until="load")
                    page.wait_for_load_state("networkidle")  # the engine and the profile, before the paste
                    state["loaded"] = True
                    page.evaluate(PROBE)
                    page.evaluate("t => navigator.clipboard.writeText(t)", item["text"])
                    box = page.locator(".kb-agent__ticket")
                    box.focus()
                    page.keyboard.press("Control+V")
                    page.wait_for_function("() => document.querySelector('.kb-agent').dataset.state === 'done'",
                                           timeout=30000)
                    page.wait_for_load_state("networkidle")
                    shown = float(page.evaluate("() => document.querySelector('.kb-agent').dataset.shown"))
                    times.append(shown - page.evaluate("() => window.__paste"))
                    sizes.append(state["after"])
                    page_bytes, profile_bytes = state["page"], state["profile"]
                    context.close()
                if times:
                    print(f"{lang:4} {len(times):3} {statistics.median(times):9.0f} {max(times):7.0f} "
                          f"{statistics.median(sizes) / 1024:9.1f} {max(sizes) / 1024:7.1f} "
                          f"{page_bytes / 1024:7.1f} {profile_bytes / 1024:10.1f}")
            browser.close()
    finally:
        server.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built staff site (default: build the shipped docs' staff site)")
    parser.add_argument("--tickets", type=Path, default=HERE / "tickets")
    parser.add_argument("--browser", action="store_true", help="also measure the panel in Chromium")
    parser.add_argument("--browser-only", action="store_true", help="only the Chromium measurement")
    parser.add_argument("--corpus", type=Path, help="measure the panel on this corpus' staff site (e.g. m365-insights)")
    parser.add_argument("--limit", type=int, help="with --corpus: the first N articles per language")
    parser.add_argument("--per-lang", type=int, help="with --browser: paste only the first N long tickets per language")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-suggest-"))
    work.mkdir(parents=True, exist_ok=True)
    site = args.site
    if site is None and args.corpus:
        ours, stock, count = corpora.write_trees(args.corpus.resolve(), args.limit, work)
        config, _ = corpora.write_configs(work, ROOT, ours, stock)
        print(f"corpus: {count} articles per language, {count * len(LANGS)} pages; building the staff site ...",
              flush=True)
        site = build_staff(ours, config, work)
    elif site is None:
        print("building the shipped docs' staff site ...", flush=True)
        site = build_staff(None, None, work)
    if not (args.browser_only or args.corpus):
        quality(site, args.tickets)
    if args.browser or args.browser_only or args.corpus:
        browser_run(site, args.tickets, args.per_lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
