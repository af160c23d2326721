"""Content model: front matter parsing, validation and the article catalog.

Nothing here imports MkDocs, so another engine can reuse it as is.
"""

from .catalog import Catalog, Entry, load_catalog
from .errors import ContentError, ContentErrors

__all__ = ["Catalog", "ContentError", "ContentErrors", "Entry", "load_catalog"]
