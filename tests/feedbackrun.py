"""Run the real feedback service (and a throwaway PostgreSQL) for tests."""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """``kbforge feedback serve`` in a child process on a free local port."""

    def __init__(self, database: str, catalog: Path, *, port: int | None = None, rate_limit: str = "0",
                 origin: str = "", retention_days: int = 365):
        self.database, self.catalog = database, catalog
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.events = self.url + "/v1/events"
        self.args = [sys.executable, "-m", "kbforge", "feedback", "serve", "--database", database,
                     "--catalog", str(catalog), "--port", str(self.port), "--rate-limit", rate_limit,
                     "--retention-days", str(retention_days)] + (["--origin", origin] if origin else [])
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the service stopped: {self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the service did not start: {self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def kill(self) -> None:
        """Stop it the hard way (SIGKILL), mid-request if need be."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def post(self, body, *, headers=None, raw: bytes | None = None) -> tuple[int, dict, dict]:
        """(status, JSON answer, headers)"""
        data = raw if raw is not None else json.dumps(body).encode()
        request = urllib.request.Request(self.events, data=data, method="POST",
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response), dict(response.headers)
        except urllib.error.HTTPError as exc:
            text = exc.read()
            return exc.code, (json.loads(text) if text.startswith(b"{") else {}), dict(exc.headers)


# --- a throwaway PostgreSQL cluster

def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class Postgres:
    """initdb + pg_ctl in a temporary folder, as the 'postgres' user when run as root."""

    def __init__(self):
        self.bin = postgres_bin()
        # Its own folder under /tmp: pytest's temporary folders are closed to other users.
        self.root = root = Path(tempfile.mkdtemp(prefix="kb-postgres-"))
        self.data = root / "data"
        self.port = free_port()
        self.url = f"postgresql://kb@127.0.0.1:{self.port}/postgres"
        self._as = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")  # Debian's package creates it
            shutil.chown(root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args):
        done = subprocess.run([*self._as, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed: {done.stdout.decode(errors='replace')}")

    def start(self) -> "Postgres":
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "kb", "-A", "trust", "-E", "UTF8",
                  "--locale", "C", "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=60"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                  "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        subprocess.run([*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + "/" + name


def why_no_postgres() -> str | None:
    """None when a throwaway cluster can be started here, else the reason."""
    if postgres_bin() is None:
        return "PostgreSQL is not installed (Debian: apt-get install postgresql); .ci/run installs it"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to run initdb as"
        if shutil.which("runuser") is None:
            return "running as root without runuser to start PostgreSQL as 'postgres'"
    return None


def rows(database: str, table: str) -> list[dict]:
    """Every row of a table, read with the database's own driver (not our store)."""
    if database.startswith("postgresql://"):
        import psycopg
        from psycopg.rows import dict_row

        with psycopg.connect(database, row_factory=dict_row) as conn:
            return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY received, id")]
    import sqlite3

    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY received, id")]
    finally:
        conn.close()
