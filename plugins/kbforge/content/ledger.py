"""The ledger: every article id and URL ever published, committed with the content.

A published id or URL may never disappear: a moved article lists its old
address in ``aliases:``, a retired one names its replacement in
``replaced_by:``. Ids are never reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import Catalog
from .errors import ContentError
from . import yamlsafe

VERSION = 1
HEADER = (
    "# Every article id and URL this knowledge base has published (README: Links never die).\n"
    "# The build adds new ones and fails when one disappears. Commit this file; never edit\n"
    "# entries away.\n"
)


@dataclass
class Ledger:
    path: Path
    shown: str
    articles: dict[str, dict] = field(default_factory=dict)  # id -> {retired, urls}
    lines: dict[tuple, int] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, shown: str) -> "Ledger":
        if not path.exists():
            return cls(path, shown)
        data, lines = yamlsafe.load(path.read_text(encoding="utf-8"), shown)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ContentError(shown, 1, f"not a version {VERSION} ledger")
        return cls(path, shown, dict(data.get("articles") or {}), lines)

    def check(self, catalog: Catalog) -> list[ContentError]:
        """What the catalog lost since the ledger was written."""
        errors = []
        for article_id, record in self.articles.items():
            line = self.lines.get(("articles", article_id), 1)
            versions = catalog.translations_of(article_id)
            if not versions:
                errors.append(ContentError(self.shown, line,
                    f"published article {article_id} has no file any more: restore it, or keep "
                    "it with 'replaced_by:' naming its replacement"))
                continue
            if record.get("retired") and not any(e.retired for e in versions.values()):
                errors.append(ContentError(next(iter(versions.values())).shown, 1,
                    f"{article_id} was retired and ids are never reused: give this article a new id"))
                continue
            for index, url in enumerate(record.get("urls") or []):
                if not catalog.serves(url):
                    lang, _, rest = url.partition("/")
                    where = self.lines.get(("articles", article_id, "urls", index), line)
                    owner = versions.get(lang) or next(iter(versions.values()))
                    errors.append(ContentError(self.shown, where,
                        f"published URL {url} ({article_id}) has no page any more: add "
                        f"'aliases: [{rest}]' to {owner.shown}"))
        return errors

    def update(self, catalog: Catalog) -> int:
        """Record what is published now; returns how many records changed."""
        added = 0
        for article_id in catalog.ids:
            versions = catalog.translations_of(article_id)
            record = self.articles.setdefault(article_id, {"retired": False, "urls": []})
            added += not record["urls"] and not record["retired"]
            if any(e.retired for e in versions.values()) and not record["retired"]:
                record["retired"] = True
                added += 1
            for entry in versions.values():
                if not entry.retired and entry.url not in record["urls"]:
                    record["urls"].append(entry.url)
                    added += 1
            record["urls"].sort()
        return added

    def save(self) -> None:
        body = yaml.safe_dump(
            {"version": VERSION, "articles": dict(sorted(self.articles.items()))},
            allow_unicode=True, sort_keys=False, default_flow_style=False,
        )
        self.path.write_text(HEADER + body, encoding="utf-8")
