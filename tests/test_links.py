"""Links by id, reading onward, permalinks, the ledger and the JSON catalog."""

from __future__ import annotations

import copy
import json
import logging
import posixpath
import shutil

import jsonschema
import pytest
import yaml
from mkdocs.exceptions import Abort

from htmlread import page
from kbforge.content import ContentErrors, load_catalog
from kbforge.content.markup import Link
from kbforge.links.publish import SCHEMA
from sitebuild import LANGS, article, linked_tree, write_tree


def catalog_of(tmp_path, files):
    write_tree(tmp_path / "docs", files)
    return load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))


def errors_of(tmp_path, files):
    with pytest.raises(ContentErrors) as info:
        catalog_of(tmp_path, files)
    return [str(e) for e in info.value.errors]


# --- resolution -------------------------------------------------------------

@pytest.mark.parametrize(
    "target, lang, expected, fallback",
    [
        ("kb:KB-0001", "pl", "pl/practices/service.md", False),
        ("kb:KB-0001#steps", "es", "es/practices/service.md", False),
        ("kb:KB-0002", "nb", "nb/practices/extra.md", False),
        ("kb:KB-0002", "pl", "vi/practices/extra.md", True),  # no Polish version: the fallback
        ("service.md", "pl", "pl/practices/service.md", False),
    ],
)
def test_resolution(tmp_path, target, lang, expected, fallback):
    catalog = catalog_of(tmp_path, linked_tree())
    source = catalog.get("KB-0003", lang)
    found = catalog.resolve(Link(target, 1), source, lang)
    assert f"{found.entry.lang}/{found.entry.path}" == expected
    assert found.fallback is fallback


@pytest.mark.parametrize(
    "target, message",
    [
        ("kb:KB-0999", "link to unknown article id 'KB-0999'"),
        ("kb:KB-0001#nope", "no section 'nope' in KB-0001"),
        ("missing.md", "link to 'missing.md': no page pl/practices/missing.md"),
    ],
)
def test_unresolvable_links_name_file_and_line(tmp_path, target, message):
    files = linked_tree()
    files["pl/practices/links.md"] = article("KB-0003", "Linki", body=f"Intro.\n\nSee [x]({target}).\n")
    errors = errors_of(tmp_path, files)
    assert len(errors) == 1 and errors[0].startswith("docs/pl/practices/links.md:14: ")
    assert message in errors[0]


def test_retired_article_resolves_nowhere_and_names_its_replacement(tmp_path):
    files = linked_tree()
    for lang in ("vi", "nb"):
        files[f"{lang}/practices/extra.md"] = article("KB-0002", "Old", extra="replaced_by: KB-0001\n")
    errors = errors_of(tmp_path, files)
    assert errors[0].endswith("'KB-0002' is retired: link to its replacement kb:KB-0001")
    assert len(errors) == 4  # one per language's link to it


def test_alias_that_shadows_a_page_is_an_error(tmp_path):
    files = linked_tree()
    files["es/practices/links.md"] = article("KB-0003", "Enlaces", extra="aliases: [practices/service/]\n")
    errors = errors_of(tmp_path, files)
    assert errors == ["docs/es/practices/links.md:10: alias 'practices/service/' is the address of a page that exists: es/practices/service/"]


# --- built site -------------------------------------------------------------

@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    from sitebuild import build_site
    return build_site(tmp_path_factory.mktemp("linked"), linked_tree())


def resolve_href(here, href):
    return posixpath.normpath(posixpath.join(here, href.split("#")[0]))


@pytest.mark.parametrize("lang", LANGS)
def test_kb_links_land_in_the_readers_language(linked_site, lang):
    here = f"{lang}/practices/links/"
    links = page(linked_site, here).cssselect("article p a")
    hrefs = [a.get("href") for a in links if "kb-ticket" not in (a.get("class") or "")]
    assert resolve_href(here, hrefs[0]) == f"{lang}/practices/service"
    assert hrefs[1].endswith("#steps") and resolve_href(here, hrefs[1]) == f"{lang}/practices/service"
    assert resolve_href(here, hrefs[2]) == f"{lang}/practices/extra"
    marked = links[2].get("class") == "kb-fallback"
    assert marked is (lang in ("es", "pl"))  # KB-0002 exists only in vi and nb
    if marked:
        assert links[2].get("hreflang") == "vi"
        assert "(Tiếng Việt)" in links[2].getparent().text_content()


