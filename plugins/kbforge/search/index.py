"""Pagefind bundles, one per language, from the pages of that language."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from html import escape

from pagefind.index import IndexConfig, PagefindIndex

SENTINEL = "kbxterms"  # marks the extra terms, so excerpts taken from them can be replaced


def document(lang: str, title: str, content: str, extras: tuple[str, str], meta: dict[str, str]) -> str:
    """The HTML Pagefind indexes for one page: the article only, without the
    theme, and the extra terms (strong ones weigh like a subheading)."""
    strong, weak = extras
    metas = "".join(
        f'<meta data-pagefind-meta="{escape(key)}[content]" content="{escape(value)}">'
        for key, value in meta.items() if value
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{escape(title)}</title>{metas}</head>'
        f'<body><main data-pagefind-body><h1 data-pagefind-meta="title">{escape(title)}</h1>{content}'
        f'<p data-pagefind-weight="5">{SENTINEL} {escape(strong)}</p>'
        f'<p>{SENTINEL} {escape(weak)}</p></main></body></html>'
    )


async def _write(output: str, lang: str, pages: list[tuple[str, str]]) -> None:
    config = IndexConfig(output_path=output, force_language=lang, keep_index_url=False)
    async with PagefindIndex(config=config) as index:
        for url, html in pages:
            await index.add_html_file(content=html, url=url)


def write_bundle(output: str, lang: str, pages: list[tuple[str, str]]) -> None:
    """``pages``: (URL relative to the bundle's parent folder, HTML)."""
    # A thread of its own: the caller may already run an event loop (mkdocs
    # serve's reloader, or a test driving a browser).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _write(output, lang, pages)).result()
