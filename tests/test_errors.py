"""Every error and warning the code can give, as the writer or operator sees it:
file and line where there is one, one clear sentence where there is none.

Messages tested elsewhere: front matter fields (test_content_model), links and
the ledger (test_links), the glossary and paths (test_glossary, test_staff),
the customer site's links (test_audiences), YAML anchors, duplicate keys and
aliases (test_hostile), read-only destinations (test_builds), facts and units
(test_facts), findings and stamping (test_consistency)."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import subprocess
import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from kbforge.content import ContentErrors, load_catalog
from kbforge.lifecycle.site import Destination
from sitebuild import LANGS, STAFF, article, build_site, landing, linked_tree, minimal_tree, project_config, write_tree

I18N = {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "reconfigure_material": True,
                 "reconfigure_search": False,
                 "languages": [{"locale": "vi", "name": "Tiếng Việt", "default": True, "build": True},
                               {"locale": "nb", "name": "Norsk bokmål", "build": True}]}}


def load(tmp_path, files):
    write_tree(tmp_path / "docs", files)
    return load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))


def errors_of(tmp_path, files) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load(tmp_path, files)
    return [str(e) for e in info.value.errors]


def with_article(rel, text):
    files = linked_tree()
    files[rel] = text
    return files


def body(text):
    """An article whose body's third line (file line 14) is ``text``."""
    return article("KB-0003", "Links", body=f"Intro.\n\n{text}\n")


# --- content: files, front matter values, lifecycle fields -------------------------

@pytest.mark.parametrize("files, expected", [
    ({"assets/notes.md": "---\ntitle: x\n---\n"},
     "docs/assets/notes.md:1: 'assets/' is not a language folder (vi, nb, es, pl)"),
    ({"pl/practices/links.md": article("KB-0003", "L", reviewed="20261001")},
     "docs/pl/practices/links.md:8: field 'reviewed': expected a date written as YYYY-MM-DD, got 20261001"),
    ({"pl/practices/links.md": article("KB-0003", "L", extra="aliases: [7]\n")},
     "docs/pl/practices/links.md:10: field 'aliases.0': expected an address like faq/old-name/, got 7"),
    ({"pl/practices/links.md": article("KB-0003", "L", extra="replaced_by: KB-0777\n")},
     "docs/pl/practices/links.md:10: replaced_by: 'KB-0777' is not a published article"),
    ({"pl/practices/links.md": article("KB-0003", "L", extra="source: {lang: de, hash: 0123456789ab}\n")},
     "docs/pl/practices/links.md:10: source: unknown language 'de' (configured: vi, nb, es, pl)"),
    ({"pl/practices/links.md": article("KB-0003", "L", extra="source: {lang: pl, hash: 0123456789ab}\n")},
     "docs/pl/practices/links.md:10: source: names the article's own language; the original has no 'source:'"),
    ({"pl/practices/links.md": body("![Plan](../../../outside.png)")},
     "docs/pl/practices/links.md:14: image '../../../outside.png' is outside docs/"),
    ({"pl/practices/links.md": body("[Notes](notes.txt)")},
     "docs/pl/practices/links.md:14: file 'notes.txt' not found (no docs/pl/practices/notes.txt)"),
    ({"pl/practices/links.md": "---\nid: KB-0003\ntitle: *alias\n---\n"},
     "docs/pl/practices/links.md:3: YAML in front matter: aliases (*alias) are not allowed; write the value out"),
])
def test_content_errors_name_file_and_line(tmp_path, files, expected):
    assert errors_of(tmp_path, {**linked_tree(), **files}) == [expected]


def test_a_file_that_is_not_utf8(tmp_path):
    write_tree(tmp_path / "docs", linked_tree())
    (tmp_path / "docs" / "nb" / "practices" / "links.md").write_bytes(
        article("KB-0003", "Lenker").encode() + b"\nLinje to.\n\xff\xfe\n")
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert [str(e) for e in info.value.errors] == ["docs/nb/practices/links.md:15: not valid UTF-8 text"]


def test_a_link_to_an_article_whose_file_could_not_be_read_says_so(tmp_path):
    files = linked_tree()
    for lang in ("vi", "nb"):  # KB-0002's only versions have broken front matter
        files[f"{lang}/practices/extra.md"] = files[f"{lang}/practices/extra.md"].replace("title: ", "title: [", 1)
    errors = errors_of(tmp_path, files)
    assert "docs/pl/practices/links.md:14: link to unknown article id 'KB-0002' (or its file could not be read: see above)" in errors


