"""Links are found on the Markdown parse (issue 13): a ``kb:`` link in code is
text, and a ``kb:`` link written as raw HTML is checked and rewritten."""

from __future__ import annotations

import logging
import posixpath

import pytest
from mkdocs.exceptions import Abort

from htmlread import page
from kbforge.content import ContentErrors, load_catalog
from sitebuild import LANGS, article, build_site, linked_tree, write_tree

CODE_BODY = """\
## Examples {#examples}

Indented code:

    See [the missing one](kb:KB-0999) here.

A fence of four backticks around one of three:

````markdown
```
Then [another](kb:KB-0998).
```
````

Inline: `[x](kb:KB-0997)`.
"""

RAW_BODY = """\
Intro.

Inline <a href="kb:KB-0001#steps" class="raw">the steps</a> in a sentence.

<div class="note">
<p>Block <a href="kb:KB-0002">the extra one</a>.</p>
</div>
"""


def code_tree():
    files = linked_tree()
    for lang in LANGS:
        files[f"{lang}/practices/code.md"] = article("KB-0005", f"Code {lang}", body=CODE_BODY)
        files[f"{lang}/practices/raw.md"] = article("KB-0006", f"Raw {lang}", body=RAW_BODY)
    return files


@pytest.fixture(scope="module")
def code_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("code"), code_tree())


@pytest.mark.parametrize("lang", LANGS)
def test_kb_links_in_code_are_text(code_site, lang):
    doc = page(code_site, f"{lang}/practices/code/")
    blocks = [pre.text_content() for pre in doc.cssselect("article pre")]
    assert any("See [the missing one](kb:KB-0999) here." in b for b in blocks), blocks
    assert any("Then [another](kb:KB-0998)." in b for b in blocks), blocks
    assert "[x](kb:KB-0997)" in [c.text_content() for c in doc.cssselect("article p code")]
    hrefs = [a.get("href") for a in doc.cssselect("article a")]
    assert not [h for h in hrefs if "KB-099" in h]


@pytest.mark.parametrize("lang", LANGS)
def test_raw_html_kb_links_are_rewritten(code_site, lang):
    here = f"{lang}/practices/raw/"
    doc = page(code_site, here)
    inline = doc.cssselect("article a.raw")[0]
    assert inline.text == "the steps"
    href = inline.get("href")
    assert href.endswith("#steps")
    assert posixpath.normpath(posixpath.join(here, href.split("#")[0])) == f"{lang}/practices/service"
    block = [a for a in doc.cssselect("article div.note a")][0]
    assert posixpath.normpath(posixpath.join(here, block.get("href"))) == f"{lang}/practices/extra"
    assert (block.get("hreflang") == "vi") is (lang in ("es", "pl"))  # KB-0002 is in vi and nb only
    assert not [a for a in doc.cssselect("a") if (a.get("href") or "").startswith("kb:")]


def test_raw_html_kb_link_to_an_unknown_id_names_file_and_line(tmp_path):
    files = code_tree()
    files["nb/practices/raw.md"] = article("KB-0006", "Raw", body='Intro.\n\nSee <a href="kb:KB-0404">this</a>.\n')
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert [str(e) for e in info.value.errors] == [
        "docs/nb/practices/raw.md:14: link to unknown article id 'KB-0404'"]


def test_raw_html_kb_link_to_an_unknown_id_stops_the_build(tmp_path, caplog):
    files = code_tree()
    files["pl/practices/raw.md"] = article("KB-0006", "Raw", body='Intro.\n\n<p><a href="kb:KB-0404">x</a></p>\n')
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, files)
    assert "docs/pl/practices/raw.md:14: link to unknown article id 'KB-0404'" in caplog.text
