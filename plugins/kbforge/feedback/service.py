"""The feedback service: an ASGI application (Starlette), served by uvicorn.

  POST /v1/events       one event (see events.py); 201 stored, 200 already stored (same id),
                        4xx refused (nothing stored), 429 over the rate limit, 503 store unavailable
  GET  /v1/schema.json  the JSON Schema events are checked against, with this site's
                        languages and articles
  GET  /healthz         200 when the store answers

Answers browsers of the site's own origin only (CORS; a POST from another
origin is refused). Rate-limits each client by a keyed hash of its address,
kept in memory (or the shared limiter storage named by ``rate_limit_storage``),
never stored with the events; no cookie is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from dataclasses import dataclass, field

import anyio.to_thread
from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from . import events as ev
from .sitedata import Site, load_site
from .store import StoreError, now, open_store

log = logging.getLogger("kbforge.feedback")
ENV = "KB_FEEDBACK_"


@dataclass
class Settings:
    database: str = "feedback.sqlite3"  # an SQLite file, or a postgresql:// URL
    catalog: str = "site/catalog.json"  # the site's catalog.json: a path or a URL
    origin: str = ""  # the site's origin; empty: from catalog.json's site_url
    rate_limit: str = "60/minute"  # per client; "0" or empty turns it off (benchmarks)
    rate_limit_storage: str = "memory://"  # shared storage (e.g. redis://) for several instances
    retention_days: int = 365  # events older than this are deleted; 0 keeps them
    catalog_refresh: int = 600  # seconds between re-reading catalog.json
    secret: str = field(default="", repr=False)  # keys the client hash; empty: random per process

    @classmethod
    def from_environment(cls, environ=os.environ) -> "Settings":
        """KB_FEEDBACK_DATABASE, KB_FEEDBACK_CATALOG, ... override the defaults."""
        values = {}
        for name, default in cls().__dict__.items():
            raw = environ.get(ENV + name.upper())
            if raw is not None:
                values[name] = int(raw) if isinstance(default, int) else raw
        return cls(**values)

    def environment(self) -> dict[str, str]:
        return {ENV + name.upper(): str(value) for name, value in self.__dict__.items()}


class Limiter:
    """At most ``rate`` requests per client; the client is known by a keyed
    hash of its address, which is never written anywhere."""

    def __init__(self, rate: str, storage: str, secret: str):
        self.rate = parse_limit(rate) if rate and rate != "0" else None
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage)) if self.rate else None
        self._secret = (secret or secrets.token_hex(32)).encode()

    def allow(self, address: str) -> bool:
        if self._limiter is None:
            return True
        key = hmac.new(self._secret, address.encode(), hashlib.sha256).hexdigest()[:32]
        return self._limiter.hit(self.rate, "feedback", key)

    @property
    def retry_after(self) -> int:
        return int(self.rate.get_expiry()) if self.rate else 0


class State:
    """What the application holds while it runs."""

    def __init__(self, settings: Settings, store=None):
        self.settings = settings
        self.store = store
        self.site: Site | None = None
        self.validator: ev.Validator | None = None
        self.limiter = Limiter(settings.rate_limit, settings.rate_limit_storage, settings.secret)

    def load_site(self):
        site = load_site(self.settings.catalog)
        self.site, self.validator, self.loaded = site, ev.Validator(site), time.monotonic()

    def may_be_newer(self, exc: ev.Invalid) -> bool:
        """An article the catalog does not know yet: the site may have been
        published since it was read (read again at most once a minute)."""
        return time.monotonic() - self.loaded >= 60 and any(p.startswith("article:") for p in exc.problems)

    def reload_site(self) -> None:
        try:
            self.load_site()
        except ValueError as exc:  # the catalog read before stays
            self.loaded = time.monotonic()
            log.warning("%s", exc)

    @property
    def origin(self) -> str:
        return (self.settings.origin or (self.site.origin if self.site else "")).rstrip("/")


def create_app(settings: Settings, store=None) -> Starlette:
    state = State(settings, store)
    state.load_site()  # fails at start, with the reason, rather than refusing every event
    if not state.origin:
        raise ValueError("no origin: give --origin, or a catalog.json with site_url")

    async def receive(request: Request):
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") != state.origin:
            return _refuse(403, [f"origin {origin} is not the site's ({state.origin})"])
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _refuse(415, ["send the event as application/json"])
        if not state.limiter.allow(request.client.host if request.client else "?"):
            return _refuse(429, ["too many events from this client; try again later"],
                           headers={"Retry-After": str(state.limiter.retry_after)})
        body = await _read_body(request, ev.MAX_BODY)
        if body is None:
            return _refuse(413, [f"the body is larger than {ev.MAX_BODY} bytes"])
        try:
            payload = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return _refuse(400, [f"not JSON: {exc}"])
        try:
            try:
                event = state.validator.check(payload)
            except ev.Invalid as exc:
                if not state.may_be_newer(exc):
                    raise
                await anyio.to_thread.run_sync(state.reload_site)
                event = state.validator.check(payload)
        except ev.Invalid as exc:
            return _refuse(422, exc.problems)
        try:
            stored = await anyio.to_thread.run_sync(state.store.add, event)
        except StoreError as exc:
            log.warning("store unavailable: %s", exc)
            return _refuse(503, ["the store is unavailable; send it again later"], headers={"Retry-After": "30"})
        return JSONResponse({"id": event["id"], "stored": stored, "duplicate": not stored}, status_code=201 if stored else 200)

    async def published_schema(request: Request):
        return JSONResponse(state.validator.schema, headers={"Cache-Control": "max-age=300"})

    async def health(request: Request):
        try:
            await anyio.to_thread.run_sync(state.store.ping)
        except Exception as exc:  # noqa: BLE001 - reported as unhealthy
            return JSONResponse({"ok": False, "error": str(exc)}, status_code=503)
        return JSONResponse({"ok": True})

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if state.store is None:
            state.store = await anyio.to_thread.run_sync(open_store, settings.database)
        await anyio.to_thread.run_sync(state.store.migrate)
        tasks = []
        if settings.catalog_refresh > 0:
            tasks.append(asyncio.create_task(_every(settings.catalog_refresh, _refresh_site, state)))
        if settings.retention_days > 0:
            tasks.append(asyncio.create_task(_every(3600, _apply_retention, state, first=0)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await anyio.to_thread.run_sync(state.store.close)

    app = Starlette(
        routes=[
            Route("/v1/events", receive, methods=["POST"]),
            Route("/v1/schema.json", published_schema, methods=["GET"]),
            Route("/healthz", health, methods=["GET"]),
        ],
        middleware=[Middleware(CORSMiddleware, allow_origins=[state.origin], allow_methods=["POST"],
                               allow_headers=["Content-Type"], max_age=3600)],
        lifespan=lifespan,
    )
    app.state.feedback = state
    return app


def from_environment() -> Starlette:
    """The application factory uvicorn's workers call (settings from KB_FEEDBACK_*)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    return create_app(Settings.from_environment())


def _refuse(status: int, problems: list[str], headers=None) -> JSONResponse:
    return JSONResponse({"error": problems[0], "problems": problems}, status_code=status, headers=headers)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is longer than ``limit``."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        return None
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
    except ClientDisconnect:
        return b""
    return b"".join(chunks)


async def _every(seconds: int, job, state: State, first: int | None = None):
    await asyncio.sleep(seconds if first is None else first)
    while True:
        try:
            await anyio.to_thread.run_sync(job, state)
        except Exception as exc:  # noqa: BLE001 - logged; the service goes on
            log.warning("%s failed: %s", job.__name__.lstrip("_"), exc)
        await asyncio.sleep(seconds)


def _refresh_site(state: State) -> None:
    state.load_site()  # a failure keeps the catalog read before


def _apply_retention(state: State) -> None:
    cutoff = now() - dt.timedelta(days=state.settings.retention_days)
    counts = state.store.purge(cutoff)
    if any(counts.values()):
        log.info("retention: deleted %s received before %s", counts, cutoff.isoformat())
