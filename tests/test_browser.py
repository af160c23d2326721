"""Browser behaviour in real headless Chromium against the built site on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitebuild import LANGS

pytestmark = pytest.mark.browser

TITLES = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Czym jest usługa"}
NOT_FOUND = {"vi": "Không tìm thấy trang", "nb": "Fant ikke siden", "es": "Página no encontrada", "pl": "Nie znaleziono strony"}


def path_of(page) -> str:
    return urlsplit(page.url).path


@pytest.mark.parametrize(
    "preferred, expected",
    [
        (["pl-PL", "en-US"], "pl"),
        (["de-DE", "es-ES", "nb-NO"], "es"),  # the first one the site has wins
        (["en-GB", "nb-NO"], "nb"),
        (["no"], "nb"),  # Norwegian without a variant reads Bokmål
        (["vi-VN"], "vi"),
    ],
)
def test_root_sends_visitor_to_their_language(served, context_factory, preferred, expected):
    page = context_factory(preferred).new_page()
    page.goto(served + "/")
    page.wait_for_url(f"**/{expected}/")
    assert path_of(page) == f"/{expected}/"
    assert page.locator("html").get_attribute("lang") == expected


def test_root_without_javascript_lists_all_languages(served, context_factory):
    page = context_factory(["pl-PL"], java_script_enabled=False).new_page()
    page.goto(served + "/")
    assert path_of(page) == "/"
    links = page.locator("body a[hreflang]")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [f"/{l}/" for l in LANGS]
    links.nth(2).click()
    assert path_of(page) == "/es/"


def open_switcher_and_pick(page, lang):
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select a[hreflang='{lang}']").click()


@pytest.mark.parametrize("start, target", [("nb", "pl"), ("pl", "vi"), ("vi", "es"), ("es", "nb")])
def test_switcher_lands_on_the_same_article(served, context_factory, start, target):
    page = context_factory(["en-US"]).new_page()
    page.goto(f"{served}/{start}/practices/service/")
    open_switcher_and_pick(page, target)
    page.wait_for_url(f"**/{target}/practices/service/")
    assert page.locator("article h1").inner_text() == TITLES[target]
    assert page.locator("html").get_attribute("lang") == target


def test_root_remembers_an_explicit_choice(served, context_factory):
    page = context_factory(["pl-PL"]).new_page()
    page.goto(served + "/")
    page.wait_for_url("**/pl/")
    open_switcher_and_pick(page, "es")
    page.wait_for_url("**/es/")
    page.goto(served + "/")
    page.wait_for_url("**/es/")
    assert path_of(page) == "/es/"


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_shows_the_404_of_its_language(served, context_factory, lang):
    page = context_factory(["en-US"]).new_page()
    response = page.goto(f"{served}/{lang}/no-such-article/")
    assert response.status == 404
    heading = page.locator("article h1")
    heading.wait_for()
    assert heading.inner_text() == NOT_FOUND[lang]
    assert page.locator("html").get_attribute("lang") == lang
    assert path_of(page) == f"/{lang}/no-such-article/"  # the address the reader typed stays


def test_missing_page_outside_languages_offers_all_languages(served, context_factory):
    page = context_factory(["en-US"]).new_page()
    response = page.goto(f"{served}/nothing-here/")
    assert response.status == 404
    for lang in LANGS:
        assert page.get_by_text(NOT_FOUND[lang]).is_visible()


def test_pages_make_no_request_to_another_host(served, context_factory):
    context = context_factory(["nb-NO"])
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    # Anything not on 127.0.0.1 is recorded above, then refused here.
    context.route(lambda url: urlsplit(url).hostname != "127.0.0.1", lambda route: route.abort())
    page = context.new_page()
    page.goto(served + "/")
    page.wait_for_url("**/nb/")
    for lang in LANGS:
        page.goto(f"{served}/{lang}/practices/service/", wait_until="networkidle")
        page.goto(f"{served}/{lang}/missing/", wait_until="networkidle")
    page.locator(".md-search__input").click()  # loads the search worker and index
    page.keyboard.type("usługa")
    page.wait_for_load_state("networkidle")
    assert requests, "no request was recorded"
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert outside == []
