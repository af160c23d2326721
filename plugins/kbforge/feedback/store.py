"""The feedback store: SQLite by default (one file, WAL mode, nothing to set
up) or PostgreSQL given a ``postgresql://`` URL (psycopg 3), for several
service instances behind a load balancer. Same tables, versioned migrations.

What is stored, and nothing else (no IP address, cookie, user agent, page URL
or other customer identity):

  votes     id, received (UTC, to the second), lang, article, helpful
  comments  id, received, lang, article, helpful, vote (id of the vote), text
  searches  id, received, lang, query, results, rank, clicked_article, clicked_lang, refines

``add`` returns only once the event is committed (SQLite: ``synchronous=FULL``;
PostgreSQL: the transaction's commit), so an acknowledged event survives the
service being stopped. An id already stored is not stored again.
"""

from __future__ import annotations

import datetime as dt
import queue
from contextlib import closing as _closing
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Iterator

KINDS = ("vote", "comment", "search")
TABLES = {"vote": "votes", "comment": "comments", "search": "searches"}
COLUMNS = {
    "vote": ("id", "received", "lang", "article", "helpful"),
    "comment": ("id", "received", "lang", "article", "helpful", "vote", "text"),
    "search": ("id", "received", "lang", "query", "results", "rank", "clicked_article", "clicked_lang", "refines"),
}
# Every column of every kind, for exports that hold all kinds in one table (CSV).
ALL_COLUMNS = ("type", "id", "received", "lang", "article", "helpful", "vote", "text",
               "query", "results", "rank", "clicked_article", "clicked_lang", "refines")

