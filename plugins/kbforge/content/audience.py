"""Which articles and passages each site publishes.

The staff site publishes everything. The customer site publishes public,
validated articles (and not-validated ones if configured), never drafts or
internal articles, and no internal passage.
"""

from __future__ import annotations

import posixpath

from .catalog import Catalog, Entry, LinkError
from .errors import ContentError

STAFF, PUBLIC = "staff", "public"


def in_view(entry: Entry, site: str, not_validated: bool = False) -> bool:
    """Whether ``entry`` belongs to the catalog of ``site`` (archived ones do:
    their address and permalink still answer)."""
    if site == STAFF or not entry.is_article:
        return True
    if entry.audience != "public" or entry.state == "draft":
        return False
    return entry.state != "not-validated" or not_validated


def built(entry: Entry, site: str) -> bool:
    """Whether ``entry``'s page is built on ``site`` (given it is in the view);
    an archived article's address shows a notice on the customer site.
    (Retired articles are kbforge/links' business: it redirects them.)"""
    return not (entry.archived and site == PUBLIC)


def view(catalog: Catalog, site: str, not_validated: bool = False) -> Catalog:
    """What ``site`` publishes. The customer site has no section without an
    article for customers (the staff onboarding section): its landing page goes too."""
    if site == STAFF:
        return catalog
    shown = [e for e in catalog.entries if e.is_article and in_view(e, site, not_validated)]
    folders = {posixpath.dirname(e.path) for e in shown if not e.retired}
    lived = {f for folder in folders for f in _ancestors(folder)}

    def keep(entry: Entry) -> bool:
        if entry.is_article:
            return in_view(entry, site, not_validated)
        folder = posixpath.dirname(entry.path)
        return folder == "" or folder in lived  # a language's home page always stays

    return catalog.subset(keep, skip_internal=True)


def _ancestors(folder: str) -> list[str]:
    out = []
    while folder:
        out.append(folder)
        folder = posixpath.dirname(folder)
    return out


def leaks(catalog: Catalog, site: str, not_validated: bool = False) -> list[ContentError]:
    """Links on the customer site to what it does not publish (outside internal passages)."""
    if site == STAFF:
        return []
    shown = view(catalog, site, not_validated)
    errors = []
    for source in catalog.entries:
        if shown.for_source(source.src) is None:
            continue
        for link in source.links:
            if link.internal:
                continue
            try:
                target = catalog.resolve(link, source).entry
            except LinkError:
                continue  # reported by the catalog itself
            if shown.for_source(target.src) is None:
                if not target.is_article:
                    why = "section without customer articles:"
                else:
                    why = "internal article" if target.audience == "internal" else f"'{target.state}' article"
                name = target.id or target.shown
                errors.append(ContentError(source.shown, link.line,
                    f"the customer site links to {why} {name} ({target.shown}); remove the "
                    "link or move it into an internal passage (!!! internal)"))
    return errors


def customer_versions(catalog: Catalog, article_id: str, not_validated: bool) -> dict[str, Entry]:
    """The versions of an article the customer site publishes (archived ones only say so there)."""
    return {lang: e for lang, e in catalog.translations_of(article_id).items()
            if in_view(e, PUBLIC, not_validated) and not e.archived and not e.retired}
