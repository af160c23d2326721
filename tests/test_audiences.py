"""One source, two sites: nothing internal reaches any byte of the customer site."""

from __future__ import annotations

import gzip
import logging

import pytest
from mkdocs.exceptions import Abort

from htmlread import page
from sitebuild import LANGS, article, minimal_tree

MARK = "ZQXLEAK"  # no real text contains it


def audience_tree():
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/secret.md"] = article(
            "KB-0900", f"{MARK}-title-{lang}", audience="internal", tags=(f"{MARK}-tag",),
            summary=f"{MARK}-summary", body=f"## Steps {{#steps}}\n\n{MARK}-internal-body. Back to [the service](kb:KB-0001).\n",
            extra="aliases: [practices/old-secret/]\n",
        )
        files[f"{lang}/practices/service.md"] = article(
            "KB-0001", f"Public {lang}", body=(
                "## Intro\n\nPublic text.\n\n"
                f'!!! internal "Staff"\n    {MARK}-passage-{lang}: see [the secret](kb:KB-0900).\n\n'
                "More public text.\n"
            ),
        )
        files[f"{lang}/practices/draft.md"] = article("KB-0901", f"{MARK}-draft", extra="state: draft\n")
        files[f"{lang}/practices/unchecked.md"] = article("KB-0902", f"Unchecked {lang}", body=f"{MARK}-unchecked\n", extra="state: not-validated\n")
        files[f"{lang}/practices/old.md"] = article("KB-0903", f"Old {lang}", body=f"{MARK}-archived-body\n", extra="state: archived\n")
    return files


def every_byte(site):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            # gzip files, by name or by content (Pagefind's index and fragments)
            yield path, gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    from sitebuild import build_site
    return build_site(tmp_path_factory.mktemp("public"), audience_tree())


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory):
    from sitebuild import STAFF, build_site
    return build_site(tmp_path_factory.mktemp("staff"), audience_tree(), env=STAFF)


def test_no_byte_of_the_customer_site_carries_internal_content(public_site):
    leaked = [str(path.relative_to(public_site)) for path, data in every_byte(public_site)
              if MARK.encode() in data or b"KB-0900" in data or b"KB-0901" in data]
    assert leaked == []
    assert sum(1 for _ in every_byte(public_site)) > 50  # the scan did read the site


def test_the_staff_site_has_everything(staff_site):
    found = {str(path.relative_to(staff_site)) for path, data in every_byte(staff_site) if MARK.encode() in data}
    for lang in LANGS:
        assert f"{lang}/practices/secret/index.html" in found
        assert f"{lang}/practices/draft/index.html" in found
        assert f"{lang}/practices/service/index.html" in found  # the internal passage
    assert "catalog.json" in found
    for lang in LANGS:  # the staff search finds internal text
        assert any(f.startswith(f"{lang}/kbsearch/d/") for f in found), lang


@pytest.mark.parametrize("lang", LANGS)
def test_customer_site_keeps_public_text_around_the_passage(public_site, lang):
    text = page(public_site, f"{lang}/practices/service/").cssselect("article")[0].text_content()
    assert "Public text." in text and "More public text." in text
    assert not (public_site / lang / "practices" / "secret").exists()
    assert not (public_site / lang / "practices" / "draft").exists()
    assert not (public_site / lang / "practices" / "old-secret").exists()  # no redirect either
    assert not (public_site / "go" / "KB-0900").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_staff_site_marks_internal_passages_and_articles(staff_site, lang):
    doc = page(staff_site, f"{lang}/practices/service/")
    passage = doc.cssselect("article .admonition.internal")[0]
    assert f"{MARK}-passage-{lang}" in passage.text_content()
    assert passage.cssselect("a")[0].get("href").endswith("secret/")
    secret = page(staff_site, f"{lang}/practices/secret/")
    assert secret.cssselect(".kb-badge--internal")
    draft = page(staff_site, f"{lang}/practices/draft/")
    assert draft.cssselect(".kb-state--draft")


def test_not_validated_articles_only_when_configured(public_site, build, monkeypatch):
    assert not (public_site / "pl" / "practices" / "unchecked").exists()
    monkeypatch.setenv("KB_PUBLISH_NOT_VALIDATED", "true")
    site = build(audience_tree())
    doc = page(site, "pl/practices/unchecked/")
    notice = doc.cssselect(".kb-state--not-validated")[0]
    assert notice.text_content() == "Ten artykuł nie został jeszcze zweryfikowany; jego treść może się zmienić."


@pytest.mark.parametrize("lang", LANGS)
def test_archived_article_keeps_its_address_and_permalink(public_site, staff_site, lang):
    notice = page(public_site, f"{lang}/practices/old/")
    assert notice.get("lang") == lang and notice.cssselect("h1")
    assert f"{MARK}-archived-body" not in notice.text_content()
    go = {a.get("hreflang"): a.get("href") for a in page(public_site, "go/KB-0903/").cssselect("a[hreflang]")}
    assert go[lang] == f"/{lang}/practices/old/"
    assert page(staff_site, f"{lang}/practices/old/").cssselect(".kb-state--archived")


def test_public_article_linking_to_an_internal_one_stops_the_customer_build(build, caplog):
    files = audience_tree()
    files["es/practices/service.md"] = article("KB-0001", "Servicio", body="Intro.\n\nVea [esto](kb:KB-0900).\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(files)
    assert ("docs/es/practices/service.md:14: the customer site links to internal article KB-0900 "
            "(docs/es/practices/secret.md)") in caplog.text


def test_the_same_link_is_fine_on_the_staff_site(build, monkeypatch):
    monkeypatch.setenv("KB_SITE", "staff")
    files = audience_tree()
    files["es/practices/service.md"] = article("KB-0001", "Servicio", body="Intro.\n\nVea [esto](kb:KB-0900).\n")
    site = build(files)
    assert (site / "es" / "practices" / "secret" / "index.html").exists()
