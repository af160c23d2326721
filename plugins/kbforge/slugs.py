"""Heading anchors that stay readable in every language.

Python-Markdown's default slugify drops letters without an ASCII
decomposition, so Vietnamese "Định nghĩa" becomes "inh-nghia" and Polish
"łódź" "odz". python-slugify transliterates them: "dinh-nghia", "lodz".
"""

from slugify import slugify as _slugify


def slugify(value: str, separator: str = "-") -> str:
    return _slugify(value, separator=separator)
