"""Pagefind bundles, one per language, from the pages of that language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from html import escape

from ..lifecycle.processes import popen

SENTINEL = "kbxterms"  # marks the extra terms, so excerpts taken from them can be replaced


def document(lang: str, title: str, content: str, extras: tuple[str, str], meta: dict[str, str]) -> str:
    """The HTML Pagefind indexes for one page: the article only, without the
    theme, and the extra terms (strong ones weigh like a subheading)."""
    strong, weak = extras
    metas = "".join(
        f'<meta data-pagefind-meta="{escape(key)}[content]" content="{escape(value)}">'
        for key, value in meta.items() if value
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{escape(title)}</title>{metas}</head>'
        f'<body><main data-pagefind-body><h1 data-pagefind-meta="title">{escape(title)}</h1>{content}'
        f'<p data-pagefind-weight="5">{SENTINEL} {escape(strong)}</p>'
        f'<p>{SENTINEL} {escape(weak)}</p></main></body></html>'
    )


class Bundle:
    """One language's Pagefind bundle, written by the pagefind binary in the
    background while the next language builds (the machine has more than one core)."""

    def __init__(self, output: str, lang: str, pages: list[tuple[str, str]], scratch: str | None = None):
        self.folder = tempfile.mkdtemp(prefix=f"kb-search-{lang}-", dir=scratch)
        made = set()
        for url, html in pages:
            # "/a/b/" is written as a/b.html (search.js turns it back): one folder
            # per section instead of one per page, which the build feels at scale.
            path = os.path.join(self.folder, (url.strip("/") or "index") + ".html")
            folder = os.path.dirname(path)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(html)
        self.process = popen(
            [sys.executable, "-m", "pagefind", "--site", self.folder, "--output-path", output,
             "--force-language", lang, "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )

    def wait(self) -> str | None:
        """None when the bundle is written, else what pagefind said."""
        out, _ = self.process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)
        return None if self.process.returncode == 0 else (out or f"exit {self.process.returncode}")

    def cancel(self) -> None:
        """The build failed: stop indexing and remove the pages written for it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()  # not communicate(): a second cancel (or one after wait) finds its pipe closed
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)
