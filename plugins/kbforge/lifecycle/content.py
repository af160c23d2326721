"""Reading the content as a build does, from the MkDocs configuration (the build
and the command line share it)."""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig

from ..content import Catalog, load_catalog, markup
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