def test_a_customer_link_to_a_draft(tmp_path, caplog):
    files = linked_tree()
    for lang in ("vi", "nb"):
        files[f"{lang}/practices/extra.md"] = article("KB-0002", "Extra", extra="state: draft\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, files)
    assert ("docs/es/practices/links.md:14: the customer site links to 'draft' article KB-0002 "
            "(docs/vi/practices/extra.md); remove the link or move it into an internal passage (!!! internal)") in caplog.text


@pytest.mark.parametrize("name, text, expected", [
    ("nb/glossary.yml", "- incident\n", "docs/nb/glossary.yml:1: the glossary must map concept keys to terms"),
    ("nb/glossary.yml", "incident:\n  term: hendelse\n  definition: x\n  term: y\n",
     "docs/nb/glossary.yml:4: YAML: duplicate key 'term' (first on line 2); keep one"),
    ("paths.yml", "- a\n", "docs/paths.yml:1: the paths file must map path names to paths"),
    ("paths.yml", "first:\n  groups:\n    - title: {vi: a, nb: b, es: c, pl: d}\n      steps: [KB-0001]\n",
     "docs/paths.yml:1: first: missing required field 'page'"),
    ("paths.yml", "first:\n  page: KB-0404\n  groups:\n    - title: {vi: a, nb: b, es: c, pl: d}\n      steps: [KB-0001]\n",
     "docs/paths.yml:2: first: page KB-0404 is not an article"),
])
def test_data_file_errors_name_file_and_line(tmp_path, name, text, expected):
    assert errors_of(tmp_path, {**linked_tree(), name: text}) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("- just a list\n", "docs/ledger.yml:1: not a version 1 ledger"),
    ("version: 1\narticles:\n  KB-0001: {retired: false}\n  KB-0001: {retired: true}\n",
     "docs/ledger.yml:4: YAML: duplicate key 'KB-0001' (first on line 3); keep one"),
])
def test_ledger_errors_stop_the_build(  # the ledger is read by the build (kbforge/links)
tmp_path, caplog, text, expected):
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, {**linked_tree(), "ledger.yml": text})
    assert expected in caplog.text


# --- Markdown: what the parse finds --------------------------------------------------

ONLY_SAFE_LINKS = ("only http, https, mailto, tel, kb: and relative links are allowed "
                   "(images also data:image/png, gif, jpeg, webp)")
STRAY = ("that is not part of a fact reference; a reference is written on one line, and inside a table "
         "as {{ fact-name:form }} (a '|' ends a table cell)")


@pytest.mark.parametrize("text, expected", [
    ("[x](javascript:alert(1))", [(14, f"link to 'javascript:alert(1)': {ONLY_SAFE_LINKS}")]),
    ("![x](data:text/html;base64,AAAA)", [(14, f"link to 'data:text/html;base64,AAAA': {ONLY_SAFE_LINKS}")]),
    ("[x](https://example.org/{{ fact-name }})",
     [(14, "a fact cannot be used inside a link target ('https://example.org/{{ fact-name }}'): "
           "write {{ fact-name | link }}")]),
    ("<https://example.org/{{fact-name}}>",
     [(14, f"'https://example.org/{{{{fact-name}}}}': '{{{{' {STRAY}"),
      (14, "a fact cannot be used inside a link target ('https://example.org/{{fact-name}}'): "
           "write {{ fact-name | link }}")]),
    ("| a | b |\n|---|---|\n| {{ x | number }} | y |",
     [(16, f"'number }}}}': '}}}}' {STRAY}"), (16, f"'{{{{ x': '{{{{' {STRAY}")]),
    ("Call {{ Phone Number }} now.",
     [(14, "'{{ Phone Number }}' is not a fact reference: write {{ fact-name }}, {{ fact-name:number }} or "
           "{{ fact-name:link }} (names are lowercase words joined by '-')")]),
    ('!!! staff "Staff"\n    Only us.',
     [(14, "unknown admonition type 'staff' (known: abstract, attention, bug, caution, check, cite, danger, done, "
           "error, example, fail, failure, faq, help, hint, important, info, internal, missing, note, question, "
           "quote, success, summary, tip, tldr, todo, warning); staff-only text is '!!! internal'")]),
    ('<span data-kb-fact="x">5</span>', [(14, "data-kb-fact is reserved for {{ facts }}")]),
])
def test_markdown_errors_name_file_and_line(tmp_path, text, expected):
    assert errors_of(tmp_path, with_article("pl/practices/links.md", body(text))) == [
        f"docs/pl/practices/links.md:{line}: {message}" for line, message in expected]


def test_an_image_may_be_a_data_url(tmp_path):
    assert load(tmp_path, with_article("pl/practices/links.md", body("![x](data:image/png;base64,AAAA)"))).warnings == []


