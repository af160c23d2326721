"""Owner of the build lifecycle (``kbforge.lifecycle``): reads and checks every
article of every language once per site build, and decides where and in which
processes the languages are built.

Context keys handed to templates (documented in README "Template context"):
  kb_catalog   the ``kbforge.content.Catalog`` this site publishes (also a Jinja global)
  kb_entry     the catalog ``Entry`` of the page's content (its ``lang`` is the
               language the text is written in, which for a fallback page is
               not the language being rendered)
  kb_lang      the language being rendered
  kb_t         interface strings in ``kb_lang`` (``kbforge/strings/strings.yml``)
  kb_site      "public" or "staff"
Other plugins call ``get_state(config)`` (the ``SiteBuild``) or ``get_catalog(config)``.
"""

from __future__ import annotations

import logging
import os

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import strings, theme, urls
from ..content import Catalog, markup
from ..content.markup import sanitize
from ..content.markup.render import Page as RenderPage, PageRenderer
from ..lifecycle import content, i18n, parallel, session
from ..lifecycle.priorities import BEGIN, FINISH, JOIN, LANGUAGE_DONE, NAV, PAGE_LAST, REPORT, SITE_FILES, START
from ..lifecycle.site import Destination
from ..lifecycle.state import SiteBuild, get_state  # noqa: F401 - get_state: for the other plugins
from .config import CatalogConfig
from .nav import arrange, relink

log = get_plugin_logger(__name__)


def get_catalog(config: MkDocsConfig) -> Catalog:
    """The catalog of what this site publishes (kbforge/audiences narrows it)."""
    return get_state(config).catalog


def get_full_catalog(config: MkDocsConfig) -> Catalog:
    """Every article of every audience and state, e.g. for the ledger."""
    return get_state(config).full


class _DirtyIsIntended(logging.Filter):
    """``serve --dirty`` is the documented edit loop: MkDocs' warning about dirty
    builds would stop it under ``strict: true``, so it is shown as information."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class _InstantWarning(logging.Filter):
    """i18n warns that its switcher breaks with navigation.instant; ours does not."""

    def filter(self, record):
        return "navigation.instant" not in record.getMessage()


class _Warnings(logging.Handler):
    """Counts the warnings of a whole site build: MkDocs stops a strict build only
    after the last plugin has run, when the finished site would already be in place."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_FILTERS = (("mkdocs.commands.build", _DirtyIsIntended()),
            ("mkdocs.plugins.mkdocs_static_i18n.reconfigure", _InstantWarning()))


def _clean_toc(items) -> None:
    for item in items or []:
        item.title = sanitize.clean(item.title)
        _clean_toc(item.children)


