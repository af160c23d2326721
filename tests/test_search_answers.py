"""Search returns answers (issue 19): only articles, whatever the reader
types (typos, whole questions, several words no page has together, their
own words), in every language, in Chromium; on the shipped docs and on
small trees built here."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest

from kbforge.searchcore.text import Language, words
from sitebuild import LANGS, article, landing

pytestmark = pytest.mark.browser


def search(page, query):
    """Type ``query`` in the header search; return the results' paths, best first."""
    page.locator(".kb-search input").fill(query)
    page.wait_for_function(
        "q => document.querySelector('.kb-search .md-search-result__meta').dataset.query === q",
        arg=unicodedata.normalize("NFC", query).strip(),
    )
    return [urlsplit(a).path for a in page.eval_on_selector_all(
        ".kb-search .md-search-result__item > a:first-child", "els => els.map(e => e.href)")]


def opener(base, context_factory):
    def go(lang):
        page = context_factory([lang]).new_page()
        page.goto(f"{base}/{lang}/")
        return page
    return go


@pytest.fixture
def shipped_lang(shipped, context_factory):
    return opener(shipped[0], context_factory)


# --- a small knowledge base per language, with landing pages that say it all --

WORDS = {  # home, section, its landing text, article title, article body, other article title and body
    "vi": ("Hóa đơn", "Hóa đơn và thanh toán", "Mọi điều về hóa đơn, hóa đơn điện tử và thanh toán hóa đơn.",
           "Yêu cầu bản sao", "Bạn có thể yêu cầu bản sao hóa đơn trong trang tài khoản.",
           "Hoàn tiền", "Tiền được hoàn vào thẻ ngân hàng trong vòng năm ngày làm việc."),
    "nb": ("Faktura", "Faktura og betaling", "Alt om faktura, e-faktura og betaling av faktura.",
           "Be om en kopi", "Du kan be om en kopi av fakturaen på kontosiden.",
           "Tilbakebetaling", "Beløpet settes inn på bankkortet innen fem virkedager."),
    "es": ("Factura", "Factura y pago", "Todo sobre la factura, la factura electrónica y el pago de la factura.",
           "Pedir una copia", "Puede pedir una copia de la factura en la página de su cuenta.",
           "Reembolso", "El importe se abona en la tarjeta bancaria en un plazo de cinco días hábiles."),
    "pl": ("Faktura", "Faktura i płatności", "Wszystko o fakturze, fakturze elektronicznej i płatności faktury.",
           "Prośba o kopię", "Kopię faktury można zamówić na stronie konta.",
           "Zwrot pieniędzy", "Kwota wraca na kartę bankową w ciągu pięciu dni roboczych."),
}
# A customer's question about the refund article, in words its text does not use.
QUESTIONS = {
    "vi": ("Bao giờ tôi được trả lại số đã chi?", "trả lại số đã chi"),
    "nb": ("Når får jeg pengene mine igjen?", "pengene mine igjen"),
    "es": ("¿Cuándo me devuelven lo que pagué?", "devuelven lo que pagué"),
    "pl": ("Kiedy odzyskam swoje środki?", "odzyskam swoje środki"),
}


def small_tree() -> dict[str, str]:
    files = {}
    for lang in LANGS:
        home, section, blurb, title, body, other, other_body = WORDS[lang]
        question = QUESTIONS[lang][0]
        files[f"{lang}/index.md"] = landing(home, f"{blurb}\n")
        files[f"{lang}/billing/index.md"] = landing(section, f"{blurb}\n")
        files[f"{lang}/billing/copy.md"] = article("KB-0001", title, body=f"{body}\n")
        files[f"{lang}/billing/refund.md"] = article(
            "KB-0002", other, body=f"{other_body}\n", extra=f"questions:\n  - \"{question}\"\n")
    return files


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from conftest import serve_built
    server, url = serve_built(tmp_path_factory.mktemp("answers"), small_tree())
    yield url
    server.shutdown()


@pytest.fixture
def small_lang(small, context_factory):
    return opener(small, context_factory)


