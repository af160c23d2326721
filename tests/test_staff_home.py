"""The staff site (issue 18), in every language: a home page that starts with
what staff come for, a translation status that reads at a glance, and a link
for the customer that is the customer site's permalink, in the customer's
language, to a section, saying where it opens. Plus the keyboard-free checks
every page type gets: no request to another host, no overflow at 390 px,
axe-core and the Nu HTML Checker, and screenshots."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serve
from htmlread import page as read_page
from sitebuild import LANGS, build_site
from uikit import (SIZES, shipped_docs_with_a_gap, STAFF_PAGES, Requests, axe_violations, overflow, shot, stock_errors, vnu)

STAFF_URL = "https://staff.help.nordlys.example/"
CUSTOMER_URL = "https://help.nordlys.example/"


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    """The shipped docs (less two translations: uikit.shipped_docs_with_a_gap) as the
    staff site, built for the staff host, served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("staff")
    server, url = serve(tmp / "site")
    site = build_site(tmp, {}, env={"KB_UPDATE_LEDGER": "false", "KB_SITE": "staff", "KB_TODAY": "2027-06-01",
                                    "KB_CUSTOMER_URL": CUSTOMER_URL},
                      docs_dir=shipped_docs_with_a_gap(tmp), site_url=STAFF_URL)
    yield url, site
    server.shutdown()


# --- built HTML -----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_staff_home_starts_with_onboarding_and_the_staff_pages(staff, lang):
    doc = read_page(staff[1], f"{lang}/")
    article = doc.cssselect("article")[0]
    first = article.cssselect("h2")[0]
    assert first.get("id") == "staff-start"
    path = doc.cssselect(".kb-staff-path")[0]
    steps = json.loads(path.get("data-steps"))
    assert len(steps) >= 20 and all(s["href"] and s["title"] for s in steps)
    assert path.cssselect("a.kb-staff-path__link")[0].get("href") == "onboarding/first-week-service-desk/"
    links = {a.get("href") for a in doc.cssselect(".kb-staff-links a")}
    assert {"translations/", "reviews/", "tags/", "glossary/"} <= links
    for href in links:
        assert (staff[1] / lang / href / "index.html").exists(), href


@pytest.mark.parametrize("lang", LANGS)
def test_status_table_names_articles_and_flags_rows_without_colour_alone(staff, lang):
    doc = read_page(staff[1], f"{lang}/translations/")
    rows = doc.cssselect("table.kb-status-table tbody tr")
    assert rows
    for row in rows:
        head = row.cssselect("th")[0]
        assert head.cssselect("a") and head.cssselect("a")[0].text_content().strip()  # a title, not only an id
        states = [td.get("class").split("kb-status--")[1] for td in row.cssselect("td")]
        flagged = bool(head.cssselect(".kb-status-flag"))
        assert flagged == any(s in ("missing", "outdated", "inconsistent") for s in states)
        for td in row.cssselect("td"):
            assert td.cssselect(".kb-status-symbol")[0].text_content().strip()  # a symbol in every cell


# --- in the browser ------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_staff_home_shows_onboarding_progress(staff, context_factory, lang):
    p = context_factory([lang]).new_page()
    p.goto(f"{staff[0]}/{lang}/onboarding/first-week-service-desk/")
    p.locator(".kb-step input").nth(0).check()
    p.locator(".kb-step input").nth(1).check()
    p.goto(f"{staff[0]}/{lang}/")
    p.wait_for_load_state("networkidle")
    assert p.locator(".kb-staff-path__bar").evaluate("b => b.value") == 2
    text = p.locator(".kb-staff-path__progress").inner_text()
    assert "2" in text and "{done}" not in text
    steps = json.loads(p.locator(".kb-staff-path").get_attribute("data-steps"))
    assert p.locator(".kb-staff-path__next a").inner_text() == steps[2]["title"]


