"""Which articles and passages each site publishes.

The staff site publishes everything. The customer site publishes public,
validated articles (and not-validated ones if configured), never drafts or
internal articles, and no internal passage.
"""

from __future__ import annotations

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
    if site == STAFF:
        return catalog
    return catalog.subset(lambda e: in_view(e, site, not_validated), skip_internal=True)


def leaks(catalog: Catalog, site: str, not_validated: bool = False) -> list[ContentError]:
    """Links on the customer site to what it does not publish (outside internal passages)."""
    if site == STAFF:
        return []
    errors = []
    for source in catalog.entries:
        if not in_view(source, site, not_validated):
            continue
        for link in source.links:
            if link.internal:
                continue
            try:
                target = catalog.resolve(link, source).entry
            except LinkError:
                continue  # reported by the catalog itself
            if not in_view(target, site, not_validated):
                why = "internal" if target.audience == "internal" else f"'{target.state}'"
                name = target.id or target.shown
                errors.append(ContentError(source.shown, link.line,
                    f"the customer site links to {why} article {name} ({target.shown}); remove the "
                    "link or move it into an internal passage (!!! internal)"))
    return errors
