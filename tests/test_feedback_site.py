"""The site and the feedback service together: a built site served on one local
port, the real service on another, driven in headless Chromium; then the staff
site's insights page built from the rows the browser made."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import serve, serve_built
from feedbackrun import Service, free_port, rows
from htmlread import page
from kbforge import strings
from sitebuild import LANGS, STAFF, article, build_site, minimal_tree
from test_search import search

KEPT = {
    "vi": "Cảm ơn bạn! Câu trả lời của bạn chỉ được lưu trên trình duyệt này.",
    "nb": "Takk! Svaret ditt lagres bare i denne nettleseren.",
    "es": "¡Gracias! Su respuesta se guarda solo en este navegador.",
    "pl": "Dziękujemy! Odpowiedź zostaje zapisana wyłącznie w tej przeglądarce.",
}
REQUEST = {"vi": "Gửi phiếu yêu cầu", "nb": "Opprett en sak", "es": "Abrir un caso", "pl": "Wyślij zgłoszenie"}
THANKS = "Dziękujemy za opinię!"
COMMENT_THANKS = "Otrzymaliśmy Państwa komentarz."
FAILED = "Nie udało się wysłać odpowiedzi. Przeglądarka spróbuje ponownie później."
TITLES = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Czym jest usługa"}


def feedback_tree():
    """minimal_tree, plus an article in each language that no search leads to."""
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/quiet.md"] = article("KB-0002", f"Cisza {lang}", body="## Nic\n\nPusto.\n")
    return files


# --- without an endpoint

@pytest.mark.parametrize("lang", LANGS)
def test_without_an_endpoint_there_is_no_comment_box(site, lang):
    form = page(site, f"{lang}/practices/service/").cssselect("form.kb-feedback")[0]
    assert not form.cssselect("textarea") and not form.cssselect(".kb-feedback__comment")
    assert not form.get("data-sends")
    assert (site / "assets/kbforge/feedback-settings.js").read_text().endswith('window.kbFeedback = {"endpoint": "", "search": true}\n')


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_without_an_endpoint_the_vote_stays_in_the_browser_and_no_leads_to_support(served, context_factory, lang):
    p = context_factory([lang]).new_page()
    posts = []
    p.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    p.goto(f"{served}/{lang}/practices/service/")
    p.locator(".kb-feedback button[data-helpful='no']").click()
    assert p.locator(".kb-feedback__status").inner_text() == KEPT[lang]  # claims nothing was sent
    assert p.locator(".kb-feedback textarea").count() == 0
    support = p.locator(".kb-feedback__support")
    assert support.is_visible()
    assert support.locator("a[href^='tel:']").get_attribute("href") == "tel:80012345"
    assert support.locator("a[href^='mailto:']").inner_text() == "support@nordlys.example"
    request = support.locator("a.kb-feedback__request")
    assert request.inner_text() == REQUEST[lang]
    query = parse_qs(urlsplit(request.get_attribute("href")).query)
    assert query == {"kb": ["KB-0001"], "subject": [TITLES[lang]], "lang": [lang]}
    search(p, "usługa")
    p.reload()
    assert not p.locator(".kb-feedback__vote").is_visible()  # one vote per article, kept
    assert p.locator(".kb-feedback__status").inner_text() == KEPT[lang]
    assert posts == []


# --- with the service

class Setup:
    pass


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The customer site built with an endpoint, served, and the service running
    with the site's catalog.json (so it answers the site's origin only)."""
    tmp = tmp_path_factory.mktemp("live")
    server, base = serve(tmp / "site")
    port = free_port()
    site = build_site(tmp, feedback_tree(), env={"KB_FEEDBACK_ENDPOINT": f"http://127.0.0.1:{port}/v1/events"},
                      site_url=base + "/")
    setup = Setup()
    setup.tmp, setup.base, setup.site, setup.database = tmp, base, site, str(tmp / "feedback.sqlite3")
    setup.service = Service(setup.database, site / "catalog.json", port=port).start()
    yield setup
    setup.service.stop()
    server.shutdown()


