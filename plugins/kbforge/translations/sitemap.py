"""sitemap.xml with the language versions that really exist, as hreflang alternates."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..content.catalog import Catalog
from ..links.publish import permalink


def render(catalog: Catalog, base: str) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in catalog.entries:
        if entry.retired:
            continue
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
