"""The customer site as a customer meets it (issue 18), in every language: nothing
meant for staff, honest fallbacks, the language's alphabetical order, no request
to another host, the keyboard, a 390 px screen, the home page, axe-core and the
Nu HTML Checker. Built from small trees for what needs exact content, and from
the shipped docs (served on 127.0.0.1 with the public site URL, as on the real
host) for what a customer sees."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import serve
from htmlread import page as read_page
from sitebuild import LANGS, article, build_site, landing, minimal_tree
from test_translations import stamped
from uikit import (CUSTOMER_PAGES, shipped_docs_with_a_gap, FALLBACK, SEARCH_WORD, SIZES, Requests, axe_violations, outline, overflow,
                   search, shot, stock_errors, visible_outline, vnu, wait_for_results)

PUBLIC_URL = "https://help.nordlys.example/"


@pytest.fixture(scope="module")
def customer(tmp_path_factory):
    """The shipped docs (less two translations: uikit.shipped_docs_with_a_gap) as the
    customer site, built for its public address and served on 127.0.0.1: a request
    for the public host is a request that leaves."""
    tmp = tmp_path_factory.mktemp("customer")
    server, url = serve(tmp / "site")
    site = build_site(tmp, {}, env={"KB_UPDATE_LEDGER": "false", "KB_SITE": "public"},
                      docs_dir=shipped_docs_with_a_gap(tmp), site_url=PUBLIC_URL)
    yield url, site
    server.shutdown()


# --- a small tree: fallbacks, counts, collation, tags -------------------------------

ORDER = {  # titles given in scrambled order; expected order by each language's alphabet
    "vi": ["Đơn hàng", "Dịch vụ", "Ăn uống", "An toàn", "Ưu tiên", "Uy tín"],
    "nb": ["Ære", "Zebra", "Åpning", "Øre", "Avtale", "Orden"],
    "es": ["Ñandú", "Nube", "Llave", "Lima", "Ocaso", "Chico"],
    "pl": ["Czynniki", "Części", "Łąka", "Lato", "Źródło", "Zadanie"],
}
EXPECTED = {
    "vi": ["An toàn", "Ăn uống", "Dịch vụ", "Đơn hàng", "Uy tín", "Ưu tiên"],
    "nb": ["Avtale", "Orden", "Zebra", "Ære", "Øre", "Åpning"],
    "es": ["Chico", "Lima", "Llave", "Nube", "Ñandú", "Ocaso"],
    "pl": ["Części", "Czynniki", "Lato", "Łąka", "Zadanie", "Źródło"],
}
VI_NAME = {"vi": "Tiếng Việt", "nb": "vietnamesisk", "es": "vietnamita", "pl": "wietnamski"}


def small_tree() -> dict[str, str]:
    files = minimal_tree()
    for lang in LANGS:
        for n, title in enumerate(ORDER[lang]):
            files[f"{lang}/guides/g{n}.md"] = article(f"KB-01{n:02d}", title, type="guide", tags=("alfa",),
                                                      summary=f"Summary {lang} {n}.")
        files[f"{lang}/guides/index.md"] = landing({"vi": "Hướng dẫn", "nb": "Veiledninger", "es": "Guías",
                                                    "pl": "Przewodniki"}[lang])
        # KB-0201 links to KB-0202: related to each other and linking; never listed twice
        files[f"{lang}/guides/linker.md"] = article(
            "KB-0201", f"Linker {lang}", type="guide", tags=("beta",), body="See [that](kb:KB-0202).\n")
        files[f"{lang}/guides/target.md"] = article("KB-0202", f"Target {lang}", type="guide", tags=("beta",))
        files[f"{lang}/guides/lonely.md"] = article("KB-0203", f"Lonely {lang}", type="guide", tags=("solo", "asked"))
    # KB-0300 only in Vietnamese (the original language): a fallback everywhere else
    files["vi/guides/only.md"] = article("KB-0300", "Chỉ có tiếng Việt", type="guide", tags=("alfa",),
                                         summary="Chỉ tiếng Việt.", body="See [that](kb:KB-0100).\n")
    # KB-0500: the Vietnamese original changed after nb, es and pl were translated (outdated)
    original = article("KB-0500", "Thay đổi", body="## Các bước {#steps}\n\nBước đầu.\n")
    files["vi/practices/changed.md"] = original.replace("Bước đầu.", "Bước đầu, rồi kiểm tra lại.")
    for lang, title in (("nb", "Endret"), ("es", "Cambiado"), ("pl", "Zmienione")):
        files[f"{lang}/practices/changed.md"] = stamped(original, article(
            "KB-0500", title, body="## Steg {#steps}\n\nFørste.\n" if lang == "nb" else "## Pasos {#steps}\n\nUno.\n"
            if lang == "es" else "## Kroki {#steps}\n\nPierwszy.\n"))
    # staff only: an onboarding section the customer site must not show at all
    for lang in LANGS:
        files[f"{lang}/onboarding/index.md"] = landing("Onboarding")
        files[f"{lang}/onboarding/week.md"] = article("KB-0400", f"Week {lang}", type="guide", audience="internal")
    return files


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("small")
    return build_site(tmp, small_tree(), env={"KB_UPDATE_LEDGER": "false"})


@pytest.mark.parametrize("lang", LANGS)
def test_listing_and_nav_follow_the_languages_alphabet(small, lang):
    doc = read_page(small, f"{lang}/guides/")
    titles = [a.text_content() for a in doc.cssselect(".kb-listing a")]
    assert [t for t in titles if t in EXPECTED[lang]] == EXPECTED[lang]
    nav = [a.text_content().strip() for a in read_page(small, f"{lang}/guides/g0/").cssselect(".kb-nav-local a")]
    assert [t for t in nav if t in EXPECTED[lang]] == EXPECTED[lang]


@pytest.mark.parametrize("lang", ["nb", "es", "pl"])
def test_fallback_entries_are_labelled_and_not_counted(small, lang):
    doc = read_page(small, f"{lang}/guides/")
    item = next(li for li in doc.cssselect(".kb-listing li") if "Chỉ có tiếng Việt" in li.text_content())
    assert item.cssselect("a")[0].get("hreflang") == "vi"
    assert item.cssselect(".kb-fallback-note")[0].text_content() == f"({VI_NAME[lang]})"
    home = read_page(small, f"{lang}/")
    card = next(li for li in home.cssselect(".kb-sections li") if "guides/" in li.cssselect("a")[0].get("href"))
    own = len(ORDER[lang]) + 3  # the fallback article is listed, not counted
    assert re.search(rf"\b{own}\b", card.cssselect(".kb-count")[0].text_content())
    nav = read_page(small, f"{lang}/guides/g0/")
    section = nav.cssselect(".kb-nav > ul > li.md-nav__item--active > a")[0]
    assert section.cssselect(".kb-nav-count")[0].text_content() == str(own)
    listed = next(a for a in nav.cssselect(".kb-nav-local a") if "Chỉ có tiếng Việt" in a.text_content())
    assert listed.cssselect(".kb-fallback-note")[0].text_content() == f"({VI_NAME[lang]})"


@pytest.mark.parametrize("lang", ["nb", "es", "pl"])
def test_fallback_page_links_related_in_the_readers_language_and_offers_languages(small, lang):
    doc = read_page(small, f"{lang}/guides/only/")
    related = doc.cssselect(".kb-related a")
    assert related and all(a.get("href").startswith("../") and not a.get("hreflang") for a in related)
    hrefs = {posixpath.normpath(posixpath.join(f"{lang}/guides/only/", a.get("href"))) for a in related}
    assert all(h.startswith(f"{lang}/") for h in hrefs)  # KB-0100 in the reader's language, not /vi/
    languages = {a.get("hreflang") for a in doc.cssselect(".kb-languages a")}
    assert languages == {"vi"}  # every other language it exists in
    notice = doc.cssselect(".kb-notice--missing")[0].text_content()
    assert "Tiếng Việt" not in notice or lang == "vi"  # the language is said in the reader's words


@pytest.mark.parametrize("lang", LANGS)
def test_related_and_linking_here_do_not_repeat_each_other(small, lang):
    doc = read_page(small, f"{lang}/guides/target/")
    related = {a.get("href") for a in doc.cssselect(".kb-related a")}
    linking = {a.get("href") for a in doc.cssselect(".kb-referenced-by a")}
    assert "../linker/" in related and not related & linking


@pytest.mark.parametrize("lang", LANGS)
def test_tag_index_and_pages_only_for_shared_or_asked_tags(small, lang):
    index = read_page(small, f"{lang}/tags/")
    names = [el.text_content() for el in index.cssselect(".kb-tag-name")]
    assert names == ["alfa", "asked", "beta", "demo", "solo"]
    assert (small / lang / "tags" / "alfa" / "index.html").exists()
    assert not (small / lang / "tags" / "solo").exists()  # one article: listed on the index only
    solo = index.cssselect("#tag-solo a")[0]
    assert solo.get("href") == "../guides/lonely/"
    chips = {a.text_content(): a.get("href") for a in read_page(small, f"{lang}/guides/lonely/").cssselect("a.kb-tag")}
    assert chips == {"solo": "../../tags/#tag-solo", "asked": "../../tags/#tag-asked"}
    assert read_page(small, f"{lang}/guides/target/").cssselect("a.kb-tag")[0].get("href") == "../../tags/beta/"


@pytest.mark.parametrize("lang", LANGS)
def test_a_writer_can_ask_for_the_page_of_a_one_article_tag(lang):
    from kbforge.content.catalog import load_catalog
    from kbforge.experience import tags

    tmp = Path(__import__("tempfile").mkdtemp())
    from sitebuild import write_tree
    write_tree(tmp / "docs", small_tree())
    catalog = load_catalog(str(tmp / "docs"), LANGS, "vi", "docs")
    plain = {p["tag"] for p in tags.tag_pages(catalog, lang)}
    asked = {p["tag"] for p in tags.tag_pages(catalog, lang, asked=frozenset({"asked"}))}
    assert "asked" not in plain and "solo" not in plain and "alfa" in plain
    assert asked - plain == {"asked"}


@pytest.mark.parametrize("lang", LANGS)
def test_no_staff_section_or_tooling_on_the_customer_site(small, lang):
    assert not (small / lang / "onboarding").exists()
    for rel in (f"{lang}/", f"{lang}/guides/", f"{lang}/guides/g0/", f"{lang}/404.html"):
        path = small / rel
        text = (path / "index.html" if path.is_dir() else path).read_text(encoding="utf-8")
        assert "onboarding" not in text
        assert "kb-share" not in text and "data-kb-copy" not in text


# --- the shipped docs, as built -----------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_shipped_customer_pages_show_no_staff_tooling(customer, lang):
    site = customer[1]
    assert not (site / lang / "onboarding").exists()
    for kind, rel in CUSTOMER_PAGES.items():
        path = site / lang / rel
        path = path / "index.html" if path.is_dir() else site / lang / "404.html"
        doc = read_page(path.parent, path.name)
        assert not doc.cssselect(".kb-share, [data-kb-copy], .kb-term-avoid, .kb-staff-home"), (lang, kind)
        assert not [a for a in doc.cssselect("a[href]") if "onboarding" in a.get("href")], (lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_outdated_notice_speaks_the_readers_language_and_offers_the_others(small, lang):
    found = [p for p in (small / lang).rglob("index.html") if b"kb-notice--outdated" in p.read_bytes()]
    if lang == "vi":
        assert found == []  # Vietnamese is the original language
        return
    assert [p.parent.relative_to(small).as_posix() for p in found] == [f"{lang}/practices/changed"]
    doc = read_page(found[0].parent, "index.html")
    notice = doc.cssselect(".kb-notice--outdated")[0]
    sentence = notice.cssselect("p")[0].text_content()
    assert "Tiếng Việt" not in sentence and not notice.cssselect("p:first-child a")
    offered = notice.cssselect(".kb-notice__languages a")
    assert {a.get("hreflang") for a in offered} >= {"vi"} and all(a.get("lang") == a.get("hreflang") for a in offered)


# --- in the browser ---------------------------------------------------------------

CANCEL_BUTTON_HIDDEN = """() => {
    const input = document.querySelector('.kb-search input')
    for (const sheet of document.styleSheets) for (const rule of sheet.cssRules || []) {
        const sel = rule.selectorText || ''
        if (!sel.includes('::-webkit-search-cancel-button') || rule.style.appearance !== 'none') continue
        for (const part of sel.split(',')) if (input.matches(part.replace('::-webkit-search-cancel-button', '').trim())) return true
    }
    return false }"""


def overlay_gone(p):
    """Material fades the search overlay out; it is gone when fully transparent and shrunk."""
    p.wait_for_function("""() => { const o = getComputedStyle(document.querySelector('.md-search__overlay'))
        return o.opacity === '0' }""", timeout=3000)


@pytest.fixture
def open_page(customer, context_factory):
    def go(lang, path, size="desktop", **kwargs):
        context = context_factory([lang], viewport=SIZES[size], **kwargs)
        p = context.new_page()
        p.goto(f"{customer[0]}/{lang}/{path}")
        p.wait_for_load_state("networkidle")
        return p
    return go


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_request_leaves_the_site_on_any_page_type(customer, context_factory, lang):
    context = context_factory([lang])
    requests = Requests(context, customer[0])
    p = context.new_page()
    for rel in [*CUSTOMER_PAGES.values(), FALLBACK]:
        p.goto(f"{customer[0]}/{lang}/{rel}", wait_until="networkidle")
    search(p, SEARCH_WORD[lang])
    p.wait_for_load_state("networkidle")
    p.goto(f"{customer[0]}/go/KB-0102/?lang={lang}", wait_until="networkidle")
    p.goto(f"{customer[0]}/", wait_until="networkidle")
    assert len(requests.all) > 20
    assert requests.outside() == []
    assert requests.failed == []  # and none wasted on the site itself


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_arrow_keys_show_focus_on_the_chosen_result_and_escape_closes(open_page, lang):
    p = open_page(lang, "")
    search(p, SEARCH_WORD[lang])
    p.keyboard.press("ArrowDown")
    p.keyboard.press("ArrowDown")
    found = outline(p)
    assert "md-search-result__link" in found["cls"].split() and visible_outline(found), found
    p.keyboard.press("Escape")
    assert not p.locator("#__search").is_checked()
    overlay_gone(p)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_tabbing_out_of_search_removes_the_overlay(open_page, lang):
    p = open_page(lang, CUSTOMER_PAGES["practice"])
    p.locator(".kb-search input").click()
    assert p.locator("#__search").is_checked()
    for _ in range(12):
        p.keyboard.press("Tab")
        if not p.evaluate("document.querySelector('.kb-search').contains(document.activeElement)"):
            break
    assert not p.locator("#__search").is_checked()
    overlay_gone(p)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_is_the_first_stop_on_the_home_page(open_page, lang):
    p = open_page(lang, "")
    p.keyboard.press("Tab")
    skip = p.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.getAttribute('href')]")
    assert skip == [True, "#kb-main"]
    assert p.locator("a.md-skip").is_visible()
    p.keyboard.press("Enter")
    for _ in range(3):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.matches('.kb-home-search__input')"):
            break
    assert p.evaluate("document.activeElement.matches('.kb-home-search__input')")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_table_of_contents_comes_after_the_article(open_page, lang):
    p = open_page(lang, CUSTOMER_PAGES["practice"])
    order = p.evaluate("""() => {
        const article = document.querySelector('article'), toc = document.querySelector('.md-sidebar--secondary')
        return article.compareDocumentPosition(toc) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before' }""")
    assert order == "after"
    box = p.locator(".md-sidebar--secondary").bounding_box()
    assert box["x"] > p.locator("article").bounding_box()["x"]  # still on the right


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_runbook_checkboxes_are_big_named_and_show_focus(open_page, lang):
    p = open_page(lang, CUSTOMER_PAGES["runbook"], size="mobile")
    boxes = p.locator("ol.kb-steps > li > input.kb-step-check")
    for n in range(boxes.count()):
        box = boxes.nth(n).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert re.search(rf"\b{n + 1}\b", boxes.nth(n).get_attribute("aria-label"))
    assert len({boxes.nth(n).get_attribute("aria-label") for n in range(boxes.count())}) == boxes.count()
    for _ in range(150):
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.matches('input.kb-step-check')"):
            break
    assert visible_outline(outline(p))


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["practice", "runbook", "faq", "search", "home"])
def test_no_horizontal_overflow_at_390px(open_page, lang, kind):
    p = open_page(lang, "" if kind == "search" else CUSTOMER_PAGES[kind], size="mobile")
    if kind == "search":
        search(p, SEARCH_WORD[lang])
        snippet = p.locator(".md-search-result__article p").first
        assert snippet.bounding_box()["width"] <= 390
    try:  # the final layout: results may still be arriving when the first ones show
        p.wait_for_function("document.documentElement.scrollWidth <= document.documentElement.clientWidth",
                            timeout=3000)
    except PlaywrightTimeout:
        pass
    wide = p.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert overflow(p) == 0, wide


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_one_clear_button_and_the_home_box_keeps_the_text(open_page, lang):
    p = open_page(lang, "")
    p.locator(".kb-home-search__input").click()
    p.keyboard.type(SEARCH_WORD[lang], delay=30)
    wait_for_results(p, SEARCH_WORD[lang])
    assert p.locator(".kb-search input").input_value() == SEARCH_WORD[lang]
    assert p.locator(".kb-home-search__input").input_value() == SEARCH_WORD[lang]
    assert p.evaluate(CANCEL_BUTTON_HIDDEN)  # the browser's own clear button is not drawn
    assert p.locator(".kb-search button[type=reset]").is_visible()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_results_offers_real_ways_to_reach_support(open_page, lang):
    p = open_page(lang, CUSTOMER_PAGES["faq"])
    search(p, "qqqxyzzy")
    contact = p.locator(".kb-search-contact")
    contact.wait_for()
    hrefs = contact.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any(h.startswith("tel:") for h in hrefs) and any(h.startswith("mailto:") for h in hrefs)
    page_link = next(h for h in hrefs if not h.startswith(("tel:", "mailto:")))
    p.goto(urlsplit(p.url)._replace(path=posixpath.normpath(posixpath.join(urlsplit(p.url).path, page_link)) + "/").geturl())
    assert p.locator("article h1").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_home_page_puts_help_faq_and_sections_above_the_fold(open_page, lang, size):
    p = open_page(lang, "", size=size)
    fold = SIZES[size]["height"]
    assert p.locator("#help").bounding_box()["y"] < fold
    cards = p.locator(".kb-sections li")
    assert cards.count() == 3  # FAQ, runbooks, practices: no staff onboarding
    assert "faq/" in cards.first.locator("a").get_attribute("href")  # FAQ first
    assert "practices/" in cards.last.locator("a").get_attribute("href")  # service-management internals last
    assert cards.first.bounding_box()["y"] < fold
    assert cards.nth(1).bounding_box()["y"] < fold or size == "mobile"
    assert p.locator(".kb-contact .admonition-title, .kb-contact svg").count() == 0  # no flame icon


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_support_and_no_next_page(open_page, lang):
    for kind, rel in CUSTOMER_PAGES.items():
        p = open_page(lang, rel)
        footer = p.locator("footer.md-footer")
        assert footer.locator("a[href^='tel:']").count() == 1 and footer.locator("a[href^='mailto:']").count() == 1, kind
        assert footer.locator(".md-footer__link--next, .md-footer__link--prev").count() == 0
        p.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_language_picker_is_labelled_and_marks_the_current_language(open_page, lang):
    p = open_page(lang, CUSTOMER_PAGES["practice"])
    button = p.locator(".kb-lang-button")
    assert button.get_attribute("aria-label").endswith(p.locator(f".md-select a[hreflang='{lang}']").inner_text().strip())
    assert button.inner_text().strip() == lang.upper()
    p.locator(".md-header__option .md-select").hover()
    current = p.locator(".md-select a[aria-current='true']")
    assert current.count() == 1 and current.get_attribute("hreflang") == lang
    assert p.evaluate("getComputedStyle(document.querySelector('.md-select a[aria-current]'), '::before').content") != "none"


