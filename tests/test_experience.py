"""The self-service experience on the shipped knowledge base, in every language."""

from __future__ import annotations

import io
import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from htmlread import page
from kbforge.content import load_catalog
from sitebuild import LANGS, PROJECT
from test_search import search

PAGES = {  # page type -> path below the language folder
    "home": "",
    "practice": "practices/incident-management/",
    "runbook": "runbooks/billing-dispute/",
    "faq": "faq/billing-payment/",
    "404": "no-such-page/",
}
SEARCH_WORD = {"vi": "hóa đơn", "nb": "faktura", "es": "factura", "pl": "faktura"}
NOT_FOUND = {"vi": "Không tìm thấy trang", "nb": "Fant ikke siden", "es": "Página no encontrada", "pl": "Nie znaleziono strony"}
MONTHS = {  # how each language writes a date in full ("long"): the month's name, in Polish its genitive
    "nb": "januar februar mars april mai juni juli august september oktober november desember".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
}


def written_date(day, lang: str) -> str:
    if lang == "vi":
        return f"{day.day} tháng {day.month}, {day.year}"
    month = MONTHS[lang][day.month - 1]
    return {"nb": f"{day.day}. {month} {day.year}", "es": f"{day.day} de {month} de {day.year}",
            "pl": f"{day.day} {month} {day.year}"}[lang]


def shipped_entry(lang, path):
    catalog = load_catalog(str(PROJECT / "docs"), LANGS, "vi", shown_base=str(PROJECT), collect=True)
    return catalog.at(lang, path)