def wait_for(check, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def status(p, text):
    p.wait_for_function("t => document.querySelector('.kb-feedback__status').textContent === t", arg=text)


@pytest.mark.browser
def test_vote_comment_and_searches_reach_the_store_and_the_insights_page(live, context_factory, tmp_path):
    p = context_factory(["pl-PL"]).new_page()
    p.goto(f"{live.base}/pl/practices/service/")
    p.locator(".kb-feedback button[data-helpful='no']").click()
    status(p, THANKS)  # said only once the service has stored it
    assert p.locator(".kb-feedback__support").is_visible()
    p.locator(".kb-feedback textarea").fill("Brakuje zdjęć <3 & więcej")
    p.locator(".kb-feedback__send").click()
    status(p, COMMENT_THANKS)

    assert search(p, "kwiatkowy xyzzy") == []  # nothing found, not opened
    found = search(p, "Czym jest usługa")  # rephrased: found, and the first result opened
    assert found[0] == "/pl/practices/service/"
    p.locator(".kb-search .md-search-result__item a").first.click()
    p.wait_for_url("**/pl/practices/service/")
    search(p, "usługa")  # results, none opened: over when the box is cleared
    search(p, "")
    search(p, '<script>alert("q")</script>')  # customers type anything
    search(p, "")

    [vote] = wait_for(lambda: [v for v in rows(live.database, "votes") if v["lang"] == "pl"])
    assert (vote["lang"], vote["article"], vote["helpful"]) == ("pl", "KB-0001", 0)
    [comment] = [c for c in rows(live.database, "comments") if c["lang"] == "pl"]
    assert (comment["text"], comment["vote"], comment["helpful"]) == ("Brakuje zdjęć <3 & więcej", vote["id"], 0)
    searches = wait_for(lambda: len(rows(live.database, "searches")) >= 4 and rows(live.database, "searches"))
    got = sorted((s["query"], s["results"] > 0, s["rank"], s["clicked_article"], s["refines"]) for s in searches)
    assert got == sorted([
        ("kwiatkowy xyzzy", False, None, None, None),
        ("Czym jest usługa", True, 1, "KB-0001", "kwiatkowy xyzzy"),
        ("usługa", True, None, None, None),
        ('<script>alert("q")</script>', False, None, None, None),
    ])
    assert all(s["lang"] == "pl" for s in searches)

    # The staff site's insights page, from the database and from an export of it.
    export = tmp_path / "export.json"
    done = subprocess.run([sys.executable, "-m", "kbforge", "feedback", "export", "--database", live.database,
                           "-o", str(export)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for n, store in enumerate((live.database, str(export))):
        staff = build_site(tmp_path / f"staff{n}", feedback_tree(), env={**STAFF, "KB_FEEDBACK_STORE": store})
        check_insights(staff)


def check_insights(staff):
    doc = page(staff, "pl/insights/")
    insights = doc.cssselect(".kb-insights")[0]
    assert "Wyszukiwania: 4. Oceny artykułów: 1." in insights.cssselect(".kb-insights__period")[0].text_content()
    # no results: the query, its count, what readers opened after rephrasing it, and the one edit
    no_results = insights.cssselect(".kb-insights__no-results tbody tr")
    assert [r.cssselect(".kb-insights__query")[0].text_content() for r in no_results] == [
        "kwiatkowy xyzzy", '<script>alert("q")</script>']  # one each: by normalised query
    row = next(r for r in no_results if r.cssselect(".kb-insights__query")[0].text_content() == "kwiatkowy xyzzy")
    assert row.cssselect("td")[1].text_content() == "1"
    assert row.cssselect("a")[0].get("href") == "../practices/service/"
    assert "W pliku docs/pl/practices/service.md należy dodać po wierszu 2:" in row.text_content()
    assert row.cssselect(".kb-insights__edit")[0].text_content() == "synonyms: [kwiatkowy xyzzy]"
    # a customer's query is text on the page, never markup
    assert not insights.cssselect("script") and "alert" not in "".join(s.text_content() for s in doc.cssselect("script"))
    raw = (staff / "pl/insights/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;" in raw
    # no click
    assert [r.cssselect("td")[0].text_content() for r in insights.cssselect(".kb-insights__no-click tbody tr")] == ["usługa"]
    # not helpful, with the comment, escaped
    [voted] = insights.cssselect(".kb-insights__not-helpful tbody tr")
    cells = voted.cssselect("td")
    assert cells[0].cssselect("a")[0].text_content() == "KB-0001 · Czym jest usługa"
    assert cells[1].text_content() == "docs/pl/practices/service.md"
    assert [c.text_content() for c in cells[2:4]] == ["1", "0"]
    assert voted.cssselect(".kb-insights__comment")[0].text_content() == "Brakuje zdjęć <3 & więcej"
    assert "Brakuje zdjęć &lt;3 &amp; więcej" in raw
    # nobody reaches KB-0002 by search
    unreached = insights.cssselect(".kb-insights__unreached tbody tr")
    assert [r.cssselect("a")[0].text_content() for r in unreached] == ["KB-0002 · Cisza pl"]
    assert unreached[0].cssselect("a")[0].get("href") == "../practices/quiet/"
    # other languages: their own page, nothing from pl
    vi = page(staff, "vi/insights/").cssselect(".kb-insights")[0]
    assert "kwiatkowy" not in vi.text_content() and vi.cssselect(".kb-insights__unreached tbody tr")


@pytest.mark.browser
def test_a_failed_send_says_so_and_is_retried_later_and_stored_once(live, context_factory):
    # Norwegian, so that the Polish votes and searches of the test above stay its own
    # whatever the order the tests run in (they share the module's service and database).
    p = context_factory(["nb-NO"]).new_page()
    # The service stores the vote, but its answer is lost on the way back.
    def lose_answer(route):
        route.fetch()
        route.abort()
    p.route("**/v1/events", lose_answer)
    p.goto(f"{live.base}/nb/practices/quiet/")
    p.locator(".kb-feedback button[data-helpful='yes']").click()
    status(p, strings.for_language("nb")["feedback_failed"])
    assert not p.locator(".kb-feedback__support").is_visible()  # "Yes" needs no support
    outbox = p.evaluate("() => JSON.parse(localStorage.getItem('kb.feedback.outbox'))")
    assert [(e["type"], e["article"]) for e in outbox] == [("vote", "KB-0002")]
    assert [v["id"] for v in rows(live.database, "votes") if v["article"] == "KB-0002" and v["lang"] == "nb"] == [
        outbox[0]["id"]]

    p.unroute("**/v1/events")
    p.reload()  # the next page sends what is waiting: same id, stored once
    status(p, strings.for_language("nb")["helpful_thanks"])
    assert p.evaluate("() => JSON.parse(localStorage.getItem('kb.feedback.outbox'))") == []
    assert len([v for v in rows(live.database, "votes") if v["article"] == "KB-0002" and v["lang"] == "nb"]) == 1


@pytest.mark.browser
def test_a_stopped_service_is_retried_when_it_is_back(live, context_factory):
    p = context_factory(["es-ES"]).new_page()
    p.goto(f"{live.base}/es/practices/quiet/")
    live.service.stop()
    try:
        p.locator(".kb-feedback button[data-helpful='no']").click()
        status(p, "No hemos podido enviar su respuesta. Su navegador volverá a intentarlo más tarde automáticamente.")
        p.locator(".kb-feedback textarea").fill("Falta un ejemplo.")
        p.locator(".kb-feedback__send").click()
        status(p, "No hemos podido enviar su respuesta. Su navegador volverá a intentarlo más tarde automáticamente.")
    finally:
        live.service.start()
    p.reload()
    status(p, "Hemos recibido su comentario.")
    assert [(v["lang"], v["helpful"]) for v in rows(live.database, "votes") if v["article"] == "KB-0002"
            and v["lang"] == "es"] == [("es", 0)]
    assert [c["text"] for c in rows(live.database, "comments") if c["lang"] == "es"] == ["Falta un ejemplo."]


def test_the_staff_insights_page_without_a_store_says_so(tmp_path):
    staff = build_site(tmp_path, minimal_tree(), env=STAFF)
    expected = {
        "pl": "Ta kompilacja nie ma skonfigurowanej bazy opinii",
        "vi": "Bản dựng này chưa được cấu hình kho phản hồi",
    }
    for lang, text in expected.items():
        doc = page(staff, f"{lang}/insights/")
        assert text in doc.cssselect(".kb-insights__no-store")[0].text_content()
        assert not doc.cssselect(".kb-insights table")


def test_the_customer_site_has_no_insights_page(site):
    assert not (site / "pl" / "insights").exists()


def test_a_wrong_store_stops_the_staff_build_with_its_name(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(tmp_path, minimal_tree(), env={**STAFF, "KB_FEEDBACK_STORE": str(tmp_path / "no-such.sqlite3")})
    assert f"kbforge/feedback: store '{tmp_path}/no-such.sqlite3'" in caplog.text
    assert "no-such.sqlite3: no such database file" in caplog.text


def test_settings_file_names_the_endpoint(live):
    text = (live.site / "assets/kbforge/feedback-settings.js").read_text()
    settings = json.loads(text.split("window.kbFeedback = ", 1)[1])
    assert settings == {"endpoint": live.service.events, "search": True}