@pytest.mark.browser
def test_an_english_browser_lands_on_the_language_chooser(customer, context_factory):
    p = context_factory(["en-US", "fr-FR"]).new_page()
    p.goto(customer[0] + "/")
    p.wait_for_timeout(300)
    assert urlsplit(p.url).path == "/"
    assert p.locator("a[hreflang]").count() == len(LANGS)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["es", "pl"])
def test_permalink_asking_for_a_missing_language_opens_its_fallback_page(customer, context_factory, lang):
    p = context_factory(["nb-NO"]).new_page()
    p.goto(f"{customer[0]}/go/KB-0015/?lang={lang}")
    p.wait_for_url(f"**/{lang}/{FALLBACK}")
    assert p.locator(".kb-notice--missing").is_visible()


# --- axe-core, screenshots and the Nu HTML Checker -----------------------------------

def _open_kind(p, base, lang, kind):
    if kind == "search":
        p.goto(f"{base}/{lang}/")
        search(p, SEARCH_WORD[lang])
    elif kind == "fallback":
        p.goto(f"{base}/{lang}/{FALLBACK}")
    else:
        p.goto(f"{base}/{lang}/{CUSTOMER_PAGES[kind]}")
    p.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", [*CUSTOMER_PAGES, "fallback", "search"])
