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
