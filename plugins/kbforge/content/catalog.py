"""The catalog: every page of every language, read, parsed and checked once per build.

Later capabilities (cross-links, permalinks, search, translation status,
audiences) read the catalog instead of parsing the files again.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..urls import Urls
from . import frontmatter, markup
from .errors import ContentError, ContentErrors
from .facts import FACTS_FILE, REFERENCE, FactSheet, load_facts
from .fingerprint import fingerprint
from .glossary import Term, load_glossary
from .markup import Link, Outline
from .model import Article, explain, model_for
from .paths import load_paths

GLOSSARY_FILE = "glossary.yml"  # in each language folder
PATHS_FILE = "paths.yml"  # onboarding paths, at the top of docs/
_LOCALE_DIR = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class Entry:
    """One page in one language, as the catalog knows it."""

    lang: str
    path: str  # relative to the language folder, e.g. "faq/billing.md"
    src: str  # absolute path of the Markdown file
    shown: str  # path shown in messages, e.g. "docs/pl/faq/billing.md"
    title: str  # with facts rendered in the page's language
    summary: str | None
    body_line: int
    url: str = ""  # site URL, e.g. "pl/faq/billing/" (urls.Urls)
    id_line: int = 1
    id: str | None = None  # None for landing pages (index.md)
    type: str | None = None
    audience: str | None = None
    tags: tuple[str, ...] = ()
    owner: str | None = None
    reviewed: dt.date | None = None
    aliases: tuple[str, ...] = ()
    replaced_by: str | None = None
    outline: Outline = field(default_factory=Outline, compare=False, repr=False)
    files: tuple[str, ...] = ()  # docs-relative paths of the images and attachments it uses
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # front matter key -> line
    source: dict | None = field(default=None, compare=False)  # what a translation was made from
    state: str = "validated"  # draft, not-validated, validated, archived
    synonyms: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    fingerprint: str = ""  # of title, summary and body (content.fingerprint)
    section_hashes: dict = field(default_factory=dict, compare=False, repr=False)
    section_titles: dict = field(default_factory=dict, compare=False, repr=False)
    title_source: str = ""  # as written (with {{ facts }})
    summary_source: str | None = None

    @property
    def retired(self) -> bool:
        """Replaced by another article: its address and permalink lead there."""
        return self.replaced_by is not None

    @property
    def archived(self) -> bool:
        return self.state == "archived"

    @property
    def is_article(self) -> bool:
        return self.id is not None

    @property
    def links(self) -> list[Link]:
        """Links to other pages (by id or relative .md path), with their lines."""
        return [link for link in self.outline.links if link.is_kb or link.is_page]

    @property
    def sections(self) -> tuple[str, ...]:
        """Explicit heading keys, e.g. "steps"."""
        return self.outline.keys

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "type": self.type,
            "audience": self.audience,
            "tags": list(self.tags),
            "url": self.url,
            "summary": self.summary,
            "reviewed": self.reviewed.isoformat() if self.reviewed else None,
        }


@dataclass(frozen=True)
class Target:
    """Where a link lands for a reader of one language."""

    entry: Entry
    section: str | None
    fallback: bool  # the article is not available in the reader's language


class LinkError(ValueError):
    pass


def join(page_path: str, relative: str) -> str:
    """Resolve a relative link from a page path inside one language folder."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), relative))


