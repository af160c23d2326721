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


def pagefind_pages(site: Path, lang: str) -> dict[str, dict]:
    """URL -> fragment (title, content, meta) of every page in a language's search bundle."""
    import gzip
    import json

    pages = {}
    for path in (site / lang / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        url = fragment["url"]  # pages are indexed as a/b.html for /a/b/
        pages[url[: -len(".html")] + "/" if url.endswith(".html") else url] = fragment
    return pages
