"""The HTML of a built four-language site, checked in every language."""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import urlsplit

import pytest

from htmlread import page, switcher
from sitebuild import LANGS

UI = {  # Material's own interface strings, proof that the UI is in the page's language
    "vi": "Tìm kiếm", "nb": "Søk", "es": "Búsqueda", "pl": "Szukaj",
}
TITLES = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Czym jest usługa"}
SECTIONS = {"vi": "Thực hành", "nb": "Praksiser", "es": "Prácticas", "pl": "Praktyki"}
ANCHORS = {"vi": "dinh-nghia", "nb": "definisjon", "es": "definicion", "pl": "definicja"}
NOT_FOUND = {"vi": "Không tìm thấy trang", "nb": "Fant ikke siden", "es": "Página no encontrada", "pl": "Nie znaleziono strony"}


@pytest.mark.parametrize("lang", LANGS)
def test_article_is_in_its_language_with_material_ui(site, lang):
    doc = page(site, f"{lang}/practices/service/")
    assert doc.get("lang") == lang
    assert doc.cssselect("article h1")[0].text_content() == TITLES[lang]
    assert doc.cssselect("input.md-search__input")[0].get("placeholder") == UI[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_headings_keep_readable_anchors(site, lang):
    doc = page(site, f"{lang}/practices/service/")
    assert [h.get("id") for h in doc.cssselect("article > h2")] == [ANCHORS[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_sections_are_named_by_their_index_page(site, lang):
    doc = page(site, f"{lang}/practices/service/")
    nav = doc.cssselect("nav.md-nav--primary")[0].text_content()
    assert SECTIONS[lang] in nav
    assert "Practices" not in nav


@pytest.mark.parametrize("lang", LANGS)
def test_switcher_goes_to_the_same_article_in_each_language(site, lang):
    here = f"{lang}/practices/service/"
    links = switcher(page(site, here))
    assert set(links) == set(LANGS)
    for other, href in links.items():
        assert posixpath.normpath(posixpath.join(here, href)) == f"{other}/practices/service"


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_404(site, lang):
    doc = page(site, f"{lang}/404.html")
    assert doc.get("lang") == lang
    assert doc.cssselect("article h1")[0].text_content() == NOT_FOUND[lang]
    home = doc.cssselect("article a.md-button--primary")[0].get("href")
    assert home == f"/{lang}/"
    assert switcher(doc) == {other: f"/{other}/" for other in LANGS}


def test_root_offers_plain_links_to_every_language(site):
    doc = page(site, "index.html")
    links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("body a[hreflang]")}
    assert links == {lang: f"/{lang}/" for lang in LANGS}
    script = doc.cssselect("head script")[0].text
    homes = json.loads(script.split("var homes = ", 1)[1].split(", langs = ", 1)[0])
    assert homes == {lang: f"/{lang}/" for lang in LANGS}  # where the chooser sends a reader
    assert "if (pick) location.replace(homes[pick]" in script  # else the reader stays on this chooser


def test_root_404_names_every_language(site):
    doc = page(site, "404.html")
    text = doc.text_content()
    for lang in LANGS:
        assert NOT_FOUND[lang] in text


def test_pages_reference_no_other_host(site):
    """Static check; the browser test checks real requests."""
    allowed = {"help.nordlys.example"}  # the site's own canonical URL
    # A link a reader may follow after "No" (kbforge/feedback: request_form), not a request the page makes.
    request_form = "https://tickets.nordlys.example/requests/new?"
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for attr, url in re.findall(r'\b(src|href)="([^"]+)"', text):
            host = urlsplit(url).hostname
            if attr == "href" and url.startswith(request_form):
                continue
            assert host is None or host in allowed, f"{path.relative_to(site)}: {attr}={url}"


def test_every_internal_link_lands_on_a_file(site):
    from linkcheck import broken_links
    broken, checked = broken_links(site, "https://help.nordlys.example/")
    assert broken == []
    assert checked > 100