@dataclass
class Catalog:
    languages: list[str]  # in configured order
    default: str
    entries: list[Entry] = field(default_factory=list)
    glossary: dict[str, dict[str, Term]] = field(default_factory=dict)  # lang -> key -> term
    paths: dict = field(default_factory=dict)  # name -> ReadingPath (content/paths.py)
    facts: FactSheet | None = None
    urls: Urls = field(default_factory=Urls)
    warnings: list[ContentError] = field(default_factory=list)  # what strict mode turns into failures
    errors: list[ContentError] = field(default_factory=list)  # when loaded with collect=True
    unreadable: set = field(default_factory=set)  # (lang, path) of files whose front matter failed

    def __post_init__(self):
        self._by_path = {(e.lang, e.path): e for e in self.entries}
        self._by_src = {e.src: e for e in self.entries}
        self._by_id: dict[str, dict[str, Entry]] = {}
        for e in self.entries:
            if e.id:
                self._by_id.setdefault(e.id, {})[e.lang] = e
        self._incoming: dict[tuple[str, str], list[Entry]] = {}
        self._serves: set[str] | None = None
        self._tags: dict[str, dict[str, list[Entry]]] = {}
        self._folders: dict[str, set[str]] | None = None

    @staticmethod
    def is_fallback(entry: Entry, lang: str) -> bool:
        """Whether ``entry`` is shown to readers of ``lang`` in place of a missing
        translation (its text is in another language)."""
        return entry.lang != lang

    def url_in(self, entry: Entry, lang: str) -> str:
        """Where readers of ``lang`` find ``entry``: its own URL, or the fallback
        page i18n builds at the same path in their language."""
        return entry.url if entry.lang == lang else self.urls.in_language(lang, entry.path)

    def alias_url(self, entry: Entry, alias: str) -> str:
        """The URL an old address ("faq/old-name/") had in ``entry``'s language."""
        return self.urls.in_language(entry.lang, alias.rstrip("/") + ".md")

    def check_lifecycle(self) -> list[ContentError]:
        """Replacements exist and aliases do not shadow a page."""
        errors = []
        pages = {e.url for e in self.entries}
        for e in self.entries:
            if e.replaced_by:
                target = self._by_id.get(e.replaced_by)
                if not target or e.replaced_by == e.id or all(t.retired for t in target.values()):
                    errors.append(ContentError(e.shown, e.lines.get("replaced_by", 1),
                        f"replaced_by: '{e.replaced_by}' is not a published article"))
            if e.source and e.source["lang"] not in self.languages:
                errors.append(ContentError(e.shown, e.lines.get("source", 1),
                    f"source: unknown language '{e.source['lang']}' (configured: {', '.join(self.languages)})"))
            if e.source and e.source["lang"] == e.lang:
                errors.append(ContentError(e.shown, e.lines.get("source", 1),
                    "source: names the article's own language; the original has no 'source:'"))
            for alias in e.aliases:
                if self.alias_url(e, alias) in pages:
                    errors.append(ContentError(e.shown, e.lines.get("aliases", 1),
                        f"alias '{alias}' is the address of a page that exists: {e.lang}/{alias}"))
        return errors

    def check_links(self, skip_internal: bool = False) -> list[ContentError]:
        """Resolve every link once; remember who links to whom. With
        ``skip_internal``, links in internal passages do not count (they are
        removed from the customer site)."""
        errors, incoming = [], {}
        for source in self.entries:
            for link in source.links:
                if skip_internal and link.internal:
                    continue
                try:
                    target = self.resolve(link, source)
                except LinkError as exc:
                    errors.append(ContentError(source.shown, link.line, str(exc)))
                    continue
                if source.is_article and target.entry.id and target.entry.id != source.id:
                    if not target.fallback:
                        incoming.setdefault((source.lang, target.entry.id), {})[source.id] = source
        self._incoming = {
            key: sorted(found.values(), key=lambda e: (e.title.casefold(), e.path))
            for key, found in incoming.items()
        }
        return errors

    def get(self, article_id: str, lang: str) -> Entry | None:
        return self._by_id.get(article_id, {}).get(lang)

    def at(self, lang: str, rel_path: str) -> Entry | None:
        return self._by_path.get((lang, rel_path))

    def for_source(self, src: str | None) -> Entry | None:
        """The entry of a Markdown file; None for generated pages (no source file)."""
        return self._by_src.get(os.path.normpath(src)) if src else None

    def translations(self, entry: Entry) -> dict[str, Entry]:
        """The same page in every language it exists in (by id, else by path)."""
        if entry.id:
            return dict(self._by_id.get(entry.id, {}))
        return {lang: e for lang in self.languages if (e := self.at(lang, entry.path))}

    def in_language(self, article_id: str, lang: str) -> tuple[Entry | None, bool]:
        """The article in ``lang``, else in the first language that has it
        (default first); the flag says whether that is a fallback."""
        versions = self._by_id.get(article_id, {})
        if lang in versions:
            return versions[lang], False
        for other in [self.default, *self.languages]:
            if other in versions:
                return versions[other], True
        return None, False

    def resolve(self, link: Link, source: Entry, lang: str | None = None) -> Target:
        """The target of ``link`` on ``source`` for a reader of ``lang``. Raises LinkError."""
        head, section = link.split()
        lang = lang or source.lang
        if link.is_kb:
            entry, fallback = self.in_language(head, lang)
            if entry is None:
                hint = " (or its file could not be read: see above)" if self.unreadable else ""
                raise LinkError(f"link to unknown article id '{head}'{hint}")
            if entry.retired:
                raise LinkError(f"'{head}' is retired: link to its replacement kb:{entry.replaced_by}")
            if section and section not in entry.sections:
                known = ", ".join(entry.sections) or "none"
                raise LinkError(
                    f"no section '{section}' in {head} ({entry.shown}); "
                    f"its section keys: {known}; add {{#{section}}} to a heading there"
                )
            return Target(entry, section, fallback)
        path = join(source.path, head)
        if entry := self.at(lang, path):
            return Target(entry, section, False)
        if entry := self.at(self.default, path):  # the fallback page i18n builds
            return Target(entry, section, True)
        raise LinkError(f"link to '{head}': no page {lang}/{path} (nor {self.default}/{path})")

    def translations_of(self, article_id: str) -> dict[str, Entry]:
        return dict(self._by_id.get(article_id, {}))

    def outline(self) -> tuple:
        """What the site-wide files (permalinks, redirects, catalog.json, sitemap,
        archived pages) are made of; an edit to an article's text leaves it as is."""
        return tuple((e.lang, e.path, e.id, e.title, e.summary, e.type, e.audience, e.tags, e.owner, e.reviewed,
                      e.aliases, e.replaced_by, e.state) for e in self.entries)

    def redirects(self) -> dict[str, Entry]:
        """Old URL -> the article now answering it: aliases and retired articles."""
        out = {}
        for e in self.entries:
            if not e.is_article:
                continue
            for alias in e.aliases:
                out[self.alias_url(e, alias)] = e
            if e.retired:
                replacement, _ = self.in_language(e.replaced_by, e.lang)
                if replacement is not None:
                    out[e.url] = replacement
        return out

    def serves(self, url: str) -> bool:
        """Whether a reader following ``url`` (e.g. "pl/faq/a/") still lands somewhere."""
        if self._serves is None:
            live = [e for e in self.entries if not e.retired]
            fallbacks = {  # i18n builds a page from the default language where one is missing
                self.urls.in_language(lang, e.path) for e in live if e.lang == self.default for lang in self.languages
            }
            self._serves = {e.url for e in live} | fallbacks | set(self.redirects())
        return url in self._serves

    def referenced_by(self, entry: Entry) -> list[Entry]:
        """Articles of the same language that link to ``entry``, by title."""
        return self._incoming.get((entry.lang, entry.id), [])

    def tag_index(self, lang: str) -> dict[str, list[Entry]]:
        """Tag -> the articles of ``lang`` that carry it (built once)."""
        if lang not in self._tags:
            index: dict[str, list[Entry]] = {}
            for e in self.entries:
                if e.lang == lang and e.is_article:
                    for tag in e.tags:
                        index.setdefault(tag, []).append(e)
            self._tags[lang] = index
        return self._tags[lang]

    def folder_index(self) -> dict[str, set[str]]:
        """Folder (e.g. "faq") -> ids of the live articles in it, any language (built once)."""
        if self._folders is None:
            self._folders = {}
            for e in self.entries:
                if e.is_article and not e.retired:
                    self._folders.setdefault(os.path.dirname(e.path), set()).add(e.id)
        return self._folders

    def articles(self, lang: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.is_article and (lang is None or e.lang == lang)]

    def subset(self, keep, skip_internal: bool = False) -> "Catalog":
        """The catalog of the entries for which ``keep(entry)`` is true (one site's
        view); links are resolved again within it."""
        view = Catalog(self.languages, self.default, [e for e in self.entries if keep(e)], self.glossary,
                       self.paths, self.facts, self.urls, self.warnings, unreadable=self.unreadable)
        view.check_links(skip_internal)
        return view

    @property
    def ids(self) -> list[str]:
        return sorted(self._by_id)