# --- built HTML -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_faq_pages_have_valid_faqpage_data(shipped, lang):
    doc = page(shipped[1], f"{lang}/faq/billing-payment/")
    data = json.loads(doc.cssselect('script[type="application/ld+json"]')[0].text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert data["inLanguage"] == lang
    questions = doc.cssselect("details.kb-faq")
    assert len(data["mainEntity"]) == len(questions) >= 6
    for item, details in zip(data["mainEntity"], questions):
        assert item["@type"] == "Question" and item["name"].endswith("?")
        assert item["acceptedAnswer"]["@type"] == "Answer" and len(item["acceptedAnswer"]["text"]) > 20
        assert details.cssselect("summary > h2, summary > h3")[0].get("id").startswith("q-")  # level set by the page's outline
        assert "¶" not in item["name"]


@pytest.mark.parametrize("lang", LANGS)
def test_runbooks_have_howto_data_and_checkboxes(shipped, lang):
    doc = page(shipped[1], f"{lang}/runbooks/billing-dispute/")
    data = json.loads(doc.cssselect('script[type="application/ld+json"]')[0].text)
    assert data["@type"] == "HowTo" and data["name"] == doc.cssselect("article h1")[0].text_content()
    steps = doc.cssselect("ol.kb-steps > li")
    assert [s["position"] for s in data["step"]] == list(range(1, len(steps) + 1))
    assert all(s["@type"] == "HowToStep" and s["text"] for s in data["step"])
    assert all(li.cssselect("input.kb-step-check") for li in steps)


@pytest.mark.parametrize("lang", LANGS)
def test_article_facts(shipped, lang):
    doc = page(shipped[1], f"{lang}/runbooks/billing-dispute/")
    facts = doc.cssselect(".kb-facts")[0]
    reviewed = shipped_entry(lang, "runbooks/billing-dispute.md").reviewed
    time = facts.cssselect("time")[0]
    assert time.get("datetime") == reviewed.isoformat()
    assert time.text == written_date(reviewed, lang)  # the whole date, as the language writes it
    tag = facts.cssselect("a.kb-tag")[0]
    tag_page = page(shipped[1], posixpath_join(f"{lang}/runbooks/billing-dispute/", tag.get("href")))
    assert doc.cssselect("article h1")[0].text_content() in tag_page.cssselect("article")[0].text_content()
    assert not facts.text_content().count("billing")  # the owner is for staff only


def posixpath_join(here, href):
    import posixpath
    return posixpath.normpath(posixpath.join(here, href)) + "/"


# --- in the browser -----------------------------------------------------------------



@pytest.fixture
def open_page(shipped, context_factory):
    def go(lang, path, **kwargs):
        p = context_factory([lang], **kwargs).new_page()
        p.goto(f"{shipped[0]}/{lang}/{path}")
        return p
    return go


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_home_search_and_entry_points(open_page, lang):
    p = open_page(lang, "")
    p.locator(".kb-home-search__input").fill(SEARCH_WORD[lang])
    p.wait_for_function("q => document.querySelector('.kb-search .md-search-result__meta').dataset.query === q",
                        arg=SEARCH_WORD[lang])
    assert p.locator(".kb-search .md-search-result__item").count() >= 3
    assert p.locator(".kb-sections li").count() == 3  # practices, runbooks, FAQ (onboarding is for staff)
    assert p.locator(".kb-popular li").count() == 5
    assert p.locator(".kb-contact a[href^='tel:']").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_runbook_checkboxes_survive_a_reload_and_reset(open_page, lang):
    p = open_page(lang, PAGES["runbook"])
    boxes = p.locator("ol.kb-steps > li > input.kb-step-check")
    boxes.nth(0).check()
    boxes.nth(2).check()
    p.reload()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    p.locator(".kb-steps-reset").click()
    p.reload()
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_runbook_steps_with_the_keyboard_alone(open_page, lang):
    p = open_page(lang, PAGES["runbook"])
    for _ in range(120):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.matches('input.kb-step-check')"):
            break
    p.keyboard.press("Space")
    assert p.locator("ol.kb-steps > li > input.kb-step-check").first.is_checked()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_faq_anchor_opens_its_question(open_page, lang):
    p = open_page(lang, PAGES["faq"] + "#q-credit-note")
    opened = p.locator("details.kb-faq[open]")
    opened.first.wait_for()
    assert opened.count() == 1 and opened.locator("summary > [id^='q-']").get_attribute("id") == "q-credit-note"
    p.locator("details.kb-faq summary").first.click()  # the others expand on demand
    assert p.locator("details.kb-faq[open]").count() == 2


# "Was this helpful?" is tested with the feedback service in test_feedback_site.py.


def show(p, kind, lang, base):
    """Open the page of one type; for search, type a query and show the results."""
    if kind == "search":
        p.goto(f"{base}/{lang}/")
        search(p, SEARCH_WORD[lang])
    else:
        p.goto(f"{base}/{lang}/{PAGES[kind]}")
    p.wait_for_load_state("networkidle")


def expected_heading(kind, lang):
    """The h1 each page type shows: its title from the content, or the 404 text."""
    if kind == "404":
        return NOT_FOUND[lang]
    if kind == "search":
        return None
    return shipped_entry(lang, (PAGES[kind] or "index/").rstrip("/") + ".md").title


def not_blank(png: bytes) -> None:
    """The screenshot shows a page: many colours, none of them almost everywhere."""
    from PIL import Image
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    most = max(count for count, _ in colours)
    assert len(colours) > 50 and most < 0.97 * image.width * image.height, (len(colours), most)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", [*PAGES, "search"])
def test_accessibility_and_screenshots(shipped, context_factory, artifacts, lang, kind):
    p = context_factory([lang], viewport={"width": 1280, "height": 900}).new_page()
    show(p, kind, lang, shipped[0])
    assert p.locator("html").get_attribute("lang") == lang
    heading = expected_heading(kind, lang)
    if heading is None:  # search: results for the query are on screen
        assert p.locator(".kb-search .md-search-result__item").first.is_visible()
    else:
        assert p.locator("article h1").first.inner_text() == heading
    results = Axe().run(p)
    serious = [f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    shot = artifacts / "screenshots" / f"{lang}-{kind}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    p.screenshot(path=str(shot), full_page=kind != "search")
    not_blank(shot.read_bytes())
    assert serious == []
