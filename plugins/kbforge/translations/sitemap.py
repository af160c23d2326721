"""Sitemaps.

- ``/sitemap-<lang>.xml``: the pages of one language, each with the language
  versions that really exist as hreflang alternates.
- ``/sitemap.xml``: the index of those, which ``robots.txt`` names.

Nothing is written under ``/<lang>/``: Material fetches ``sitemap.xml`` next
to every ``<link rel="alternate">`` of a page when it loads (for its
language switch, which ours replaces), so a sitemap there would be
downloaded on a reader's first page and grow with the knowledge base.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..content.catalog import Catalog
from ..links.publish import permalink

HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _pages(catalog: Catalog, langs: list[str]):
    return [e for e in catalog.entries if not e.retired and e.lang in langs]


def index(langs: list[str], base: str) -> str:
    lines = [f"  <sitemap><loc>{base}sitemap-{code}.xml</loc></sitemap>" for code in langs]
    return "\n".join([HEAD, f"<sitemapindex {NS}>", *lines, "</sitemapindex>"]) + "\n"


def render(catalog: Catalog, base: str, lang: str) -> str:
    out = [HEAD, f'<urlset {NS} xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for entry in _pages(catalog, [lang]):
        versions = {k: v for k, v in catalog.translations(entry).items() if not v.retired}
        out.append("  <url>")
        out.append(f"    <loc>{base}{entry.url}</loc>")
        if entry.reviewed:
            out.append(f"    <lastmod>{entry.reviewed.isoformat()}</lastmod>")
        for code in catalog.languages:
            if code in versions:
                href = quoteattr(base + versions[code].url)
                out.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href={href}/>')
        if entry.is_article:
            href = quoteattr(permalink(base, entry.id))
            out.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={href}/>')
        out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def robots(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
