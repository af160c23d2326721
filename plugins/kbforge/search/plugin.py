"""Search in the reader's language: one Pagefind bundle per language under
/<lang>/pagefind/, searched from the Material header; nothing found offers
matches in the other languages and a way to contact support.

Context key:
  kb_search   {"bundle": URL of this language's bundle folder, "others": [{lang, name, bundle}]}
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from .. import builds, theme
from ..catalog.plugin import get_catalog
from ..content.catalog import page_url
from ..content.search import extra_terms, strip_tags
from . import index
from .config import SearchConfig

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/search.js", "assets/kbforge/search.css")
BUNDLE = "pagefind"
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')  # the ¶ after each heading


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self):
        self.pages: list[tuple[str, str]] = []
        self.bundles: dict[str, index.Bundle] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        self.pages = []  # per language build
        if not builds.is_nested_build(config):
            self.bundles = {}
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css], replaces_material=True)  # the header

    def _context(self, context, config):
        lang = builds.current_language(config)
        names = builds.language_names(config)
        base = context.get("base_url", ".").rstrip("/")
        context["kb_search"] = {
            "bundle": f"{base}/{lang}/{BUNDLE}/",
            "others": [{"lang": code, "name": name, "bundle": f"{base}/{code}/{BUNDLE}/"}
                       for code, name in names.items() if code != lang],
        }
        return context

    def on_page_context(self, context, *, page, config, nav):
        return self._context(context, config) if self.config.enabled else context

    def on_template_context(self, context, *, template_name, config):
        return self._context(context, config) if self.config.enabled else context

    @event_priority(-150)  # after the other plugins have finished the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        catalog = get_catalog(config)
        entry = catalog.for_source(page.file.abs_src_path)
        lang = builds.current_language(config)
        if entry is None or entry.lang != lang:
            return output  # generated pages, and fallback pages: not this language's text
        section = catalog.at(lang, entry.path.split("/")[0] + "/index.md") if "/" in entry.path else None
        # Landing pages get no customers' words: the articles should answer those.
        glossary = catalog.glossary.get(lang) if entry.is_article else None
        extras = extra_terms(
            strip_tags(page.content or ""), title=entry.title, summary=entry.summary or "", tags=entry.tags,
            synonyms=entry.synonyms, glossary=glossary,
        )
        meta = {"summary": entry.summary or "", "section": section.title if section else ""}
        html = index.document(lang, entry.title, HEADERLINK.sub("", page.content or ""), extras, meta)
        self.pages.append(("/" + page_url(entry.path), html))
        return output

    @event_priority(0)  # before i18n (-100) starts the next language
    def _start_bundle(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.pages:
            return
        if builds.is_dirty():
            self.pages = []  # a dirty rebuild renders only changed pages: keep the full index
            return
        lang = builds.current_language(config)
        output = os.path.join(config.site_dir, lang, BUNDLE)
        self.bundles[lang] = index.Bundle(output, lang, self.pages)
        log.info("search: indexing %d pages for '%s'", len(self.pages), lang)
        self.pages = []

    @event_priority(-140)  # once this process has built its languages: wait for the indexers
    def _finish_bundles(self, *, config: MkDocsConfig) -> None:
        if not builds.last_language_built(config):
            return
        bundles, self.bundles = self.bundles, {}
        failed = {lang: error for lang, bundle in bundles.items() if (error := bundle.wait())}
        if failed:
            raise PluginError("search index failed: " + "; ".join(f"{lang}: {e.strip()}" for lang, e in failed.items()))

    on_post_build = CombinedEvent(_start_bundle, _finish_bundles)

    def on_build_error(self, *, error: Exception) -> None:
        bundles, self.bundles = self.bundles, {}
        for bundle in bundles.values():
            bundle.cancel()
