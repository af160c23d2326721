"""Front matter validation: every error names the file, the line and the problem."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from kbforge.content import ContentErrors, load_catalog
from kbforge.content.frontmatter import parse
from sitebuild import LANGS, article, landing, minimal_tree, write_tree

GOOD = """---
id: KB-0042
title: Faktura
type: faq
audience: public
tags: [faktura, betaling]
owner: billing
reviewed: 2026-10-01
summary: Alt om faktura.
---

## Spørsmål
"""


def catalog_errors(tmp_path, files, langs=LANGS):
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), langs, "vi", shown_base=str(tmp_path))
    return [str(e) for e in info.value.errors]


def with_file(rel, text):
    files = minimal_tree()
    files[rel] = text
    return files


def test_good_front_matter_parses_with_lines():
    fm = parse(GOOD, "docs/nb/faq/a.md")
    assert fm.data["id"] == "KB-0042"
    assert fm.line_of(("owner",)) == 7
    assert fm.line_of(("tags", 1)) == 6
    assert fm.body_line == 11
    assert fm.body.startswith("\n## Spørsmål")


@pytest.mark.parametrize(
    "broken, line, message",
    [
        (GOOD.replace("title: Faktura", "title: [Faktura"), 4, "malformed YAML in front matter"),
        (GOOD.replace("summary: Alt om faktura.", "summary: Alt: om: faktura"), 9, "malformed YAML"),
        (GOOD.replace("owner: billing\n", ""), 1, "missing required field 'owner'"),
        (GOOD.replace("audience:", "audeince:"), 5, "unknown field 'audeince' (did you mean 'audience'?)"),
        (GOOD.replace("type: faq", "type: recipe"), 4, "field 'type': 'recipe' is not allowed"),
        (GOOD.replace("tags: [faktura, betaling]", "tags: faktura"), 6, "field 'tags': input should be a valid list"),
        (GOOD.replace("2026-10-01", "2026-13-01"), 8, "field 'reviewed': expected a real date written as YYYY-MM-DD, got '2026-13-01'"),
        (GOOD.replace("2026-10-01", "last week"), 8, "field 'reviewed': expected a real date"),
        (GOOD.replace("id: KB-0042", "id: 42"), 2, "id 42 must look like KB-0001"),
        (GOOD.replace("title: Faktura", "title: ''"), 3, "field 'title': string should have at least 1 character"),
        ("# no front matter\n", 1, "no front matter"),
        ("---\nid: KB-0042\n", 1, "front matter is not closed"),
        ("---\n- a\n- b\n---\n", 2, "front matter must be a mapping"),
    ],
)
def test_invalid_article_names_file_line_and_problem(tmp_path, broken, line, message):
    errors = catalog_errors(tmp_path, with_file("nb/faq/billing.md", broken))
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"docs/nb/faq/billing.md:{line}: ")
    assert message in errors[0]


def test_landing_page_has_its_own_schema(tmp_path):
    errors = catalog_errors(tmp_path, with_file("es/index.md", landing("Inicio").replace("title:", "id: KB-0001\ntitle:")))
    assert errors == ["docs/es/index.md:2: unknown field 'id' (allowed: title, summary)"]


def test_unknown_language_folder(tmp_path):
    errors = catalog_errors(tmp_path, with_file("en/practices/service.md", article("KB-0001", "Service")))
    assert errors == ["docs/en/practices/service.md:1: unknown language 'en' (configured: vi, nb, es, pl)"]


def test_markdown_outside_language_folders(tmp_path):
    errors = catalog_errors(tmp_path, with_file("notes.md", "hello"))
    assert errors == ["docs/notes.md:1: not in a language folder (vi, nb, es, pl)"]


def test_two_articles_with_one_id_in_one_language(tmp_path):
    errors = catalog_errors(tmp_path, with_file("pl/practices/other.md", article("KB-0001", "Inna")))
    assert errors == [
        "docs/pl/practices/service.md:2: id 'KB-0001' is already used in language 'pl' by docs/pl/practices/other.md"
    ]


def test_translations_of_one_file_disagree_on_id(tmp_path):
    files = minimal_tree()
    files["pl/practices/service.md"] = article("KB-0002", "Czym jest usługa")
    errors = catalog_errors(tmp_path, files)
    assert errors == [
        "docs/pl/practices/service.md:2: id 'KB-0002' differs from 'KB-0001' in "
        "docs/vi/practices/service.md; translations of one article share its id"
    ]


def test_every_error_is_reported_not_only_the_first(tmp_path):
    files = minimal_tree()
    files["vi/practices/service.md"] = GOOD.replace("owner: billing\n", "")
    files["nb/practices/service.md"] = GOOD.replace("audience:", "audeince:")
    files["es/practices/service.md"] = GOOD.replace("2026-10-01", "2026-02-30")
    errors = catalog_errors(tmp_path, files)
    assert [e.split(": ")[0] for e in errors] == [
        "docs/es/practices/service.md:8",
        "docs/nb/practices/service.md:5",
        "docs/vi/practices/service.md:1",
    ]


def test_valid_tree_gives_a_catalog_of_every_language(tmp_path):
    write_tree(tmp_path / "docs", minimal_tree())
    catalog = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert catalog.ids == ["KB-0001"]
    found = catalog.translations(catalog.get("KB-0001", "pl"))
    assert {lang: e.url for lang, e in found.items()} == {
        lang: f"{lang}/practices/service/" for lang in LANGS
    }
    entry = catalog.get("KB-0001", "nb")
    assert entry.as_dict() == {
        "id": "KB-0001", "lang": "nb", "title": "Hva er en tjeneste", "type": "practice",
        "audience": "public", "tags": ["demo"], "url": "nb/practices/service/",
        "summary": "Summary.", "reviewed": "2026-10-01",
    }


def test_build_stops_with_every_error_in_the_log(build, caplog):
    files = minimal_tree()
    files["pl/practices/service.md"] = GOOD.replace("audience:", "audeince:")
    files["nb/practices/service.md"] = GOOD.replace("title: Faktura", "title: [Faktura")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(files)
    log = caplog.text
    assert "2 problems in content:" in log
    assert "docs/pl/practices/service.md:5: unknown field 'audeince' (did you mean 'audience'?)" in log
    assert (
        "docs/nb/practices/service.md:4: malformed YAML in front matter: did not find expected "
        "',' or ']' (a flow sequence started on line 3)" in log
    )