# Versioned migrations: (version, what it does, SQLite statements, PostgreSQL statements).
# Never edit a released one; add the next version.
MIGRATIONS = [
    (1, "votes, comments and search events", [
        "CREATE TABLE votes (id TEXT PRIMARY KEY, received TEXT NOT NULL, lang TEXT NOT NULL,"
        " article TEXT NOT NULL, helpful INTEGER NOT NULL)",
        "CREATE TABLE comments (id TEXT PRIMARY KEY, received TEXT NOT NULL, lang TEXT NOT NULL,"
        " article TEXT NOT NULL, helpful INTEGER NOT NULL, vote TEXT, text TEXT NOT NULL)",
        "CREATE TABLE searches (id TEXT PRIMARY KEY, received TEXT NOT NULL, lang TEXT NOT NULL,"
        " query TEXT NOT NULL, results INTEGER NOT NULL, rank INTEGER, clicked_article TEXT,"
        " clicked_lang TEXT, refines TEXT)",
        "CREATE INDEX votes_received ON votes (received)",
        "CREATE INDEX comments_received ON comments (received)",
        "CREATE INDEX searches_received ON searches (received)",
    ], [
        "CREATE TABLE votes (id UUID PRIMARY KEY, received TIMESTAMPTZ NOT NULL, lang TEXT NOT NULL,"
        " article TEXT NOT NULL, helpful BOOLEAN NOT NULL)",
        "CREATE TABLE comments (id UUID PRIMARY KEY, received TIMESTAMPTZ NOT NULL, lang TEXT NOT NULL,"
        " article TEXT NOT NULL, helpful BOOLEAN NOT NULL, vote UUID, text TEXT NOT NULL)",
        "CREATE TABLE searches (id UUID PRIMARY KEY, received TIMESTAMPTZ NOT NULL, lang TEXT NOT NULL,"
        " query TEXT NOT NULL, results INTEGER NOT NULL, rank INTEGER, clicked_article TEXT,"
        " clicked_lang TEXT, refines TEXT)",
        "CREATE INDEX votes_received ON votes (received)",
        "CREATE INDEX comments_received ON comments (received)",
        "CREATE INDEX searches_received ON searches (received)",
    ]),
]
LATEST = MIGRATIONS[-1][0]


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def utc(value: dt.datetime | dt.date) -> dt.datetime:
    """A date means its midnight, UTC; a naive time is taken as UTC."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


class StoreError(RuntimeError):
    """The database cannot be used (missing driver, unreachable server, newer schema)."""


def open_store(url: str | Path):
    """A store for ``url``: ``postgresql://...`` (or ``postgres://``), else an
    SQLite file (``sqlite:///path`` or a plain path)."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresStore(text)
    return SQLiteStore(text.removeprefix("sqlite:///") if text.startswith("sqlite:///") else text)


def _row(kind: str, event: dict, received: dt.datetime) -> tuple:
    values = {**event, "received": received}
    return tuple(values.get(column) for column in COLUMNS[kind])


def _insert_sql(kind: str, mark: str) -> str:
    columns = COLUMNS[kind]
    return (f"INSERT INTO {TABLES[kind]} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
            " ON CONFLICT (id) DO NOTHING")


class SQLiteStore:
    """One file in WAL mode. Writes go through one thread that commits what
    has queued up in one transaction (group commit) and then answers each
    waiting request: many events per fsync, none acknowledged before it."""

    BATCH = 500

    def __init__(self, path: str):
        self.path = path
        self.url = f"sqlite:///{path}"
        self._queue: queue.Queue = queue.Queue()
        self._writer: threading.Thread | None = None
        self._start = threading.Lock()
        Path(path).parent.mkdir(parents=True, exist_ok=True)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # a commit reaches the disk before the answer
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    # --- schema

    def version(self) -> int:
        with _closing(self._connect()) as conn:
            return _sqlite_version(conn)

    def migrate(self) -> int:
        with _closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")  # one migrator at a time
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations"
                             " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
                current = _sqlite_version(conn)
                _refuse_newer(current)
                for version, name, statements, _ in MIGRATIONS:
                    if version > current:
                        for statement in statements:
                            conn.execute(statement)
                        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _text(now())))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return _sqlite_version(conn)

    # --- writing

    def add(self, event: dict, received: dt.datetime | None = None) -> bool:
        """Store one checked event; True if stored, False if its id already was.
        Returns once it is committed."""
        future: Future = Future()
        self._queue.put((event, _text(received or now()), future))
        self._ensure_writer()
        return future.result()

    def _ensure_writer(self):
        if self._writer is None or not self._writer.is_alive():
            with self._start:
                if self._writer is None or not self._writer.is_alive():
                    self._writer = threading.Thread(target=self._write_loop, name="feedback-sqlite-writer", daemon=True)
                    self._writer.start()

    def _write_loop(self):
        conn = self._connect()
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                batch = [item]
                while len(batch) < self.BATCH:
                    try:
                        more = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        self._queue.put(None)  # stop after this batch
                        break
                    batch.append(more)
                self._commit(conn, batch)
        finally:
            conn.close()

    def _commit(self, conn, batch):
        try:
            conn.execute("BEGIN IMMEDIATE")
            stored = [conn.execute(_insert_sql(e["type"], "?"), _sqlite_row(e, r)).rowcount == 1 for e, r, _ in batch]
            conn.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 - handed to the waiting requests
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            for _, _, future in batch:
                future.set_exception(StoreError(f"{self.path}: {exc}"))
            return
        for (_, _, future), ok in zip(batch, stored):
            future.set_result(ok)

    # --- reading and deleting

    def events(self, since=None, until=None, kinds=KINDS) -> Iterator[dict]:
        """Stored events received in [since, until), oldest first per kind."""
        with _closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            for kind in kinds:
                where, args = _period(since, until, "?", _text)
                for row in conn.execute(f"SELECT * FROM {TABLES[kind]}{where} ORDER BY received, id", args):
                    yield _event(kind, dict(row))

    def purge(self, before) -> dict[str, int]:
        """Delete every event received before ``before``; counts per kind."""
        with _closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            counts = {kind: conn.execute(f"DELETE FROM {TABLES[kind]} WHERE received < ?", (_text(utc(before)),)).rowcount
                      for kind in KINDS}
            conn.execute("COMMIT")
            return counts

    def delete(self, ids: list[str]) -> int:
        """Delete the events with these ids (e.g. a comment with personal data in it)."""
        with _closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")
            deleted = sum(conn.execute(f"DELETE FROM {TABLES[kind]} WHERE id = ?", (id,)).rowcount
                          for kind in KINDS for id in ids)
            conn.execute("COMMIT")
            return deleted

    def ping(self) -> None:
        with _closing(self._connect()) as conn:
            conn.execute("SELECT 1")

    def close(self):
        if self._writer is not None and self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()


