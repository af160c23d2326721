from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from sitebuild import LANGS, build_site, minimal_tree

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("KB_TEST_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts"))


@pytest.fixture
def build(tmp_path):
    """build(files, **config_overrides) -> site folder, built in this test's tmp_path."""
    return functools.partial(build_site, tmp_path)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One built four-language site shared by the read-only HTML and browser tests."""
    return build_site(tmp_path_factory.mktemp("site"), minimal_tree())


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


def serve_built(tmp: Path, files: dict[str, str]):
    """Build ``files`` with site_url set to the address it is then served at,
    as on a real host, and serve it. Returns (server, base URL)."""
    folder = tmp / "site"
    server, url = serve(folder)  # files are read per request: build after binding
    build_site(tmp, files, site_url=url + "/")
    return server, url


@pytest.fixture(scope="session")
def served(tmp_path_factory):
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
    site = build_site(tmp, {}, env={"KB_UPDATE_LEDGER": "false"}, docs_dir=str(PROJECT / "docs"), site_url=url + "/")
    yield url, site
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's 'chromium' package (see README)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
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
