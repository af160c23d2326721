"""Feedback on the site: "Was this helpful?" (sent to the feedback service only
when an endpoint is configured), search events, the ways to reach support after
"No", and on the staff site an insights page per language built from the store.

Context key:
  kb_feedback  {"endpoint", "article", "lang", "support": {phone, email}, "request", "max_comment"}
               on article pages

Files:
  assets/kbforge/feedback-settings.js   window.kbFeedback = {"endpoint", "search"}, site-wide
  <lang>/insights/                      the insights page (staff site)
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from urllib.parse import quote, urljoin

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..content.reviews import parse_today
from ..lifecycle import content
from ..lifecycle.priorities import GENERATED
from . import insights, render
from .config import FeedbackConfig
from .events import MAX_COMMENT

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
SETTINGS = "assets/kbforge/feedback-settings.js"
ASSETS = (SETTINGS, "assets/kbforge/feedback.js")
CSS = "assets/kbforge/feedback.css"
PAGE = "insights"


class FeedbackPlugin(BasePlugin[FeedbackConfig]):
    def __init__(self):
        self.events: list[dict] | None = None
        self.page_src: str | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        state = get_state(config)
        if state.starting:
            self.events = None  # read once per site build, for every language
        if not self.config.enabled:
            return
        theme.register(config, TEMPLATES, js=list(ASSETS), css=[CSS])
        try:
            self.today = parse_today(self.config.today)
        except ValueError as exc:
            raise PluginError(f"kbforge/feedback: today: {exc}") from None
        if state.starting and state.writes_site_files:
            state.on_site_files("feedback settings", self._write_settings)
        if self.config.request_form:
            try:
                self.config.request_form.format(id="", title="", lang="")
            except (KeyError, IndexError, ValueError) as exc:
                raise PluginError(f"kbforge/feedback: request_form: only {{id}}, {{title}} and {{lang}} can be filled in"
                                  f" ({exc})") from None

    def _staff(self, config) -> bool:
        return self.config.enabled and get_state(config).site == "staff"  # insights are for writers

    # --- "Was this helpful?"

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self.config.enabled:
            return context
        entry = get_state(config).catalog.for_source(page.file.abs_src_path)
        if entry is None or not entry.is_article or entry.retired:
            return context
        support = content.support(config, get_state(config))
        form = self.config.request_form
        context["kb_feedback"] = {
            "endpoint": self.config.endpoint,
            "article": entry.id,
            "lang": entry.lang,
            "support": {"phone": support.get("phone"), "email": support.get("email")},
            "request": form.format(id=quote(entry.id), title=quote(entry.title), lang=quote(entry.lang)) if form else "",
            "max_comment": MAX_COMMENT,
        }
        return context

    def _write_settings(self, config: MkDocsConfig) -> None:
        """Site-wide: search events are sent from every page, not only articles."""
        settings = {"endpoint": self.config.endpoint, "search": self.config.search_events}
        path = os.path.join(config.site_dir, *SETTINGS.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("// Written by kbforge/feedback at build time.\nwindow.kbFeedback = " + json.dumps(settings) + "\n")

    # --- the insights page (staff site)

    @event_priority(GENERATED)  # the language's files are in place
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.page_src = None
        if not self._staff(config):
            return files
        state = get_state(config)
        title = strings.for_language(state.lang)["insights_title"]
        self.page_src = state.urls.source_of_folder(state.urls.folder(f"{state.lang}/{PAGE}"))
        files.append(theme.generated_page(config, self.page_src, title, state.lang))  # the body: on_page_content
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if self.page_src is None or page.file.src_uri != self.page_src:
            return html
        return html + self._insights_page(config, get_state(config).lang, page.url)

    def _load_events(self) -> list[dict]:
        if self.events is None:
            since = self.today - dt.timedelta(days=self.config.days - 1)
            try:
                self.events = insights.load_events(self.config.store, since, self.today + dt.timedelta(days=1))
            except Exception as exc:  # noqa: BLE001 - any store problem is reported the same way
                raise PluginError(f"kbforge/feedback: store {self.config.store!r}: {exc}") from exc
        return self.events

    def _insights_page(self, config: MkDocsConfig, lang: str, here: str) -> str:
        t = strings.for_language(lang)
        env = render.environment(list(config.theme.dirs))
        if not self.config.store:
            return render.page(env, t=t, insights=None, period="", articles={}, edits={})
        catalog = get_state(config).catalog
        entries = {e.id: e for e in catalog.articles(lang) if not e.retired}
        searchable = [e.id for e in entries.values() if e.audience == "public" and e.state == "validated"]
        found = insights.for_language(self._load_events(), lang, sorted(searchable), self.config.rows)
        articles = {id: {"title": e.title, "url": urls.relative(here, e.url), "source": e.shown, "edit_url": _edit_url(config, e)}
                    for id, e in entries.items()}
        edits = {group.key: _edit(config, group, entries) for group in found.no_results}
        since = self.today - dt.timedelta(days=self.config.days - 1)
        period = t["insights_period"].format(
            start=format_date(since, format="long", locale=lang), end=format_date(self.today, format="long", locale=lang),
            searches=found.searches, votes=found.votes)
        return render.page(env, t=t, insights=found, period=period, articles=articles, edits=edits)


def _edit(config: MkDocsConfig, group: insights.QueryGroup, entries: dict) -> dict:
    """The one edit that makes a no-result query find an article: a synonym in
    the article readers opened after rephrasing it, or, without one, the line
    for whichever article answers it."""
    entry = next((entries[a] for a, _, _ in group.candidates if a in entries), None)
    if entry is None:
        edit = insights.synonym_edit("", [], group.query, None, 0)
        return {"file": None, "line": edit.line}
    text = Path(entry.src).read_text(encoding="utf-8")
    edit = insights.synonym_edit(text, entry.synonyms, group.query, entry.lines.get("synonyms"), entry.id_line)
    where = (str(edit.first) if edit.first == edit.last else f"{edit.first}–{edit.last}") if edit.replaces else str(entry.id_line)
    return {"file": entry.shown, "where": where, "replaces": edit.replaces, "line": edit.line,
            "edit_url": _edit_url(config, entry)}


def _edit_url(config: MkDocsConfig, entry) -> str | None:
    """Where the article's source file is edited, as MkDocs makes ``page.edit_url``
    from ``repo_url`` and ``edit_uri`` (or ``edit_uri_template``)."""
    src_uri = f"{entry.lang}/{entry.path}"
    if not config.repo_url:
        return None
    if config.edit_uri_template:
        return urljoin(config.repo_url, config.edit_uri_template.format(path=src_uri))
    if config.edit_uri:
        return urljoin(config.repo_url, config.edit_uri.rstrip("/") + "/" + src_uri)
    return None