# -- loading ------------------------------------------------------------------


@dataclass
class _Head:
    """A file read and its front matter validated, before its body is parsed."""

    src: Path
    lang: str
    path: str
    shown: str
    fm: frontmatter.FrontMatter
    meta: object
    stat: tuple


def load_catalog(docs_dir: str, languages: list[str], default: str, shown_base: str, *,
                 settings: markup.Settings | None = None, directory_urls: bool = True,
                 processes: int = 1, cache: dict | None = None, collect: bool = False) -> Catalog:
    """Read, parse and check every Markdown file under ``docs_dir``.

    ``docs_dir/<lang>/...`` holds each language; ``shown_base`` is the folder
    paths in messages are relative to (the project). ``cache`` (a dict the
    caller keeps, e.g. across ``serve`` rebuilds) spares parsing unchanged
    files again. Raises ``ContentErrors`` with every problem found, or with
    ``collect`` returns the catalog of the files that could be read, with
    every problem in ``errors`` (so later checks can still run).
    """
    settings = settings or markup.Settings()
    urls = Urls(directory_urls)
    errors: list[ContentError] = []
    root = Path(docs_dir)
    heads: list[_Head] = []
    unreadable = set()
    for src in sorted(root.rglob("*.md")):
        rel = src.relative_to(root).as_posix()
        shown = os.path.relpath(src, shown_base).replace(os.sep, "/")
        lang, _, path = rel.partition("/")
        if not path:
            errors.append(ContentError(shown, 1, f"not in a language folder ({', '.join(languages)})"))
            continue
        if lang not in languages:
            if _LOCALE_DIR.match(lang):
                msg = f"unknown language '{lang}' (configured: {', '.join(languages)})"
            else:
                msg = f"'{lang}/' is not a language folder ({', '.join(languages)})"
            errors.append(ContentError(shown, 1, msg))
            continue
        try:
            heads.append(_read_head(src, lang, path, shown))
        except ContentErrors as exc:
            errors.extend(exc.errors)
            unreadable.add((lang, path))
        except ContentError as exc:
            errors.append(exc)
            unreadable.add((lang, path))
    outlines = _parse(heads, settings, processes, cache)

    facts = None
    facts_file = root / FACTS_FILE
    if facts_file.exists():
        try:
            facts = load_facts(facts_file, os.path.relpath(facts_file, shown_base), list(languages))
        except ContentErrors as exc:
            errors.extend(exc.errors)
    entries = [_entry(head, outline, facts, urls, root) for head, outline in zip(heads, outlines)]
    errors.extend(_check_ids(entries, languages, default))
    glossary = {}
    for lang in languages:
        path = root / lang / GLOSSARY_FILE
        if path.exists():
            try:
                glossary[lang] = load_glossary(path, os.path.relpath(path, shown_base))
            except ContentErrors as exc:
                errors.extend(exc.errors)
    paths = {}
    paths_file = root / PATHS_FILE
    if paths_file.exists():
        try:
            ids = {e.id for e in entries if e.id}
            paths = load_paths(paths_file, os.path.relpath(paths_file, shown_base), list(languages), ids)
        except ContentErrors as exc:
            errors.extend(exc.errors)
    catalog = Catalog(languages=list(languages), default=default, entries=entries, glossary=glossary,
                      paths=paths, facts=facts, urls=urls, unreadable=unreadable)
    for e in entries:
        for problem in e.outline.problems:
            (errors if problem.error else catalog.warnings).append(ContentError(e.shown, problem.line, problem.message))
        errors.extend(_check_files(e, root))
    if facts is not None or not facts_file.exists():  # a broken sheet is reported above, not at every use
        errors.extend(_check_facts(catalog, heads))
    errors.extend(catalog.check_lifecycle())
    errors.extend(catalog.check_links())
    if errors and not collect:
        raise ContentErrors(errors)
    catalog.errors = sorted(errors)
    return catalog


