"""Languages built side by side in child processes give the same site as one
process (a failing child: test_errors; SIGTERM: test_builds)."""

from __future__ import annotations

import logging

import pytest

from kbforge.lifecycle.parallel import split
from sitebuild import LANGS, article, build_site, landing, linked_tree

FIXED = {"SOURCE_DATE_EPOCH": "1700000000", "KB_UPDATE_LEDGER": "false"}


def test_split_keeps_at_least_two_languages_per_process():
    assert split(LANGS, 2) == [["vi", "nb"], ["es", "pl"]]
    assert split(LANGS, 8) == [["vi", "nb"], ["es", "pl"]]
    assert split(LANGS, 1) == [LANGS]
    assert split(["vi", "nb", "es", "pl", "de"], 2) == [["vi", "nb", "es"], ["pl", "de"]]


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


RUNBOOK = "## Steps {#steps}\n\n1. Open.\n2. Check.\n3. Close.\n"
FAQ = "### Why? {#q-why}\n\nBecause.\n\n### How? {#q-how}\n\nLike this.\n"


def every_feature_tree():
    """What the site-wide files and each language's pages are made of: fallbacks,
    internal articles and passages, drafts, archived, retired and moved articles,
    a runbook, an FAQ, the glossary, an onboarding path, tags."""
    files = linked_tree()
    for lang in LANGS:
        files[f"{lang}/practices/service.md"] = files[f"{lang}/practices/service.md"].replace(
            "Text", '!!! internal "Staff"\n    Internal passage.\n\nText', 1)
        files[f"{lang}/practices/secret.md"] = article("KB-0900", f"Secret {lang}", audience="internal")
        files[f"{lang}/practices/draft.md"] = article("KB-0901", f"Draft {lang}", extra="state: draft\n")
        files[f"{lang}/practices/old.md"] = article("KB-0903", f"Old {lang}", extra="state: archived\n")
        files[f"{lang}/practices/gone.md"] = article("KB-0904", "Gone", extra="replaced_by: KB-0001\n")
        files[f"{lang}/practices/links.md"] = files[f"{lang}/practices/links.md"].replace(
            "summary:", "aliases: [practices/old-links/]\nsummary:", 1)
        files[f"{lang}/runbooks/index.md"] = landing(f"Runbooks {lang}")
        files[f"{lang}/runbooks/steps.md"] = article("KB-0910", f"Steps {lang}", type="runbook", tags=("a", "b"), body=RUNBOOK)
        files[f"{lang}/faq/index.md"] = landing(f"FAQ {lang}")
        files[f"{lang}/faq/why.md"] = article("KB-0911", f"Why {lang}", type="faq", body=FAQ)
        files[f"{lang}/glossary.md"] = article("KB-0400", f"Glossary {lang}", type="glossary")
        files[f"{lang}/glossary.yml"] = "incident:\n  term: incident\n  definition: An interruption.\n"
        files[f"{lang}/onboarding/index.md"] = landing(f"Onboarding {lang}")
        files[f"{lang}/onboarding/first.md"] = article("KB-0300", f"First {lang}", type="guide", audience="internal")
    files["paths.yml"] = ("first-week:\n  page: KB-0300\n  groups:\n    - title: {vi: a, nb: b, es: c, pl: d}\n"
                          "      steps: [KB-0001, KB-0910]\n")
    return files


@pytest.mark.parametrize("which", ["public", "staff"])
def test_parallel_build_equals_one_process_build_byte_for_byte(tmp_path, which, caplog):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with caplog.at_level(logging.INFO):
        together = build_site(tmp_path / "one", every_feature_tree(), env={**FIXED, "KB_SITE": which, "KB_PROCESSES": "1"})
    assert "in parallel" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO):
        apart = build_site(tmp_path / "two", every_feature_tree(), env={**FIXED, "KB_SITE": which, "KB_PROCESSES": "2"})
    assert "building vi, nb here and es, pl in parallel" in caplog.text
    one, two = files_of(together), files_of(apart)
    assert sorted(one) == sorted(two)
    differ = [name for name in one if one[name] != two[name]]
    assert differ == []
    for lang in LANGS:  # every language's pages and search bundle are there
        assert f"{lang}/index.html" in two and f"{lang}/kbsearch/manifest.json" in two
        assert f"{lang}/runbooks/steps/index.html" in two and f"{lang}/faq/why/index.html" in two
    assert ("nb/practices/secret/index.html" in two) is (which == "staff")
