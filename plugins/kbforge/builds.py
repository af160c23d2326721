"""Where we are in a multi-language build.

mkdocs-static-i18n builds the default language first, then starts one
nested ``build()`` per other language from its own ``on_post_build``
(priority -100). Our plugins see every event once per language; these
helpers are the one place that knows how to tell the builds apart.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


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


def all_languages_built(config: MkDocsConfig) -> bool:
    """In ``on_post_build`` below priority -100: True once, after the last language."""
    return not i18n(config).building


def site(config: MkDocsConfig) -> str:
    """"public" (the customer site) or "staff"; without kbforge/audiences, staff."""
    plugin = config.plugins.get("kbforge/audiences")
    return plugin.config.site if plugin is not None and plugin.config.enabled else "staff"