def test_axe_finds_nothing_and_screenshots(customer, context_factory, lang, kind):
    violations = []
    for size in SIZES:
        p = context_factory([lang], viewport=SIZES[size]).new_page()
        _open_kind(p, customer[0], lang, kind)
        if kind == "search" and size == "mobile":
            pass  # the results are open over the page
        assert p.locator("html").get_attribute("lang") == lang
        violations += [f"{size}: {v}" for v in axe_violations(p)]
        assert shot(p, lang, kind, size).stat().st_size > 5_000
        p.close()
    assert violations == []


def test_vnu_finds_no_error_the_stock_theme_does_not_make(customer, tmp_path):
    site = customer[1]
    files = [site / "index.html"]
    for lang in LANGS:
        for rel in [*CUSTOMER_PAGES.values(), FALLBACK, "practices/", "tags/faktura/"]:
            path = site / lang / rel
            if path.is_dir() and (path / "index.html").exists():
                files.append(path / "index.html")
        files.append(site / lang / "404.html")
    stock = stock_errors(tmp_path)
    found = vnu(files)
    extra = {f"{Path(f).relative_to(site)}: {m}" for f, messages in found.items() for m in messages if m not in stock}
    assert sorted(extra) == []
    assert len(found) >= len(LANGS) * 8