@pytest.mark.parametrize("lang", LANGS)
def test_landing_pages_never_come_before_an_article(small_lang, lang):
    home, section = WORDS[lang][:2]
    page = small_lang(lang)
    for query in (home, section):  # the landing pages' own titles
        results = search(page, query)
        assert results and results[0] == f"/{lang}/billing/copy/"
        assert f"/{lang}/" not in results and f"/{lang}/billing/" not in results


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_with_some_of_the_words_is_shown_when_none_has_all(small_lang, lang):
    # the copy article has the first word, the refund article the second: no page has both
    words = {"vi": "bản sao ngân hàng", "nb": "kopi bankkortet", "es": "copia bancaria", "pl": "kopię bankową"}[lang]
    results = search(small_lang(lang), words)
    assert set(results) == {f"/{lang}/billing/copy/", f"/{lang}/billing/refund/"}


@pytest.mark.parametrize("lang", LANGS)
def test_questions_in_front_matter_find_the_article(small_lang, lang):
    question, words = QUESTIONS[lang]
    written = " ".join(WORDS[lang]).lower()
    assert not [w for w in words.split() if w in written]  # only the question has these words
    assert search(small_lang(lang), words)[:1] == [f"/{lang}/billing/refund/"]


# --- the shipped docs ------------------------------------------------------

TYPOS = [  # (language, typed, the word meant, an article it finds)
    ("vi", "quên mật khẩuu", "khẩu", "/vi/faq/accounts-contact-details/"),  # doubled letter
    ("nb", "glemt pasord", "passord", "/nb/faq/accounts-contact-details/"),  # dropped letter
    ("es", "facturra electrónica", "factura", "/es/faq/e-invoices/"),  # doubled letter
    ("pl", "zapomniane hsało", "hasło", "/pl/faq/accounts-contact-details/"),  # swapped letters
    ("pl", "zapomniane haslp", "hasło", "/pl/faq/accounts-contact-details/"),  # wrong letter
    ("nb", "glemt pasśord", "passord", "/nb/faq/accounts-contact-details/"),  # wrong diacritic and a letter
]
NOTICE = {"vi": "Hiển thị kết quả cho:", "nb": "Viser treff for:", "es": "Mostrando resultados de:",
          "pl": "Pokazujemy wyniki dla:"}


@pytest.mark.parametrize("lang, typed, meant, expected", TYPOS)
def test_a_misspelt_word_finds_the_page_and_says_so(shipped_lang, lang, typed, meant, expected):
    page = shipped_lang(lang)
    results = search(page, typed)
    assert expected in results[:3]
    notice = page.locator(".kb-search .kb-search-corrected")
    assert notice.inner_text().startswith(NOTICE[lang])
    assert meant in notice.locator("strong").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_a_correct_word_shows_no_correction(shipped_lang, lang):
    page = shipped_lang(lang)
    assert search(page, {"vi": "mật khẩu", "nb": "passord", "es": "factura", "pl": "hasło"}[lang])
    assert page.locator(".kb-search .kb-search-corrected").count() == 0


QUESTIONS_SHIPPED = [
    ("vi", "Làm thế nào để tôi đổi mật khẩu?", "đổi mật khẩu"),
    ("nb", "Hvordan kan jeg endre adressen min?", "endre adressen"),
    ("es", "¿Cómo puedo cambiar mi contraseña?", "cambiar contraseña"),
    ("pl", "Jak mogę zmienić hasło?", "zmienić hasło"),
]


@pytest.mark.parametrize("lang, question, words", QUESTIONS_SHIPPED)
def test_a_question_finds_what_its_content_words_find(shipped_lang, lang, question, words):
    page = shipped_lang(lang)
    plain = search(page, words)
    assert plain and search(page, question)[0] == plain[0]


@pytest.mark.parametrize("lang", LANGS)
def test_no_landing_page_is_ever_a_result(shipped_lang, lang):
    from sitebuild import PROJECT
    docs = PROJECT / "docs" / lang
    landings = {f"/{lang}/" + p.parent.relative_to(docs).as_posix().strip(".") + "/" for p in docs.glob("**/index.md")}
    landings = {path.replace("//", "/") for path in landings}
    assert f"/{lang}/" in landings and f"/{lang}/faq/" in landings
    page = shipped_lang(lang)
    for query in {"vi": ["câu hỏi thường gặp", "thực hành"], "nb": ["ofte stilte spørsmål", "praksis"],
                  "es": ["preguntas frecuentes", "prácticas"], "pl": ["najczęstsze pytania", "praktyki"]}[lang]:
        assert not set(search(page, query)) & landings


# --- customers' own words that no article uses: only meaning finds them -------

