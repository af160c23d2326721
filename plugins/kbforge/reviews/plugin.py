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

from .. import builds, strings, theme
from ..catalog.plugin import get_catalog
from ..content.reviews import due_date, overdue
from . import report
from .config import ReviewsConfig

TEMPLATES = Path(__file__).with_name("templates")
PAGE = "reviews.md"


class ReviewsPlugin(BasePlugin[ReviewsConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        theme.register(config, TEMPLATES)
        today = self.config.today  # YAML may already have made it a date
        try:
            self.today = today if isinstance(today, dt.date) else dt.date.fromisoformat(today) if today else dt.date.today()
        except ValueError:
            raise PluginError(f"kbforge/reviews: today: {self.config.today!r} is not a YYYY-MM-DD date") from None

    def _active(self, config) -> bool:
        return self.config.enabled and builds.site(config) == "staff"  # a staff matter

    @event_priority(-160)  # after kbforge/languages (-150) has placed the language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self._active(config):
            return files
        lang = builds.current_language(config)
        t = strings.for_language(lang)
        found = overdue(get_catalog(config), self.today, self.config.intervals)
        body = report.markdown(found, lang, t, builds.language_names(config))
        markdown = f"---\ntitle: {t['reviews_title']}\n---\n\n{body}"
        files.append(theme.generated_page(config, f"{lang}/{PAGE}", markdown, lang))
        return files

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        if not self._active(config):
            return context
        entry = get_catalog(config).for_source(page.file.abs_src_path)
        if entry is not None and entry.is_article and entry.reviewed and not entry.archived:
            due = due_date(entry, self.config.intervals)
            if due < self.today:
                lang = builds.current_language(config)
                when = format_date(due, format="long", locale=lang)
                context["kb_review"] = {"due": due, "text": strings.for_language(lang)["review_overdue"].format(date=when, owner=entry.owner)}
        return context
