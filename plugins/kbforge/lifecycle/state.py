"""The state of one site build, from its first ``on_config`` to its end.

kbforge/catalog creates it when a site build starts (not for the nested
language builds of mkdocs-static-i18n) and drops it when the site is in place
or the build failed. Plugins reach it with ``kbforge.catalog.plugin.get_state``.

Phases, and who owns them:
1. site start (on_config, START): i18n reset, destination locked, content read
   and checked (catalog; audiences publishes its view at VIEW; links adds the
   ledger check at CHECK); every problem raised together at REPORT; parallel
   parts started at BEGIN.
2. each language (on_config ... on_post_build): ``lang`` is the language built.
3. site end (on_post_build): this process's languages done (LANGUAGES_DONE),
   parts joined (JOIN), site-wide files written once (SITE_FILES), the site
   swapped in (FINISH).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from mkdocs.exceptions import PluginError

from ..content.catalog import Catalog, Entry
from ..content.errors import ContentError
from ..content.markup import KbExtension
from ..content.markup.render import PageRenderer
from ..urls import Urls
from .guard import Guard
from .site import Destination

PUBLIC, STAFF = "public", "staff"


@dataclass
class SiteBuild:
    languages: list[str]  # configured, in order
    default: str
    names: dict[str, str]  # language -> its own name
    urls: Urls
    site_url: str | None
    full: Catalog | None = None  # every article of every audience and state
    view: Catalog | None = None  # what this site publishes (kbforge/audiences narrows it)
    site: str = STAFF  # "public" (customers) or "staff"
    lang: str = ""  # the language being built now
    starting: bool = True  # from the site's first on_config to the end of its first language
    part: list[str] | None = None  # in a parallel part (a child process): its languages
    errors: list[ContentError] = field(default_factory=list)
    writers: list[tuple[str, Callable]] = field(default_factory=list)  # site-wide files
    destination: Destination | None = None  # None: written in place (serve, parallel part)
    guard: Guard = field(default_factory=Guard)
    extension: KbExtension | None = None
    renderer: PageRenderer | None = None
    site_files_due: bool = True  # False in a dirty rebuild that changed no site-wide input
    templates: object = None  # theme.templates(): the autoescaping Jinja environment of this build
    translation_report: object = None  # content.translations.report() of the catalog, computed once
    dirty: bool = False
    support: dict = field(default_factory=dict)  # language -> how to reach support (lifecycle.content.support)

    @property
    def catalog(self) -> Catalog:
        """The catalog of what this site publishes."""
        return self.view or self.full

    def is_fallback(self, entry: Entry, lang: str | None = None) -> bool:
        """Whether ``entry`` is shown in ``lang`` (default: the language being built)
        in place of a missing translation."""
        return Catalog.is_fallback(entry, lang or self.lang)

    def publish(self, view: Catalog, site: str) -> None:
        """kbforge/audiences: this site shows ``view`` (a subset of ``full``)."""
        self.view, self.site = view, site

    def report(self, errors: list[ContentError]) -> None:
        """A plugin's content problems; all are raised together (REPORT)."""
        self.errors.extend(errors)

    def on_site_files(self, name: str, writer: Callable) -> None:
        """``writer(config)`` runs once, when every language is in the site."""
        self.writers.append((name, writer))

    @property
    def writes_site_files(self) -> bool:
        """A parallel part writes no site-wide files; the parent does."""
        return self.part is None


def get_state(config) -> SiteBuild:
    """The state of the site build in progress (kbforge/catalog owns it)."""
    plugin = config.plugins.get("kbforge/catalog")
    if plugin is None or getattr(plugin, "state", None) is None:
        raise PluginError("the 'kbforge/catalog' plugin must be enabled before this one")
    return plugin.state
