"""Search in the reader's language: one index per language under
/<lang>/kbsearch/ (kbforge.searchcore), searched from the Material header;
nothing found offers matches in the other languages and a way to contact
support. Only articles (the glossary included) are indexed.

Context key:
  kb_search   {"bundle": URL of this language's index folder, "engine", "others": [{lang, name, bundle}]}
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from .. import theme
from ..catalog.plugin import get_state
from ..content.search import extra_terms
from ..lifecycle import i18n, parallel
from ..lifecycle.priorities import LANGUAGE_DONE, LANGUAGES_DONE, PAGE_LAST
from .meta import for_entry as agent_meta
from ..searchcore import Doc
from ..searchcore.html import article_text
from . import index
from .config import SearchConfig

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/search.js", "assets/kbforge/search.css")
ENGINE = "assets/kbforge/kbsearch.js"  # loaded by search.js when the reader first searches
BUNDLE = "kbsearch"


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self):
        self.pages: list[Doc] = []
        self.bundles: dict[str, index.Bundle] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        self.pages = []  # per language build
        if get_state(config).starting:
            self.bundles = {}
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css], replaces_material=True)  # the header

    def _context(self, context, config):
        state = get_state(config)
        base = context.get("base_url", ".").rstrip("/")
        context["kb_search"] = {
            "bundle": f"{base}/{state.lang}/{BUNDLE}/",
            "engine": f"{base}/{ENGINE}",
            "others": [{"lang": code, "name": name, "bundle": f"{base}/{code}/{BUNDLE}/"}
                       for code, name in state.names.items() if code != state.lang],
        }
        return context

    def on_page_context(self, context, *, page, config, nav):
        return self._context(context, config) if self.config.enabled else context

    def on_template_context(self, context, *, template_name, config):
        return self._context(context, config) if self.config.enabled else context

    @event_priority(PAGE_LAST)  # the finished page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or state.is_fallback(entry) or not entry.is_article:
            return output  # landing and generated pages, and fallback pages: not answers in this language
        section = catalog.at(lang, entry.path.split("/")[0] + "/index.md") if "/" in entry.path else None
        text, headings = article_text(page.content or "")
        strong, weak = extra_terms(text, title=entry.title, summary=entry.summary or "", tags=entry.tags,
                                   synonyms=entry.synonyms, glossary=catalog.glossary.get(lang))
        self.pages.append(Doc(
            url=state.urls.page(entry.path), title=entry.title, text=text, section=section.title if section else "",
            summary=entry.summary or "", headings=headings, strong="\n".join([*entry.questions, strong]), weak=weak,
            meta=agent_meta(config, state, entry),
        ))
        return output

    @event_priority(LANGUAGE_DONE)  # before i18n starts the next language
    def _start_bundle(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.pages:
            return
        state = get_state(config)
        if state.dirty:
            self.pages = []  # a dirty rebuild renders only changed pages: keep the full index
            return
        lang = state.lang
        output = os.path.join(config.site_dir, lang, BUNDLE)
        # scratch space where the build's own folders are removed even after a SIGKILL
        scratch = state.destination.folder("search") if state.destination else parallel.part_folder()
        bundle = index.Bundle(output, lang, self.pages, vectors=self.config.vectors, scratch=scratch)
        self.bundles[lang] = bundle
        state.guard.add(bundle.cancel)
        log.info("search: indexing %d pages for '%s'", len(self.pages), lang)
        self.pages = []

    @event_priority(LANGUAGES_DONE)  # this process has built its languages: wait for the indexers
    def _finish_bundles(self, *, config: MkDocsConfig) -> None:
        if i18n.nested(config):
            return
        state = get_state(config)
        bundles, self.bundles = self.bundles, {}
        failed = {}
        for lang, bundle in bundles.items():
            error = bundle.wait()
            state.guard.remove(bundle.cancel)
            if error:
                failed[lang] = error
        if failed:
            raise PluginError("search index failed: " + "; ".join(f"{lang}: {e.strip()}" for lang, e in failed.items()))

    on_post_build = CombinedEvent(_start_bundle, _finish_bundles)

    def on_build_error(self, *, error: Exception) -> None:
        bundles, self.bundles = self.bundles, {}
        for bundle in bundles.values():
            bundle.cancel()
