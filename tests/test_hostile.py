"""Bad input stops fast and whole (issue 14): a YAML alias bomb, a duplicate key,
an alias that climbs out of the site, and four kinds of error in one run."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap

import pytest
from mkdocs.exceptions import Abort

from kbforge.content import ContentErrors, load_catalog
from sitebuild import LANGS, article, build_site, linked_tree, project_config, write_tree

MEMORY_LIMIT = 2 * 1024**3  # address space of the build process: a bomb expanding would hit it


def bomb(levels: int = 9) -> str:
    """The 'billion laughs' of YAML: nine levels of ten aliases each."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


BUILD_IN_A_CHILD = textwrap.dedent("""
    import json, logging, resource, sys, time
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    config = load_config({config!r})
    started = time.process_time()
    try:
        build(config)
        outcome = "built"
    except Abort:
        outcome = "refused"
    except MemoryError:
        outcome = "out of memory"
    print(json.dumps({{"outcome": outcome, "cpu": time.process_time() - started}}))
""")


@pytest.mark.parametrize("where", ["front matter", "glossary", "paths", "ledger"])
def test_a_yaml_alias_bomb_is_refused_at_once_under_a_memory_limit(tmp_path, where):
    files = linked_tree()
    if where == "front matter":
        files["pl/practices/links.md"] = files["pl/practices/links.md"].replace(
            "summary:", "extra:\n  " + bomb().rstrip("\n").replace("\n", "\n  ") + "\nsummary:", 1)
        shown, line = "docs/pl/practices/links.md", 10
    elif where == "glossary":
        files["nb/glossary.yml"] = bomb()
        shown, line = "docs/nb/glossary.yml", 1
    elif where == "paths":
        files["paths.yml"] = bomb()
        shown, line = "docs/paths.yml", 1
    else:
        files["ledger.yml"] = "version: 1\n" + bomb()
        shown, line = "docs/ledger.yml", 2
    write_tree(tmp_path / "docs", files)
    config = project_config(tmp_path)
    script = BUILD_IN_A_CHILD.format(limit=MEMORY_LIMIT, config=str(config))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "KB_PROCESSES": "1", "KB_UPDATE_LEDGER": "false",
                                 "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["outcome"] == "refused"
    assert outcome["cpu"] < 1.0  # processor time of the refused build (not wall time: the machine is shared)
    assert f"{shown}:{line}: " in result.stderr and "anchors (&a0) are not allowed" in result.stderr
    assert not (tmp_path / "site").exists()


def catalog_errors(tmp_path, files):
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    return [str(e) for e in info.value.errors]


def test_a_duplicate_key_in_front_matter_is_an_error(tmp_path):
    files = linked_tree()
    files["es/practices/links.md"] = files["es/practices/links.md"].replace(
        "type: practice", "type: practice\ntitle: Otro título", 1)
    assert catalog_errors(tmp_path, files) == [
        "docs/es/practices/links.md:5: YAML in front matter: duplicate key 'title' (first on line 3); keep one"]


@pytest.mark.parametrize("alias", ["../../../../../../../outside/", "/outside/", "faq/../../outside/", "faq//x/"])
def test_an_alias_that_leaves_the_language_folder_is_refused(tmp_path, caplog, alias):
    files = linked_tree()
    files["pl/practices/links.md"] = files["pl/practices/links.md"].replace(
        "summary:", f"aliases: ['{alias}']\nsummary:", 1)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, files)
    assert (f"docs/pl/practices/links.md:9: field 'aliases.0': '{alias}' is not an address inside the "
            "language folder") in caplog.text
    written = [p for p in tmp_path.rglob("*") if "outside" in p.name]
    assert written == [] and not (tmp_path / "site").exists()


def test_four_kinds_of_error_are_reported_in_one_run(tmp_path, caplog):
    files = linked_tree()
    files["vi/practices/service.md"] = files["vi/practices/service.md"].replace("title: ", "title: [", 1)
    files["nb/practices/links.md"] = article("KB-0003", "Lenker", body="Intro.\n\nSe [dette](kb:KB-0404).\n")
    files["es/practices/links.md"] = article("KB-0003", "Enlaces", body="Intro.\n\nVea [esto](kb:KB-0900).\n")
    files["pl/practices/links.md"] = article("KB-0003", "Linki", body="Intro.\n\n![Schemat](media/brak.png)\n")
    for lang in LANGS:
        files[f"{lang}/practices/secret.md"] = article("KB-0900", "Secret", audience="internal")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, files)
    log = caplog.text
    assert "4 problems in content:" in log
    assert ("docs/vi/practices/service.md:4: malformed YAML in front matter: did not find expected ',' or ']' "
            "(a flow sequence started on line 3)") in log
    assert "docs/nb/practices/links.md:14: link to unknown article id 'KB-0404'" in log
    assert "docs/es/practices/links.md:14: the customer site links to internal article KB-0900" in log
    assert "docs/pl/practices/links.md:14: image 'media/brak.png' not found (no docs/pl/practices/media/brak.png)" in log
    assert not (tmp_path / "site").exists()
