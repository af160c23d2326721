"""Load benchmark of the feedback service (not a test): sends 10,000 events from
concurrent clients to ``kbforge feedback serve`` on a local port and prints
events per second and latency percentiles, for SQLite and for PostgreSQL.

    .venv/bin/python benchmarks/feedback.py                       # both stores
    .venv/bin/python benchmarks/feedback.py --events 10000 --clients 50 --stores sqlite
    .venv/bin/python benchmarks/feedback.py --postgres postgresql://user@host/db   # an existing server

PostgreSQL: without --postgres a throwaway cluster is started with Debian's
postgresql (initdb/pg_ctl in a temporary folder). The clients run in this
processes (stdlib http.client, keep-alive connections), on the same machine as
the service: on 2 cores they compete with it.
An event counts once its answer (201) has arrived, i.e. after the commit.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers start the service and PostgreSQL

from feedbackrun import Postgres, Service, rows, why_no_postgres  # noqa: E402

LANGS = ["vi", "nb", "es", "pl"]
WORDS = ["faktura", "hóa đơn", "factura", "reklamacja", "bytte", "garantía", "sự cố", "leveranse", "kod", "zwrot"]


def catalog(folder: Path, articles: int) -> Path:
    """A catalog.json of ``articles`` articles in four languages, as the site writes it."""
    site = "http://127.0.0.1:9/"
    document = {"schema_version": 1, "site_url": site, "default_language": "vi", "languages": LANGS, "articles": [
        {"id": f"KB-{n:04d}", "type": "faq", "audience": "public", "owner": "x", "permalink": "", "replaced_by": None,
         "translations": {lang: {"title": "t", "url": f"{site}{lang}/faq/a{n}/", "permalink": "", "summary": "",
                                 "tags": [], "reviewed": "2026-01-01"} for lang in LANGS}}
        for n in range(1, articles + 1)]}
    path = folder / "catalog.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def event(n: int, articles: int) -> dict:
    rnd = random.Random(n)
    lang, article = rnd.choice(LANGS), f"KB-{rnd.randint(1, articles):04d}"
    base = {"id": str(uuid.UUID(int=rnd.getrandbits(128), version=4)), "lang": lang}
    kind = rnd.random()
    if kind < 0.6:
        results = rnd.choice([0, 0, 3, 7, 10])
        rank = rnd.randint(1, results) if results and rnd.random() < 0.6 else None
        return {**base, "type": "search", "query": " ".join(rnd.sample(WORDS, 2)), "results": results, "rank": rank,
                "clicked": f"/{lang}/faq/a{rnd.randint(1, articles)}/" if rank else None, "refines": None}
    if kind < 0.9:
        return {**base, "type": "vote", "article": article, "helpful": rnd.random() < 0.7}
    return {**base, "type": "comment", "article": article, "helpful": False, "vote": None,
            "text": "Brakuje przykładu dla faktury korygującej. " * rnd.randint(1, 5)}


def _client_process(url: str, events: list[dict], threads: int) -> tuple[list[float], dict]:
    """One client process: ``threads`` keep-alive connections (stdlib http.client)."""
    split = urlsplit(url)
    latencies, statuses, lock = [], {}, threading.Lock()
    work = iter(events)

    def client():
        conn = http.client.HTTPConnection(split.hostname, split.port, timeout=60)
        mine, seen = [], {}
        for e in work:  # shared iterator: each event is sent once
            body = json.dumps(e).encode()
            start = time.perf_counter()
            conn.request("POST", split.path, body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            seen[response.status] = seen.get(response.status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for status, n in seen.items():
                statuses[status] = statuses.get(status, 0) + n

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, statuses


def load(url: str, events: list[dict], clients: int, processes: int) -> tuple[float, list[float], dict]:
    """Send ``events`` from ``clients`` concurrent connections spread over ``processes``."""
    processes = max(1, min(processes, clients))
    shares = [events[n::processes] for n in range(processes)]
    threads = [clients // processes + (1 if n < clients % processes else 0) for n in range(processes)]
    with concurrent.futures.ProcessPoolExecutor(processes) as pool:
        list(pool.map(_noop, range(processes)))  # the processes are up before the clock starts
        start = time.perf_counter()
        results = list(pool.map(_client_process, [url] * processes, shares, threads))
        elapsed = time.perf_counter() - start
    latencies, statuses = [], {}
    for mine, seen in results:
        latencies.extend(mine)
        for status, n in seen.items():
            statuses[status] = statuses.get(status, 0) + n
    return elapsed, latencies, statuses


def _noop(_):
    return None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(store: str, database: str, catalog_path: Path, args) -> None:
    service = Service(database, catalog_path, rate_limit="0", retention_days=0)
    service.args += ["--workers", str(args.workers)]
    service.start()
    try:
        load(service.events, [event(10**9 + n, args.articles) for n in range(200)], args.clients, args.processes)  # warm-up
        events = [event(n, args.articles) for n in range(args.events)]
        elapsed, latencies, statuses = load(service.events, events, args.clients, args.processes)
    finally:
        service.stop()
    stored = sum(len(rows(database, table)) for table in ("votes", "comments", "searches"))
    print(f"{store:<10} {args.events:>7} {args.clients:>7} {args.workers:>7} {args.events / elapsed:>10.0f}"
          f" {statistics.median(latencies) * 1000:>8.1f} {percentile(latencies, 99) * 1000:>8.1f}"
          f" {max(latencies) * 1000:>8.1f}  {stored - 200:>7}  {json.dumps(statuses)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default %(default)s)")
    parser.add_argument("--processes", type=int, default=2, help="client processes (default %(default)s)")
    parser.add_argument("--workers", type=int, default=1, help="service worker processes (default %(default)s)")
    parser.add_argument("--articles", type=int, default=500, help="articles in the synthetic catalog")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--postgres", help="an existing PostgreSQL URL (else a throwaway cluster)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-feedback-bench-") as tmp:
        folder = Path(tmp)
        catalog_path = catalog(folder, args.articles)
        print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores are shared with the clients and any other job)")
        print(f"{'store':<10} {'events':>7} {'clients':>7} {'workers':>7} {'events/s':>10} {'p50 ms':>8} {'p99 ms':>8}"
              f" {'max ms':>8}  {'stored':>7}  answers")
        for store in args.stores.split(","):
            if store == "sqlite":
                run(store, str(folder / "feedback.sqlite3"), catalog_path, args)
            elif store == "postgresql":
                if args.postgres:
                    run(store, args.postgres, catalog_path, args)
                    continue
                reason = why_no_postgres()
                if reason:
                    print(f"postgresql skipped: {reason}")
                    continue
                cluster = Postgres().start()
                try:
                    run(store, cluster.new_database("bench"), catalog_path, args)
                finally:
                    cluster.stop()
            else:
                parser.error(f"unknown store {store!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
