"""The build lifecycle: a failed build leaves nothing behind in the process,
and the next build of the same configuration is whole (issue 13)."""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from htmlread import page
from kbforge.lifecycle import i18n
from sitebuild import LANGS, linked_tree, project_config, write_tree

# A MkDocs hook that fails the nested build of Norwegian while a flag file exists.
FAILING_HOOK = '''
import os
from mkdocs.exceptions import PluginError

def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri.startswith("nb/") and os.path.exists(os.environ["KB_TEST_FAIL_FLAG"]):
        raise PluginError("the test fails the Norwegian build")
    return markdown
'''


def test_a_failed_nested_build_leaves_nothing_and_the_next_build_is_whole(tmp_path, monkeypatch, caplog):
    write_tree(tmp_path / "docs", linked_tree())
    (tmp_path / "hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    flag = tmp_path / "fail-nb"
    flag.write_text("yes", encoding="utf-8")
    monkeypatch.setenv("KB_TEST_FAIL_FLAG", str(flag))
    monkeypatch.setenv("KB_PROCESSES", "1")
    path = project_config(tmp_path, hooks=[str(tmp_path / "hook.py")])
    config = load_config(str(path))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    assert "the test fails the Norwegian build" in caplog.text
    assert i18n.left_behind(config) == []  # clean_directory, log filter, 'building' all restored
    assert config.plugins["i18n"].current_language in (None, "vi")
    site = tmp_path / "site"
    assert not site.exists()  # the failed build published nothing

    stale = site / "stale.html"
    site.mkdir()
    stale.write_text("from an older build", encoding="utf-8")
    flag.unlink()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(config)  # the same config object, as `mkdocs serve` and the tests reuse it
    started = [r.getMessage() for r in caplog.records if "Building '" in r.getMessage()]
    assert started and "Building 'vi'" in started[0], started  # the default language first
    assert not stale.exists()  # the site was cleaned
    for lang in LANGS:
        doc = page(site, f"{lang}/practices/service/")
        assert doc.get("lang") == lang
        assert (site / lang / "404.html").exists()
    assert i18n.left_behind(config) == []


def test_one_config_built_twice_builds_every_language_both_times(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_PROCESSES", "1")
    write_tree(tmp_path / "docs", linked_tree())
    config = load_config(str(project_config(tmp_path)))
    for _ in range(2):
        build(config)
        for lang in LANGS:
            assert page(tmp_path / "site", f"{lang}/practices/service/").get("lang") == lang

