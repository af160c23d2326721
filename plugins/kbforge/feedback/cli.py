"""``kbforge feedback serve|export|purge|delete|migrate|schema``.

Every option also reads an environment variable (``KB_FEEDBACK_DATABASE``,
``KB_FEEDBACK_CATALOG``, ...), as a service in a container is configured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from .service import Settings

DEFAULTS = Settings.from_environment()


def add_parser(sub) -> None:
    parser = sub.add_parser("feedback", help="the feedback service and its store")
    commands = parser.add_subparsers(dest="feedback_command", required=True)

    def database(p):
        p.add_argument("--database", default=DEFAULTS.database,
                       help="an SQLite file or a postgresql:// URL (KB_FEEDBACK_DATABASE; default %(default)s)")

    serve = commands.add_parser("serve", help="receive votes, comments and search events from the site")
    database(serve)
    serve.add_argument("--catalog", default=DEFAULTS.catalog,
                       help="the site's catalog.json, a path or URL (KB_FEEDBACK_CATALOG; default %(default)s)")
    serve.add_argument("--origin", default=DEFAULTS.origin,
                       help="the site's origin, e.g. https://help.nordlys.example (default: catalog.json's site_url)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default %(default)s)")
    serve.add_argument("--rate-limit", default=DEFAULTS.rate_limit,
                       help="events per client, e.g. 60/minute; 0 turns it off (default %(default)s)")
    serve.add_argument("--rate-limit-storage", default=DEFAULTS.rate_limit_storage,
                       help="where the limiter counts, shared by instances: memory:// or e.g. redis://host:6379")
    serve.add_argument("--retention-days", type=int, default=DEFAULTS.retention_days,
                       help="delete events older than this many days, hourly; 0 keeps them (default %(default)s)")
    serve.add_argument("--forwarded-allow-ips", default=None,
                       help="addresses of the load balancers whose X-Forwarded-For names the client")

    export = commands.add_parser("export", help="write the events of a period as JSON or CSV")
    database(export)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--since", type=_date, help="first day, YYYY-MM-DD (default: everything)")
    export.add_argument("--until", type=_date, help="day after the last, YYYY-MM-DD (default: up to now)")
    export.add_argument("-o", "--output", help="a file (default: standard output)")

    purge = commands.add_parser("purge", help="delete every event received before a day")
    database(purge)
    purge.add_argument("--before", type=_date, required=True, help="YYYY-MM-DD (UTC midnight)")

    delete = commands.add_parser("delete", help="delete single events by id (e.g. a comment with personal data)")
    database(delete)
    delete.add_argument("ids", nargs="+", metavar="ID", type=_uuid, help="an event id (UUID), as in an export")

    migrate = commands.add_parser("migrate", help="bring the store's schema up to date")
    database(migrate)

    schema = commands.add_parser("schema", help="print the JSON Schema of events")
    schema.add_argument("--catalog", help="a catalog.json: allow only its languages and articles")


def run(args) -> int:
    from .store import StoreError

    try:
        return {"serve": serve, "export": export, "purge": purge, "delete": delete, "migrate": migrate,
                "schema": schema}[args.feedback_command](args)
    except (StoreError, ValueError) as exc:
        print(f"kbforge feedback {args.feedback_command}: {exc}", file=sys.stderr)
        return 2


def serve(args) -> int:
    import uvicorn

    settings = Settings(
        database=args.database, catalog=args.catalog, origin=args.origin, rate_limit=args.rate_limit,
        rate_limit_storage=args.rate_limit_storage, retention_days=args.retention_days,
        catalog_refresh=DEFAULTS.catalog_refresh, secret=DEFAULTS.secret,
    )
    from .sitedata import load_site

    load_site(settings.catalog)  # a wrong path stops here, with its reason, not in every worker
    os.environ.update(settings.environment())  # the workers build the app from these
    uvicorn.run("kbforge.feedback.service:from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, proxy_headers=args.forwarded_allow_ips is not None,
                forwarded_allow_ips=args.forwarded_allow_ips, server_header=False, log_level="info")
    return 0


def export(args) -> int:
    from . import export as exports
    from .store import open_store

    store = open_store(args.database)
    try:
        store.migrate()
        events = store.events(since=args.since, until=args.until)
        if args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = exports.write(events, args.format, out, since=args.since, until=args.until)
            print(f"{count} events written to {args.output}", file=sys.stderr)
        else:
            exports.write(events, args.format, sys.stdout, since=args.since, until=args.until)
    finally:
        store.close()
    return 0


def purge(args) -> int:
    from .store import open_store

    store = open_store(args.database)
    try:
        store.migrate()
        counts = store.purge(args.before)
    finally:
        store.close()
    print(f"deleted {counts['vote']} votes, {counts['comment']} comments, {counts['search']} search events"
          f" received before {args.before.isoformat()}")
    return 0


def delete(args) -> int:
    from .store import open_store

    store = open_store(args.database)
    try:
        store.migrate()
        deleted = store.delete(args.ids)
    finally:
        store.close()
    print(f"deleted {deleted} of {len(args.ids)} events")
    return 0 if deleted == len(args.ids) else 1


def migrate(args) -> int:
    from .store import open_store

    store = open_store(args.database)
    try:
        print(f"schema version {store.migrate()}")
    finally:
        store.close()
    return 0


def schema(args) -> int:
    from . import events
    from .sitedata import load_site

    if args.catalog:
        site = load_site(args.catalog)
        document = events.schema(site.languages, sorted(site.articles))
    else:
        document = events.schema()
    print(json.dumps(document, ensure_ascii=False, indent=1))
    return 0


def _uuid(text: str) -> str:
    import uuid

    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an event id (a UUID)") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date") from None
