"""What each part of the search ranking contributes: the queries of
benchmarks/queries/<docs|m365> run through kbforge.searchcore.query (the
ranking the browser runs, in Python: no typing, no network) with all parts,
then with each part switched off.

    .venv/bin/python benchmarks/rank.py --corpus ../shared/corpora/m365-insights --limit 500
    .venv/bin/python benchmarks/rank.py --corpus ../shared/corpora/m365-insights --site /tmp/site   # a site built before

Prints recall@5 (and recall@1, MRR for "all") per language and kind, and the
bytes a query reads (median, and the largest) with every part on.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpora  # noqa: E402
from search import KINDS, PROJECT, build, load_queries  # noqa: E402

from kbforge.searchcore.query import PARTS, Searcher  # noqa: E402

VARIANTS = {"all": {}, **{f"no-{part}": {part: False} for part in PARTS}}


def evaluate(index: Path, queries: list[dict], answer_of, parts: dict) -> tuple[dict, list[int]]:
    searcher = Searcher(index, **parts)
    ranks, sizes = defaultdict(list), []
    for query in queries:
        searcher.fetched, searcher._cache = [], {}  # each query as a first query
        results = searcher.search(query["q"])
        urls = [searcher.doc(hit.doc)["u"] for hit in results.hits[:10]]
        found = [i for i, url in enumerate(urls, start=1) if answer_of(url) in set(query["answers"])]
        ranks[query["kind"]].append(found[0] if found else None)
        sizes.append(sum((index / rel).stat().st_size for rel in searcher.fetched if (index / rel).exists()))
    return ranks, sizes


def recall(rows, k):
    return sum(1 for r in rows if r and r <= k) / len(rows) if rows else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a corpus folder with vi/ nb/ es/ pl/ (default: the project's docs)")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--queries", type=Path)
    parser.add_argument("--site", type=Path, help="use this built site instead of building one")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    args = parser.parse_args()
    folder = args.queries or PROJECT / "benchmarks" / "queries" / ("m365" if args.corpus else "docs")
    with tempfile.TemporaryDirectory(prefix="kb-rank-") as tmp:
        root = Path(tmp)
        site = args.site
        if site is None:
            if args.corpus:
                ours, stock, _ = corpora.write_trees(args.corpus, args.limit, root)
            else:
                ours, stock, _ = corpora.project_trees(PROJECT, root)
            config, _ = corpora.write_configs(root, PROJECT, ours, stock)
            build(config)
            site = root / "site-ours"
        if args.corpus:
            answer_of = lambda url: url.strip("/").split("/")[-1]  # noqa: E731 - the file's stem
        else:
            from search import docs_answer
            by_path = docs_answer(PROJECT / "docs")
            answer_of = None
        print(f"site {site}; queries from {folder}")
        header = f"  {'lang':4} {'kind':14} {'n':>3} " + " ".join(f"{v:>13}" for v in args.variants)
        print(header + "   (recall@5; all: R@1/R@5/MRR)")
        for lang in corpora.LANGS:
            queries = load_queries(folder, lang)
            index = site / lang / "kbsearch"
            answer = answer_of or (lambda url, lang=lang: by_path(lang, f"/{lang}/{url}"))
            table = {v: evaluate(index, queries, answer, VARIANTS[v]) for v in args.variants}
            for kind in KINDS:
                cells = []
                for variant in args.variants:
                    rows = table[variant][0][kind]
                    if not rows:
                        cells.append(f"{'-':>13}")
                    elif variant == "all":
                        mrr = sum(1 / r for r in rows if r) / len(rows)
                        cells.append(f"{recall(rows, 1):.2f}/{recall(rows, 5):.2f}/{mrr:.2f}".rjust(13))
                    else:
                        cells.append(f"{recall(rows, 5):13.2f}")
                n = len(table[args.variants[0]][0][kind])
                if n:
                    print(f"  {lang:4} {kind:14} {n:3d} " + " ".join(cells))
            sizes = table[args.variants[0]][1]
            print(f"  {lang:4} bytes a query reads (index files, first query): median "
                  f"{statistics.median(sizes) / 1024:.1f} KB, largest {max(sizes) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
