"""Build benchmark: this project's build against the stock MkDocs + Material +
static-i18n build of the same content, in the same run.

    .venv/bin/python benchmarks/build.py                        # the project's docs
    .venv/bin/python benchmarks/build.py --corpus ../shared/corpora/m365-insights --limit 500
    .venv/bin/python benchmarks/build.py --corpus ../shared/corpora/m365-insights   # all of it

Prints wall time, peak memory (the whole process tree), site size, and the
median and largest HTML page per language; with --limit N it also builds 2N
articles and prints how the figures change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpora  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
    return total


def run_build(config: Path, timeout: float) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_UPDATE_LEDGER": "false"}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    peak = 0
    stop = threading.Event()

    def watch():
        nonlocal peak
        while not stop.wait(0.2):
            peak = max(peak, _tree_rss(proc.pid))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        _, err = proc.communicate(timeout=timeout)
        finished = proc.returncode == 0
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        err, finished = f"did not finish in {timeout:.0f} s", False
    stop.set()
    watcher.join()
    result = {"seconds": time.monotonic() - start, "peak_mb": peak / 2**20, "finished": finished}
    if not finished:
        result["error"] = (err or "").strip().splitlines()[-1:] or ["failed"]
    return result


def site_figures(site: Path) -> dict:
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = {}
    for lang in corpora.LANGS:
        sizes = [p.stat().st_size for p in (site / lang).rglob("*.html")] if (site / lang).exists() else []
        if not sizes and lang == "vi":  # stock: the default language is at the root
            sizes = [p.stat().st_size for p in site.rglob("*.html")
                     if p.relative_to(site).parts[0] not in corpora.LANGS]
        pages[lang] = (statistics.median(sizes) if sizes else 0, max(sizes) if sizes else 0, len(sizes))
    return {"site_mb": size / 2**20, "pages": pages}


def measure(docs_root: Path, ours: Path, stock: Path, timeout: float, with_stock: bool) -> dict:
    ours_config, stock_config = corpora.write_configs(docs_root, PROJECT, ours, stock)
    out = {}
    for name, config, site in (("ours", ours_config, docs_root / "site-ours"), ("stock", stock_config, docs_root / "site-stock")):
        if name == "stock" and not with_stock:
            continue
        result = run_build(config, timeout)
        if result["finished"]:
            result.update(site_figures(site))
        out[name] = result
    return out


def show(label: str, figures: dict) -> None:
    print(f"\n{label}")
    for name, r in figures.items():
        if not r["finished"]:
            print(f"  {name:5}  {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB  FAILED: {' '.join(r['error'])}")
            continue
        print(f"  {name:5}  {r['seconds']:7.1f} s  peak {r['peak_mb']:6.0f} MB  site {r['site_mb']:8.1f} MB")
        for lang, (median, largest, count) in r["pages"].items():
            print(f"         {lang}: {count:5d} pages  median {median / 1024:6.1f} KB  largest {largest / 1024:7.1f} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a corpus folder with vi/ nb/ es/ pl/ (default: the project's docs)")
    parser.add_argument("--limit", type=int, help="the first N articles per language; also builds 2N")
    parser.add_argument("--no-stock", action="store_true", help="only this project's build")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a build is given up (default 900)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        root = Path(tmp)
        runs = []
        if args.corpus is None:
            ours, stock, count = corpora.project_trees(PROJECT, root)
            runs.append((f"project docs: {count} articles per language", ours, stock))
        else:
            sizes = [args.limit, 2 * args.limit] if args.limit else [None]
            for size in sizes:
                sub = root / f"n{size or 'all'}"
                ours, stock, count = corpora.write_trees(args.corpus, size, sub)
                runs.append((f"{args.corpus.name}: {count} articles per language", ours, stock))
        results = []
        for label, ours, stock in runs:
            figures = measure(ours.parent, ours, stock, args.timeout, not args.no_stock)
            show(label, figures)
            results.append(figures)
        if len(results) == 2:
            print("\nfrom N to 2N articles")
            for name in results[0]:
                a, b = results[0][name], results[1].get(name)
                if a["finished"] and b and b["finished"]:
                    print(f"  {name:5}  time x{b['seconds'] / a['seconds']:.2f}  site x{b['site_mb'] / a['site_mb']:.2f}  "
                          f"median page x{b['pages']['pl'][0] / max(a['pages']['pl'][0], 1):.2f}")
        if len(results[0]) == 2 and all(r["finished"] for r in results[0].values()):
            ours, stock = results[0]["ours"], results[0]["stock"]
            print(f"\nstock / ours build time: {stock['seconds'] / ours['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
