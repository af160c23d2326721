from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

import pytest

from sitebuild import LANGS, build_site, minimal_tree

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
_PRIVATE_TMP: str | None = None


def pytest_configure(config):
    """Every temporary folder of the run (pytest's, the builds', the search indexer's
    scratch folders) lives in one private folder, so that the state guard
    below sees what this run left, not what other processes on the machine do."""
    global _PRIVATE_TMP
    if hasattr(config, "workerinput"):  # a pytest-xdist worker: a folder of its own in the run's
        folder = tempfile.mkdtemp(prefix=config.workerinput["workerid"] + "-", dir=os.environ.get("TMPDIR"))
        os.chmod(folder, 0o755)
        os.environ["TMPDIR"] = folder
        tempfile.tempdir = None
    elif _PRIVATE_TMP is None:
        _PRIVATE_TMP = tempfile.mkdtemp(prefix="kb-tests-")
        os.chmod(_PRIVATE_TMP, 0o755)  # other users' processes (the PostgreSQL of the feedback tests) use it too
        os.environ["TMPDIR"] = _PRIVATE_TMP
        tempfile.tempdir = None  # gettempdir() reads TMPDIR again


def pytest_unconfigure(config):
    global _PRIVATE_TMP
    if _PRIVATE_TMP is not None:
        shutil.rmtree(_PRIVATE_TMP, ignore_errors=True)
        _PRIVATE_TMP = None


# --- a test leaves no state behind ------------------------------------------------

def _mkdocs_log_state() -> dict:
    """Handlers and filters on every 'mkdocs' logger."""
    out = {}
    for name, found in [("mkdocs", logging.getLogger("mkdocs")), *logging.Logger.manager.loggerDict.items()]:
        if isinstance(found, logging.Logger) and (name == "mkdocs" or name.startswith("mkdocs.")):
            out[name] = (tuple(found.handlers), tuple(found.filters))
    return {name: value for name, value in out.items() if value != ((), ())}


def _debris(roots: list[tuple[Path, int]]) -> set[str]:
    """Build staging folders (.kbforge-*) and search-indexer scratch folders (kb-search-*)
    down to ``depth`` levels below each root."""
    found = set()
    for root, depth in roots:
        todo = [(root, 1)]
        while todo:
            folder, level = todo.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    continue
                if entry.name.startswith((".kbforge-", "kb-search-")):
                    found.add(entry.path)
                elif level < depth and not entry.name.startswith(".") and entry.name not in ("docs", "kbsearch"):
                    todo.append((Path(entry.path), level + 1))
    return found


_REPORTED: set[str] = set()  # debris already blamed on an earlier test
_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@pytest.fixture(autouse=True)
def leaves_no_state_behind(tmp_path_factory):
    """Fails a test that leaves MkDocs patched, i18n mid-build, a serve session,
    a handler or filter on the 'mkdocs' loggers, changed signal handlers, or
    build and search folders behind."""
    from kbforge.lifecycle import i18n, session

    logs, handlers = _mkdocs_log_state(), {n: signal.getsignal(n) for n in _SIGNALS}
    environ = {k: v for k, v in os.environ.items() if k.startswith("KB_")}
    yield
    problems = list(i18n.left_behind())
    if session.current() is not None:
        problems.append(f"a serve session is still open: {session.current()}")
    after = _mkdocs_log_state()
    if after != logs:
        problems.append(f"'mkdocs' loggers changed: {logs} -> {after}")
    for number, handler in handlers.items():
        if signal.getsignal(number) != handler:
            problems.append(f"the {signal.Signals(number).name} handler was not restored")
    if {k: v for k, v in os.environ.items() if k.startswith("KB_")} != environ:
        problems.append("KB_* environment variables changed (use monkeypatch or build_site(env=...))")
    roots = [(Path(tempfile.gettempdir()), 1), (tmp_path_factory.getbasetemp(), 3),
             (Path(__file__).resolve().parent.parent, 1)]
    debris = _debris(roots) - _REPORTED
    _REPORTED.update(debris)
    problems += [f"left behind: {path}" for path in sorted(debris)]
    # Put things right for the next test, then fail this one.
    for number, handler in handlers.items():
        signal.signal(number, handler)
    if problems:
        pytest.fail("the test left state behind:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots go: $KB_TEST_ARTIFACTS if set, else a temporary folder
    (nothing is written into the repository)."""
    named = os.environ.get("KB_TEST_ARTIFACTS")
    folder = Path(named).resolve() if named else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def build(tmp_path):
    """build(files, **config_overrides) -> site folder, built in this test's tmp_path."""
    return functools.partial(build_site, tmp_path)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host with one site-wide 404 page."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1; returns (server, base URL without the final /)."""
    handler = functools.partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def serve_built(tmp: Path, files: dict[str, str], **options):
    """Build ``files`` with site_url set to the address it is then served at,
    as on a real host, and serve it (``options`` go to build_site). Returns (server, base URL)."""
    folder = tmp / "site"
    server, url = serve(folder)  # files are read per request: build after binding
    try:
        build_site(tmp, files, site_url=url + "/", **options)
    except BaseException:
        server.shutdown()
        raise
    return server, url


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One built four-language site (minimal_tree, at the canonical site_url) shared by
    the read-only HTML tests and the feedback service's catalog."""
    return build_site(tmp_path_factory.mktemp("site"), minimal_tree())


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> str:
    """minimal_tree built for, and served on, 127.0.0.1 (the browser tests); its base URL."""
    server, url = serve_built(tmp_path_factory.mktemp("served"), minimal_tree())
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """The shipped docs/, built as the customer site at the address it is served
    on; yields (base URL, site folder)."""
    from sitebuild import PROJECT
    tmp = tmp_path_factory.mktemp("shipped")
    server, url = serve(tmp / "site")
    site = build_site(tmp, {}, env={"KB_UPDATE_LEDGER": "false", "KB_PROCESSES": "0"},  # as `mkdocs build`
                      docs_dir=str(PROJECT / "docs"), site_url=url + "/")
    yield url, site
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's 'chromium' package (see README)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_factory(browser):
    """new(languages=[...]) -> a browser context whose preferred languages are ``languages``."""
    contexts = []

    def new(languages=("en-US",), **kwargs):
        context = browser.new_context(locale=languages[0], **kwargs)
        context.add_init_script(
            "Object.defineProperty(navigator, 'languages', {get: () => %s})" % list(languages)
        )
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def langs():
    return LANGS
