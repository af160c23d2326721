"""Languages built side by side in child processes give the same site as one
process, and a failing child stops the build with its message."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from kbforge.lifecycle.parallel import split
from sitebuild import LANGS, PROJECT, build_site, linked_tree

FIXED = {"SOURCE_DATE_EPOCH": "1700000000", "KB_UPDATE_LEDGER": "false"}


def test_split_keeps_at_least_two_languages_per_process():
    assert split(LANGS, 2) == [["vi", "nb"], ["es", "pl"]]
    assert split(LANGS, 8) == [["vi", "nb"], ["es", "pl"]]
    assert split(LANGS, 1) == [LANGS]
    assert split(["vi", "nb", "es", "pl", "de"], 2) == [["vi", "nb", "es"], ["pl", "de"]]


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("which", ["public", "staff"])
def test_parallel_build_equals_one_process_build_byte_for_byte(tmp_path, which, caplog):
    docs = {"docs_dir": str(PROJECT / "docs")}
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with caplog.at_level(logging.INFO):
        together = build_site(tmp_path / "one", {}, env={**FIXED, "KB_SITE": which, "KB_PROCESSES": "1"}, **docs)
    assert "in parallel" not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO):
        apart = build_site(tmp_path / "two", {}, env={**FIXED, "KB_SITE": which, "KB_PROCESSES": "2"}, **docs)
    assert "building vi, nb here and es, pl in parallel" in caplog.text
    one, two = files_of(together), files_of(apart)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    for lang in LANGS:  # every language's pages and search bundle are there
        assert f"{lang}/index.html" in two and f"{lang}/kbsearch/manifest.json" in two
    leftovers = [p.name for p in (tmp_path / "two").iterdir() if p.name.startswith(".kbforge-part")]
    assert leftovers == []


def test_a_failing_language_in_a_child_stops_the_build_with_its_file(tmp_path, caplog):
    files = linked_tree()
    files["pl/practices/service.md"] = files["pl/practices/service.md"] + "\n![Schemat](media/brak.png)\n"
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path, files, env={"KB_PROCESSES": "2"})
    assert "[es, pl]" in caplog.text
    assert "pl/practices/service.md" in caplog.text and "media/brak.png" in caplog.text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kbforge-part")] == []


def test_one_config_built_twice_builds_every_language_both_times(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from sitebuild import project_config, write_tree

    write_tree(tmp_path / "docs", linked_tree())
    config = load_config(str(project_config(tmp_path)))
    for _ in range(2):
        build(config)
        for lang in LANGS:
            assert (tmp_path / "site" / lang / "practices" / "service" / "index.html").exists(), lang
