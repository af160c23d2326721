"""The feedback service, run for real on a free local port, with SQLite and
with PostgreSQL (a throwaway cluster; skipped, with the reason, where none can
be started)."""

from __future__ import annotations

import concurrent.futures
import csv
import datetime as dt
import io
import json
import subprocess
import sys
import threading
import time
import urllib.request
import uuid

import jsonschema
import pytest

from feedbackrun import Postgres, Service, rows, why_no_postgres
from kbforge.feedback import events as ev
from kbforge.feedback.store import LATEST, open_store

ORIGIN = "https://help.nordlys.example"  # the site fixture's site_url


@pytest.fixture(scope="session")
def postgres():
    reason = why_no_postgres()
    if reason:
        pytest.skip(reason)
    cluster = Postgres().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "feedback.sqlite3")
    cluster = request.getfixturevalue("postgres")
    return cluster.new_database("t" + uuid.uuid4().hex[:12])


@pytest.fixture
def service(database, site):
    running = Service(database, site / "catalog.json").start()
    yield running
    running.stop()


def vote(**fields):
    return {"type": "vote", "id": str(uuid.uuid4()), "lang": "pl", "article": "KB-0001", "helpful": False, **fields}


def comment(text="Brakuje zdjęć.", **fields):
    return {"type": "comment", "id": str(uuid.uuid4()), "lang": "pl", "article": "KB-0001", "helpful": False,
            "vote": None, "text": text, **fields}


def search(query="faktura", results=3, rank=None, **fields):
    return {"type": "search", "id": str(uuid.uuid4()), "lang": "pl", "query": query, "results": results,
            "rank": rank, **fields}


def count(database) -> int:
    return sum(len(rows(database, table)) for table in ("votes", "comments", "searches"))


# --- storing

def test_events_are_stored_after_commit_and_once(service, database):
    no, note = vote(), comment("Brak zdjęć <3 & więcej", vote=None)
    note["vote"] = no["id"]
    found = search("faktura korekta", 4, 2, clicked="/pl/practices/service/")
    for event in (no, note, found):
        status, answer, headers = service.post(event, headers={"Origin": ORIGIN})
        assert (status, answer) == (201, {"id": event["id"], "stored": True, "duplicate": False})
        assert headers["access-control-allow-origin"] == ORIGIN
        assert "set-cookie" not in {k.lower() for k in headers}
    status, answer, _ = service.post(no)  # the browser sends it again: a lost answer
    assert (status, answer["duplicate"]) == (200, True)

    [v] = rows(database, "votes")
    assert (str(v["id"]), v["lang"], v["article"], bool(v["helpful"])) == (no["id"], "pl", "KB-0001", False)
    [c] = rows(database, "comments")
    assert (c["text"], str(c["vote"])) == ("Brak zdjęć <3 & więcej", no["id"])
    [s] = rows(database, "searches")
    assert (s["query"], s["results"], s["rank"], s["clicked_article"], s["clicked_lang"], s["refines"]) == (
        "faktura korekta", 4, 2, "KB-0001", "pl", None)
    # What is stored, and nothing else: no address, agent, URL or cookie.
    assert set(v) == {"id", "received", "lang", "article", "helpful"}
    assert set(s) == {"id", "received", "lang", "query", "results", "rank", "clicked_article", "clicked_lang", "refines"}
    assert "127.0.0.1" not in json.dumps([v, c, s], default=str)


