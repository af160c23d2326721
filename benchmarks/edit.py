"""Edit-loop benchmark: how long after saving an article the served site shows it.

    .venv/bin/python benchmarks/edit.py --corpus ../shared/corpora/m365-insights          # all of it
    .venv/bin/python benchmarks/edit.py --corpus ../shared/corpora/m365-insights --limit 500 --stock

Starts the documented serve command (``KB_ONLY_LANGUAGE=<lang> mkdocs serve
--dirty``) on a copy of the corpus, waits for the first build, then appends a
line to one article several times and polls the served page until the line
shows. With --stock it does the same with the stock build's ``mkdocs serve``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpora  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str | None, timeout: float) -> float | None:
    """Seconds until ``url`` answers (and contains ``text``), or None."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        body = fetch(url)
        if body is not None and (text is None or text in body):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def measure(name: str, config: Path, article: Path, url: str, env: dict, runs: int, timeout: float) -> None:
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
               "-a", f"127.0.0.1:{port}"]
    if name == "stock":
        command.remove("--dirty")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/{url}"
    try:
        first = wait_for(page, None, timeout)
        if first is None:
            print(f"  {name:5}  the first build did not finish in {timeout:.0f} s")
            return
        times = []
        original = article.read_text(encoding="utf-8")
        for run in range(runs):
            marker = f"kbedit{run}x{os.getpid()}"
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            start = time.monotonic()
            article.write_text(original + f"\n\nEdited {marker}.\n", encoding="utf-8")
            seen = wait_for(page, marker, timeout)
            times.append((time.monotonic() - start) if seen is not None else float("inf"))
        article.write_text(original, encoding="utf-8")
        shown = ", ".join(f"{t:.1f}" for t in times)
        print(f"  {name:5}  first build {first:6.1f} s   edit visible after: median {statistics.median(times):.1f} s"
              f" (runs: {shown} s)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus folder with vi/ nb/ es/ pl/")
    parser.add_argument("--limit", type=int, help="the first N articles per language")
    parser.add_argument("--lang", default="pl", choices=corpora.LANGS, help="the language being edited (default pl)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stock", action="store_true", help="also the stock build's mkdocs serve")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-edit-") as tmp:
        root = Path(tmp)
        ours, stock, count = corpora.write_trees(args.corpus, args.limit, root)
        ours_config, stock_config = corpora.write_configs(root, PROJECT, ours, stock)
        name = sorted(p.name for p in (ours / args.lang).glob("*.md") if p.name != "index.md")[len(corpora.LANGS)]
        print(f"{args.corpus.name}: {count} articles per language; editing {args.lang}/{name}")
        base = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_UPDATE_LEDGER": "false"}
        url = f"{args.lang}/{name[:-3]}/"
        measure("ours", ours_config, ours / args.lang / name, url, {**base, "KB_ONLY_LANGUAGE": args.lang},
                args.runs, args.timeout)
        if args.stock:
            stock_url = url if args.lang != "vi" else f"{name[:-3]}/"
            measure("stock", stock_config, stock / args.lang / name, stock_url, base, args.runs, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
