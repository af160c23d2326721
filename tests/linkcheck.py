"""Every internal link of a built site, read with lxml and the XML parser, and
the file each one lands on."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATTRIBUTES = ("href", "src")


def site_path(site: Path, file: Path) -> str:
    """The URL path of ``file`` in the site, e.g. "/pl/practices/service.html"."""
    return "/" + file.relative_to(site).as_posix()


def target_file(site: Path, base: str, from_path: str, url: str) -> Path | None:
    """The file ``url`` (as written on the page at ``from_path``) lands on, or None
    for a link that leaves the site (another host, mailto:, tel:, a fragment)."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    site_parts = urlsplit(base)
    if parts.netloc and parts.netloc != site_parts.netloc:
        return None
    if not parts.path and not parts.netloc:
        return None  # "#section" or "?q" on the same page
    if parts.netloc:
        path = parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        path = posixpath.join(posixpath.dirname(from_path), parts.path)
    prefix = site_parts.path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix):]
    trailing = path.endswith("/")
    path = posixpath.normpath(unquote(path))
    rel = path.lstrip("/")
    file = site / rel
    if trailing or file.is_dir():
        file = file / "index.html"
    return file


def page_links(site: Path, file: Path) -> list[tuple[str, str, str]]:
    """(element, attribute, value) of every link-like attribute of an HTML page."""
    doc = lxml_html.fromstring(file.read_bytes())
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ATTRIBUTES:
            value = el.get(attr)
            if value:
                out.append((el.tag, attr, value))
    return out


def sitemap_links(file: Path) -> list[str]:
    root = ET.parse(file).getroot()
    out = [loc.text.strip() for loc in root.iter(SITEMAP + "loc")]
    out += [link.get("href") for link in root.iter(XHTML + "link")]
    return out


def broken_links(site: Path, base: str) -> tuple[list[str], int]:
    """Every internal link of every page, sitemap and catalog.json that lands on no
    file; returns (broken, number of links checked)."""
    broken, checked = [], 0

    def check(where: str, from_path: str, url: str) -> None:
        nonlocal checked
        target = target_file(site, base, from_path, url)
        if target is None:
            return
        checked += 1
        if not target.is_file():
            broken.append(f"{where}: {url}")

    for file in sorted(site.rglob("*.html")):
        here = site_path(site, file)
        for tag, attr, value in page_links(site, file):
            check(f"{here} <{tag} {attr}>", here, value)
    for file in sorted(site.rglob("sitemap*.xml")):
        for url in sitemap_links(file):
            check(site_path(site, file), site_path(site, file), url)
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    for article in catalog["articles"]:
        check("catalog.json", "/catalog.json", article["permalink"])
        for version in article["translations"].values():
            check("catalog.json", "/catalog.json", version["url"])
            check("catalog.json", "/catalog.json", version["permalink"])
    return broken, checked