class PostgresStore:
    """PostgreSQL through a psycopg 3 connection pool; each event is its own
    transaction, committed before ``add`` returns."""

    def __init__(self, url: str, max_connections: int = 10):
        try:
            from psycopg_pool import ConnectionPool
        except ImportError as exc:  # pragma: no cover - the [feedback] extra installs it
            raise StoreError("PostgreSQL needs psycopg: pip install 'kbforge[feedback]'") from exc
        self.url = url
        self._pool = ConnectionPool(url, min_size=1, max_size=max_connections, open=False, timeout=30)
        try:
            self._pool.open(wait=True, timeout=30)
        except Exception as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc

    def version(self) -> int:
        with self._pool.connection() as conn:
            return _pg_version(conn)

    def migrate(self) -> int:
        with self._pool.connection() as conn:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(72616472)")  # one migrator at a time, across instances
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations"
                             " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TIMESTAMPTZ NOT NULL)")
                current = _pg_version(conn)
                _refuse_newer(current)
                for version, name, _, statements in MIGRATIONS:
                    if version > current:
                        for statement in statements:
                            conn.execute(statement)
                        conn.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", (version, name, now()))
            return _pg_version(conn)

    def add(self, event: dict, received: dt.datetime | None = None) -> bool:
        with self._pool.connection() as conn:  # commits when the block ends without error
            cursor = conn.execute(_insert_sql(event["type"], "%s"), _row(event["type"], event, received or now()))
            stored = cursor.rowcount == 1
        return stored

    def events(self, since=None, until=None, kinds=KINDS) -> Iterator[dict]:
        from psycopg.rows import dict_row

        with self._pool.connection() as conn:
            for kind in kinds:
                where, args = _period(since, until, "%s", utc)
                with conn.cursor(row_factory=dict_row) as cursor:
                    cursor.execute(f"SELECT * FROM {TABLES[kind]}{where} ORDER BY received, id", args)
                    for row in cursor:
                        yield _event(kind, row)

    def purge(self, before) -> dict[str, int]:
        with self._pool.connection() as conn:
            return {kind: conn.execute(f"DELETE FROM {TABLES[kind]} WHERE received < %s", (utc(before),)).rowcount
                    for kind in KINDS}

    def delete(self, ids: list[str]) -> int:
        with self._pool.connection() as conn:
            return sum(conn.execute(f"DELETE FROM {TABLES[kind]} WHERE id = %s::uuid", (id,)).rowcount
                       for kind in KINDS for id in ids)

    def ping(self) -> None:
        with self._pool.connection() as conn:
            conn.execute("SELECT 1")

    def close(self):
        self._pool.close()


# --- helpers shared by both stores

def _text(value: dt.datetime) -> str:
    """SQLite keeps times as ISO 8601 text in UTC, which sorts as time does."""
    return utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sqlite_row(event: dict, received: str) -> tuple:
    return _row(event["type"], event, received)


def _period(since, until, mark: str, convert) -> tuple[str, list]:
    clauses, args = [], []
    if since is not None:
        clauses.append(f"received >= {mark}")
        args.append(convert(utc(since)))
    if until is not None:
        clauses.append(f"received < {mark}")
        args.append(convert(utc(until)))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


def _event(kind: str, row: dict) -> dict:
    """A stored row as an event: the same shape from either database."""
    out = {"type": kind}
    for column in COLUMNS[kind]:
        value = row[column]
        if column == "received":
            value = _text(value) if isinstance(value, dt.datetime) else value
        elif column in ("helpful",):
            value = bool(value)
        elif column in ("id", "vote") and value is not None:
            value = str(value)
        out[column] = value
    return out


def _sqlite_version(conn) -> int:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone()
    if not exists:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def _pg_version(conn) -> int:
    exists = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0]
    if exists is None:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def _refuse_newer(current: int) -> None:
    if current > LATEST:
        raise StoreError(f"the database has schema version {current}; this kbforge knows up to {LATEST}: upgrade kbforge")
