"""Search benchmark: this project's search against the stock MkDocs + Material +
static-i18n search of the same content, typed into each site's search box in
headless Chromium, in the same run.

    .venv/bin/python benchmarks/search.py                    # the project's docs
    .venv/bin/python benchmarks/search.py --corpus ../shared/corpora/m365-insights --limit 500

Queries: benchmarks/queries/<docs|m365>/<lang>.yml, each with its kind (exact,
no-diacritics, inflected, own-words, typo, question) and every article that
answers it; --queries names another folder (its <lang>.yml files, and any
<lang>.*.yml beside them, are read).
Prints per language and kind recall@1 and recall@5 (share of queries with an
answer in the top 1 or 5), MRR (first answer in the top 10), then the bytes of
the first page (everything it downloads until it has loaded), of the search
files downloaded from then until the first result shows, their sum, and the
median time from the last keystroke to results.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpora  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
KINDS = ["exact", "no-diacritics", "inflected", "own-words", "typo", "question"]
CHROMIUM = "/usr/bin/chromium"

# Set before typing, read when results have settled.
PROBE = """() => {
  window.__kb = {keyup: 0, changed: 0}  // keyup holds the last keydown: results may come before the key is released
  document.addEventListener('keydown', () => { window.__kb.keyup = performance.now() }, true)
  const list = document.querySelector('.md-search-result__list')
  new MutationObserver(() => { window.__kb.changed = performance.now() })
    .observe(list, {childList: true, subtree: true, characterData: true})
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(config: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_UPDATE_LEDGER": "false"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env,
                   stdout=subprocess.DEVNULL)


class Site:
    def __init__(self, name: str, base: str, search_paths: tuple[str, ...], answer_of):
        self.name, self.base, self.search_paths, self.answer_of = name, base, search_paths, answer_of

    def home(self, lang: str) -> str:
        if self.name == "stock" and lang == "vi":
            return self.base + "/"  # stock i18n puts the default language at the root
        return f"{self.base}/{lang}/"


def run_queries(browser, site: Site, lang: str, queries: list[dict]) -> dict:
    context = browser.new_context(locale=lang)
    page = context.new_page()
    downloaded, first_done, loaded, first_page = [0], [False], [False], [0]

    def on_finished(request):
        size = request.sizes().get("responseBodySize", 0)
        if not loaded[0]:
            first_page[0] += size
        elif not first_done[0] and any(p in urlsplit(request.url).path for p in site.search_paths):
            downloaded[0] += size

    page.on("requestfinished", on_finished)
    page.goto(site.home(lang), wait_until="load")
    page.wait_for_load_state("networkidle")  # what the first page fetches after 'load' (Material: the sitemap)
    loaded[0] = True
    page.evaluate(PROBE)
    box = page.locator(".md-search__input")
    rows, times = [], []
    for number, query in enumerate(queries):
        box.click()
        box.fill("")
        page.evaluate("() => { window.__kb.changed = 0 }")
        box.press_sequentially(query["q"], delay=20)
        settled = settle(page, site, query["q"])
        paths = [urlsplit(href).path for href in page.eval_on_selector_all(
            ".md-search-result__item > a:first-child", "els => els.map(e => e.href)")][:10]
        if number == 0:
            first_done[0] = True
        timing = page.evaluate("() => window.__kb")
        if settled and timing["changed"] >= timing["keyup"]:
            times.append(timing["changed"] - timing["keyup"])
        answers = set(query["answers"])
        ranks = [i for i, p in enumerate(paths, start=1) if site.answer_of(lang, p) in answers]
        rows.append({"kind": query["kind"], "rank": ranks[0] if ranks else None,
                     "foreign": sum(1 for p in paths if lang_of(site, p) != lang), "shown": len(paths)})
    context.close()
    return {"rows": rows, "bytes": downloaded[0], "page": first_page[0], "times": times}


def lang_of(site: Site, path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in corpora.LANGS else "vi"


def settle(page, site: Site, query: str) -> bool:
    """Wait until the results for ``query`` are shown."""
    try:
        if site.name == "ours":  # search.js marks which query its results answer
            page.wait_for_function(
                "q => document.querySelector('.md-search-result__meta').dataset.query === q",
                arg=query.strip(), timeout=15000)
        else:  # Material: until the list stops changing
            page.wait_for_function(
                "() => window.__kb.changed > 0 && performance.now() - window.__kb.changed > 400",
                timeout=15000)
        return True
    except Exception:  # noqa: BLE001 - a query that never shows results counts as not found
        return False


def score(rows: list[dict]) -> tuple[float, float, float]:
    if not rows:
        return (0.0, 0.0, 0.0)
    r1 = sum(1 for r in rows if r["rank"] == 1) / len(rows)
    r5 = sum(1 for r in rows if r["rank"] and r["rank"] <= 5) / len(rows)
    mrr = sum(1 / r["rank"] for r in rows if r["rank"]) / len(rows)
    return r1, r5, mrr


def report(results: dict) -> None:
    for name, by_lang in results.items():
        print(f"\n{name}")
        print(f"  {'lang':4} {'kind':14} {'n':>3} {'R@1':>5} {'R@5':>5} {'MRR':>5}")
        for lang, result in by_lang.items():
            kinds = defaultdict(list)
            for row in result["rows"]:
                kinds[row["kind"]].append(row)
            for kind in KINDS:
                r1, r5, mrr = score(kinds[kind])
                print(f"  {lang:4} {kind:14} {len(kinds[kind]):3d} {r1:5.2f} {r5:5.2f} {mrr:5.2f}")
            shown = sum(r["shown"] for r in result["rows"])
            foreign = sum(r["foreign"] for r in result["rows"])
            median = statistics.median(result["times"]) if result["times"] else float("nan")
            print(f"  {lang:4} first page {result['page'] / 1024:6.1f} KB; search bytes before the first result: "
                  f"{result['bytes'] / 1024:6.1f} KB; both {(result['page'] + result['bytes']) / 1024:6.1f} KB; "
                  f"median keystroke to results: {median:4.0f} ms; results in another language: "
                  f"{100 * foreign / max(shown, 1):4.1f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a corpus folder with vi/ nb/ es/ pl/ (default: the project's docs)")
    parser.add_argument("--limit", type=int, help="the first N articles per language (sorted by file name)")
    parser.add_argument("--queries", type=Path, help="the query folder (default: benchmarks/queries/docs or /m365)")
    parser.add_argument("--no-stock", action="store_true", help="only this project's site")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (e.g. for benchmarks/rank.py --site)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = args.queries or PROJECT / "benchmarks" / "queries" / ("m365" if args.corpus else "docs")
    queries = {lang: load_queries(folder, lang) for lang in corpora.LANGS}

    with tempfile.TemporaryDirectory(prefix="kb-search-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        if args.corpus:
            ours_docs, stock_docs, count = corpora.write_trees(args.corpus, args.limit, root)
            answer = lambda lang, path: path.strip("/").split("/")[-1]  # noqa: E731 - the file's stem
        else:
            ours_docs, stock_docs, count = corpora.project_trees(PROJECT, root)
            answer = docs_answer(ours_docs)
        servers, sites = [], []
        for name, docs, paths in (("ours", ours_docs, ("/kbsearch/", "/kbsearch.js")), ("stock", stock_docs, ("/search/",))):
            if name == "stock" and args.no_stock:
                continue
            server, base = serve(root / f"site-{name}")
            servers.append(server)
            ours_config, stock_config = corpora.write_configs(root, PROJECT, ours_docs, stock_docs, site_url=base + "/")
            build(ours_config if name == "ours" else stock_config)
            sites.append(Site(name, base, paths, answer))
        print(f"{count} articles per language; queries from {folder}")
        results = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            for site in sites:
                results[site.name] = {lang: run_queries(browser, site, lang, queries[lang]) for lang in corpora.LANGS}
            browser.close()
        for server in servers:
            server.shutdown()
        report(results)
    return 0


def load_queries(folder: Path, lang: str) -> list[dict]:
    """The queries of <lang>.yml and of any <lang>.<more>.yml in ``folder``."""
    paths = sorted(folder.glob(f"{lang}.yml")) + sorted(folder.glob(f"{lang}.*.yml"))
    return [q for path in paths for q in yaml.safe_load(path.read_text(encoding="utf-8")) or []]


def docs_answer(ours_docs: Path):
    """For the project's docs: the id of the article at a result's path."""
    from kbforge.content import load_catalog

    catalog = load_catalog(str(ours_docs), corpora.LANGS, "vi", shown_base=str(ours_docs.parent))
    by_path = {}
    for entry in catalog.articles():
        by_path[(entry.lang, entry.url[len(entry.lang) + 1:])] = entry.id

    def answer(lang, path):
        rest = path.strip("/")
        first = rest.split("/")[0]
        if first in corpora.LANGS:
            lang, rest = first, rest[len(first) + 1:]
        else:
            lang = "vi"  # stock: the default language at the root
        return by_path.get((lang, rest + "/" if rest else ""))

    return answer


if __name__ == "__main__":
    sys.exit(main())
