"""Onboarding paths: the checklist of docs/paths.yml on the page it names, in
the reader's language; progress stays in the reader's browser."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.paths import groups
from .config import PathsConfig

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/paths.js", "assets/kbforge/paths.css")


class PathsPlugin(BasePlugin[PathsConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return html
        t = strings.for_language(lang)
        template = theme.templates(config).get_template("kbforge/path.html")
        for name, path in catalog.paths.items():
            if path.page == entry.id:
                found = groups(path, catalog, lang, page.url, t)
                for number, group in enumerate(found, start=1):
                    page.toc.items.append(AnchorLink(str(escape(group["title"])), f"day-{number}", 2))
                html += template.render(name=name, groups=found, total=len(path.steps), t=t)
        return html
