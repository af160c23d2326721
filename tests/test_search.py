"""Search on the project's own knowledge base, in every language, in Chromium."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest

from sitebuild import LANGS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kb(shipped):
    return shipped[0]


def search(page, query):
    """Type ``query`` in the header search; return the results' paths, best first."""
    page.locator(".kb-search input").fill(query)
    # search.js marks the query its results are for, once they are shown
    page.wait_for_function(
        "q => document.querySelector('.kb-search .md-search-result__meta').dataset.query === q",
        arg=unicodedata.normalize("NFC", query).strip(),
    )
    return [urlsplit(a).path for a in page.eval_on_selector_all(
        ".kb-search .md-search-result__item > a:first-child", "els => els.map(e => e.href)")]


@pytest.fixture
def open_lang(kb, context_factory):
    def go(lang):
        page = context_factory([lang]).new_page()
        requests = []
        page.on("request", lambda r: requests.append(urlsplit(r.url).path))
        page.goto(f"{kb}/{lang}/")
        page.requests = requests
        return page
    return go


@pytest.mark.parametrize("lang, query", [("vi", "hóa đơn"), ("nb", "faktura"), ("es", "factura"), ("pl", "faktura")])
def test_results_are_in_the_readers_language_and_only_its_index_loads(open_lang, lang, query):
    page = open_lang(lang)
    results = search(page, query)
    assert len(results) >= 3
    assert all(path.startswith(f"/{lang}/") for path in results)
    bundles = {p.split("/")[1] for p in page.requests if "/kbsearch/" in p}
    assert bundles == {lang}
    first = page.locator(".kb-search .md-search-result__item").first
    assert first.locator("h1").inner_text()
    assert first.locator("mark").count() >= 1  # the matched words are highlighted


@pytest.mark.parametrize("lang, query, expected", [
    pytest.param("vi", "hoa don dien tu", "/vi/faq/e-invoices/", marks=pytest.mark.xfail(strict=True, reason=(
        "a known shortfall: each folded syllable stands for several words (hoa: hoa, hòa, hóa...) and "
        "each is in 19 to 24 of the 26 Vietnamese articles (thư điện tử is e-mail): typed with "
        "diacritics, e-invoices comes first"))),
    ("vi", "hóa đơn điện tử", "/vi/faq/e-invoices/"),
    ("vi", "quan ly dich vu", "/vi/practices/what-is-service-management/"),
    ("nb", "apningstider", "/nb/faq/contact-support-hours/"),
    ("es", "garantia", "/es/faq/returns-warranty/"),
    ("pl", "zwrot pieniedzy", "/pl/faq/returns-warranty/"),
    ("pl", "haslo", "/pl/faq/accounts-contact-details/"),
])
def test_queries_without_diacritics_find_the_article(open_lang, lang, query, expected):
    assert expected in search(open_lang(lang), query)[:3]


@pytest.mark.parametrize("lang, query", [("pl", "zarządzanie incydentami"), ("vi", "hóa đơn điện tử"), ("es", "facturación")])
def test_decomposed_unicode_matches_composed_text(open_lang, lang, query):
    page = open_lang(lang)
    composed = search(page, query)
    assert composed and search(page, unicodedata.normalize("NFD", query)) == composed


@pytest.mark.parametrize("lang, query, expected", [
    ("nb", "fakturaene", "/nb/faq/billing-payment/"),
    ("es", "devolver", "/es/faq/returns-warranty/"),
    ("pl", "reklamacje", "/pl/runbooks/complaint-handling/"),
    ("vi", "mật khẩu", "/vi/faq/accounts-contact-details/"),
])
def test_other_word_forms_and_phrases(open_lang, lang, query, expected):
    assert expected in search(open_lang(lang), query)[:3]


@pytest.mark.parametrize("lang, query, expected", [
    ("vi", "than phiền", "/vi/runbooks/complaint-handling/"),  # the glossary's customers' word
    ("nb", "e-faktura", "/nb/faq/e-invoices/"),
    ("es", "recambio", "/es/practices/spare-parts-inventory/"),
    ("pl", "zepsuty telewizor", "/pl/runbooks/faulty-product-exchange/"),  # synonyms in front matter
])
def test_the_users_own_words(open_lang, lang, query, expected):
    assert expected in search(open_lang(lang), query)[:3]


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_found_offers_other_languages_and_support(open_lang, lang):
    page = open_lang(lang)
    assert search(page, "qzxqzxq") == []
    assert page.locator(".kb-search .kb-search-contact a[href='mailto:support@nordlys.example']").is_visible()
    other = "nb" if lang != "nb" else "pl"
    word = {"nb": "tjenestestyring", "pl": "zarządzanie"}[other]
    results = search(page, word)
    assert results and all(path.startswith(f"/{other}/") for path in results)
    label = page.locator(".kb-search .kb-search-lang").first
    assert label.get_attribute("lang") == other
    assert page.locator(".kb-search .kb-search-elsewhere").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_only(open_lang, lang):
    page = open_lang(lang)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.kb-search input')")
    results = search(page, {"vi": "khiếu nại", "nb": "klage", "es": "reclamación", "pl": "reklamacja"}[lang])
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href")
    assert urlsplit(focused).path == results[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{results[0]}")
