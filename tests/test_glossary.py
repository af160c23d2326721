"""Glossary data: validation with lines, term matching, and the rendered page in every language."""

from __future__ import annotations

import pytest

from htmlread import page
from kbforge.content import ContentErrors, load_catalog
from kbforge.content.glossary import form_pattern
from sitebuild import LANGS, article, build_site, minimal_tree, write_tree

TERMS = {
    "vi": ("sự cố", "Gián đoạn ngoài kế hoạch của một dịch vụ.", "Không dùng"),
    "nb": ("hendelse", "Et uplanlagt avbrudd i en tjeneste.", "Unngå"),
    "es": ("incidente", "Una interrupción no planificada de un servicio.", "Evite"),
    "pl": ("incydent", "Nieplanowana przerwa w działaniu usługi.", "Unikaj"),
}


def glossary_tree():
    files = minimal_tree()
    for lang, (term, definition, _) in TERMS.items():
        files[f"{lang}/glossary.yml"] = (
            f"incident:\n  term: {term}\n  definition: {definition}\n  avoid: [zzz]\n"
            f"kpi:\n  term: KPI\n  definition: {definition}\n  also: [kpi]\n"
        )
        files[f"{lang}/glossary.md"] = article("KB-0400", "Glossary " + lang, type="glossary")
    return files


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("glossary"), glossary_tree())


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_lists_terms_with_stable_anchors(glossary_site, lang):
    doc = page(glossary_site, f"{lang}/glossary/")
    terms = doc.cssselect("article h2.kb-term")
    # in the language's alphabetical order, each anchored by its concept key
    expected = sorted([("incident", TERMS[lang][0]), ("kpi", "KPI")], key=lambda kv: kv[1].casefold())
    assert [(h.get("id"), h.text_content().rstrip("¶")) for h in terms] == [
        (key, term[:1].upper() + term[1:]) for key, term in expected]
    toc = [a.get("href") for a in doc.cssselect("nav.md-nav--secondary a")]
    assert {"#incident", "#kpi"} <= set(toc)
    definitions = [p.text_content() for p in doc.cssselect("article .kb-glossary > p:not([class])")]
    assert definitions == [TERMS[lang][1]] * 2
    also = doc.cssselect("article .kb-term-also")
    assert len(also) == 1 and also[0].text_content().endswith(": kpi")
    # discouraged words are for writers (the staff site), not for customers
    text = doc.cssselect("article")[0].text_content()
    assert TERMS[lang][2] not in text and "zzz" not in text


def test_glossary_errors_name_file_and_line(tmp_path):
    files = minimal_tree()
    files["pl/glossary.yml"] = "incident:\n  term: incydent\n  definiton: x\nBad Key:\n  term: y\n  definition: z\n"
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert [str(e) for e in info.value.errors] == [
        "docs/pl/glossary.yml:3: incident: unknown field 'definiton' (did you mean 'definition'?)",
        "docs/pl/glossary.yml:4: concept key 'Bad Key' must be lowercase words joined by '-'",
    ]


@pytest.mark.parametrize(
    "form, text, found",
    [
        ("faktura elektroniczna", "wysyłamy faktury elektronicznej nie", True),
        ("incydent", "zgłoszenie incydentu", True),
        ("incydent", "przyczyna incydentów", True),
        ("sự cố", "xử lý sự cố nhanh", True),
        ("sự cố", "sự cốc", False),  # a Vietnamese syllable matches whole
        ("hendelse", "hendelsene", True),
        ("SLA", "the SLAB", False),
        ("zdarzenie", "zdarzenia losowe", True),
    ],
)
def test_form_pattern_allows_inflection_but_not_other_words(form, text, found):
    assert bool(form_pattern(form).search(text)) is found


@pytest.mark.parametrize(
    "form, text, found",
    [
        ("zamiana", "prosimy o zamianę", True),
        ("zamiana", "zamiast naprawy", False),
        ("parche", "un parche rápido", True),
        ("parche", "total o parcialmente", False),
        ("kreditnote", "send en kreditnote", True),
        ("biến cố", "một biến cố lớn", True),
        ("biến cố", "biến cốt", False),
    ],
)
def test_strict_form_pattern_for_discouraged_words(form, text, found):
    assert bool(form_pattern(form, strict=True).search(text)) is found
