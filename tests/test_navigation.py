"""Navigation made for a knowledge base: no page lists the whole of it."""

from __future__ import annotations

import posixpath

import pytest

from htmlread import page
from sitebuild import LANGS, article, build_site, minimal_tree

COUNT = 120  # articles in one section, more than two listing pages of 50


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    files = minimal_tree()
    for lang in LANGS:
        for n in range(COUNT):
            files[f"{lang}/practices/a{n:03d}.md"] = article(f"KB-{1000 + n}", f"Article {n:03d} {lang}")
    return build_site(tmp_path_factory.mktemp("big"), files)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_lists_the_whole_knowledge_base(big, lang):
    for path in (big / lang).rglob("index.html"):
        links = page(big, str(path.relative_to(big))).cssselect("nav.md-nav--primary a.md-nav__link")
        assert len(links) <= 20, path  # top level + 7 neighbours either side + "more"
        listed = page(big, str(path.relative_to(big))).cssselect("ul.kb-listing a")
        assert len(listed) <= 50, path


@pytest.mark.parametrize("lang", LANGS)
def test_article_nav_shows_its_neighbourhood(big, lang):
    doc = page(big, f"{lang}/practices/a060/")
    local = [a.text_content().strip() for a in doc.cssselect(".kb-nav-local a")]
    assert local[1:-1] == [f"Article {n:03d} {lang}" for n in range(53, 68)]
    assert local[0].startswith("…") and local[-1].startswith("…")
    current = doc.cssselect(".kb-nav-local a[aria-current=page]")[0]
    assert current.text_content().strip() == f"Article 060 {lang}"
    crumbs = [a.text_content() for a in doc.cssselect(".kb-crumbs a")]
    assert len(crumbs) == 2 and crumbs[1] == {"vi": "Thực hành", "nb": "Praksiser", "es": "Prácticas", "pl": "Praktyki"}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_section_pages_paginate(big, lang):
    first = page(big, f"{lang}/practices/")
    titles = [a.text for a in first.cssselect("ul.kb-listing a")]
    assert titles[0] == f"Article 000 {lang}" and len(titles) == 50
    pages = [a.get("href") for a in first.cssselect(".kb-pages a")]
    assert pages == ["./", "page/2/", "page/3/"]
    third = page(big, f"{lang}/practices/page/3/")
    titles3 = [a.text for a in third.cssselect("ul.kb-listing a")]
    # 120 articles plus the minimal tree's one, by title: the last page has the remaining 21
    assert len(titles3) == COUNT + 1 - 100
    href = third.cssselect("ul.kb-listing a")[0].get("href")
    assert posixpath.normpath(posixpath.join(f"{lang}/practices/page/3/", href)).startswith(f"{lang}/practices/")
    assert third.cssselect(".kb-pages a[aria-current=page]")[0].text == "3"


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_sections_with_their_counts(big, lang):
    home = page(big, f"{lang}/")
    cards = home.cssselect(".kb-sections li")
    assert len(cards) == 1
    assert str(COUNT + 1) in cards[0].cssselect(".kb-count")[0].text
