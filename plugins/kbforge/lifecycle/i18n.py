"""The one module that knows mkdocs-static-i18n's internals.

i18n builds the default language, then starts one nested ``build()`` per other
language from its ``on_post_build``, with ``mkdocs.utils.clean_directory``
patched to a no-op. A nested build that fails leaves the patch, its
``building`` flag and its current language behind, and the next build of the
same config would start in the wrong language and never clean the site:
``reset`` puts all of it back, at the start of every site build and after a
failure.
"""

from __future__ import annotations

import logging

import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

_CLEAN_DIRECTORY = mkdocs.utils.clean_directory  # the real one, before anyone patches it
_BUILD_LOG = "mkdocs.commands.build"


def plugin(config: MkDocsConfig):
    found = config.plugins.get("i18n")
    if found is None:
        raise PluginError("kbforge plugins need the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml")
    return found


def languages(config: MkDocsConfig) -> list[str]:
    """The knowledge base's locales, in configured order, also when only one is
    built (i18n's build_only_locale, for a fast preview while writing)."""
    return [lang.locale for lang in plugin(config).config.languages if lang.locale != "null"]


def names(config: MkDocsConfig) -> dict[str, str]:
    return {lang.locale: lang.name for lang in plugin(config).config.languages if lang.locale != "null"}


def default(config: MkDocsConfig) -> str:
    return plugin(config).default_language


def current(config: MkDocsConfig) -> str:
    found = plugin(config)
    return found.current_language or found.default_language


def nested(config: MkDocsConfig) -> bool:
    """True inside the builds that i18n starts for the other languages."""
    return bool(plugin(config).building)


def built_languages(config: MkDocsConfig) -> list[str]:
    return list(plugin(config).build_languages)


def start_in(config: MkDocsConfig, lang: str) -> None:
    """Make the next build begin with ``lang`` (a parallel part's first language)."""
    plugin(config).current_language = lang


def build_only(config: MkDocsConfig, langs: list[str]) -> list[tuple]:
    """Build only ``langs`` in this process; returns what to give ``restore_builds``."""
    saved = [(lang, lang.build) for lang in plugin(config).config.languages]
    for lang, _ in saved:
        lang.build = lang.locale in langs
    return saved


def restore_builds(saved: list[tuple]) -> None:
    for lang, build in saved:
        lang.build = build


def reset(config: MkDocsConfig) -> None:
    """Undo what an interrupted i18n build left behind; start in the default language."""
    found = config.plugins.get("i18n")
    if found is not None:
        found.building = False
        found.current_language = None
    mkdocs.utils.clean_directory = _CLEAN_DIRECTORY
    build_log = logging.getLogger(_BUILD_LOG)
    for flt in list(build_log.filters):
        if type(flt).__name__ == "I18nLoggingFilter":
            build_log.removeFilter(flt)


def left_behind(config: MkDocsConfig | None = None) -> list[str]:
    """What an unfinished i18n build leaves in this process (for tests)."""
    out = []
    if mkdocs.utils.clean_directory is not _CLEAN_DIRECTORY:
        out.append("mkdocs.utils.clean_directory is patched")
    if any(type(f).__name__ == "I18nLoggingFilter" for f in logging.getLogger(_BUILD_LOG).filters):
        out.append("i18n's log filter is installed")
    if config is not None and config.plugins.get("i18n") is not None and config.plugins["i18n"].building:
        out.append("i18n thinks it is building")
    return out
