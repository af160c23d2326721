"""Files written once per site build: permalink pages, redirect pages for old
addresses, and the JSON catalog for ticket systems."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from jinja2 import Environment

from .. import strings, urls
from ..content.catalog import Catalog

SCHEMA = Path(__file__).with_name("catalog.schema.json")
CATALOG_VERSION = 2


def _write(site_dir: str, rel: str, text: str) -> None:
    path = os.path.join(site_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def write_permalinks(site_dir, catalog: Catalog, names: dict, base: str, aliases: dict, env: Environment) -> int:
    """``go/<id>/`` for every article: to the article in the asked language
    (its fallback page there when it has no translation), else the browser's,
    else the fallback; a retired id goes to its replacement with ``?from=<id>``."""
    count = 0
    template = env.get_template("kbforge/go.html")
    for article_id in catalog.ids:
        versions = catalog.translations_of(article_id)
        if not versions:
            continue
        retired = next(iter(versions.values())).retired
        target_id = next(iter(versions.values())).replaced_by if retired else article_id
        targets = catalog.translations_of(target_id)
        if not targets:
            continue
        fallback, _ = catalog.in_language(target_id, catalog.default)
        links = [
            {"lang": lang, "name": names[lang], "title": targets[lang].title,
             "url": urls.absolute(base, targets[lang].url, {"from": article_id} if retired else None)}
            for lang in catalog.languages if lang in targets
        ]
        # ?lang= naming a language without a translation opens the page the site
        # has there: the original with a notice and the interface in that language.
        original = targets.get(catalog.default)
        fallbacks = {
            lang: urls.absolute(base, catalog.url_in(original, lang), {"from": article_id} if retired else None)
            for lang in catalog.languages if lang not in targets and original is not None
        }
        text = template.render(
            id=article_id, links=links, targets={link["lang"]: link["url"] for link in links}, fallbacks=fallbacks,
            fallback=fallback.lang if fallback and fallback.lang in targets else links[0]["lang"],
            aliases=aliases, t={lang: strings.for_language(lang) for lang in catalog.languages},
        )
        _write(site_dir, catalog.urls.index_file(catalog.urls.permalink(article_id)), text)
        count += 1
    return count


def write_redirects(site_dir, catalog: Catalog, env: Environment) -> int:
    """A page at every old address (aliases, retired articles) to where it went now."""
    count = 0
    template = env.get_template("kbforge/redirect.html")
    by_url = {e.url: e for e in catalog.entries}
    for old, entry in catalog.redirects().items():
        source = by_url.get(old)
        href = urls.relative(old, entry.url)
        if source is not None and source.retired:
            href += f"?from={source.id}"
        text = template.render(href=href, title=entry.title, lang=entry.lang)
        _write(site_dir, catalog.urls.index_file(old), text)
        count += 1
    return count


def catalog_document(catalog: Catalog, site_url: str, *, staff: bool) -> dict:
    """The documented JSON catalog (schema: catalog.schema.json). The customer
    site's says only what its pages show (no owners)."""
    articles = []
    for article_id in catalog.ids:
        versions = catalog.translations_of(article_id)
        if not versions:
            continue
        first = versions.get(catalog.default) or next(iter(versions.values()))
        article = {
            "id": article_id,
            "type": first.type,
            "audience": first.audience,
            "permalink": urls.permalink(site_url, catalog.urls, article_id),
            "replaced_by": first.replaced_by,
        }
        if staff:
            article["owner"] = first.owner
        article["translations"] = {
            lang: {
                "title": e.title,
                "url": site_url + e.url,
                "permalink": urls.permalink(site_url, catalog.urls, article_id, lang),
                "summary": e.summary,
                "tags": list(e.tags),
                "reviewed": e.reviewed.isoformat(),
            }
            for lang, e in sorted(versions.items(), key=lambda kv: catalog.languages.index(kv[0]))
        }
        articles.append(article)
    return {
        "schema_version": CATALOG_VERSION,
        "generated": _now().isoformat(),
        "site_url": site_url,
        "default_language": catalog.default,
        "languages": list(catalog.languages),
        "articles": articles,
    }


def write_catalog(site_dir, catalog: Catalog, site_url: str, *, staff: bool) -> None:
    document = catalog_document(catalog, site_url, staff=staff)
    _write(site_dir, "catalog.json", json.dumps(document, ensure_ascii=False, indent=1))
    _write(site_dir, "catalog.schema.json", SCHEMA.read_text(encoding="utf-8"))


def _now() -> dt.datetime:
    """The build time; SOURCE_DATE_EPOCH fixes it, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.replace(microsecond=0)
