"""Content never runs script (issue 14): a tree seeded with script in every value
a writer controls, built as both sites; every page type is opened in Chromium
in every language, and any dialog fails the test. The HTML of every page is
checked too. (A Markdown ``[x](javascript:...)`` link stops the build:
test_errors.)"""

from __future__ import annotations

import json
import logging
import textwrap
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from conftest import serve_built
from sitebuild import LANGS, minimal_tree

pytestmark = pytest.mark.browser

# Each payload calls alert() with its own number if it ever runs.
TITLE = 'Payload "><img src=x onerror=alert(1)></script><script>alert(2)</script>'
SUMMARY = "Summary </script><script>alert(3)</script> \"'><svg onload=alert(4)>"
TAG = "<img src=x onerror=alert(5)>"
DEFINITION = "Definition </script><script>alert(6)</script><img src=x onerror=alert(7)>"
ALSO = "<b onmouseover=alert(8)>also</b>"
AVOID = "</script><script>alert(9)</script>"
PATH_TITLE = "Day <img src=x onerror=alert(10)>"


def front(**fields) -> str:
    """Front matter written by a YAML library, so that any value is valid YAML."""
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n"


def meta(article_id, kind, **extra):
    return dict(id=article_id, title=f"{TITLE} {kind}", type=kind if kind != "archived" else "practice",
                audience="public", tags=[TAG, "xss"], owner=f"team{TAG}", reviewed="2026-01-05",
                summary=SUMMARY, **extra)


PRACTICE = textwrap.dedent("""\
    ## Raw HTML {#raw}

    <script>alert(11)</script>

    <p onclick="alert(12)" onmouseover="alert(13)">Click or hover me.</p>

    Inline <span onmouseover="alert(14)">hover</span> and `</script><script>alert(15)</script>` in code.

    See [the runbook](kb:KB-0502) and the glossary term incident.
""")
RUNBOOK = textwrap.dedent("""\
    ## Steps {#steps}

    1. Type &lt;/script&gt;&lt;script&gt;alert(16)&lt;/script&gt; into the form.
    2. Then `</script><script>alert(17)</script>` as code.
    3. Done.
""")
FAQ = textwrap.dedent("""\
    ### Why &lt;/script&gt;&lt;script&gt;alert(18)&lt;/script&gt;? {#q-why}

    Because &lt;/script&gt;&lt;script&gt;alert(19)&lt;/script&gt; and `</script><script>alert(20)</script>`.

    ### And &lt;img src=x onerror=alert(21)&gt;? {#q-and}

    Answer.
""")


def hostile_tree():
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/hostile.md"] = front(**meta("KB-0501", "practice", aliases=["practices/old-hostile/"])) + PRACTICE
        files[f"{lang}/runbooks/index.md"] = front(title=f"Runbooks {TITLE}")
        files[f"{lang}/runbooks/steps.md"] = front(**meta("KB-0502", "runbook")) + RUNBOOK
        files[f"{lang}/faq/index.md"] = front(title="FAQ")
        files[f"{lang}/faq/why.md"] = front(**meta("KB-0503", "faq")) + FAQ
        files[f"{lang}/glossary.md"] = front(**meta("KB-0504", "glossary")) + "## Terms\n"
        files[f"{lang}/practices/gone.md"] = front(**meta("KB-0505", "archived", state="archived")) + "Old.\n"
        files[f"{lang}/onboarding/index.md"] = front(title="Onboarding")
        files[f"{lang}/onboarding/path.md"] = front(**{**meta("KB-0506", "guide"), "audience": "internal"}) + "Start.\n"
        files[f"{lang}/glossary.yml"] = yaml.safe_dump(
            {"incident": {"term": "incident", "definition": DEFINITION, "also": [ALSO], "avoid": [AVOID]}},
            allow_unicode=True)
    files["paths.yml"] = yaml.safe_dump({"first-week": {"page": "KB-0506", "groups": [
        {"title": {lang: PATH_TITLE for lang in LANGS}, "steps": ["KB-0501", "KB-0502"]}]}}, allow_unicode=True)
    return files


class Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def served_site(tmp_path_factory, name, env):
    handler = Messages()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        server, url = serve_built(tmp_path_factory.mktemp(name), hostile_tree(), strict=False,
                                  env={"KB_TODAY": "2026-11-26", **env})
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return server, url, handler.messages


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    server, url, messages = served_site(tmp_path_factory, "xss-public", {})
    yield url, messages
    server.shutdown()


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    server, url, messages = served_site(tmp_path_factory, "xss-staff", {"KB_SITE": "staff"})
    yield url, messages
    server.shutdown()


