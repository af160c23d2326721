"""The self-service experience: article facts, runbook checklists, expandable
FAQs with structured data, tags, the home page (search,
sections, popular articles, contact; on the staff site, what staff come for)
and the contact line of every page. ("Was this helpful?" is kbforge/feedback's.)

Runbook steps and FAQ questions are found and changed on the Markdown parse
(``content.markup.render``); this plugin hands what it found to the templates.

Context keys:
  kb_facts     {"type", "reviewed", "owner" (staff site), "minutes", "tags": [{name, url}]}
  kb_jsonld    schema.org data of the page (HowTo for runbooks, FAQPage for FAQs) as a dict, or none
  kb_home      on each language's home page: {"popular": [{entry, href}], "staff": {...} or none}
  kb_contact   every page: {"phone", "email", "href" (the contact article), "title"}
"""

from __future__ import annotations

from pathlib import Path

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.search import text_of
from ..content.translations import report as translation_report
from ..lifecycle import content
from ..lifecycle.priorities import GENERATED, PAGE_LAST
from . import staff, tags
from .config import ExperienceConfig

TEMPLATES = Path(__file__).with_name("templates")
ASSETS = ("assets/kbforge/experience.js", "assets/kbforge/experience.css")
MAIN = "kb-main"  # the id of every page's title: where the skip link leads


class ExperiencePlugin(BasePlugin[ExperienceConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.jsonld: dict[str, dict] = {}
        self.minutes: dict[str, int] = {}
        self.tag_pages: dict[str, dict] = {}  # src_uri -> tag page
        self.tag_index_src: str | None = None
        self.staff_pages: list[dict] = []
        if not self.config.enabled:
            return
        js, css = ASSETS
        theme.register(config, TEMPLATES, js=[js], css=[css])

    @property
    def _asked(self) -> frozenset[str]:
        return frozenset(self.config.tag_pages)

    @event_priority(GENERATED)  # the language's files are in place
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        state = get_state(config)
        t = strings.for_language(state.lang)
        for page in tags.tag_pages(state.catalog, state.lang, min_articles=self.config.tag_page_min,
                                   asked=self._asked):
            title = t["tag_page_title"].format(tag=page["tag"]) + (f" ({page['number']})" if page["number"] > 1 else "")
            src = state.urls.source_of_folder(page["url"])
            self.tag_pages[src] = page
            files.append(theme.generated_page(config, src, title, state.lang))
        if tags.live_tags(state.catalog, state.lang):
            self.tag_index_src = state.urls.source_of_folder(state.urls.tags(state.lang))
            files.append(theme.generated_page(config, self.tag_index_src, t["tags_title"], state.lang))
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        if self.config.enabled:  # every plugin has added its pages by now
            state = get_state(config)
            self.staff_pages = staff.pages(state, files) if state.site == "staff" else []
        return nav

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if not self.config.enabled:
            return html
        state = get_state(config)
        t = strings.for_language(state.lang)
        env = theme.templates(config)
        if page.file.src_uri in self.tag_pages:
            view = tags.page_view(self.tag_pages[page.file.src_uri], page.url, state.lang, state.catalog)
            index = urls.relative(page.url, state.urls.tags(state.lang))
            return html + env.get_template("kbforge/tag.html").render(t=t, index=index, **view)
        if page.file.src_uri == self.tag_index_src:
            view = tags.index_view(state.catalog, state.lang, page.url, self.config.tag_page_min, self._asked, t)
            return html + env.get_template("kbforge/tags.html").render(t=t, **view)
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

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        if self.config.enabled and template_name == "404.html":
            context["kb_contact"] = self._contact(config, None)
        return context

    @event_priority(PAGE_LAST)  # after every plugin has added to the table of contents
    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        _skip_target(page)
        state = get_state(config)
        catalog, lang = state.catalog, state.lang
        context["kb_contact"] = self._contact(config, page.url)
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is None:
            return context
        t = strings.for_language(lang)
        if entry.path == "index.md" and not state.is_fallback(entry):
            popular = []
            for article_id in self.config.popular:
                found, _ = catalog.in_language(article_id, lang)
                if found is not None and not found.retired:
                    popular.append({"entry": found, "href": urls.relative(page.url, catalog.url_in(found, lang)),
                                    "fallback": found.lang != lang})
            home = {"popular": popular, "staff": None}
            if state.site == "staff":
                home["staff"] = staff.home(state, page.url, t, self.staff_pages, translation_report)
            context["kb_home"] = home
        if not entry.is_article:
            return context
        min_articles, asked = self.config.tag_page_min, self._asked
        context["kb_facts"] = {
            "type": t.get(f"type_{entry.type}", entry.type),
            "reviewed": format_date(entry.reviewed, format="long", locale=lang),
            "owner": t.team(entry.owner) if state.site == "staff" and entry.owner else None,
            "minutes": self.minutes.get(page.url, 1),
            "tags": [{"name": tag, "url": urls.relative(page.url, tags.tag_url(catalog, lang, tag, min_articles, asked))}
                     for tag in entry.tags] if not state.is_fallback(entry) else [],
        }
        context["kb_jsonld"] = self.jsonld.get(page.url)
        return context

    def _contact(self, config: MkDocsConfig, here: str | None) -> dict:
        """How to reach support, for every page's footer (``here``: the page's URL; none: any depth)."""
        state = get_state(config)
        support = content.support(config, state)
        contact = {"phone": support.get("phone"), "email": support.get("email"), "hours": support.get("hours") or [],
                   "href": None, "title": None}
        if self.config.contact:
            found, _ = state.catalog.in_language(self.config.contact, state.lang)
            if found is not None:
                target = state.catalog.url_in(found, state.lang)
                contact["href"] = urls.relative(here, target) if here is not None \
                    else urls.site_path(config.site_url) + target
                contact["title"] = found.title
        return contact


def _skip_target(page) -> None:
    """Material's skip link leads to the first entry of the table of contents: make
    that the page's title (``#kb-main``), keeping the real entries below it, so
    every page (the home page too) has a skip link, and to its start."""
    items = list(page.toc.items) if page.toc else []
    if items and items[0].id == MAIN:
        return
    root = AnchorLink(str(page.title or ""), MAIN, 1)
    root.children = [child for item in items for child in (item.children if item.level == 1 else [item])]
    page.toc.items[:] = [root]