TOPICS = {  # (path, title, body) of four articles per language, and queries in words none of them uses
    "vi": ([("screen", "Thay đổi độ sáng màn hình", "Kéo thanh trượt độ sáng trong phần cài đặt hiển thị."),
            ("battery", "Pin không sạc được", "Cắm bộ sạc và kiểm tra dây nguồn."),
            ("password", "Đặt lại mật khẩu", "Chọn đặt lại và nhập mật khẩu mới."),
            ("invoice", "Bản sao hóa đơn", "Bạn có thể tải bản sao hóa đơn từ trang tài khoản.")],
           [("tối quá", "screen"), ("biên lai", "invoice")]),
    "nb": ([("screen", "Endre lysstyrken på skjermen", "Dra glidebryteren for lysstyrke i visningsinnstillingene."),
            ("battery", "Batteriet lades ikke", "Koble til laderen og kontroller strømkabelen."),
            ("password", "Tilbakestille passordet", "Velg tilbakestilling og skriv inn et nytt passord."),
            ("invoice", "Kopi av faktura", "Du kan laste ned en kopi av fakturaen fra kontosiden.")],
           [("altfor mørk", "screen"), ("glemt innlogging", "password")]),
    "es": ([("screen", "Cambiar el brillo de la pantalla", "Mueva el control deslizante de brillo en la configuración de pantalla."),
            ("battery", "La batería no se carga", "Conecte el cargador y compruebe el cable de alimentación."),
            ("password", "Restablecer la contraseña", "Elija restablecer y escriba una contraseña nueva."),
            ("invoice", "Copia de la factura", "Puede descargar una copia de la factura desde la página de su cuenta.")],
           [("recibo", "invoice"), ("el móvil se queda sin energía", "battery")]),
    "pl": ([("screen", "Zmiana jasności ekranu", "Przesuń suwak jasności w ustawieniach wyświetlacza."),
            ("battery", "Bateria się nie ładuje", "Podłącz zasilacz i sprawdź kabel zasilania."),
            ("password", "Resetowanie hasła", "Wybierz opcję resetowania i wpisz nowe hasło."),
            ("invoice", "Kopia faktury", "Kopię faktury pobierzesz ze strony konta.")],
           [("monitor jest za ciemny", "screen"), ("zapomniałem loginu", "password")]),
}


def topics_tree() -> dict[str, str]:
    files = {}
    for lang in LANGS:
        files[f"{lang}/index.md"] = landing(WORDS[lang][0])
        for number, (path, title, body) in enumerate(TOPICS[lang][0], start=1):
            files[f"{lang}/help/{path}.md"] = article(f"KB-00{number:02d}", title, body=f"{body}\n")
    return files


@pytest.fixture(scope="module")
def topics(tmp_path_factory, request):
    """The same four articles per language, served with meaning and without it."""
    import os

    from conftest import serve_built
    servers, urls = [], {}
    for vectors in ("true", "false"):
        saved = os.environ.get("KB_SEARCH_VECTORS")
        os.environ["KB_SEARCH_VECTORS"] = vectors
        try:
            server, url = serve_built(tmp_path_factory.mktemp(f"topics-{vectors}"), topics_tree())
        finally:
            if saved is None:
                os.environ.pop("KB_SEARCH_VECTORS")
            else:
                os.environ["KB_SEARCH_VECTORS"] = saved
        servers.append(server)
        urls[vectors == "true"] = url
    yield urls
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("lang", LANGS)
def test_own_words_no_article_uses_find_it_through_meaning(topics, context_factory, lang):
    articles, queries = TOPICS[lang]
    written = " ".join(t + " " + b for _, t, b in articles).lower()
    with_meaning, words_only = (opener(topics[v], context_factory)(lang) for v in (True, False))
    for query, expected in queries:
        content = Language(lang).content(words(query))
        assert not [w for w in content if w in words(written)]  # no article has these words
        assert search(with_meaning, query)[:1] == [f"/{lang}/help/{expected}/"], query
        assert search(words_only, query)[:1] != [f"/{lang}/help/{expected}/"], query


@pytest.mark.parametrize("lang", LANGS)
def test_snippets_never_show_interface_text(shipped_lang, lang):
    from kbforge.strings import for_language
    t = for_language(lang)
    page = shipped_lang(lang)
    for label in (t["steps_reset"], t["step_done_n"].format(n=1)):  # the runbooks' button and checkbox labels
        search(page, label)
        snippets = page.eval_on_selector_all(".kb-search .md-search-result__item p", "els => els.map(e => e.textContent)")
        assert not [s for s in snippets if label.lower() in s.lower()]
