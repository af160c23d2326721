"""What the site publishes, read from its ``catalog.json`` (a file or a URL):
the languages, the articles in each, and the URL path of every article, so
the service accepts only events about what readers can see."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Site:
    origin: str  # scheme://host[:port] of site_url: the only origin the service answers
    languages: tuple[str, ...]
    articles: dict[str, frozenset[str]] = field(default_factory=dict)  # id -> languages it is published in
    paths: dict[str, tuple[str, str]] = field(default_factory=dict)  # URL path -> (id, lang)


def read_catalog(source: str | Path, timeout: float = 10) -> dict:
    text = str(source)
    if text.startswith(("http://", "https://")):
        with urllib.request.urlopen(text, timeout=timeout) as response:  # noqa: S310 - the operator's URL
            return json.load(response)
    return json.loads(Path(text).read_text(encoding="utf-8"))


def site_from_catalog(document: dict) -> Site:
    if not isinstance(document, dict) or "articles" not in document or "languages" not in document:
        raise ValueError("not a knowledge base catalog.json (no 'languages' or 'articles')")
    url = urlsplit(document.get("site_url") or "")
    articles, paths = {}, {}
    for article in document["articles"]:
        if article.get("replaced_by"):
            continue  # retired: its pages lead to the replacement
        articles[article["id"]] = frozenset(article["translations"])
        for lang, version in article["translations"].items():
            paths[urlsplit(version["url"]).path] = (article["id"], lang)
    return Site(
        origin=f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else "",
        languages=tuple(document["languages"]),
        articles=articles,
        paths=paths,
    )


def load_site(source: str | Path) -> Site:
    try:
        return site_from_catalog(read_catalog(source))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{source}: cannot read the site's catalog: {exc}") from exc
