"""One source, two sites: nothing internal reaches any byte of the customer site."""

from __future__ import annotations

import gzip
import json
import logging

import pytest
from mkdocs.exceptions import Abort

from htmlread import page
from kbforge.content import audience, load_catalog
from sitebuild import LANGS, article, minimal_tree, write_tree

MARK = "ZQXLEAK"  # no real text contains it
OWNER = "zqxleak-team"  # owners are for staff: catalog.json of the customer site leaves them out

# Every way a writer may spell an internal passage (issue 14); {m} is the marker.
SPELLINGS = {
    "capital": '!!! Internal "Staff"\n    {m}\n',
    "details": "??? Internal\n    {m}\n",
    "no-space": "!!!internal\n    {m}\n",
    "second-class": '!!! note internal "Note"\n    {m}\n',
    "blockquote": "> Quoted.\n>\n> !!! internal\n>     {m}\n",
    "definition": "Term\n:   Definition.\n\n    !!! internal\n        {m}\n",
    "html-markdown": '<div class="admonition internal" markdown>\n{m}\n</div>\n',
    "html-raw": '<div class="admonition internal">\n<p>{m}</p>\n</div>\n',
}


def passage(name, lang):
    return f"{MARK}-{name}-{lang}"


def service_body(lang):
    parts = ["## Intro\n\nPublic text.\n",
             f'!!! internal "Staff"\n    {MARK}-passage-{lang}: see [the secret](kb:KB-0900).\n']
    for name, spelling in SPELLINGS.items():
        parts.append(f"Before {name}.\n\n" + spelling.format(m=passage(name, lang)))
    parts.append("More public text.\n")
    return "\n".join(parts)


def audience_tree():
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/secret.md"] = article(
            "KB-0900", f"{MARK}-title-{lang}", audience="internal", tags=(f"{MARK}-tag",),
            summary=f"{MARK}-summary", owner=OWNER,
            body=(f"## Steps {{#steps}}\n\n{MARK}-internal-body. Back to [the service](kb:KB-0001).\n\n"
                  "Read [the notes](staff-notes.txt).\n"),
            extra="aliases: [practices/old-secret/]\n",
        )
        # an attachment next to an internal article, used only by it
        files[f"{lang}/practices/staff-notes.txt"] = f"{MARK}-attachment-{lang}\n"
        files[f"{lang}/practices/service.md"] = article(
            "KB-0001", f"Public {lang}", owner=OWNER, body=service_body(lang))
        files[f"{lang}/practices/draft.md"] = article("KB-0901", f"{MARK}-draft", extra="state: draft\n")
        files[f"{lang}/practices/unchecked.md"] = article("KB-0902", f"Unchecked {lang}", body=f"{MARK}-unchecked\n", extra="state: not-validated\n")
        files[f"{lang}/practices/old.md"] = article("KB-0903", f"Old {lang}", body=f"{MARK}-archived-body\n", extra="state: archived\n")
    return files


def every_byte(site):
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            # gzip files, by name or by content (in case an index is ever compressed)
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
    """Pages, search index, sitemaps, catalog.json, attachments: every file, gzip unpacked."""
    planted = [MARK.lower().encode(), b"KB-0900", b"KB-0901", b"KB-0902"]
    leaked = [str(path.relative_to(public_site)) for path, data in every_byte(public_site)
              if any(m in data.lower() for m in planted)]
    assert leaked == []
    scanned = {str(path.relative_to(public_site)) for path, _ in every_byte(public_site)}
    for lang in LANGS:  # the scan did read the files where a leak would be
        assert {f"{lang}/practices/service/index.html", f"sitemap-{lang}.xml"} <= scanned
        assert any(f.startswith(f"{lang}/kbsearch/d/") for f in scanned)
    assert {"catalog.json", "sitemap.xml", "404.html", "index.html"} <= scanned


def test_the_customer_site_publishes_only_the_files_its_pages_use(public_site, staff_site):
    for lang in LANGS:
        assert not (public_site / lang / "practices" / "staff-notes.txt").exists()
        assert (staff_site / lang / "practices" / "staff-notes.txt").read_text() == f"{MARK}-attachment-{lang}\n"


def test_catalog_json_names_owners_on_the_staff_site_only(public_site, staff_site):
    public = json.loads((public_site / "catalog.json").read_text(encoding="utf-8"))
    staff = json.loads((staff_site / "catalog.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in public["articles"]] == ["KB-0001", "KB-0903"]
    assert all("owner" not in a for a in public["articles"])
    assert {a["id"]: a["owner"] for a in staff["articles"]}["KB-0001"] == OWNER


@pytest.mark.parametrize("lang", LANGS)
def test_every_spelling_of_an_internal_passage_is_removed_for_customers_and_shown_to_staff(
        public_site, staff_site, lang):
    public = page(public_site, f"{lang}/practices/service/").cssselect("article")[0].text_content()
    staff = page(staff_site, f"{lang}/practices/service/").cssselect("article")[0].text_content()
    for name in SPELLINGS:
        assert f"Before {name}." in public  # the text around it stays
        assert passage(name, lang) not in public, name
        assert passage(name, lang) in staff, name


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
    passages = doc.cssselect("article .admonition.internal, article details.internal")
    assert len(passages) == 1 + len(SPELLINGS)
    first = passages[0]
    assert f"{MARK}-passage-{lang}" in first.text_content()
    assert first.cssselect("a")[0].get("href") == "../secret/"
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


def test_the_same_link_is_fine_on_the_staff_site(tmp_path):
    """The check that stops the customer build lets the staff site link anywhere."""
    files = audience_tree()
    files["es/practices/service.md"] = article("KB-0001", "Servicio", body="Intro.\n\nVea [esto](kb:KB-0900).\n")
    write_tree(tmp_path / "docs", files)
    full = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert audience.leaks(full, audience.STAFF) == []
    assert [str(e) for e in audience.leaks(full, audience.PUBLIC)] == [
        "docs/es/practices/service.md:14: the customer site links to internal article KB-0900 "
        "(docs/es/practices/secret.md); remove the link or move it into an internal passage (!!! internal)"]
    staff = audience.view(full, audience.STAFF)
    source = staff.get("KB-0001", "es")
    assert [staff.resolve(link, source).entry.shown for link in source.links] == ["docs/es/practices/secret.md"]
