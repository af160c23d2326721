"""The self-service experience: article facts, runbook checklists, expandable
FAQs with structured data, tag pages, and the home page's search, popular
articles and contact box. ("Was this helpful?" is kbforge/feedback's.)

Runbook steps and FAQ questions are found and changed on the Markdown parse
(``content.markup.render``); this plugin hands what it found to the templates.

Context keys:
  kb_facts     {"type", "reviewed", "owner" (staff site), "minutes", "tags": [{name, url}]}
  kb_jsonld    schema.org data of the page (HowTo for runbooks, FAQPage for FAQs) as a dict, or none
  kb_home      on each language's home page: {"popular": [{entry, href}], "phone", "email"}
"""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.search import text_of
from ..lifecycle.priorities import GENERATED
from . import tags
from .config import ExperienceConfig

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/experience.js", "assets/kbforge/experience.css")


class ExperiencePlugin(BasePlugin[ExperienceConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.jsonld: dict[str, dict] = {}
        self.minutes: dict[str, int] = {}
        self.tag_pages: dict[str, dict] = {}  # src_uri -> tag page
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])

    @event_priority(GENERATED)  # the language's files are in place
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        state = get_state(config)
        t = strings.for_language(state.lang)
        for page in tags.tag_pages(state.catalog, state.lang):
            title = t["tag_page_title"].format(tag=page["tag"]) + (f" ({page['number']})" if page["number"] > 1 else "")
            src = state.urls.source_of_folder(page["url"])
            self.tag_pages[src] = page
            files.append(theme.generated_page(config, src, title, state.lang))
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        state = get_state(config)
        if page.file.src_uri in self.tag_pages:
            view = tags.page_view(self.tag_pages[page.file.src_uri], page.url, state.lang, state.catalog)
            return html + theme.templates(config).get_template("kbforge/tag.html").render(
                t=strings.for_language(state.lang), **view)
        entry = state.catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article:
            return html
        url = urls.base(config.site_url) + page.url
        result = state.renderer.result
        if entry.type == "runbook" and result.steps:
            self.jsonld[page.url] = {
                "@context": "https://schema.org", "@type": "HowTo", "name": entry.title,
                "description": entry.summary or "", "url": url, "inLanguage": entry.lang,
                "step": [{"@type": "HowToStep", "position": n, "text": text}
                         for n, text in enumerate(result.steps, start=1)],
            }
        elif entry.type == "faq" and result.questions:
            self.jsonld[page.url] = {
                "@context": "https://schema.org", "@type": "FAQPage", "url": url, "inLanguage": entry.lang,
                "mainEntity": [{"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
                               for q, a in result.questions],
            }
        words = len(text_of(html).split())
        self.minutes[page.url] = max(1, round(words / self.config.words_per_minute))
        return html

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None:
            return context
        t = strings.for_language(lang)
        if entry.path == "index.md" and not state.is_fallback(entry):
            support = config.extra.get("support") or {}
            popular = []
            for article_id in self.config.popular:
                found, _ = catalog.in_language(article_id, lang)
                if found is not None and not found.retired:
                    popular.append({"entry": found, "href": urls.relative(page.url, catalog.url_in(found, lang))})
            context["kb_home"] = {"popular": popular, "phone": support.get("phone"), "email": support.get("email")}
        if not entry.is_article:
            return context
        context["kb_facts"] = {
            "type": t.get(f"type_{entry.type}", entry.type),
            "reviewed": format_date(entry.reviewed, format="long", locale=lang),
            "owner": t.team(entry.owner) if state.site == "staff" else None,
            "minutes": self.minutes.get(page.url, 1),
            "tags": [{"name": tag, "url": urls.relative(page.url, state.urls.tag(lang, tag))} for tag in entry.tags]
                    if not state.is_fallback(entry) else [],
        }
        context["kb_jsonld"] = self.jsonld.get(page.url)
        return context
