"""The insights page: HTML from a Jinja template with autoescape on (queries and
comments are customers' text), found on the theme's search path so that
``overrides/kb-insights.html`` can replace it."""

from __future__ import annotations

import jinja2

TEMPLATE = "kb-insights.html"


def environment(search_path: list[str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(search_path), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def page(env: jinja2.Environment, **context) -> str:
    return env.get_template(TEMPLATE).render(**context)
