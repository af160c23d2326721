"""What our plugins add to the theme, and how their HTML is made.

- ``register``: a plugin's template folder and assets, once per build.
- ``templates``: the Jinja environment for HTML our plugins render themselves
  (site-wide pages, fragments): autoescape on, looked up on the theme's search
  path, so a file of the same name in ``overrides/`` replaces ours.
- ``escape_ours``: MkDocs' theme environment does not escape; our own page
  templates (``overrides/`` and the plugins' ``partials/``) are compiled with
  autoescape on, Material's are left as they are.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

PACKAGE = Path(__file__).resolve().parent


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


def _ours(config: MkDocsConfig) -> list[str]:
    """Template folders that are ours: overrides/ and every plugin folder of this package."""
    out = []
    for folder in config.theme.dirs:
        path = Path(folder).resolve()
        if config.theme.custom_dir and path == Path(config.theme.custom_dir).resolve():
            out.append(folder)
        elif PACKAGE in path.parents:
            out.append(folder)
    return out


def templates(config: MkDocsConfig) -> Environment:
    """An autoescaping environment on the theme's search path, one per site build
    (kept on the build's state, so each template is compiled once)."""
    from .lifecycle.state import get_state

    state = get_state(config)
    if state.templates is None or state.templates.loader.searchpath != list(config.theme.dirs):
        state.templates = Environment(loader=FileSystemLoader(list(config.theme.dirs)), autoescape=True,
                                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return state.templates


def escape_ours(env: Environment, config: MkDocsConfig) -> None:
    """Compile our page templates with autoescape on (called from ``on_env``)."""
    names = set()
    for folder in _ours(config):
        for root, _, files in os.walk(folder):
            for name in files:
                if name.endswith(".html"):
                    names.add(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    material = getattr(env, "_kb_material_autoescape", env.autoescape)
    env._kb_material_autoescape = material

    def autoescape(name: str | None) -> bool:
        if name in names:
            return True
        return material(name) if callable(material) else bool(material)

    env.autoescape = autoescape


def generated_page(config: MkDocsConfig, src_uri: str, title: str, lang: str, body: str = "") -> File:
    """A page made by a plugin in ``lang``'s build, not listed in the navigation.
    Its front matter is written by a YAML library; its body is Markdown we made."""
    import yaml

    markdown = "---\n" + yaml.safe_dump({"title": str(title)}, allow_unicode=True) + "---\n\n" + body
    file = File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
    file.locale = file.locale_alternate_of = lang  # what i18n's events expect of a file
    file.alternates = {lang: file}
    return file
