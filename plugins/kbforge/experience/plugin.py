"""The self-service experience: article facts, runbook checklists, expandable
FAQs with structured data, tag pages, and the home page's search, popular
articles and contact box. ("Was this helpful?" is kbforge/feedback's.)

Context keys:
  kb_facts     {"type", "reviewed", "owner" (staff site), "minutes", "tags": [{name, url}]}
  kb_jsonld    schema.org JSON-LD of the page (HowTo for runbooks, FAQPage for FAQs), or none
"""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from ..languages.layout import site_path
from . import home, pages, tags
from .config import ExperienceConfig

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/experience.js", "assets/kbforge/experience.css")


class ExperiencePlugin(BasePlugin[ExperienceConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.jsonld: dict[str, str] = {}
        self.minutes: dict[str, int] = {}
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])

    @event_priority(-170)  # after kbforge/languages (-150) has placed the language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = builds.current_language(config)
        for url, markdown in tags.pages(get_catalog(config), lang, strings.for_language(lang)).items():
            files.append(theme.generated_page(config, url.rstrip("/") + ".md", markdown, lang))
        return files

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files) -> str:
        catalog, lang = get_catalog(config), builds.current_language(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if not self.config.enabled or entry is None or entry.path != "index.md" or entry.lang != lang:
            return markdown  # only each language's home page
        t = strings.for_language(lang)
        return (home.search_box(t) + "\n\n" + markdown.rstrip() + "\n\n"
                + home.popular(catalog, lang, self.config.popular, t) + "\n\n"
                + home.contact(config.extra.get("support") or {}, t) + "\n")

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        catalog, lang = get_catalog(config), builds.current_language(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return html
        t = strings.for_language(lang)
        url = (config.site_url or site_path(None)) + page.url
        if entry.type == "runbook":
            html, steps = pages.mark_steps(html, t["step_done"], t["steps_reset"])
            if steps:
                self.jsonld[page.url] = pages.howto_jsonld(entry.title, entry.summary or "", steps, url, entry.lang)
        elif entry.type == "faq":
            html, pairs = pages.fold_questions(html)
            if pairs:
                self.jsonld[page.url] = pages.faq_jsonld(pairs, url, entry.lang)
        self.minutes[page.url] = pages.reading_minutes(html, self.config.words_per_minute)
        return html

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        catalog, lang = get_catalog(config), builds.current_language(config)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return context
        t = strings.for_language(lang)
        context["kb_facts"] = {
            "type": t.get(f"type_{entry.type}", entry.type),
            "reviewed": format_date(entry.reviewed, format="long", locale=lang),
            "owner": entry.owner if builds.site(config) == "staff" else None,
            "minutes": self.minutes.get(page.url, 1),
            "tags": [{"name": tag, "url": tags.tag_url(lang, tag)} for tag in entry.tags]
                    if entry.lang == lang else [],
        }
        context["kb_jsonld"] = self.jsonld.get(page.url)
        return context
