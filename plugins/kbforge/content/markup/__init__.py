"""Markdown through its parser: the outline of an article (catalog) and the
rewriting of a page for one reader (site), from one Python-Markdown extension."""

from __future__ import annotations

from dataclasses import dataclass, field

import markdown

from .extension import Analyzer, KbExtension, prepare
from .outline import FactUse, Heading, Link, Outline, Problem, Section

__all__ = ["FactUse", "Heading", "KbExtension", "Link", "Outline", "Parser", "Problem", "Section", "Settings"]


@dataclass(frozen=True)
class Settings:
    """How the site parses Markdown: its extensions (as in mkdocs.yml) and ticket patterns."""

    extensions: tuple = ("toc", "tables", "attr_list", "admonition", "def_list", "md_in_html",
                         "pymdownx.details", "pymdownx.superfences")
    configs: dict = field(default_factory=dict, compare=False, hash=False)
    tickets: tuple[str, ...] = ()


class Parser:
    """Parses many bodies with one Markdown instance (one per process)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.extension = KbExtension(tickets=settings.tickets)
        extensions = [e for e in settings.extensions if not isinstance(e, KbExtension)]
        self.md = markdown.Markdown(extensions=[*extensions, self.extension],
                                    extension_configs=settings.configs or {})

    def outline(self, body: str, first_line: int = 1) -> Outline:
        """The outline of ``body``: Python-Markdown's own pipeline up to and including
        our analysis (preprocessors, block parser, inline patterns, attr_list); what
        comes after it (toc, serializing) only makes HTML, which the catalog does not need."""
        md = self.md
        md.reset()
        prepare(md, body, first_line)
        lines = body.split("\n")
        for preprocessor in md.preprocessors:
            lines = preprocessor.run(lines)
        root = md.parser.parseDocument(lines).getroot()
        for processor in md.treeprocessors:
            found = processor.run(root)
            if found is not None:
                root = found
            if isinstance(processor, Analyzer):
                break
        return md.kb_outline or Outline()


_WORKER: Parser | None = None  # one parser per pool worker process


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Parser(settings)


def _outline_chunk(items: list[tuple[str, int]]) -> list[Outline]:
    return [_WORKER.outline(body, line) for body, line in items]


def outlines(items: list[tuple[str, int]], settings: Settings, processes: int = 1) -> list[Outline]:
    """The outline of every (body, first line); in ``processes`` worker processes
    when there are many (a fork of this process, so settings need not be pickled)."""
    if processes < 2 or len(items) < 400:
        parser = Parser(settings)
        return [parser.outline(body, line) for body, line in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(items) // (processes * 8))
    chunks = [items[n:n + size] for n in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        return [outline for chunk in pool.map(_outline_chunk, chunks) for outline in chunk]