def _read_head(src: Path, lang: str, path: str, shown: str) -> _Head:
    stat = src.stat()
    try:
        text = src.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = src.read_bytes()[: exc.start].count(b"\n") + 1
        raise ContentError(shown, line, "not valid UTF-8 text") from None
    fm = frontmatter.parse(text, shown)
    model = model_for(path)
    try:
        meta = model.model_validate(fm.data)
    except ValidationError as exc:
        raise ContentErrors(
            [ContentError(shown, fm.line_of(loc), msg) for loc, msg in explain(exc, model)]
        ) from None
    return _Head(src, lang, path, shown, fm, meta, (stat.st_mtime_ns, stat.st_size))


def _parse(heads: list[_Head], settings: markup.Settings, processes: int, cache: dict | None) -> list[Outline]:
    """Outlines of every body; unchanged files come from ``cache``."""
    key = (settings.extensions, settings.tickets, repr(sorted(settings.configs.items(), key=str)))
    found: dict[int, Outline] = {}
    todo = []
    for n, head in enumerate(heads):
        cached = cache.get(str(head.src)) if cache is not None else None
        if cached and cached[0] == (head.stat, key):
            found[n] = cached[1]
        else:
            todo.append(n)
    parsed = markup.outlines([(heads[n].fm.body, heads[n].fm.body_line) for n in todo], settings, processes)
    for n, outline in zip(todo, parsed):
        found[n] = outline
        if cache is not None:
            cache[str(heads[n].src)] = ((heads[n].stat, key), outline)
    return [found[n] for n in range(len(heads))]


