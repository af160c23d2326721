"""Onboarding paths: the checklist of docs/paths.yml on the page it names, in
the reader's language; progress stays in the reader's browser."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from .config import PathsConfig
from .render import render

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/paths.js", "assets/kbforge/paths.css")


class PathsPlugin(BasePlugin[PathsConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return markdown
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return markdown
        lang = builds.current_language(config)
        for name, path in catalog.paths.items():
            if path.page == entry.id:
                markdown = markdown.rstrip() + "\n\n" + render(name, path, catalog, entry.path, lang, strings.for_language(lang))
        return markdown