class CatalogPlugin(BasePlugin[CatalogConfig]):
    def __init__(self):
        self.state: SiteBuild | None = None
        self.final_site_dir: str | None = None
        self.parts: list[parallel.Part] = []
        self.saved_builds: list = []

    # -- a serve session ---------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        session.start(command, dirty)

    def on_shutdown(self) -> None:
        session.end()

    # -- phase 1: the site starts -------------------------------------------------

    @event_priority(START)
    def _start(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.state is not None and i18n.nested(config):
            self.state.lang = i18n.current(config)  # the next language of this site
            return
        self._discard(config)  # what a build that never finished left
        self._config = config  # for on_build_error, which is not given it
        i18n.reset(config)
        self.state = state = self._new_state(config)
        for name, flt in _FILTERS:
            logging.getLogger(name).addFilter(flt)
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if state.part is None and not session.serving():
            state.destination = Destination(config.site_dir)
            self.final_site_dir = config.site_dir
            config.site_dir = state.destination.open()
            state.guard.add(state.destination.close)
        state.guard.install()
        self._read(config, state)
        if state.part:
            i18n.start_in(config, state.part[0])  # i18n starts with the default language otherwise
            self.saved_builds = i18n.build_only(config, state.part)
        state.lang = i18n.current(config)

    def _new_state(self, config: MkDocsConfig) -> SiteBuild:
        return SiteBuild(
            languages=i18n.languages(config), default=i18n.default(config), names=i18n.names(config),
            urls=urls.Urls(config.use_directory_urls), site_url=config.site_url,
            part=parallel.part_languages(), dirty=session.dirty(),
        )

    def _read(self, config: MkDocsConfig, state: SiteBuild) -> None:
        """The catalog, its Markdown extension, and every problem in the content."""
        settings = content.parse_settings(config)
        if state.part:
            state.full = parallel.load_catalog()  # the parent has read and checked it
        else:
            current = session.current()
            processes = 1 if session.serving() else parallel.cores()
            state.full = content.read(config, processes=processes, cache=current.parsed if current else None,
                                      collect=True)
            state.report(state.full.errors)
            for warning in state.full.warnings:
                log.warning(str(warning))
            log.debug("catalog: %d pages", len(state.full.entries))
        state.view = state.full
        state.renderer = PageRenderer(facts=state.full.facts)
        state.extension = markup.KbExtension(tickets=settings.tickets, renderer=state.renderer)
        extensions = [e for e in config.markdown_extensions if not isinstance(e, markup.KbExtension)]
        config.markdown_extensions[:] = [*extensions, state.extension]
        outline = (config.site_url, config.site_name, config.use_directory_urls,
                   tuple(state.names.items()), state.full.outline())
        current = session.current()
        if state.dirty and current is not None:
            state.site_files_due = current.outlines.get(self.final_site_dir or config.site_dir) != outline
        self._outline = outline

    @event_priority(REPORT)
    def _report(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.state is None or not self.state.starting:
            return
        errors = sorted({str(e): e for e in self.state.errors}.values())
        if errors:
            count = len(errors)
            raise PluginError(f"{count} problem{'s' * (count != 1)} in content:\n"
                              + "\n".join(str(e) for e in errors))

    @event_priority(BEGIN)
    def _begin(self, config: MkDocsConfig) -> None:
        """Start the parallel parts (a site build of four or more languages, with cores to spare)."""
        state = self.state
        if not self.config.enabled or state is None or not state.starting or state.part is not None \
                or session.serving():
            return
        built = i18n.built_languages(config)
        processes = self.config.processes or parallel.cores()
        config_file = config.config_file_path
        if len(built) < 4 or processes < 2 or not config_file or not os.path.isfile(config_file):
            return  # a preview of one language, one core, or no config file to hand on
        groups = parallel.split(built, processes)
        mine = next(group for group in groups if state.default in group)
        options = parallel.options(config)
        for group in groups:
            if group is mine:
                continue
            folder = state.destination.folder("part-" + "-".join(group)) if state.destination else None
            if folder is None:
                return
            part = parallel.Part(group, config_file, folder, state.full, options)
            self.parts.append(part)
            state.guard.add(part.discard)
        self.saved_builds = i18n.build_only(config, mine)
        log.info("building %s here and %s in parallel", ", ".join(mine),
                 "; ".join(", ".join(part.languages) for part in self.parts))

    on_config = CombinedEvent(_start, _report, _begin)

    # -- every language ---------------------------------------------------------

    @event_priority(NAV)  # after i18n has reduced the nav to the current language
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files) -> Navigation:
        if self.state is not None:
            nav.items = arrange(nav.items, self.state.catalog, list(self.config.sections), self.state.lang)
            relink(nav)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files):
        theme.escape_ours(env, config)
        if self.state is not None:
            env.globals["kb_catalog"] = self.state.catalog
        return env

    @event_priority(START)  # first: what the writer's Markdown made, through the allow-list
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files) -> str:
        if self.state is None:
            return html
        _clean_toc(page.toc)
        return sanitize.clean(html)

    @event_priority(PAGE_LAST)  # right before MkDocs converts the page: tell the renderer which page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
        state = self.state
        if state is None:
            return markdown
        catalog, lang = state.catalog, state.lang
        entry = catalog.for_source(page.file.abs_src_path)
        if entry is not None:
            page.meta["title"] = Markup.escape(entry.title)  # the theme does not escape titles
        elif page.meta.get("title") is not None and not isinstance(page.meta["title"], Markup):
            page.meta["title"] = Markup.escape(str(page.meta["title"]))
        here = page.url if not page.url.startswith("/") else page.url[1:]
        t = strings.for_language(lang)

        def resolve(target: str):
            found = catalog.resolve(markup.Link(target, 0), entry, lang) if entry else None
            if found is None:
                return "", None
            url = catalog.url_in(found.entry, lang) if found.entry.lang == catalog.default else found.entry.url
            return url + (f"#{found.section}" if found.section else ""), found.entry.lang if found.fallback else None

        state.renderer.hide_internal = state.site == "public"
        state.renderer.begin(RenderPage(
            body=markdown, first_line=entry.body_line if entry else 1, lang=lang,
            text_lang=entry.lang if entry else lang, url=here, kind=entry.type if entry else None,
            resolve=resolve, relative=lambda url: urls.relative(here, url), labels=t,
            language_names=state.names))
        return markdown

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        return self._add_keys(context)

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        context = self._add_keys(context)
        if self.state is not None and page.file.abs_src_path:
            context["kb_entry"] = self.state.catalog.for_source(page.file.abs_src_path)
        return context

    def _add_keys(self, context):
        if self.state is None:
            return context
        lang = self.state.lang
        context["kb_catalog"] = self.state.catalog
        context["kb_lang"] = lang
        context["kb_t"] = strings.for_language(lang)
        context["kb_site"] = self.state.site
        context["kb_support"] = content.support(self._config, self.state)
        return context

    # -- phase 3: the site ends ---------------------------------------------------

    @event_priority(LANGUAGE_DONE)
    def _language_done(self, *, config: MkDocsConfig) -> None:
        if self.state is not None:
            self.state.starting = False

    @event_priority(JOIN)
    def _join(self, *, config: MkDocsConfig) -> None:
        if self.state is None or i18n.nested(config) or not self.parts:
            return
        parts, self.parts = self.parts, []
        failed = [part.languages for part in parts if not part.finish(config.site_dir)]
        for part in parts:
            self.state.guard.remove(part.discard)
        if failed:
            names = "; ".join(", ".join(langs) for langs in failed)
            raise PluginError(f"the build of {names} failed (its messages are above)")

    @event_priority(SITE_FILES)
    def _site_files(self, *, config: MkDocsConfig) -> None:
        state = self.state
        if state is None or i18n.nested(config) or not state.writes_site_files or not state.site_files_due:
            return
        for name, writer in state.writers:
            log.debug("site-wide files: %s", name)
            writer(config)

    @event_priority(FINISH)
    def _finish(self, *, config: MkDocsConfig) -> None:
        state = self.state
        if state is None or i18n.nested(config):
            return
        if config.strict and self.warnings is not None and self.warnings.count:
            count = self.warnings.count
            raise PluginError(f"{count} warning{'s' * (count != 1)} in strict mode: "
                              "the previous site is left as it was")
        if state.destination is not None:
            state.guard.remove(state.destination.close)
            state.destination.swap()
        current = session.current()
        if current is not None and state.writes_site_files:
            current.outlines[self.final_site_dir or config.site_dir] = self._outline
        self._end(config)

    on_post_build = CombinedEvent(_language_done, _join, _site_files, _finish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.state is not None:
            self._discard(None)

    def _discard(self, config: MkDocsConfig | None) -> None:
        """A failed or abandoned build: stop its processes, remove its folders."""
        state = self.state
        if state is None:
            return
        parts, self.parts = self.parts, []
        for part in parts:
            part.discard()
        state.guard.run_cleanups()
        self._end(config)

    def _end(self, config: MkDocsConfig | None) -> None:
        state, self.state = self.state, None
        if state is not None:
            state.guard.uninstall()
        i18n.restore_builds(self.saved_builds)
        self.saved_builds = []
        if config is not None:
            if self.final_site_dir is not None:
                config.site_dir = self.final_site_dir
            i18n.reset(config)
        elif self._config is not None:
            if self.final_site_dir is not None:
                self._config.site_dir = self.final_site_dir
            i18n.reset(self._config)
        self.final_site_dir = None
        for name, flt in _FILTERS:
            logging.getLogger(name).removeFilter(flt)
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    _config: MkDocsConfig | None = None
    warnings: _Warnings | None = None