def _expected_copy(staff_site: Path, customer_lang: str, section: str | None) -> str:
    doc = read_page(staff_site, f"{customer_lang}/runbooks/billing-dispute/")
    title = doc.cssselect("article h1")[0].text_content().strip()
    url = f"{CUSTOMER_URL}go/KB-0101/?lang={customer_lang}"
    if section:
        heading = doc.cssselect(f"#{section}")[0]
        for link in heading.cssselect("a.headerlink"):
            link.drop_tree()
        title += " – " + heading.text_content().strip()
        url += "#" + section
    return f"{title}\n{url}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_link_for_the_customer_in_their_language_and_section(staff, context_factory, lang):
    context = context_factory([lang])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=staff[0])
    p = context.new_page()
    p.goto(f"{staff[0]}/{lang}/runbooks/billing-dispute/")
    assert p.locator(".kb-share select.kb-share__lang").input_value() == lang  # the page's language first
    p.locator(".kb-share summary").click()
    customer = LANGS[(LANGS.index(lang) + 1) % len(LANGS)]
    p.locator(".kb-share select.kb-share__lang").select_option(customer)
    p.locator(".kb-share select.kb-share__section").select_option("steps")
    opens = p.locator(".kb-share__opens").inner_text()
    assert opens and "{" not in opens
    p.locator(".kb-share button[data-kb-copy='text']").click()
    p.wait_for_function("() => document.querySelector('.kb-copied').textContent !== ''")
    copied = p.evaluate("navigator.clipboard.readText()")
    assert copied == _expected_copy(staff[1], customer, "steps")
    assert urlsplit(copied.splitlines()[1]).hostname == urlsplit(CUSTOMER_URL).hostname  # not the staff host
    p.locator(".kb-share select.kb-share__section").select_option("")
    p.locator(".kb-share button[data-kb-copy='markdown']").click()
    title, url = _expected_copy(staff[1], customer, None).split("\n")
    p.wait_for_function("t => navigator.clipboard.readText().then(x => x === t)", arg=f"[{title}]({url})")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_link_for_the_customer_says_which_language_opens(staff, context_factory, lang):
    """In the staff fixture KB-0015 is in vi and nb only: for es and pl the link opens the
    customer site's page in that language with the original text, and says so."""
    p = context_factory([lang]).new_page()
    p.goto(f"{staff[0]}/{lang}/practices/customer-satisfaction/")
    p.locator(".kb-share summary").click()
    notes = {}
    for customer in LANGS:
        p.locator(".kb-share select.kb-share__lang").select_option(customer)
        notes[customer] = p.locator(".kb-share__opens").inner_text()
        assert p.locator(".kb-share__url").inner_text().endswith(f"?lang={customer}")
    assert notes["es"] != notes["nb"] and notes["pl"] != notes["vi"]
    assert len(set(notes.values())) == len(LANGS)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_staff_site(staff, context_factory, lang):
    context = context_factory([lang])
    requests = Requests(context, staff[0])
    p = context.new_page()
    for rel in STAFF_PAGES.values():
        p.goto(f"{staff[0]}/{lang}/{rel}", wait_until="networkidle")
    assert len(requests.all) > 10
    assert requests.outside() == []
    assert requests.failed == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_status_page_fits_390px_and_its_table_scrolls_inside(staff, context_factory, lang):
    p = context_factory([lang], viewport=SIZES["mobile"]).new_page()
    p.goto(f"{staff[0]}/{lang}/translations/", wait_until="networkidle")
    assert overflow(p) == 0
    region = p.locator(".kb-table-scroll[role=region]")
    assert region.get_attribute("aria-label") and region.get_attribute("tabindex") == "0"
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # the table scrolls in its region
    region.evaluate("r => r.scrollLeft = r.scrollWidth")
    last = p.locator("table.kb-status-table thead th").last
    box = last.bounding_box()
    assert box["x"] + box["width"] <= 390 + 1  # the last language column can be reached


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", STAFF_PAGES)
def test_staff_pages_axe_and_screenshots(staff, context_factory, lang, kind):
    violations = []
    for size in SIZES:
        p = context_factory([lang], viewport=SIZES[size]).new_page()
        p.goto(f"{staff[0]}/{lang}/{STAFF_PAGES[kind]}", wait_until="networkidle")
        if kind == "staff-article":
            p.locator(".kb-share summary").click()
        violations += [f"{size}: {v}" for v in axe_violations(p)]
        assert shot(p, lang, kind, size, site="staff").stat().st_size > 5_000
        p.close()
    assert violations == []


def test_vnu_finds_no_error_the_stock_theme_does_not_make_on_staff_pages(staff, tmp_path):
    site = staff[1]
    files = [site / lang / rel / "index.html" for lang in LANGS for rel in STAFF_PAGES.values()]
    stock = stock_errors(tmp_path)
    found = vnu(files)
    extra = {f"{Path(f).relative_to(site)}: {m}" for f, messages in found.items() for m in messages if m not in stock}
    assert sorted(extra) == []


@pytest.mark.parametrize("lang", LANGS)
def test_owner_is_shown_as_the_teams_name(staff, lang):
    from kbforge import strings

    facts = read_page(staff[1], f"{lang}/runbooks/billing-dispute/").cssselect(".kb-facts")[0].text_content()
    assert strings.for_language(lang)["team_billing"] in facts and ": billing" not in facts


@pytest.mark.parametrize("lang", LANGS)
def test_writers_avoid_words_are_for_staff_only(staff, lang):
    """The glossary's "avoid" words are shown to staff (the customer site's test shows they are not there)."""
    assert read_page(staff[1], f"{lang}/glossary/").cssselect(".kb-term-avoid del")
