"""Errors in content, always tied to a file and a line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(order=True)
class ContentError(Exception):
    path: str  # as shown to the author, e.g. "docs/pl/faq/billing.md"
    line: int  # 1-based line in the file's full text
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """Every problem found in one pass over the content, sorted by file and line."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
