"""Missing, outdated and up-to-date translations in every language; the status command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from urllib.parse import urlsplit

from htmlread import page, search_pages
from kbforge import strings
from kbforge.content import load_catalog
from kbforge.content.translations import stamp_for
from sitebuild import LANGS, PROJECT, article, minimal_tree, write_tree

VI = article("KB-0001", "Định nghĩa dịch vụ", body="## Các bước {#steps}\n\nBước một.\n\n## Chuyển cấp {#escalation}\n\nGọi cho trưởng nhóm.\n")
VI_CHANGED = VI.replace("Bước một.", "Bước một, rồi kiểm tra lại.")


def stamped(text_of_original: str, translation: str) -> str:
    """``translation`` with the source: block `kbforge translations --stamp` gives it
    for ``text_of_original`` (the Vietnamese original)."""
    with tempfile.TemporaryDirectory() as folder:
        write_tree(Path(folder) / "docs", {"vi/practices/service.md": text_of_original})
        catalog = load_catalog(str(Path(folder) / "docs"), ["vi"], "vi", shown_base=folder, collect=True)
    block = yaml.safe_dump({"source": stamp_for(catalog.articles("vi")[0])}, sort_keys=False)
    return translation.replace("---\n\n", block + "---\n\n", 1)


def translated_tree():
    """KB-0001: vi original (changed since es was translated), nb up to date, es outdated, pl missing."""
    files = minimal_tree()
    files["vi/practices/service.md"] = VI_CHANGED
    files["nb/practices/service.md"] = stamped(VI_CHANGED, article(
        "KB-0001", "Hva er en tjeneste", body="## Trinn {#steps}\n\nTrinn en.\n\n## Eskalering {#escalation}\n\nRing andrelinjen.\n"))
    files["es/practices/service.md"] = stamped(VI, article(
        "KB-0001", "Qué es un servicio", body="## Pasos {#steps}\n\nPaso uno.\n\n## Escalado {#escalation}\n\nLlame al segundo nivel.\n"))
    del files["pl/practices/service.md"]
    return files


@pytest.fixture(scope="module")
def tsite(tmp_path_factory):
    from sitebuild import build_site
    return build_site(tmp_path_factory.mktemp("translated"), translated_tree())


@pytest.fixture(scope="module")
def tsite_staff(tmp_path_factory):
    from sitebuild import STAFF, build_site
    return build_site(tmp_path_factory.mktemp("translated-staff"), translated_tree(), env=STAFF)


NOTICE = {
    "missing": {"pl": "Ten artykuł nie jest jeszcze przetłumaczony na język polski. Poniżej znajdą Państwo wersję oryginalną po wietnamsku."},
    "outdated": {"es": "El artículo se modificó el "},
}


def notice_of(doc):
    found = doc.cssselect(".kb-notice")
    return found[0] if found else None


def test_up_to_date_translation_has_no_notice(tsite):
    doc = page(tsite, "nb/practices/service/")
    assert notice_of(doc) is None
    assert doc.get("lang") == "nb" and not doc.cssselect(".kb-text")


def test_outdated_translation_says_when_and_where(tsite):
    doc = page(tsite, "es/practices/service/")
    notice = notice_of(doc)
    assert "kb-notice--outdated" in notice.get("class")
    text = " ".join(notice.text_content().split())
    assert text.startswith(NOTICE["outdated"]["es"])
    assert re.search(r"modificó el \d{1,2} de \w+ de \d{4}", text)  # a Spanish date (Babel)
    assert [(a.get("href"), a.text) for a in notice.cssselect("a[href^='#']")] == [("#steps", "Pasos")]
    original = notice.cssselect("a[hreflang='vi']")[0].get("href")
    assert original.endswith("vi/practices/service/")


def test_missing_translation_shows_the_original_marked_as_such(tsite):
    doc = page(tsite, "pl/practices/service/")
    assert doc.get("lang") == "pl"  # the interface is Polish
    text = doc.cssselect(".kb-text")[0]
    assert text.get("lang") == "vi"  # the article is Vietnamese
    assert text.cssselect("h1")[0].text == "Định nghĩa dịch vụ"
    assert " ".join(notice_of(doc).cssselect("p")[0].text_content().split()) == NOTICE["missing"]["pl"]
    assert notice_of(doc).get("lang") == "pl"
    assert doc.cssselect("link[rel=canonical]")[0].get("href") == "https://help.nordlys.example/vi/practices/service/"


def test_missing_translation_stays_out_of_that_languages_search(tsite):
    # URLs in a bundle are relative to its language folder
    assert "/practices/service/" not in search_pages(tsite, "pl")
    assert "/practices/service/" in search_pages(tsite, "nb")


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_lists_only_real_translations_with_absolute_urls(tsite, lang):
    doc = page(tsite, f"{lang}/practices/service/")
    links = {l.get("hreflang"): l.get("href") for l in doc.cssselect("head link[rel=alternate][hreflang]")}
    base = "https://help.nordlys.example/"
    assert links == {
        "vi": base + "vi/practices/service/",
        "nb": base + "nb/practices/service/",
        "es": base + "es/practices/service/",
        "x-default": base + "go/KB-0001/",
    }


@pytest.mark.parametrize("lang, note", [("vi", "chưa dịch"), ("nb", "ikke oversatt"), ("es", "sin traducir"), ("pl", "brak tłumaczenia")])
def test_switcher_marks_the_missing_language(tsite, lang, note):
    doc = page(tsite, f"{lang}/practices/service/")
    missing = doc.cssselect(".md-select a.kb-missing")
    assert [a.get("hreflang") for a in missing] == ["pl"]
    assert note in missing[0].text_content()


def test_sitemap_lists_alternates_of_real_versions(tsite):
    index = (tsite / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", index) == [f"https://help.nordlys.example/sitemap-{lang}.xml" for lang in LANGS]
    assert "Sitemap: https://help.nordlys.example/sitemap.xml" in (tsite / "robots.txt").read_text(encoding="utf-8")
    # Nothing next to a language's pages: Material fetches <alternate>/sitemap.xml on every page load.
    assert not [lang for lang in LANGS if (tsite / lang / "sitemap.xml").exists()]
    assert "<loc>https://help.nordlys.example/pl/practices/service/</loc>" not in (tsite / "sitemap-pl.xml").read_text(encoding="utf-8")
    xml = (tsite / "sitemap-es.xml").read_text(encoding="utf-8")
    assert "<loc>https://help.nordlys.example/vi/" not in xml  # one language per sitemap
    block = xml.split("<loc>https://help.nordlys.example/es/practices/service/</loc>")[1].split("</url>")[0]
    langs = re.findall(r'hreflang="([\w-]+)"', block)
    assert langs == ["vi", "nb", "es", "x-default"]


@pytest.mark.parametrize("lang, words", [
    ("vi", ["bản gốc", "cần cập nhật", "chưa dịch"]), ("nb", ["original", "utdatert", "mangler"]),
    ("es", ["original", "desactualizada", "falta"]), ("pl", ["oryginał", "nieaktualne", "brak"]),
])
def test_status_page_for_writers(tsite_staff, tsite, lang, words):
    assert not (tsite / lang / "translations").exists()  # writers' page: staff site only
    doc = page(tsite_staff, f"{lang}/translations/")
    row = next(tr for tr in doc.cssselect("article table tbody tr") if "KB-0001" in tr.text_content())
    title = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Định nghĩa dịch vụ"}
    heading = " ".join(row.cssselect("th")[0].text_content().split())
    assert row.cssselect("th a")[0].text_content().strip() == title[lang]
    assert heading.endswith("KB-0001")  # the title, then the id
    cells = row.cssselect("td")
    states = ("original", "up-to-date", "outdated", "missing")
    assert [c.get("class") for c in cells] == [f"kb-status kb-status--{s}" for s in states]
    texts = [" ".join(c.text_content().split()) for c in cells]
    assert words[0] in texts[0] and words[1] in texts[2] and words[2] in texts[3]
    assert strings.for_language(lang)["status_up_to_date"] in texts[1]
    # the changed section, by the translation's own heading, never by its key
    assert "steps" not in texts[2] and "Pasos" in texts[2]
    assert cells[2].cssselect("a")[0].get("hreflang") == "es"


# --- the command --------------------------------------------------------------

def run_cli(tmp_path, *args):
    from sitebuild import project_config, write_tree
    if not (tmp_path / "docs").exists():
        write_tree(tmp_path / "docs", translated_tree())
    config = project_config(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "kbforge", "translations", "-f", str(config), *args],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_command_prints_the_table(tmp_path):
    result = run_cli(tmp_path)
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if l.startswith("KB-0001"))
    assert line.split()[:7] == ["KB-0001", "vi", "original", "up-to-date", "outdated", "(steps)", "missing"]
    assert "1 articles: 1 up-to-date, 1 missing, 1 outdated, 0 inconsistent, 0 untracked" in result.stdout


def test_command_json(tmp_path):
    data = json.loads(run_cli(tmp_path, "--json").stdout)
    row = data["articles"]["KB-0001"]
    assert row["es"] == {"status": "outdated", "source_language": "vi", "changed_sections": ["steps"],
                         "path": "docs/es/practices/service.md", "findings": []}
    assert row["pl"]["status"] == "missing"


@pytest.mark.parametrize("fail_on, code", [("missing", 1), ("outdated", 1), ("missing,outdated", 1), ("untracked", 0)])
def test_command_fails_for_ci_gates(tmp_path, fail_on, code):
    result = run_cli(tmp_path, "--fail-on", fail_on)
    assert result.returncode == code, result.stderr
    if code:
        assert result.stderr.startswith("failing: ")


def test_command_rejects_an_unknown_status(tmp_path):
    result = run_cli(tmp_path, "--fail-on", "stale")
    assert result.returncode == 2 and "unknown status stale" in result.stderr


def test_stamp_makes_a_translation_up_to_date(tmp_path):
    run_cli(tmp_path)
    target = tmp_path / "docs" / "es" / "practices" / "service.md"
    result = run_cli(tmp_path, "--stamp", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.count("source:") == 1 and text.count("hash:") == 1
    data = json.loads(run_cli(tmp_path, "--json").stdout)
    assert data["articles"]["KB-0001"]["es"]["status"] == "up-to-date"


def test_every_shipped_article_is_in_every_language_and_up_to_date():
    """README: every article is in all four languages, every translation up to date and
    consistent with its original."""
    result = subprocess.run(
        [sys.executable, "-m", "kbforge", "translations", "--json", "-f", str(PROJECT / "mkdocs.yml")],
        capture_output=True, text=True, cwd=PROJECT,
    )
    data = json.loads(result.stdout)
    states = {s["status"] for row in data["articles"].values() for s in row.values()}
    assert result.returncode == 0, result.stderr
    assert states == {"original", "up-to-date"}
    assert len(data["articles"]) >= 30


# --- the switcher as the reader moves between articles, in Chromium ----------

@pytest.fixture(scope="module")
def served_translated(tmp_path_factory):
    from conftest import serve_built
    files = translated_tree()
    for lang in LANGS:
        files[f"{lang}/practices/links.md"] = article("KB-0003", f"Links {lang}", body="See [the service](kb:KB-0001).\n")
    server, url = serve_built(tmp_path_factory.mktemp("switcher"), files)
    yield url
    server.shutdown()


@pytest.mark.browser
def test_switcher_follows_links_between_articles(served_translated, context_factory):
    page = context_factory(["vi-VN"]).new_page()
    sitemaps = []
    page.on("response", lambda r: sitemaps.append(r.status) if "sitemap" in r.url else None)
    page.goto(f"{served_translated}/vi/practices/links/")
    page.wait_for_load_state("networkidle")
    # Material would fetch <alternate>/sitemap.xml on every page: overrides/main.html stops it
    assert sitemaps == []
    assert not page.locator(".md-select a.kb-missing").count()
    page.locator("article a", has_text="the service").click()
    page.wait_for_url("**/vi/practices/service/")
    page.locator("article h1", has_text="Định nghĩa dịch vụ").wait_for()
    page.evaluate("window.kbMarker = 1")
    missing = page.locator(".md-select a.kb-missing")
    missing.first.wait_for(state="attached")
    assert missing.count() == 1 and missing.get_attribute("hreflang") == "pl"
    assert "chưa dịch" in missing.inner_text()
    nb = page.locator(".md-select a[hreflang='nb']")
    assert urlsplit(nb.get_attribute("href")).path == "/nb/practices/service/"
    page.locator(".md-header__option .md-select").hover()
    nb.click()
    page.wait_for_url("**/nb/practices/service/")
    page.locator("html[lang='nb']").wait_for()
    assert page.locator("article h1").inner_text() == "Hva er en tjeneste"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Søk"


def test_fallback_page_sits_in_its_section_of_the_nav(tsite):
    doc = page(tsite, "pl/practices/service/")
    nav = doc.cssselect("nav.md-nav--primary")[0]
    assert "Practices" not in nav.text_content()  # not a second, English section for it
    active = nav.cssselect("li.md-nav__item--active")
    assert len(active) == 1
    text = " ".join(active[0].text_content().split())
    assert text.startswith("Praktyki") and "Định nghĩa dịch vụ" in text
