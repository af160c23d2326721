"""A site built with ``use_directory_urls: false``: every internal link lands on
a file of the built site (issue 13: hreflang, switcher and permalink links
pointed to folders that do not exist)."""

from __future__ import annotations

import json

import pytest

from htmlread import page, switcher
from linkcheck import broken_links, target_file
from sitebuild import LANGS, article, build_site, linked_tree

BASE = "https://help.nordlys.example/"


def file_url_tree():
    files = linked_tree()
    for lang in LANGS:  # an alias (a redirect page) and a retired article (a redirect to its replacement)
        files[f"{lang}/practices/links.md"] = files[f"{lang}/practices/links.md"].replace(
            "summary:", "aliases: [practices/old-links/]\nsummary:", 1)
        files[f"{lang}/practices/old.md"] = article("KB-0004", "Old", extra="replaced_by: KB-0001\n")
    return files


@pytest.fixture(scope="module")
def file_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("file-urls"), file_url_tree(), use_directory_urls=False)


def test_every_internal_link_lands_on_a_file(file_site):
    broken, checked = broken_links(file_site, BASE)
    assert broken == []
    assert checked > 300  # pages, head links, switchers, permalinks, sitemaps, catalog.json


@pytest.mark.parametrize("lang", LANGS)
def test_pages_are_files_and_link_to_files(file_site, lang):
    here = f"{lang}/practices/links.html"
    doc = page(file_site, here)
    assert doc.get("lang") == lang
    hreflang = {l.get("hreflang"): l.get("href") for l in doc.cssselect("head link[rel=alternate][hreflang]")}
    assert hreflang["x-default"] == BASE + "go/KB-0003/index.html"
    for code in LANGS:
        assert hreflang[code] == f"{BASE}{code}/practices/links.html"
    for code, href in switcher(doc).items():
        assert target_file(file_site, BASE, "/" + here, href) == file_site / code / "practices" / "links.html"
    kb = [a.get("href") for a in doc.cssselect("article p a") if "kb-ticket" not in (a.get("class") or "")]
    assert kb[:2] == ["service.html", "service.html#steps"]


def test_permalinks_redirects_and_catalog_use_file_urls(file_site):
    go = {a.get("hreflang"): a.get("href") for a in page(file_site, "go/KB-0001/index.html").cssselect("a[hreflang]")}
    assert go == {lang: f"/{lang}/practices/service.html" for lang in LANGS}
    moved = page(file_site, "pl/practices/old-links.html").cssselect("a")[0].get("href")
    assert target_file(file_site, BASE, "/pl/practices/old-links.html", moved) == file_site / "pl/practices/links.html"
    catalog = json.loads((file_site / "catalog.json").read_text(encoding="utf-8"))
    pl = next(a for a in catalog["articles"] if a["id"] == "KB-0001")["translations"]["pl"]
    assert pl["url"] == BASE + "pl/practices/service.html"
    assert pl["permalink"] == BASE + "go/KB-0001/index.html?lang=pl"
