"""Site layout for languages: every language under its own folder.

Stock mkdocs-static-i18n writes the default language at the site root and
one 404 page for all. We put each language under ``/<lang>/`` (so a link
always names its language) and keep the root for a language chooser.
"""

from __future__ import annotations

import os
from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
STORAGE_KEY = "kb.lang"  # localStorage key of an explicit language choice


def move_under_language(file, lang: str, site_dir: str) -> None:
    """Give a MkDocs ``File`` of the default-language build the prefix ``lang/``."""
    file.dest_uri = f"{lang}/{file.dest_uri}"
    file.url = file._get_url()  # i18n fixed url and abs_dest_path; derive them again
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))
