"""Files written once per build of all languages: permalink pages, redirect
pages for old addresses, and the JSON catalog for ticket systems."""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import strings
from ..content.catalog import Catalog

TEMPLATES = Path(__file__).with_name("templates")
SCHEMA = TEMPLATES / "catalog.schema.json"
CATALOG_VERSION = 1
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def permalink(base: str, article_id: str, lang: str | None = None) -> str:
    """``base`` is the site URL or path, ending with "/"."""
    return f"{base}go/{article_id}/" + (f"?lang={lang}" if lang else "")


def _write(site_dir: str, rel: str, text: str) -> None:
    path = os.path.join(site_dir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def write_permalinks(site_dir, catalog: Catalog, names: dict, base: str, aliases: dict) -> int:
    """``go/<id>/index.html`` for every article: to the article in the asked
    language, else the browser's, else the fallback; a retired id goes to its
    replacement with ``?from=<id>``."""
    count = 0
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
             "url": base + targets[lang].url + (f"?from={article_id}" if retired else "")}
            for lang in catalog.languages if lang in targets
        ]
        text = _env.get_template("go.html").render(
            id=article_id,
            links=links,
            links_json=json.dumps({link["lang"]: link["url"] for link in links}),
            fallback=fallback.lang if fallback and fallback.lang in targets else links[0]["lang"],
            aliases_json=json.dumps(aliases),
            t={lang: strings.for_language(lang) for lang in catalog.languages},
        )
        _write(site_dir, f"go/{article_id}/index.html", text)
        count += 1
    return count


def write_redirects(site_dir, catalog: Catalog) -> int:
    """A page at every old address (aliases, retired articles) to where it went now."""
    count = 0
    for old, entry in catalog.redirects().items():
        source = next((e for e in catalog.entries if e.url == old), None)
        query = f"?from={source.id}" if source is not None and source.retired else ""
        href = posixpath.relpath(entry.url, old) + "/" + query
        text = _env.get_template("redirect.html").render(href=href, title=entry.title, lang=entry.lang)
        _write(site_dir, old + "index.html", text)
        count += 1
    return count


def catalog_document(catalog: Catalog, site_url: str) -> dict:
    """The documented JSON catalog (schema: templates/catalog.schema.json)."""
    articles = []
    for article_id in catalog.ids:
        versions = catalog.translations_of(article_id)
        if not versions:
            continue
        first = versions.get(catalog.default) or next(iter(versions.values()))
        articles.append({
            "id": article_id,
            "type": first.type,
            "audience": first.audience,
            "owner": first.owner,
            "permalink": permalink(site_url, article_id),
            "replaced_by": first.replaced_by,
            "translations": {
                lang: {
                    "title": e.title,
                    "url": site_url + e.url,
                    "permalink": permalink(site_url, article_id, lang),
                    "summary": e.summary,
                    "tags": list(e.tags),
                    "reviewed": e.reviewed.isoformat(),
                }
                for lang, e in sorted(versions.items(), key=lambda kv: catalog.languages.index(kv[0]))
            },
        })
    return {
        "schema_version": CATALOG_VERSION,
        "generated": _now().isoformat(),
        "site_url": site_url,
        "default_language": catalog.default,
        "languages": list(catalog.languages),
        "articles": articles,
    }


def write_catalog(site_dir, catalog: Catalog, site_url: str) -> None:
    document = catalog_document(catalog, site_url)
    _write(site_dir, "catalog.json", json.dumps(document, ensure_ascii=False, indent=1))
    _write(site_dir, "catalog.schema.json", SCHEMA.read_text(encoding="utf-8"))


def _now() -> dt.datetime:
    """The build time; SOURCE_DATE_EPOCH fixes it, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.replace(microsecond=0)
