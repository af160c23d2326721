"""The staff site's home page: what staff come for first. The onboarding path
(with the reader's progress, kept in their browser), and the pages for staff:
translation status, reviews due, tags, glossary."""

from __future__ import annotations

from .. import urls
from ..content.paths import groups

# page (folder below the language) -> (string of its name, string of its description)
STAFF_PAGES = (
    ("agent", "agent_title", "staff_agent_text"),
    ("translations", "translation_status_title", "staff_translations_text"),
    ("reviews", "reviews_title", "staff_reviews_text"),
    ("tags", "tags_title", "staff_tags_text"),
)


def pages(state, files) -> list[dict]:
    """The staff pages this language build has: [{folder, url}]."""
    out = []
    for folder, _, _ in STAFF_PAGES:
        url = state.urls.folder(f"{state.lang}/{folder}")
        if files.get_file_from_path(state.urls.source_of_folder(url)) is not None:
            out.append({"folder": folder, "url": url})
    return out


def home(state, here: str, t, staff_pages: list[dict], report) -> dict:
    """What the staff home page shows above the customer home page's content."""
    catalog, lang = state.catalog, state.lang
    paths = []
    for name, path in catalog.paths.items():
        page, _ = catalog.in_language(path.page, lang)
        if page is None:
            continue
        steps = [step for group in groups(path, catalog, lang, here, t) for step in group["steps"]]
        paths.append({
            "name": name, "entry": page, "href": urls.relative(here, catalog.url_in(page, lang)),
            "steps": [{"id": s["id"], "title": s["entry"].title, "href": s["href"],
                       "version": s["entry"].fingerprint} for s in steps],
            "total": len(steps),
        })
    names = {folder: (name, text) for folder, name, text in STAFF_PAGES}
    links = []
    counts = None
    for found in staff_pages:
        name, text = names[found["folder"]]
        item = {"title": t[name], "text": t[text], "href": urls.relative(here, found["url"]), "note": None}
        if found["folder"] == "translations":
            if counts is None:
                rows = report(catalog)
                counts = sum(rows.count(s) for s in ("missing", "outdated", "inconsistent"))
            item["note"] = t.count("attention_count", counts)
        links.append(item)
    glossary = next((e for e in catalog.articles(lang) if e.type == "glossary"), None)
    if glossary is not None:
        links.append({"title": glossary.title, "text": t["staff_glossary_text"],
                      "href": urls.relative(here, glossary.url), "note": None})
    return {"paths": paths, "links": links}
