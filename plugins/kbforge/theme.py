"""What our plugins add to the theme: template folders, assets, generated pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel


def register(config: MkDocsConfig, templates: Path, *, css=(), js=(), replaces_material=False) -> None:
    """Add a plugin's template folder and assets once per build.

    A folder that replaces Material partials goes before Material's own, after
    overrides/; others go last, so overrides/ and Material both win over them.
    """
    folder = str(templates)
    if folder not in config.theme.dirs:
        if replaces_material:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, folder)
        else:
            config.theme.dirs.append(folder)
    for path in css:
        if path not in config.extra_css:
            config.extra_css.append(path)
    for path in js:
        if path not in config.extra_javascript:
            config.extra_javascript.append(path)


def generated_page(config: MkDocsConfig, src_uri: str, markdown: str, lang: str) -> File:
    """A page made by a plugin in ``lang``'s build, not listed in the navigation."""
    file = File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
    file.locale = file.locale_alternate_of = lang  # what i18n's events expect of a file
    file.alternates = {lang: file}
    return file