BAD = {
    "oversized comment": (comment("x" * (ev.MAX_COMMENT + 1)), 422),
    "oversized body": (None, 413),
    "unknown article": (vote(article="KB-9999"), 422),
    "unknown language": (vote(lang="en"), 422),
    "wrong type of helpful": (vote(helpful="no"), 422),
    "wrong type of results": (search(results="3"), 422),
    "negative results": (search(results=-1), 422),
    "rank zero": (search(rank=0), 422),
    "script in a comment": (comment("Hej <script>alert(1)</script>"), 422),
    "markup in a comment": (comment('<img src=x onerror="alert(1)">'), 422),
    "an HTML comment": (comment("a <!-- b --> c"), 422),
    "unknown field": (vote(ip="10.0.0.1"), 422),
    "missing id": ({k: v for k, v in vote().items() if k != "id"}, 422),
    "id not a UUID": (vote(id="1"), 422),
    "unknown kind": (vote(type="pageview"), 422),
    "control character in a query": (search("a\u0000b"), 422),
    "an array": ([vote()], 422),
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def refusing(request, site, tmp_path_factory):
    """One service per database for the refusals: none of them may store anything."""
    if request.param == "sqlite":
        database = str(tmp_path_factory.mktemp("refusing") / "feedback.sqlite3")
    else:
        database = request.getfixturevalue("postgres").new_database("refusing")
    running = Service(database, site / "catalog.json").start()
    yield running, database
    running.stop()


@pytest.mark.parametrize("name", BAD)
def test_bad_payloads_are_refused_and_nothing_is_stored(refusing, name):
    service, database = refusing
    event, expected = BAD[name]
    if event is None:
        status, answer, _ = service.post(None, raw=json.dumps(comment("x" * 9000)).encode())
    else:
        status, answer, _ = service.post(event)
    assert status == expected, answer
    assert answer["problems"]
    assert count(database) == 0


def test_not_json_and_wrong_media_type_are_refused(service, database):
    assert service.post(None, raw=b"{not json")[0] == 400
    assert service.post(None, raw=json.dumps(vote()).encode(), headers={"Content-Type": "text/plain"})[0] == 415
    assert count(database) == 0


def test_only_the_sites_origin_is_answered(service, database):
    status, answer, _ = service.post(vote(), headers={"Origin": "https://evil.example"})
    assert status == 403 and "origin" in answer["error"]
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    for origin, allowed in ((ORIGIN, True), ("https://evil.example", False)):
        request = urllib.request.Request(service.events, method="OPTIONS", headers={"Origin": origin, **preflight})
        try:
            with urllib.request.urlopen(request) as response:
                headers = dict(response.headers)
        except urllib.error.HTTPError as exc:
            headers = dict(exc.headers)
        assert (headers.get("access-control-allow-origin") == ORIGIN) is allowed
    assert count(database) == 0


def test_published_schema_is_valid_and_names_the_sites_languages_and_articles(service):
    with urllib.request.urlopen(service.url + "/v1/schema.json") as response:
        schema = json.load(response)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$defs"]["vote"]["properties"]["lang"]["enum"] == ["vi", "nb", "es", "pl"]
    assert schema["$defs"]["vote"]["properties"]["article"]["enum"] == ["KB-0001"]
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(vote()) and validator.is_valid(search(rank=1, clicked="/pl/x/"))
    assert not validator.is_valid(vote(lang="en"))


def test_a_burst_over_the_rate_limit_is_refused(tmp_path, site):
    database = str(tmp_path / "feedback.sqlite3")
    service = Service(database, site / "catalog.json", rate_limit="5/minute").start()
    try:
        answers = [service.post(vote()) for _ in range(12)]
    finally:
        service.stop()
    assert [status for status, _, _ in answers] == [201] * 5 + [429] * 7
    assert int(answers[-1][2]["retry-after"]) > 0
    assert len(rows(database, "votes")) == 5
    assert b"127.0.0.1" not in open(database, "rb").read()  # the limiter's key is not stored


def test_no_acknowledged_event_is_lost_when_the_service_is_killed(database, site):
    """Clients send events while the service is killed (SIGKILL) mid-way: every
    event it acknowledged is in the database afterwards."""
    service = Service(database, site / "catalog.json").start()
    acknowledged, lock, stop = [], threading.Lock(), threading.Event()

    def client():
        while not stop.is_set():
            event = search(f"zapytanie {uuid.uuid4().hex[:6]}", 1)
            try:
                status, _, _ = service.post(event)
            except OSError:
                continue  # the service is gone: not acknowledged
            if status in (200, 201):
                with lock:
                    acknowledged.append(event["id"])

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in range(8):
            pool.submit(client)
        deadline = time.monotonic() + 20
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            time.sleep(0.05)
        service.kill()
        time.sleep(0.5)
        stop.set()
    assert len(acknowledged) >= 300
    stored = {str(row["id"]) for row in rows(database, "searches")}
    assert set(acknowledged) <= stored
    restarted = Service(database, site / "catalog.json").start()  # and it starts again on the same store
    try:
        assert restarted.post(vote())[0] == 201
    finally:
        restarted.stop()


# --- the store and the commands

def test_migrations_are_versioned_and_idempotent(database):
    store = open_store(database)
    try:
        assert store.version() == 0
        assert store.migrate() == LATEST
        assert store.migrate() == LATEST  # a second instance starting finds nothing to do
    finally:
        store.close()
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database) as conn:
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    else:
        import sqlite3

        with sqlite3.connect(database) as conn:
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == list(range(1, LATEST + 1))


def test_a_newer_schema_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "f.sqlite3"
    open_store(path).migrate()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00Z')")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="schema version 99"):
        open_store(path).migrate()


