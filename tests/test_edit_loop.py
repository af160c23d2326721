"""The documented edit loop: ``KB_ONLY_LANGUAGE=pl mkdocs serve --dirty``
shows an edited article, and keeps the site-wide files right."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from sitebuild import LANGS, build_site, linked_tree, project_config, write_tree


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url, text=None, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        body = fetch(url)
        if body is not None and (text is None or text in body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {text!r} within {timeout} s")


def test_preview_of_one_language_builds_only_that_language(tmp_path):
    site = build_site(tmp_path, linked_tree(), env={"KB_ONLY_LANGUAGE": "pl"})
    page = (site / "pl" / "practices" / "links" / "index.html").read_text(encoding="utf-8")
    assert 'href="../service/#steps"' in page  # kb: links still resolve
    assert not any((site / lang).exists() for lang in LANGS if lang != "pl")


def test_serve_dirty_shows_an_edit_and_rewrites_site_files_only_when_needed(tmp_path):
    write_tree(tmp_path / "docs", linked_tree())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = project_config(tmp_path)
    env = {**os.environ, "KB_ONLY_LANGUAGE": "pl", "KB_UPDATE_LEDGER": "false", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()

    def builds_done() -> int:
        return sum("Reloading browsers" in line for line in list(lines))
    base = f"http://127.0.0.1:{port}/"
    article = tmp_path / "docs" / "pl" / "practices" / "service.md"
    try:
        wait_for(base + "pl/practices/service/")
        original = article.read_text(encoding="utf-8")
        article.write_text(original + "\nNowe zdanie po edycji.\n", encoding="utf-8")
        wait_for(base + "pl/practices/service/", "Nowe zdanie po edycji.")
        # The text changed, not the title: the catalog still names the old one...
        assert "Czym jest usługa" in fetch(base + "catalog.json")
        # ...and, once that rebuild is over, a new title reaches catalog.json and the permalink page.
        end = time.monotonic() + 60
        while builds_done() < 1 and time.monotonic() < end:
            time.sleep(0.05)
        assert builds_done() >= 1, "".join(lines)
        article.write_text(original.replace("title: Czym jest usługa", "title: Czym jest usługa IT"), encoding="utf-8")
        body = wait_for(base + "catalog.json", "Czym jest usługa IT")
        titles = [a["translations"]["pl"]["title"] for a in json.loads(body)["articles"] if a["id"] == "KB-0001"]
        assert titles == ["Czym jest usługa IT"]
        assert "Czym jest usługa IT" in wait_for(base + "pl/practices/service/", "Czym jest usługa IT")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        reader.join(timeout=10)
    err = "".join(lines)
    assert "Traceback" not in err, err
    # Site-wide files were written by the first build and after the new title only.
    assert err.count("permalink pages") == 2, err