@pytest.mark.parametrize("lang", LANGS)
def test_article_shows_related_referenced_by_and_languages(linked_site, lang):
    doc = page(linked_site, f"{lang}/practices/service/")
    referenced = [a.text for a in doc.cssselect(".kb-referenced-by a")]
    assert referenced == []  # "Links" links here, and is already the first related article (not repeated)
    related = [a.text for a in doc.cssselect(".kb-related a")]
    assert related[0] == f"Links {lang}"  # linked and shares a tag: best first
    languages = {a.get("hreflang") for a in doc.cssselect(".kb-languages a")}
    assert languages == set(LANGS) - {lang}


def test_permalink_pages_for_every_article(linked_site):
    doc = page(linked_site, "go/KB-0002/")
    links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("a[hreflang]")}
    assert links == {"vi": "/vi/practices/extra/", "nb": "/nb/practices/extra/"}
    script = doc.cssselect("head script")[0].text
    assert '"/vi/practices/extra/"' in script and 'urls[pick || "vi"]' in script
    assert sorted(p.name for p in (linked_site / "go").iterdir()) == ["KB-0001", "KB-0002", "KB-0003"]


def test_json_catalog_matches_its_schema(linked_site):
    document = json.loads((linked_site / "catalog.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    assert json.loads((linked_site / "catalog.schema.json").read_text()) == schema
    by_id = {a["id"]: a for a in document["articles"]}
    assert set(by_id["KB-0002"]["translations"]) == {"vi", "nb"}
    pl = by_id["KB-0001"]["translations"]["pl"]
    assert pl["url"] == "https://help.nordlys.example/pl/practices/service/"
    assert pl["permalink"] == "https://help.nordlys.example/go/KB-0001/?lang=pl"
    assert pl["title"] == "Czym jest usługa"


def _broken(document, path, value):
    """A copy of ``document`` with the value at ``path`` replaced (None: removed)."""
    document = copy.deepcopy(document)
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return document


@pytest.mark.parametrize("path, value, why", [
    (("schema_version",), 1, "an older schema version"),
    (("articles", 0, "id"), "KB-1", "an id that is not KB- and four digits"),
    (("articles", 0, "permalink"), None, "an article without its permalink"),
    (("articles", 0, "audience"), "everyone", "an unknown audience"),
    (("articles", 0, "replaced_by"), "nothing", "a replacement that is not an id"),
    (("articles", 0, "translations"), {}, "an article in no language"),
    (("articles", 0, "translations", "pl", "reviewed"), "26 November", "a date that is not YYYY-MM-DD"),
    (("articles", 0, "translations", "pl", "title"), None, "a translation without a title"),
    (("articles", 0, "translations", "pl", "secret"), "x", "a field the schema does not know"),
    (("languages",), ["vi", "vi"], "a language listed twice"),
])
def test_schema_rejects_a_broken_catalog(linked_site, path, value, why):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    document = json.loads((linked_site / "catalog.json").read_text(encoding="utf-8"))
    validator.validate(document)  # the real one is valid...
    assert list(validator.iter_errors(_broken(document, path, value))), why  # ...each breakage is not


def test_the_customer_site_has_no_copy_buttons(linked_site):
    # the staff site's "link for the customer": tests/test_staff_home.py
    assert not page(linked_site, "pl/practices/service/").cssselect(".kb-share, [data-kb-copy]")


@pytest.fixture(scope="module")
def linked_staff(tmp_path_factory):
    from sitebuild import STAFF, build_site
    return build_site(tmp_path_factory.mktemp("linked-staff"), linked_tree(), env=STAFF)


@pytest.mark.parametrize("which", ["public", "staff"])
def test_ticket_ids_link_only_on_the_staff_site(linked_site, linked_staff, which):
    doc = page(linked_staff if which == "staff" else linked_site, "nb/practices/links/")
    tickets = [a.get("href") for a in doc.cssselect("a.kb-ticket")]
    assert tickets == (["https://tickets.nordlys.example/browse/INC-4711"] if which == "staff" else [])
    assert doc.cssselect("article code")[0].text == "INC-0001"  # never inside code
    assert "INC-4711" in doc.cssselect("article")[0].text_content()


def test_every_internal_link_lands_on_a_file(linked_site):
    from linkcheck import broken_links
    broken, checked = broken_links(linked_site, "https://help.nordlys.example/")
    assert broken == []
    assert checked > 300


# --- the ledger -------------------------------------------------------------

def ledger_of(site):
    return yaml.safe_load((site.parent / "docs" / "ledger.yml").read_text(encoding="utf-8"))


def test_first_build_records_every_published_url(linked_site):
    ledger = ledger_of(linked_site)
    assert ledger["version"] == 1
    assert ledger["articles"]["KB-0002"] == {"retired": False, "urls": ["nb/practices/extra/", "vi/practices/extra/"]}
    assert len(ledger["articles"]["KB-0001"]["urls"]) == 4


def published(linked_site, tmp_path):
    """tmp_path/docs as after the first build of linked_tree: its ledger records what it published."""
    shutil.copytree(linked_site.parent / "docs", tmp_path / "docs")
    assert (tmp_path / "docs" / "ledger.yml").is_file()


def test_removed_article_fails_the_build(build, linked_site, tmp_path, caplog):
    published(linked_site, tmp_path)
    for lang in ("vi", "nb"):
        (tmp_path / "docs" / lang / "practices" / "extra.md").unlink()
    for lang in LANGS:  # nothing links to it any more
        (tmp_path / "docs" / lang / "practices" / "links.md").write_text(article("KB-0003", "Links"), encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build({})
    assert "published article KB-0002 has no file any more" in caplog.text
    assert "docs/ledger.yml:" in caplog.text


def test_moved_article_fails_without_alias_and_redirects_with_it(build, linked_site, tmp_path, caplog):
    published(linked_site, tmp_path)
    docs = tmp_path / "docs"
    for lang in LANGS:
        (docs / lang / "practices" / "service.md").rename(docs / lang / "practices" / "what-is-a-service.md")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build({})
    assert "published URL pl/practices/service/ (KB-0001) has no page any more: add 'aliases: [practices/service/]' to docs/pl/practices/what-is-a-service.md" in caplog.text
    for lang in LANGS:
        path = docs / lang / "practices" / "what-is-a-service.md"
        path.write_text(path.read_text(encoding="utf-8").replace("summary:", "aliases: [practices/service/]\nsummary:", 1), encoding="utf-8")
    site = build({})
    redirect = page(site, "pl/practices/service/")
    assert redirect.cssselect("a")[0].get("href") == "../what-is-a-service/"
    assert "pl/practices/what-is-a-service/" in ledger_of(site)["articles"]["KB-0001"]["urls"]


def test_retired_article_keeps_its_permalink_and_its_id(build, linked_site, tmp_path, caplog):
    published(linked_site, tmp_path)
    docs = tmp_path / "docs"
    for lang in ("vi", "nb"):
        (docs / lang / "practices" / "extra.md").write_text(
            article("KB-0002", "Old", extra="replaced_by: KB-0001\n"), encoding="utf-8")
    for lang in LANGS:
        (docs / lang / "practices" / "links.md").write_text(article("KB-0003", "Links"), encoding="utf-8")
    site = build({})
    assert not (site / "nb" / "practices" / "extra" / "index.html").read_text().count("md-content")  # a redirect, not the page
    assert page(site, "nb/practices/extra/").cssselect("a")[0].get("href") == "../service/?from=KB-0002"
    go = {a.get("hreflang"): a.get("href") for a in page(site, "go/KB-0002/").cssselect("a[hreflang]")}
    assert go["pl"] == "/pl/practices/service/?from=KB-0002"
    assert ledger_of(site)["articles"]["KB-0002"]["retired"] is True
    # the id can never come back as a live article
    for lang in ("vi", "nb"):
        (docs / lang / "practices" / "extra.md").write_text(article("KB-0002", "Reused"), encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build({})
    assert "KB-0002 was retired and ids are never reused" in caplog.text


def test_removed_translation_keeps_its_url_as_a_fallback_page(build, linked_site, tmp_path):
    published(linked_site, tmp_path)
    (tmp_path / "docs" / "pl" / "practices" / "service.md").unlink()
    site = build({})  # the Polish URL still answers, with the default language's text
    assert page(site, "pl/practices/service/").cssselect(".kb-text")[0].get("lang") == "vi"
