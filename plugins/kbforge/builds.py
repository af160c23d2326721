"""Where we are in a multi-language build.

mkdocs-static-i18n builds the default language first, then starts one
nested ``build()`` per other language from its own ``on_post_build``
(priority -100). Our plugins see every event once per language; these
helpers are the one place that knows how to tell the builds apart.
"""

from __future__ import annotations

import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .languages import parts


def i18n(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("kbforge plugins need the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml")
    return plugin


def languages(config: MkDocsConfig) -> list[str]:
    """The knowledge base's locales, in configured order, also when only one is
    built (i18n's build_only_locale, for a fast preview while writing)."""
    return [lang.locale for lang in i18n(config).config.languages if lang.locale != "null"]


def language_names(config: MkDocsConfig) -> dict[str, str]:
    return {lang.locale: lang.name for lang in i18n(config).config.languages if lang.locale != "null"}


def default_language(config: MkDocsConfig) -> str:
    return i18n(config).default_language


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n(config)
    return plugin.current_language or plugin.default_language


def is_nested_build(config: MkDocsConfig) -> bool:
    """True inside the builds that i18n starts for the non-default languages."""
    return bool(i18n(config).building)


def last_language_built(config: MkDocsConfig) -> bool:
    """In ``on_post_build`` below priority -100: True once per process, after
    the last language this process builds."""
    return not is_nested_build(config)


def all_languages_in_site(config: MkDocsConfig) -> bool:
    """In ``on_post_build`` below priority -150: True once, after every language
    is in the site, in the process that writes the site-wide files."""
    return last_language_built(config) and not is_part()


def site_files_due(config: MkDocsConfig) -> bool:
    """Like ``all_languages_in_site``, for the site-wide files made from the
    catalog (permalinks, redirects, catalog.json, archived pages): False in a
    dirty rebuild that left what they are made of unchanged. (MkDocs rewrites
    the root 404 page and sitemap in every build, so those are always due.)"""
    if not all_languages_in_site(config):
        return False
    catalog = config.plugins.get("kbforge/catalog")
    return catalog is None or catalog.site_files_due


def is_part() -> bool:
    """True in a child process that builds some of the languages in parallel
    (``languages/parts.py``); it writes no site-wide files."""
    return parts.part_languages() is not None


def is_dirty() -> bool:
    """``--dirty`` rebuilds (serve): only changed pages are rendered. MkDocs
    does not tell plugins, so i18n, and we, read the command line."""
    return bool({"--dirty", "--dirtyreload"} & set(sys.argv))


def site(config: MkDocsConfig) -> str:
    """"public" (the customer site) or "staff"; without kbforge/audiences, staff."""
    plugin = config.plugins.get("kbforge/audiences")
    return plugin.config.site if plugin is not None and plugin.config.enabled else "staff"
