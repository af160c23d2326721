"""kbforge.searchcore: words, typos, the index files, and the same ranking
from Python (query.py) and from the browser (kbsearch.js)."""

from __future__ import annotations

import json

import pytest

from kbforge.searchcore import Doc, write_index
from kbforge.searchcore.encode import bucket, read_postings
from kbforge.searchcore.html import article_text
from kbforge.searchcore.query import Searcher, edit1
from kbforge.searchcore.semantic import Table
from kbforge.searchcore.text import Language, fold, words
from sitebuild import LANGS


@pytest.mark.parametrize("text, expected", [
    ("Hóa đơn điện tử", ["hóa", "đơn", "điện", "tử"]),
    ("Wi-Fi: hasło_routera 2,4 GHz", ["wi", "fi", "hasło", "routera", "2", "4", "ghz"]),
    ("ZAŻÓŁĆ", ["zażółć"]),
])
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("word, folded", [
    ("hóa", "hoa"), ("đơn", "don"), ("hasło", "haslo"), ("blåbærsyltetøy", "blabaersyltetoy"),
    ("contraseña", "contrasena"), ("điện", "dien"),
])
def test_fold(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize("a, b, expected", [
    ("pasord", "passord", True),  # dropped
    ("facturra", "factura", True),  # doubled
    ("hsalo", "haslo", True),  # swapped
    ("haslp", "haslo", True),  # wrong
    ("haslo", "haslo", False),
    ("hasl", "haslo1", False),
    ("abcd", "badc", False),
])
def test_one_typo(a, b, expected):
    assert edit1(a, b) is expected and edit1(b, a) is expected


@pytest.mark.parametrize("lang, question, content", [
    ("vi", "làm thế nào để tôi đổi mật khẩu", ["đổi", "mật", "khẩu"]),
    ("nb", "hvordan kan jeg endre passordet mitt", ["endre", "passordet"]),
    ("es", "¿cómo puedo cambiar mi contraseña?", ["cambiar", "contraseña"]),
    ("pl", "jak moge zmienić hasło", ["zmienić", "hasło"]),
])
def test_filler_words_are_not_content(lang, question, content):
    assert Language(lang).content(words(question)) == content


def test_vietnamese_filler_must_be_spelt_with_its_tones():
    vi = Language("vi")
    assert vi.is_stop("từ") and not vi.is_stop("tu") and not vi.is_stop("tử")


def test_interface_text_is_not_article_text():
    html = ('<h2 id="steps">Steps<a class="headerlink" href="#steps">¶</a></h2><ol><li>'
            '<input type="checkbox" aria-label="Done"> Unplug it.</li></ol>'
            '<p><button type="button">Uncheck all steps</button></p><p>Then wait.</p>')
    text, headings = article_text(html)
    assert text == "Steps\nUnplug it.\nThen wait."
    assert headings == [("steps", "Steps")]


@pytest.fixture
def index(tmp_path):
    docs = [
        Doc(url="a/", title="Zmiana hasła", text="Hasło zmienisz w ustawieniach konta."),
        Doc(url="b/", title="Faktura elektroniczna", text="Faktura przychodzi e-mailem."),
        Doc(url="c/", title="Reklamacja", text="Reklamację zgłosisz przez formularz.", strong="zepsuty towar"),
    ]
    write_index(str(tmp_path / "pl"), "pl", docs, Table.load("pl"))
    return tmp_path / "pl"


def test_the_index_has_no_file_with_every_word(index):
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == 3
    terms = {}
    for path in (index / "t").glob("*.bin"):
        found = read_postings(path.read_bytes())
        assert all(bucket(term, manifest["buckets"]) == int(path.stem) for term in found)
        terms.update(found)
    assert "hasł" in terms and "zmian hasl" in terms  # stems, and pairs of neighbouring words


@pytest.mark.parametrize("query, first, corrected", [
    ("haslo", "a/", None),  # without diacritics
    ("hsało", "a/", "hasło"),  # swapped letters
    ("hasłem", "a/", None),  # another form: a word of the language, so not a typo
    ("zepsuty", "c/", None),  # customers' words
    ("jak zmienić hasło", "a/", None),  # a question
])
def test_python_ranking(index, query, first, corrected):
    searcher = Searcher(index)
    results = searcher.search(query)
    assert searcher.doc(results.hits[0].doc)["u"] == first
    assert results.corrected == corrected


def test_several_words_no_page_has_together(index):
    searcher = Searcher(index)
    found = {searcher.doc(hit.doc)["u"] for hit in searcher.search("hasło faktura").hits}
    assert found == {"a/", "b/"}


# --- the same ranking in the browser ----------------------------------------

PARITY = {
    "vi": ["hoa don dien tu", "làm thế nào để đổi mật khẩu", "mật khẩuu", "khiếu nại giao hàng trễ"],
    "nb": ["glemt passord", "pasord", "hvordan klager jeg på en faktura", "vaskemaskinen virket ikke"],
    "es": ["garantia", "facturra electrónica", "¿cómo devuelvo un producto?", "recambio lavadora"],
    "pl": ["zwrot pieniedzy", "hsało", "jak złożyć reklamację", "zepsuty telewizor"],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_browser_and_python_rank_alike(shipped, context_factory, lang):
    base, site = shipped
    page = context_factory([lang]).new_page()
    page.goto(f"{base}/{lang}/")
    page.add_script_tag(url=f"{base}/assets/kbforge/kbsearch.js")
    searcher = Searcher(site / lang / "kbsearch")
    for query in PARITY[lang]:
        js = page.evaluate("""async ([base, q]) => {
            const r = await KBSearch.open(base).search(q)
            return {docs: r.hits.slice(0, 10).map(h => h.doc), corrected: r.corrected}
        }""", [f"{base}/{lang}/kbsearch/", query])
        py = searcher.search(query)
        assert js["docs"] == [hit.doc for hit in py.hits[:10]], query
        assert js["corrected"] == py.corrected, query
