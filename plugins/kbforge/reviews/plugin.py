"""Review dates for staff: a marker on overdue articles and a report by owner.

Context key:
  kb_review   {"due": date, "text": str} when the page's article is overdue (staff site)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .. import strings, theme
from ..catalog.plugin import get_state
from ..content.reviews import due_date, overdue, parse_today
from ..lifecycle.priorities import GENERATED
from . import report
from .config import ReviewsConfig

TEMPLATES = Path(__file__).with_name("templates")
PAGE = "reviews"


class ReviewsPlugin(BasePlugin[ReviewsConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        theme.register(config, TEMPLATES)
        self.page_src = None
        try:
            self.today = parse_today(self.config.today)
        except ValueError as exc:
            raise PluginError(f"kbforge/reviews: today: {exc}") from None

    def _active(self, config) -> bool:
        return self.config.enabled and get_state(config).site == "staff"  # a staff matter

    @event_priority(GENERATED)  # the language's files are in place
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self._active(config):
            return files
        state = get_state(config)
        t = strings.for_language(state.lang)
        self.page_src = state.urls.source_of_folder(state.urls.folder(f"{state.lang}/{PAGE}"))
        files.append(theme.generated_page(config, self.page_src, t["reviews_title"], state.lang))
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if self.page_src is None or page.file.src_uri != self.page_src:
            return html
        state = get_state(config)
        t = strings.for_language(state.lang)
        found = overdue(state.catalog, self.today, self.config.intervals)
        data = report.groups(found, state.lang, t, state.names, page.url)
        return html + theme.templates(config).get_template("kbforge/reviews.html").render(groups=data, t=t)

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self._active(config):
            return context
        state = get_state(config)
        entry = state.catalog.for_source(page.file.abs_src_path)
        if entry is not None and entry.is_article and entry.reviewed and not entry.archived:
            due = due_date(entry, self.config.intervals)
            if due < self.today:
                t = strings.for_language(state.lang)
                when = format_date(due, format="long", locale=state.lang)
                context["kb_review"] = {"due": due, "text": t["review_overdue"].format(
                    date=when, owner=t.team(entry.owner))}
        return context
