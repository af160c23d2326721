"""An onboarding path as Markdown headings and an HTML checklist, in one language."""

from __future__ import annotations

import posixpath
from html import escape

from ..content.catalog import Catalog, page_url


def render(path_name: str, path, catalog: Catalog, page_path: str, lang: str, t: dict) -> str:
    here = f"{lang}/{page_url(page_path)}"
    total = len(path.steps)
    out = [
        f'<div class="kb-path" data-kb-path="{escape(path_name)}" markdown="0">'
        f'<p class="kb-path-progress" aria-live="polite" data-template="{escape(t["path_progress"])}" '
        f'data-total="{total}"></p>'
        f'<button type="button" class="md-button kb-path-reset">{escape(t["path_reset"])}</button></div>',
        "",
    ]
    for number, group in enumerate(path.groups, start=1):
        title = t["path_group"].format(n=number, title=group.title.get(lang, ""))
        out += [f"## {title} {{#day-{number}}}", "", f'<ol class="kb-path-steps" data-kb-path="{escape(path_name)}" markdown="0">']
        for step in group.steps:
            entry, fallback = catalog.in_language(step, lang)
            if entry is None:
                continue  # not on this site (the customer site shows no staff path anyway)
            href = posixpath.relpath(f"{lang}/{page_url(entry.path)}", here) + "/"
            out.append(
                f'<li class="kb-step" data-kb-step="{step}" data-kb-version="{entry.fingerprint}">'
                f'<label><input type="checkbox" class="kb-step-done"> '
                f'<a href="{escape(href)}" hreflang="{entry.lang}">{escape(entry.title)}</a></label> '
                f'<span class="kb-step-changed" hidden>{escape(t["path_changed"])}</span>'
                f'<br><span class="kb-step-summary">{escape(entry.summary or "")}</span></li>'
            )
        out += ["</ol>", ""]
    return "\n".join(out)
