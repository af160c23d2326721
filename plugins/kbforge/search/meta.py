"""What a search result carries for the agent panel on the staff site (the
index's ``d/<n>.json`` "k"): the article's id, whether it is internal, and
its permalink on the customer site in this language when customers can open
the article (kbforge/links' ``customer_url``)."""

from __future__ import annotations

from .. import urls
from ..audiences.config import publishes_not_validated
from ..content.audience import customer_versions
from ..links.config import customer_base


def for_entry(config, state, entry) -> dict:
    plugin = config.plugins.get("kbforge/agent")
    if plugin is None or not plugin.config.enabled or state.site != "staff" or not entry.id:
        return {}
    meta = {"id": entry.id}
    if entry.audience == "internal":
        meta["internal"] = 1  # shown to agents, never linked for a customer
    elif customer_versions(state.full, entry.id, publishes_not_validated(config)):
        meta["permalink"] = urls.permalink(customer_base(config), state.urls, entry.id, state.lang)
    return meta
