"""Permalinks, copy for ticket and the retired-article notice, in headless Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import serve_built
from sitebuild import LANGS, article, linked_tree

pytestmark = pytest.mark.browser
TITLES = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Czym jest usługa"}


@pytest.fixture(scope="module")
def served_links(tmp_path_factory):
    files = linked_tree()
    for lang in LANGS:
        files[f"{lang}/practices/old.md"] = article("KB-0004", "Old", extra="replaced_by: KB-0001\n")
    server, url = serve_built(tmp_path_factory.mktemp("links"), files)
    yield url
    server.shutdown()


def landed(page):
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize(
    "preferred, query, expected",
    [
        (["pl-PL"], "", "/pl/practices/service/"),
        (["de-DE", "es-ES"], "", "/es/practices/service/"),
        (["pl-PL"], "?lang=nb", "/nb/practices/service/"),  # asked for beats the browser
        (["en-US"], "", "/vi/practices/service/"),  # nothing matches: the fallback
        (["es-ES"], "?lang=xx", "/es/practices/service/"),  # unknown language asked: the browser's
    ],
)
def test_permalink_sends_reader_to_their_language(served_links, context_factory, preferred, query, expected):
    page = context_factory(preferred).new_page()
    page.goto(f"{served_links}/go/KB-0001/{query}")
    page.wait_for_url(f"**{expected}")
    assert landed(page) == expected
    assert page.locator("article h1").inner_text() == TITLES[expected.split("/")[1]]


def test_permalink_uses_a_translation_that_exists(served_links, context_factory):
    page = context_factory(["pl-PL", "nb-NO"]).new_page()
    page.goto(f"{served_links}/go/KB-0002/")  # no Polish version: the next preferred language
    page.wait_for_url("**/nb/practices/extra/")


def test_section_permalink_keeps_the_section(served_links, context_factory):
    page = context_factory(["es-ES"]).new_page()
    page.goto(f"{served_links}/go/KB-0001/#steps")
    page.wait_for_url("**/es/practices/service/#steps")
    assert landed(page) == "/es/practices/service/#steps"


def test_permalink_without_javascript_lists_languages(served_links, context_factory):
    page = context_factory(["pl-PL"], java_script_enabled=False).new_page()
    page.goto(f"{served_links}/go/KB-0001/")
    assert urlsplit(page.url).path == "/go/KB-0001/"
    links = page.locator("a[hreflang]")
    assert links.count() == 4
    assert page.get_by_text(TITLES["pl"]).is_visible()
    page.locator("a[hreflang='pl']").click()
    assert urlsplit(page.url).path == "/pl/practices/service/"


def test_retired_permalink_lands_on_the_replacement_with_a_notice(served_links, context_factory):
    page = context_factory(["pl-PL"]).new_page()
    page.goto(f"{served_links}/go/KB-0004/")
    page.wait_for_url("**/pl/practices/service/?from=KB-0004")
    notice = page.locator(".kb-replaced")
    notice.wait_for()
    assert notice.inner_text() == "Link, z którego Państwo skorzystali, prowadził do artykułu KB-0004, który zastąpiliśmy tym artykułem."
    old = context_factory(["pl-PL"]).new_page()
    old.goto(f"{served_links}/nb/practices/old/")  # the retired article's own address
    old.wait_for_url("**/nb/practices/service/?from=KB-0004")