@pytest.mark.parametrize("html, expected", [
    ("<script>alert(1)</script>", "HTML element <script> is not allowed in articles; it is removed with its content"),
    ("<p>a <font>b</font></p>", "HTML element <font> is not allowed in articles; it is removed"),
    ('<p onclick="alert(1)">a</p>', "attribute onclick= on <p> is not allowed in articles; it is removed"),
    ('<p><input type="text"></p>', 'type="text" on <input> is not allowed; it is removed'),
])
def test_raw_html_outside_the_allow_list_is_a_warning_with_file_and_line(tmp_path, html, expected):
    write_tree(tmp_path / "docs", with_article("es/practices/links.md", body(html)))
    catalog = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path), collect=True)
    assert [str(w) for w in catalog.warnings] == [f"docs/es/practices/links.md:14: {expected}"]
    assert catalog.errors == []


def test_a_raw_html_link_with_a_script_scheme_is_an_error_as_in_markdown(tmp_path):
    write_tree(tmp_path / "docs", with_article("es/practices/links.md", body('<p><a href="javascript:alert(1)">a</a></p>')))
    catalog = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path), collect=True)
    assert [str(e) for e in catalog.errors] == [f"docs/es/practices/links.md:14: link to 'javascript:alert(1)': {ONLY_SAFE_LINKS}"]


def test_warnings_fail_a_strict_build_and_leave_the_old_site(tmp_path, caplog):
    site = build_site(tmp_path, linked_tree())
    before = (site / "es" / "practices" / "links" / "index.html").read_bytes()
    (tmp_path / "docs" / "es" / "practices" / "links.md").write_text(
        body('<p onclick="alert(1)">Hola</p>'), encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path, {})
    assert ("docs/es/practices/links.md:14: attribute onclick= on <p> is not allowed in articles; it is removed"
            in caplog.text)
    assert "1 warning in strict mode: the previous site is left as it was" in caplog.text
    assert (site / "es" / "practices" / "links" / "index.html").read_bytes() == before
    caplog.clear()
    site = build_site(tmp_path, {}, strict=False)  # not strict: published, without the attribute
    paragraph = (site / "es" / "practices" / "links" / "index.html").read_text(encoding="utf-8")
    assert "<p>Hola</p>" in paragraph and "onclick" not in paragraph


# --- the build: configuration and environment ----------------------------------------

def test_a_failing_language_in_a_parallel_part_stops_the_build(tmp_path, caplog, monkeypatch):
    """A child build's error reaches the log with its languages, then one sentence."""
    (tmp_path / "hook.py").write_text(
        "from mkdocs.exceptions import PluginError\n"
        "def on_page_markdown(markdown, page, config, files):\n"
        "    if page.file.src_uri.startswith('pl/'):\n"
        "        raise PluginError('the test fails the Polish build')\n"
        "    return markdown\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path, linked_tree(), env={"KB_PROCESSES": "2"}, hooks=[str(tmp_path / "hook.py")])
    assert "[es, pl] the test fails the Polish build" in caplog.text
    assert "the build of es, pl failed (its messages are above)" in caplog.text
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("plugin", ["kbforge/reviews", "kbforge/feedback"])
def test_a_bad_day_to_measure_against_stops_the_build(tmp_path, caplog, plugin):
    path = project_config(tmp_path, plugins=["kbforge/catalog", I18N, {plugin: {"today": "bad"}}])
    write_tree(tmp_path / "docs", minimal_tree(["vi", "nb"]))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(load_config(str(path)))
    assert f"{plugin}: today: 'bad' is not a YYYY-MM-DD date" in caplog.text


def test_a_bad_ticket_pattern_is_named(tmp_path, caplog):
    tickets = [{"pattern": "INC-(", "url": "https://t.example/{ticket}"}]
    path = project_config(tmp_path, plugins=["kbforge/catalog", I18N, {"kbforge/links": {"tickets": tickets}}])
    write_tree(tmp_path / "docs", minimal_tree(["vi", "nb"]))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(load_config(str(path)))
    assert "mkdocs.yml:1: kbforge/links: tickets pattern 'INC-(': missing ), unterminated subpattern at position 4" in caplog.text


def test_a_search_index_that_cannot_be_written(tmp_path, caplog):
    files = minimal_tree()
    files["vi/kbsearch"] = "a file where the search index goes\n"  # the staff site copies every file
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, files, env=STAFF)
    assert "search index failed: vi: " in caplog.text
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("plugins, message", [
    ([I18N, "kbforge/languages"], "the 'kbforge/catalog' plugin must be enabled before this one"),
    (["kbforge/catalog"], "kbforge plugins need the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml"),
])
def test_a_configuration_without_the_plugins_it_needs(tmp_path, caplog, plugins, message):
    write_tree(tmp_path / "docs", minimal_tree(["vi", "nb"]))
    config = load_config(str(project_config(tmp_path, plugins=plugins)))
    with caplog.at_level(logging.ERROR), pytest.raises((Abort, PluginError)) as info:
        build(config)
    assert message in caplog.text or message in str(info.value)