def _entry(head: _Head, outline: Outline, facts: FactSheet | None, urls: Urls, root: Path) -> Entry:
    fm, meta = head.fm, head.meta
    title_source, summary_source = meta.title, meta.summary
    title = facts.render_text(title_source, head.lang) if facts else title_source
    summary = facts.render_text(summary_source, head.lang) if facts and summary_source else summary_source
    whole, section_hashes, section_titles = fingerprint(title_source, summary_source, fm.body, fm.body_line,
                                                        outline.headings)
    common = dict(
        fingerprint=whole,
        section_hashes=section_hashes,
        section_titles=section_titles,
        outline=outline,
        files=tuple(_local_files(head, outline, root)),
        lang=head.lang,
        path=head.path,
        src=os.path.normpath(str(head.src)),
        shown=head.shown,
        title=title,
        summary=summary,
        title_source=title_source,
        summary_source=summary_source,
        url=urls.in_language(head.lang, head.path),
        body_line=fm.body_line,
        id_line=fm.line_of(("id",)),
        lines={key: fm.line_of((key,)) for key in fm.data if isinstance(key, str)},
    )
    if isinstance(meta, Article):
        return Entry(
            **common,
            id=meta.id,
            type=meta.type,
            audience=meta.audience,
            tags=tuple(meta.tags),
            owner=meta.owner,
            reviewed=meta.reviewed,
            aliases=tuple(meta.aliases),
            replaced_by=meta.replaced_by,
            source=meta.source.model_dump() if meta.source else None,
            state=meta.state,
            synonyms=tuple(meta.synonyms),
            questions=tuple(meta.questions),
        )
    return Entry(**common)