PAGES = {  # page type -> path below the language folder (both sites)
    "home": "", "section": "practices/", "practice": "practices/hostile/", "runbook": "runbooks/steps/",
    "faq": "faq/why/", "glossary": "glossary/", "redirect": "practices/old-hostile/", "404": "no-such-page/",
}
STAFF_PAGES = {"translations": "translations/", "reviews": "reviews/", "path": "onboarding/path/"}
PUBLIC_PAGES = {"archived": "practices/gone/"}


def visit_everything(context, base, pages, lang):
    """Open each page, the tag page and the permalink page, hover and click what
    the payloads hid behind events, and search; returns the dialogs seen."""
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(f"{dialog.message} on {dialog.page.url}"), dialog.dismiss()))
    page = context.new_page()
    for kind, path in pages.items():
        page.goto(f"{base}/{lang}/{path}", wait_until="load")
        assert page.locator("html").get_attribute("lang") in (lang, "mul"), kind
    page.goto(f"{base}/{lang}/practices/hostile/", wait_until="load")
    assert TITLE in page.locator("article h1").inner_text()  # the payload is shown as text
    for selector in ("article p:has-text('Click or hover me.')", "article span:has-text('hover')"):
        page.locator(selector).first.hover()
        page.locator(selector).first.click()
    tag = page.locator("a.kb-tag").first
    tag_href = tag.get_attribute("href")
    tag.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.startswith(f"/{lang}/tags/"), tag_href
    page.goto(f"{base}/go/KB-0501/?lang={lang}")
    page.wait_for_url(f"**/{lang}/practices/hostile/")
    page.goto(f"{base}/{lang}/")
    page.locator(".kb-search input").fill("Payload")
    page.wait_for_function("() => document.querySelectorAll('.kb-search .md-search-result__item').length > 0")
    page.locator(".kb-search .md-search-result__item").first.hover()
    page.goto(f"{base}/{lang}/glossary/", wait_until="load")
    assert DEFINITION in page.locator("article").inner_text()
    page.close()
    return dialogs


@pytest.mark.parametrize("lang", ["vi", "pl"])  # its pages are the staff site's less some; the HTML check reads all
def test_no_page_of_the_customer_site_runs_content(public, context_factory, lang):
    url, _ = public
    assert visit_everything(context_factory([lang]), url, {**PAGES, **PUBLIC_PAGES}, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_of_the_staff_site_runs_content(staff, context_factory, lang):
    url, _ = staff
    assert visit_everything(context_factory([lang]), url, {**PAGES, **STAFF_PAGES}, lang) == []


def test_raw_script_and_event_attributes_are_removed_with_a_warning(public):
    _, messages = public
    text = hostile_tree()["pl/practices/hostile.md"].split("\n")
    line = {needle: next(n for n, l in enumerate(text, start=1) if needle in l)
            for needle in ("<script>alert(11)", "<p onclick", "<span onmouseover")}
    for lang in LANGS:
        shown = f"kbforge: docs/{lang}/practices/hostile.md"  # as MkDocs shows a plugin's warning
        assert (f"{shown}:{line['<script>alert(11)']}: HTML element <script> is not allowed in articles; "
                "it is removed with its content") in messages
        assert f"{shown}:{line['<p onclick']}: attribute onclick= on <p> is not allowed in articles; it is removed" in messages
        assert f"{shown}:{line['<p onclick']}: attribute onmouseover= on <p> is not allowed in articles; it is removed" in messages
        assert (f"{shown}:{line['<span onmouseover']}: attribute onmouseover= on <span> is not allowed in articles; "
                "it is removed") in messages


@pytest.mark.parametrize("which", ["public", "staff"])
def test_no_html_file_carries_script_from_content(request, tmp_path_factory, which):
    """Every page, parsed: no script element runs a payload, no event attribute or
    javascript: URL survives, and JSON-LD is valid JSON that cannot close its element."""
    url, _ = request.getfixturevalue(which)
    folder = next(p for p in tmp_path_factory.getbasetemp().glob(f"xss-{which}*/site"))
    checked = 0
    for path in folder.rglob("*.html"):
        doc = lxml_html.fromstring(path.read_bytes())
        for script in doc.iter("script"):
            text = script.text or ""
            if script.get("type") == "application/ld+json":
                data = json.loads(text)
                assert "</script" not in text.lower() and data["@context"] == "https://schema.org"
            else:
                assert "alert(" not in text, path
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for name, value in el.attrib.items():
                assert not (name.lower().startswith("on") and "alert" in value), (path, el.tag, name)
                if name in ("href", "src"):
                    assert not value.strip().lower().startswith("javascript:"), (path, value)
            assert not (el.tag in ("img", "svg") and el.get("src") == "x"), (path, lxml_html.tostring(el))
        checked += 1
    assert checked > 60
