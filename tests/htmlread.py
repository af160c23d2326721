"""Reading built HTML in tests."""

from pathlib import Path

from lxml import html as lxml_html


def page(site: Path, rel: str):
    """Parse site/rel (a folder URL gets index.html)."""
    path = site / rel
    if rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return lxml_html.fromstring(path.read_bytes())


def switcher(doc) -> dict[str, str]:
    """hreflang -> href of Material's language switcher."""
    return {a.get("hreflang"): a.get("href") for a in doc.cssselect(".md-select a[hreflang]")}


def search_pages(site: Path, lang: str) -> dict[str, dict]:
    """"/a/b/" -> what a result shows (address, title, text) of every page in a
    language's search index (URLs relative to the language folder)."""
    import json

    pages = {}
    for path in (site / lang / "kbsearch" / "d").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        pages["/" + doc["u"]] = doc
    return pages
