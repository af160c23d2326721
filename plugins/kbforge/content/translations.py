"""Translation status: which version of its source a translation was made from.

A translation is up to date when it is both fresh (its original has not
changed since it was stamped) and consistent (``consistency.compare`` finds
nothing); a fresh translation with findings is "inconsistent". A translation
records its source in front matter::

    source:
      lang: vi              # the language of the original
      hash: 3f2a9c1e04b7    # fingerprint() of the original when it was translated
      sections: {steps: 9c0e..., escalation: 41d2...}   # per keyed section

``python -m kbforge translations --stamp <file>`` writes it. The original
is the version without ``source:``. When the original's fingerprint
changes, the translation is outdated, and the sections whose fingerprints
differ say where.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog, Entry

from .consistency import Finding, compare

UP_TO_DATE, OUTDATED, MISSING, ORIGINAL, UNTRACKED = "up-to-date", "outdated", "missing", "original", "untracked"
INCONSISTENT = "inconsistent"  # stamped as matching its original, but states something else
STATES = (ORIGINAL, UP_TO_DATE, INCONSISTENT, OUTDATED, MISSING, UNTRACKED)


@dataclass(frozen=True)
class Status:
    state: str  # original, up-to-date, outdated, missing, untracked
    source: Entry | None = None  # the original
    changed: tuple[str, ...] = ()  # section keys changed in the original since
    version: Entry | None = None
    findings: tuple[Finding, ...] = ()  # what it states differently from the original


@dataclass
class Report:
    languages: list[str]
    rows: dict[str, dict[str, Status]] = field(default_factory=dict)  # id -> lang -> status

    def count(self, state: str) -> int:
        return sum(s.state == state for row in self.rows.values() for s in row.values())

    def as_dict(self) -> dict:
        return {
            "languages": self.languages,
            "articles": {
                article_id: {
                    lang: {
                        "status": s.state,
                        "source_language": s.source.lang if s.source else None,
                        "changed_sections": list(s.changed),
                        "path": s.version.shown if s.version else None,
                        "findings": [f.as_dict() for f in s.findings],
                    }
                    for lang, s in row.items()
                }
                for article_id, row in self.rows.items()
            },
        }


def original_of(catalog: Catalog, versions: dict[str, Entry]) -> Entry | None:
    untracked = [e for e in versions.values() if e.source is None]
    if not untracked:
        return None
    for lang in [catalog.default, *catalog.languages]:
        for e in untracked:
            if e.lang == lang:
                return e
    return untracked[0]


def status(catalog: Catalog, versions: dict[str, Entry], lang: str, memo: dict | None = None) -> Status:
    original = original_of(catalog, versions)
    version = versions.get(lang)
    if version is None:
        return Status(MISSING, original)
    if version is original:
        return Status(ORIGINAL, original, version=version)
    if version.source is None or original is None:
        return Status(UNTRACKED, original, version=version)
    findings = tuple(compare(original, version, catalog.glossary, memo))
    recorded = version.source
    if recorded.get("lang") == original.lang and recorded.get("hash") == original.fingerprint:
        return Status(INCONSISTENT if findings else UP_TO_DATE, original, version=version, findings=findings)
    old, new = recorded.get("sections") or {}, original.section_hashes
    changed = tuple(key for key in new if old.get(key) != new[key])
    return Status(OUTDATED, original, changed, version=version, findings=findings)


def report(catalog: Catalog) -> Report:
    out = Report(list(catalog.languages))
    for article_id in catalog.ids:
        versions = {
            lang: e for lang, e in catalog.translations_of(article_id).items()
            if not e.retired
        }
        if versions:
            memo: dict = {}
            out.rows[article_id] = {lang: status(catalog, versions, lang, memo) for lang in catalog.languages}
    return out


def stamp_for(original: Entry) -> dict:
    """The ``source:`` front matter a translation of ``original`` gets when it is up to date."""
    return {"lang": original.lang, "hash": original.fingerprint, "sections": dict(original.section_hashes)}


def findings(catalog) -> dict[str, dict[str, list[Finding]]]:
    """Article id -> language -> findings, for every translation with a ``source:``."""
    out: dict[str, dict[str, list[Finding]]] = {}
    for article_id in catalog.ids:
        versions = {lang: e for lang, e in catalog.translations_of(article_id).items() if not e.retired}
        original = original_of(catalog, versions)
        if original is None:
            continue
        for lang, version in versions.items():
            if version is original or version.source is None:
                continue
            found = compare(original, version, catalog.glossary)
            if found:
                out.setdefault(article_id, {})[lang] = found
    return out
