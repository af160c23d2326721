"""Reading the content as a build does, from the MkDocs configuration (the build
and the command line share it)."""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..content import Catalog, load_catalog, markup
from ..content.facts import REFERENCE
from . import i18n


def ticket_patterns(config: MkDocsConfig) -> list[str]:
    """The ticket id patterns configured for kbforge/links (the parse finds them)."""
    plugin = config.plugins.get("kbforge/links")
    if plugin is None or not plugin.config.enabled:
        return []
    out = []
    for system in plugin.config.tickets:
        try:
            re.compile(system.pattern)
        except re.error:
            continue  # kbforge/links reports it, with the rest of the content's problems
        out.append(system.pattern)
    return out


def parse_settings(config: MkDocsConfig) -> markup.Settings:
    """Markdown as the site parses it: its extensions, their settings, ticket patterns."""
    extensions = tuple(e for e in config.markdown_extensions if isinstance(e, str))
    return markup.Settings(extensions=extensions, configs=dict(config.mdx_configs or {}),
                           tickets=tuple(ticket_patterns(config)))


def project_folder(config: MkDocsConfig) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path or config.docs_dir))


def read(config: MkDocsConfig, **options) -> Catalog:
    """Every page of every language, parsed and checked (``load_catalog`` options apply)."""
    return load_catalog(config.docs_dir, i18n.languages(config), i18n.default(config), project_folder(config),
                        settings=parse_settings(config), directory_urls=config.use_directory_urls, **options)


def support(config: MkDocsConfig, state) -> dict:
    """How to reach support (``extra.support`` in mkdocs.yml) in the language being
    built. A value may name facts (``"{{ support-phone }}"``), so the phone number
    and the opening hours are written once, in the fact sheet."""
    done = state.support.get(state.lang)
    if done is None:
        facts = state.catalog.facts if state.catalog else None
        done = {key: _support_value(config, facts, state.lang, key, value)
                for key, value in (config.extra.get("support") or {}).items()}
        state.support[state.lang] = done
    return done


def _support_value(config: MkDocsConfig, facts, lang: str, key: str, value):
    if isinstance(value, list):
        return [_support_value(config, facts, lang, key, item) for item in value]
    if not isinstance(value, str) or "{{" not in value:
        return value
    for match in REFERENCE.finditer(value):
        why = "the docs have no fact sheet" if facts is None else facts.check_use(match.group(1), match.group(2) or "")
        if why:
            raise PluginError(f"{os.path.basename(config.config_file_path or 'mkdocs.yml')}: "
                              f"extra.support.{key}: {match.group(0)}: {why}")
    return facts.render_text(value, lang)
