"""Feedback that reaches the team: the service that receives votes, comments
and search events from the site, its store, exports, and insights for writers.

Plain modules (no MkDocs import) except ``plugin.py`` and ``config.py``, the
``kbforge/feedback`` MkDocs plugin:

  events.py    what an event is: the published JSON Schema, validation
  sitedata.py  what the site publishes (``catalog.json``): languages, articles, URLs
  store.py     SQLite (default) or PostgreSQL, versioned migrations, export, purge
  service.py   the ASGI application (Starlette), served by uvicorn
  insights.py  what writers act on, per language, from a store or an export file
  render.py    the insights page (Jinja, autoescaped)
  cli.py       ``kbforge feedback serve|export|purge|delete|migrate|schema``
"""
