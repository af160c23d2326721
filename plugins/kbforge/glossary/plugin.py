"""The term list of ``docs/<lang>/glossary.yml`` on the page of type ``glossary``
(rendered from a template that escapes every value; one table-of-contents
entry per term)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink
from markupsafe import escape

from .. import strings, theme
from ..catalog.plugin import get_state
from .config import GlossaryConfig
from .render import items

TEMPLATES = Path(__file__).with_name("templates")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        if self.config.enabled:
            theme.register(config, TEMPLATES)

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        state = get_state(config)
        entry = state.catalog.for_source(page.file.abs_src_path)
        if entry is None or entry.type != "glossary":
            return html
        terms = items(state.catalog.glossary.get(entry.lang, {}), entry.lang)
        t = strings.for_language(state.lang)
        for item in terms:
            page.toc.items.append(AnchorLink(str(escape(item["title"])), item["key"], 2))
        return html + theme.templates(config).get_template("kbforge/glossary.html").render(
            terms=terms, t=t, staff=state.site == "staff", permalink_title=t["permalink"])
