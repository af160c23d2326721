"""Related articles: shared tags and the link graph, within one language."""

from __future__ import annotations

from .catalog import Catalog, Entry

TAG_WEIGHT = 3  # a shared tag says more than
LINK_WEIGHT = 2  # a link in either direction, which says more than
COCITED_WEIGHT = 1  # being linked from the same article


def related(catalog: Catalog, entry: Entry, limit: int = 5) -> list[Entry]:
    """At most ``limit`` articles of ``entry``'s language, best first (the catalog is
    already the view of one site: the customer site's has no internal articles)."""
    if not entry.is_article:
        return []
    by_tag = catalog.tag_index(entry.lang)
    outgoing = _targets(catalog, entry)
    incoming = {e.id for e in catalog.referenced_by(entry)}
    candidates = {e.id: e for tag in entry.tags for e in by_tag.get(tag, ())}
    for article_id in outgoing | incoming:
        if (other := catalog.get(article_id, entry.lang)) is not None:
            candidates[article_id] = other
    tags = set(entry.tags)
    scored = []
    for other in candidates.values():
        if other.id == entry.id or other.retired:
            continue
        score = TAG_WEIGHT * len(tags & set(other.tags))
        score += LINK_WEIGHT * ((other.id in outgoing) + (other.id in incoming))
        score += COCITED_WEIGHT * len({e.id for e in catalog.referenced_by(other)} & incoming)
        if score:
            scored.append((-score, other.title.casefold(), other))
    return [other for *_, other in sorted(scored, key=lambda t: t[:2])[:limit]]


def _targets(catalog: Catalog, entry: Entry) -> set[str]:
    found = set()
    for link in entry.links:
        try:
            target = catalog.resolve(link, entry)
        except ValueError:
            continue
        if target.entry.id:
            found.add(target.entry.id)
    return found
