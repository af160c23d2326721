"""Every URL the knowledge base makes, in one place.

Site URLs are relative to the site root and never start with "/":
"pl/faq/billing/" with directory URLs, "pl/faq/billing.html" without
(MkDocs' ``use_directory_urls``). Hrefs between pages are relative, so a
site works under any path and from the file system.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit

from slugify import slugify


class Urls:
    """The URL scheme of one site."""

    def __init__(self, directory_urls: bool = True):
        self.directory_urls = directory_urls

    def page(self, md_path: str) -> str:
        """The URL MkDocs gives a Markdown file (relative to its language folder):
        "a/b.md" -> "a/b/" or "a/b.html"; "a/index.md" -> "a/" or "a/index.html"."""
        stem = md_path[: -len(".md")] if md_path.endswith(".md") else md_path
        name = posixpath.basename(stem)
        if self.directory_urls:
            if name in ("index", "README"):
                return stem[: -len(name)]
            return stem + "/"
        if name == "README":
            stem = stem[: -len(name)] + "index"
        return stem + ".html"

    def folder(self, path: str) -> str:
        """A generated page that stands for a folder ("pl/tags/" ...): "pl/tags/"
        or "pl/tags/index.html"."""
        path = path.strip("/")
        if self.directory_urls:
            return f"{path}/" if path else ""
        return f"{path}/index.html" if path else "index.html"

    def in_language(self, lang: str, md_path: str) -> str:
        return f"{lang}/{self.page(md_path)}"

    def source_of_folder(self, url: str) -> str:
        """The Markdown path MkDocs needs for a generated page at ``url``."""
        if self.directory_urls:
            return url.rstrip("/") + ".md" if url else "index.md"
        return url[: -len(".html")] + ".md"

    def tag(self, lang: str, tag: str) -> str:
        return self.folder(f"{lang}/tags/{slugify(tag) or 'tag'}")

    def tags(self, lang: str) -> str:
        return self.folder(f"{lang}/tags")

    def listing(self, lang: str, folder: str, number: int) -> str:
        """Page ``number`` of a section listing (page 1 is the section's own page)."""
        base = f"{lang}/{folder}" if folder else lang
        return self.folder(base if number == 1 else f"{base}/page/{number}")

    def permalink(self, article_id: str) -> str:
        """The permalink page of an article, relative to the site root."""
        return self.folder(f"go/{article_id}")

    def language_home(self, lang: str) -> str:
        return self.folder(lang)

    def index_file(self, url: str) -> str:
        """The file in the site folder that serves ``url``."""
        if not url or url.endswith("/"):
            return url + "index.html"
        return url


def relative(from_url: str, to_url: str) -> str:
    """The href from the page at ``from_url`` to ``to_url`` (both site URLs)."""
    here = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath(to_url or ".", here.rstrip("/") or ".")
    if to_url.endswith("/") or not to_url:
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target


def absolute(base: str, url: str, query: dict | None = None, fragment: str | None = None) -> str:
    """``base`` (the site URL or path, ending with "/") joined with a site URL."""
    out = base + url
    if query:
        out += "?" + "&".join(f"{quote(k)}={quote(str(v))}" for k, v in query.items())
    if fragment:
        out += "#" + quote(fragment)
    return out


def permalink(base: str, scheme: Urls, article_id: str, lang: str | None = None,
              section: str | None = None) -> str:
    """The absolute permalink of an article (``base``: the site URL or path, ending with "/")."""
    return absolute(base, scheme.permalink(article_id), {"lang": lang} if lang else None, section)


def site_path(site_url: str | None) -> str:
    """The path the site is served under, always ending with "/"."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def base(site_url: str | None) -> str:
    """What absolute links start with: the site URL, else its path."""
    if site_url:
        return site_url if site_url.endswith("/") else site_url + "/"
    return "/"