def kbforge(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kbforge", "feedback", *args], capture_output=True, text=True, timeout=120)


def seed(database) -> dict[str, dict]:
    """Events received on three days of November 2026."""
    store = open_store(database)
    store.migrate()
    made = {}
    for day, event in ((1, vote()), (10, comment("Jak to zrobić?")), (20, search("faktura", 0))):
        store.add(event, dt.datetime(2026, 11, day, 12, tzinfo=dt.timezone.utc))
        made[event["type"]] = event
    store.close()
    return made


def test_export_json_and_csv_for_a_period(database, tmp_path):
    made = seed(database)
    result = kbforge("export", "--database", database, "--since", "2026-11-05", "--until", "2026-11-21")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["since"], document["until"]) == ("2026-11-05", "2026-11-21")
    assert [(e["type"], e["id"], e["received"]) for e in document["events"]] == [
        ("comment", made["comment"]["id"], "2026-11-10T12:00:00Z"), ("search", made["search"]["id"], "2026-11-20T12:00:00Z")]
    assert document["events"][0]["text"] == made["comment"]["text"]
    out = tmp_path / "all.csv"
    result = kbforge("export", "--database", database, "--format", "csv", "-o", str(out))
    assert result.returncode == 0 and "3 events" in result.stderr
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["type"], r["lang"], r["helpful"], r["results"]) for r in table] == [
        ("vote", "pl", "false", ""), ("comment", "pl", "false", ""), ("search", "pl", "", "0")]


def test_purge_before_a_day(database):
    seed(database)
    result = kbforge("purge", "--database", database, "--before", "2026-11-15")
    assert result.returncode == 0, result.stderr
    assert "deleted 1 votes, 1 comments, 0 search events" in result.stdout
    assert (len(rows(database, "votes")), len(rows(database, "comments")), len(rows(database, "searches"))) == (0, 0, 1)
    assert kbforge("purge", "--database", database, "--before", "15.11.2026").returncode == 2


def test_delete_single_events_by_id(database):
    made = seed(database)
    result = kbforge("delete", "--database", database, made["comment"]["id"])
    assert (result.returncode, result.stdout.strip()) == (0, "deleted 1 of 1 events"), result.stderr
    assert rows(database, "comments") == [] and len(rows(database, "votes")) == 1
    assert kbforge("delete", "--database", database, made["comment"]["id"]).returncode == 1  # already gone
    assert kbforge("delete", "--database", database, "not-an-id").returncode == 2


def test_retention_deletes_old_events_when_the_service_starts(tmp_path, site):
    database = str(tmp_path / "feedback.sqlite3")
    store = open_store(database)
    store.migrate()
    store.add(vote(), dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=40))
    store.add(vote(), dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2))
    store.close()
    service = Service(database, site / "catalog.json", retention_days=30).start()
    try:
        deadline = time.monotonic() + 10
        while len(rows(database, "votes")) != 1 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        service.stop()
    assert len(rows(database, "votes")) == 1


def test_serve_explains_a_missing_catalog(tmp_path):
    result = kbforge("serve", "--database", str(tmp_path / "f.sqlite3"), "--catalog", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "none.json: cannot read the site's catalog" in result.stderr


# --- plain logic

@pytest.mark.parametrize("text, markup", [
    ("1 < 2 and 3 > 2", False), ("Brak zdjęć <3", False), ("a & b", False), ("e-mail: a@b.pl", False),
    ("<script>x</script>", True), ("<b>bold</b>", True), ("x <img src=x onerror=alert(1)> y", True),
    ("<!-- c -->", True), ("</p>", True), ("<!DOCTYPE html>", True),
])
def test_comment_markup_is_found_by_a_parser(text, markup):
    assert ev.has_markup(text) is markup


def test_an_article_published_after_the_catalog_was_read_is_accepted(site, tmp_path):
    from kbforge.feedback.service import Settings, State

    catalog = tmp_path / "catalog.json"
    document = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    catalog.write_text(json.dumps(document), encoding="utf-8")
    state = State(Settings(catalog=str(catalog)))
    state.load_site()
    document["articles"].append({**document["articles"][0], "id": "KB-0777"})
    catalog.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ev.Invalid) as refused:
        state.validator.check(vote(article="KB-0777"))
    assert not state.may_be_newer(refused.value)  # read less than a minute ago
    state.loaded -= 61
    assert state.may_be_newer(refused.value)
    state.reload_site()
    assert state.validator.check(vote(article="KB-0777"))["article"] == "KB-0777"
    assert not state.may_be_newer(ev.Invalid(["lang: 'en' is not one of the site's languages"]))
