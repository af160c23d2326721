"""The fact sheet for staff: every fact of ``docs/facts.yml``, its value in each
language (as readers see it), why a language differs, and every article that
uses it (staff site, ``/<lang>/facts/``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..lifecycle.priorities import GENERATED
from .config import FactsConfig

TEMPLATES = Path(__file__).with_name("templates")
PAGE = "facts"


def fact_rows(catalog, lang: str, here: str, names: dict) -> list[dict]:
    sheet = catalog.facts
    if sheet is None:
        return []
    used: dict[str, list[dict]] = {}
    for entry in catalog.entries:
        for use in entry.outline.facts:
            found = used.setdefault(use.name, [])
            if not any(u["entry"] is entry for u in found):
                found.append({"entry": entry, "line": use.line, "href": urls.relative(here, entry.url)})
    rows = []
    for name, fact in sheet.facts.items():
        differs = sheet.differs(name)
        rows.append({
            "name": name, "note": fact.note, "type": fact.type,
            "values": [{"lang": code, "name": names.get(code, code), "text": sheet.render(name, "", code)[0],
                        "reason": differs.get(code)} for code in catalog.languages],
            "used": sorted(used.get(name, []), key=lambda u: (u["entry"].lang != lang, u["entry"].shown)),
        })
    return rows


class FactsPlugin(BasePlugin[FactsConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.page_src = None
        if self.config.enabled:
            theme.register(config, TEMPLATES)

    @event_priority(GENERATED)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = get_state(config)
        if not self.config.enabled or state.site != "staff" or state.full.facts is None:
            return files
        t = strings.for_language(state.lang)
        self.page_src = state.urls.source_of_folder(state.urls.folder(f"{state.lang}/{PAGE}"))
        files.append(theme.generated_page(config, self.page_src, t["facts_title"], state.lang))
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if self.page_src is None or page.file.src_uri != self.page_src:
            return html
        state = get_state(config)
        t = strings.for_language(state.lang)
        rows = fact_rows(state.full, state.lang, page.url, state.names)
        return html + theme.templates(config).get_template("kbforge/facts.html").render(facts=rows, t=t)
