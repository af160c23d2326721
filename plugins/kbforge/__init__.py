"""MkDocs plugins and plain content logic for a multilingual knowledge base.

The logic (content model, catalog, languages) lives in plain modules under
``kbforge.content`` and friends; the MkDocs plugins in ``kbforge.<feature>.plugin``
only wire it into MkDocs events.
"""