def _local_target(head_path: str, lang: str, target: str) -> str:
    """The docs-relative path a relative link or image points to."""
    head = target.split("#", 1)[0].split("?", 1)[0]
    return posixpath.normpath(posixpath.join(lang, posixpath.dirname(head_path), head))


def _local_files(head: _Head, outline: Outline, root: Path) -> list[str]:
    out = []
    for link in outline.links:
        if link.is_local and not link.is_page and link.split()[0]:
            path = _local_target(head.path, head.lang, link.target)
            if not path.startswith("../") and (root / path).is_file():
                out.append(path)
    return sorted(set(out))


def _check_files(entry: Entry, root: Path) -> list[ContentError]:
    """Images and attachments exist, inside docs/."""
    errors = []
    for link in entry.outline.links:
        if not link.is_local or link.is_page or not link.split()[0]:
            continue
        path = _local_target(entry.path, entry.lang, link.target)
        what = "image" if link.image else "file"
        if path == ".." or path.startswith("../"):
            errors.append(ContentError(entry.shown, link.line, f"{what} '{link.target}' is outside docs/"))
        elif not (root / path).exists():
            errors.append(ContentError(entry.shown, link.line, f"{what} '{link.target}' not found (no docs/{path})"))
    return errors


def _check_facts(catalog: Catalog, heads: list[_Head]) -> list[ContentError]:
    """Every fact used exists and fits its use; every fact is used somewhere."""
    sheet, errors, used = catalog.facts, [], set()
    for entry, head in zip(catalog.entries, heads):
        uses = [(u.name, u.form, u.line) for u in entry.outline.facts]
        for key, text in (("title", head.meta.title), ("summary", getattr(head.meta, "summary", None))):
            for match in REFERENCE.finditer(text or ""):
                uses.append((match.group(1), match.group(2) or "", entry.lines.get(key, 1)))
        for name, form, line in uses:
            used.add(name)
            if sheet is None:
                errors.append(ContentError(entry.shown, line, f"fact '{name}' used, but there is no "
                                                              f"docs/{FACTS_FILE} to define it"))
                continue
            problem = sheet.check_use(name, form)
            if problem:
                errors.append(ContentError(entry.shown, line, problem))
    if sheet is not None:
        for name in sheet.facts:
            if name not in used:
                errors.append(ContentError(sheet.shown, sheet.line("facts", name),
                                           f"fact '{name}' is not used by any article; remove it or use it"))
    return errors


def _check_ids(entries: list[Entry], languages: list[str], default: str) -> list[ContentError]:
    errors = []
    seen: dict[tuple[str, str], Entry] = {}
    for e in entries:
        if not e.id:
            continue
        first = seen.setdefault((e.lang, e.id), e)
        if first is not e:
            errors.append(ContentError(e.shown, e.id_line,
                                       f"id '{e.id}' is already used in language '{e.lang}' by {first.shown}"))
    # Translations of one file (same path in each language folder) share one id.
    order = [default] + [lang for lang in languages if lang != default]
    by_path: dict[str, list[Entry]] = {}
    for e in entries:
        if e.id:
            by_path.setdefault(e.path, []).append(e)
    for group in by_path.values():
        group.sort(key=lambda e: order.index(e.lang))
        reference = group[0]
        for e in group[1:]:
            if e.id != reference.id:
                errors.append(ContentError(e.shown, e.id_line,
                                           f"id '{e.id}' differs from '{reference.id}' in {reference.shown}; "
                                           "translations of one article share its id"))
    return errors
