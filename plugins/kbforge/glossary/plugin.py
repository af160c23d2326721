"""Appends the term list of ``docs/<lang>/glossary.yml`` to the page of type ``glossary``."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from .. import strings
from ..catalog.plugin import get_catalog
from .config import GlossaryConfig
from .render import render


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or entry.type != "glossary":
            return markdown
        terms = catalog.glossary.get(entry.lang, {})
        return markdown.rstrip() + "\n\n" + render(terms, strings.for_language(entry.lang))