@pytest.mark.parametrize("where, message", [
    ("file/site", "cannot create {tmp}/file for the site: File exists"),
    ("file", "cannot write the site: {tmp}/file is a file, not a folder"),
])
def test_a_destination_that_is_a_file(tmp_path, caplog, where, message):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, minimal_tree(), site_dir=str(tmp_path / where))
    assert message.format(tmp=tmp_path) in caplog.text
    assert (tmp_path / "file").read_text(encoding="utf-8") == "not a folder"


def test_a_build_that_waits_too_long_for_the_lock(tmp_path):
    site = tmp_path / "site"
    with open(tmp_path / ".kbforge-site.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(PluginError) as info:
            Destination(str(site), wait=0.3).open()
    assert str(info.value) == (f"another build is still writing {site} after 0 s; stop it or build elsewhere (-d)")
    assert [p.name for p in tmp_path.iterdir()] == [".kbforge-site.lock"]


def test_no_room_next_to_the_site(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr("tempfile.mkdtemp", full)
    with pytest.raises(PluginError) as info:
        Destination(str(tmp_path / "site")).open()
    assert str(info.value) == f"cannot write next to the site ({tmp_path}): No space left on device"
    with open(tmp_path / ".kbforge-site.lock", "a+") as lock:  # released
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_a_site_that_cannot_be_swapped_in_is_put_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    destination = Destination(str(site))
    staging = destination.open()
    (tmp_path / staging / "new.html").write_text("new", encoding="utf-8")
    real_rename, calls = os.rename, []

    def rename(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the finished site into place
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real_rename(src, dst)
    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(PluginError) as info:
        destination.swap()
    assert str(info.value) == f"cannot replace the site {site}: Invalid cross-device link"
    assert [p.name for p in site.iterdir()] == ["old.html"]  # the old site is back
    assert [p.name for p in tmp_path.iterdir() if p.name != ".kbforge-site.lock"] == ["site"]


# --- the command line ----------------------------------------------------------------

def cli(tmp_path, *args, files=None):
    write_tree(tmp_path / "docs", files or linked_tree())
    config = project_config(tmp_path)
    return subprocess.run([sys.executable, "-m", "kbforge", *args[:1], "-f", str(config), *args[1:]],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.mark.parametrize("args, message", [
    (("reviews", "--today", "bad"), "--today: 'bad' is not a YYYY-MM-DD date"),
    (("translations", "--fail-on", "stale"),
     "--fail-on: unknown status stale (choose from missing, outdated, inconsistent, untracked)"),
    (("consistency", "--fail-on", "colour"),
     "--fail-on: unknown kind colour (choose from any, section, heading, number, time, phone, email, url, link, "
     "ticket, fact, steps, questions)"),
    (("consistency", "--lang", "de"), "--lang: unknown language 'de' (configured: vi, nb, es, pl)"),
    (("translations", "--stamp", "docs/nb/index.md"), "docs/nb/index.md: not an article of this knowledge base"),
    (("translations", "--stamp", "docs/vi/practices/links.md"),
     "docs/vi/practices/links.md: this is the original of KB-0003; only translations are stamped"),
])
def test_command_errors_are_one_line_with_exit_status_2(tmp_path, args, message):
    result = cli(tmp_path, *args)
    assert (result.returncode, result.stderr) == (2, message + "\n")


def test_command_without_a_config_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kbforge", "reviews", "-f", str(tmp_path / "nope.yml")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"{tmp_path}/nope.yml: no such file (use -f to name mkdocs.yml)\n")


def test_command_reports_every_content_error_and_exits_2(tmp_path):
    files = linked_tree()
    files["nb/practices/links.md"] = body("[x](kb:KB-0404)")
    files["es/index.md"] = landing("Inicio").replace("title:", "id: KB-0001\ntitle:")
    result = cli(tmp_path, "translations", files=files)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "docs/es/index.md:2: unknown field 'id' (allowed: title, summary)",
        "docs/nb/practices/links.md:14: link to unknown article id 'KB-0404' (or its file could not be read: see above)",
    ]
