"""kbforge's search engine, without MkDocs: a static index of small files per
language (build.py), read the same way from Python (query.py) and from the
browser (search/templates/assets/kbforge/kbsearch.js).

- text.py      words, folding, stems, filler words per language
- build.py     what is indexed and the file layout
- semantic.py  word and document vectors for customers' own words
- distil.py    makes the shipped word-vector table (data/) from multilingual-e5-small
- html.py      the writer's text of a rendered article, without interface text
- query.py     the ranking, and a command line: python -m kbforge.searchcore.query FOLDER QUERY
"""

from .build import Doc, write_index

__all__ = ["Doc", "write_index"]
