"""Sitemaps, written with an XML library.

- ``/sitemap-<lang>.xml``: the pages of one language, each with the language
  versions that really exist as hreflang alternates.
- ``/sitemap.xml``: the index of those, which ``robots.txt`` names.

Nothing is written under ``/<lang>/``: Material fetches ``sitemap.xml`` next
to every ``<link rel="alternate">`` of a page when it loads (for its
language switch, which ours replaces), so a sitemap there would be
downloaded on a reader's first page and grow with the knowledge base.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from .. import urls
from ..content.catalog import Catalog

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
ET.register_namespace("", NS)
ET.register_namespace("xhtml", XHTML)


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _pages(catalog: Catalog, langs: list[str]):
    return [e for e in catalog.entries if not e.retired and e.lang in langs]


def index(langs: list[str], base: str) -> str:
    root = ET.Element(f"{{{NS}}}sitemapindex")
    for code in langs:
        ET.SubElement(ET.SubElement(root, f"{{{NS}}}sitemap"), f"{{{NS}}}loc").text = f"{base}sitemap-{code}.xml"
    return _xml(root)


def render(catalog: Catalog, base: str, lang: str) -> str:
    root = ET.Element(f"{{{NS}}}urlset")
    for entry in _pages(catalog, [lang]):
        versions = {k: v for k, v in catalog.translations(entry).items() if not v.retired}
        url = ET.SubElement(root, f"{{{NS}}}url")
        ET.SubElement(url, f"{{{NS}}}loc").text = base + entry.url
        if entry.reviewed:
            ET.SubElement(url, f"{{{NS}}}lastmod").text = entry.reviewed.isoformat()
        for code in catalog.languages:
            if code in versions:
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=code, href=base + versions[code].url)
        if entry.is_article:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default",
                          href=urls.absolute(base, catalog.urls.permalink(entry.id)))
    return _xml(root)


def robots(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
