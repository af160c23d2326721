"""The staff site's "link for the customer": the customer site's permalink of an
article, in the customer's language, optionally to one section, and which
language it will really open in (plain logic, no MkDocs)."""

from __future__ import annotations

from .. import urls
from ..strings import language_name
from ..content import audience
from ..content.catalog import Catalog, Entry


def widget(catalog: Catalog, entry: Entry, reader: str, base: str, scheme: urls.Urls, t,
           not_validated: bool) -> dict | None:
    """What the copy box on ``entry``'s staff page offers a reader of ``reader``:
    {"languages": [{code, name, selected}], "sections": [{key, title}],
     "links": {code: {url, title, opens, note, sections: {key: title}}}}; None when
    customers cannot open the article at all."""
    versions = audience.customer_versions(catalog, entry.id, not_validated)
    if not versions:
        return None
    original = versions.get(catalog.default)
    links = {}
    for code in catalog.languages:
        name = language_name(code, reader)
        if code in versions:
            shown, opens, note = versions[code], code, t["share_opens_in"].format(language=name)
        elif original is not None:  # the customer site's fallback page in that language
            shown, opens = original, code
            note = t["share_opens_fallback"].format(language=name, original=language_name(original.lang, reader))
        else:
            shown = next(versions[c] for c in catalog.languages if c in versions)
            opens = shown.lang
            note = t["share_opens_other"].format(language=name, other=language_name(shown.lang, reader))
        links[code] = {
            "url": urls.permalink(base, scheme, entry.id, opens),
            "title": shown.title,
            "note": note,
            "sections": {key: shown.section_titles.get(key, key) for key in shown.sections},
        }
    keys = [key for key in entry.sections if any(key in link["sections"] for link in links.values())]
    return {
        "languages": [{"code": code, "name": language_name(code, reader), "selected": code == reader}
                      for code in catalog.languages],
        "sections": [{"key": key, "title": entry.section_titles.get(key, key)} for key in keys],
        "links": links,
    }
