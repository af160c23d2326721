"""The fact sheet (issue 15): one value, written in each reader's language with
its plural forms, number, currency and time formats; a value differs by
language only where the sheet says why; misuse is reported as path:line."""

from __future__ import annotations

import pytest

from htmlread import page, search_pages
from kbforge.content import ContentErrors, load_catalog
from sitebuild import LANGS, article, build_site, minimal_tree, write_tree

NB = "\u00a0"  # Babel and the sheet join number and unit with a no-break space

FACTS = """\
units:
  hour:
    vi: {other: giờ}
    nb: {one: time, other: timer}
    es: {one: hora, many: horas, other: horas}
    pl: {one: godzina, few: godziny, many: godzin, other: godziny}
  day:
    vi: {other: ngày}
    nb: {one: dag, other: dager}
    es: {one: día, many: días, other: días}
    pl: {one: dzień, few: dni, many: dni, other: dni}
facts:
  hours-1: {type: duration, value: 1 hour, note: test}
  hours-2: {type: duration, value: 2 hour, note: test}
  hours-5: {type: duration, value: 5 hour, note: test}
  hours-22: {type: duration, value: 22 hour, note: test}
  hours-25: {type: duration, value: 25 hour, note: test}
  days-1: {type: duration, value: 1 day, note: test}
  days-14: {type: duration, value: 14 day, note: test}
  customers: {type: count, value: 2000000, note: customers served}
  answered: {type: percent, value: 80, note: calls answered within the target}
  opens: {type: time, value: "08:00", note: support opens}
  support-hours: {type: hours, value: mon-fri 08:00-18:00, note: phone support}
  support-phone: {type: phone, value: 800 12 345, note: support line}
  support-email: {type: email, value: support@nordlys.example, note: support address}
  credit-limit:
    type: money
    value: 250 EUR
    note: first-line credit limit
    languages:
      vi: {value: 6000000 VND, reason: customers in Vietnam are invoiced in dong}
      nb: {value: 900 NOK, reason: customers in Norway are invoiced in kroner}
      pl: {value: 500 PLN, reason: customers in Poland are invoiced in złoty}
"""

BODY = """\
Intro {{ hours-1 }}.

## Within {{ hours-5 }} {#window}

- First {{ hours-22 }}.
- Then {{ days-1 }}.

| When | Limit |
|---|---|
| {{ hours-25 }} | {{ credit-limit }} |

!!! note "Note"
    Answer in {{ hours-2 }}, limit {{ credit-limit:number }}.

Customers {{ customers }}; answered {{ answered }}; opens {{ opens }}; hours {{ support-hours }};
call {{ support-phone:link }}; write {{ support-email:link }}.
"""

EXPECTED = {  # what a native reader expects to read
    "vi": {"hours": ["1 giờ", "2 giờ", "5 giờ", "22 giờ", "25 giờ"], "days": ["1 ngày", "14 ngày"],
           "customers": "2.000.000", "answered": "80%", "opens": "08:00", "money": f"6.000.000{NB}₫",
           "number": "6.000.000", "support-hours": "Thứ Hai–Thứ Sáu, 08:00–18:00"},
    "nb": {"hours": ["1 time", "2 timer", "5 timer", "22 timer", "25 timer"], "days": ["1 dag", "14 dager"],
           "customers": f"2{NB}000{NB}000", "answered": f"80{NB}%", "opens": "08.00", "money": f"900{NB}kr",
           "number": "900", "support-hours": "mandag–fredag kl. 08.00–18.00"},
    "es": {"hours": ["1 hora", "2 horas", "5 horas", "22 horas", "25 horas"], "days": ["1 día", "14 días"],
           "customers": "2.000.000", "answered": f"80{NB}%", "opens": "8:00", "money": f"250{NB}€",
           "number": "250", "support-hours": "de lunes a viernes, de 8:00 a 18:00"},
    "pl": {"hours": ["1 godzina", "2 godziny", "5 godzin", "22 godziny", "25 godzin"], "days": ["1 dzień", "14 dni"],
           "customers": f"2{NB}000{NB}000", "answered": "80%", "opens": "08:00", "money": f"500{NB}zł",
           "number": "500", "support-hours": "poniedziałek–piątek, 08:00–18:00"},
}


def fact_tree():
    files = minimal_tree()
    files["facts.yml"] = FACTS
    for lang in LANGS:
        files[f"{lang}/practices/service.md"] = article(
            "KB-0001", "Reply within {{ days-14 }}", summary="Within {{ hours-2 }}.", body=BODY)
    return files


@pytest.fixture(scope="module")
def fact_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("facts"), fact_tree(), extra={"support": SUPPORT})


# mkdocs.yml names the facts to show how to reach support (home page, 404, "No" answers)
SUPPORT = {"phone": "{{ support-phone }}", "email": "{{ support-email }}", "hours": ["{{ support-hours }}"]}


def facts_in(doc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in doc.cssselect("article .kb-fact"):
        out.setdefault(el.get("data-kb-fact"), []).append(el.text_content())
    return out


def nbsp(text: str) -> str:
    return text.replace(" ", NB, 1) if text[:1].isdigit() else text


@pytest.mark.parametrize("lang", LANGS)
def test_durations_have_the_plural_form_of_their_number(fact_site, lang):
    found = facts_in(page(fact_site, f"{lang}/practices/service/"))
    hours = [found[f"hours-{n}"][0] for n in (1, 2, 5, 22, 25)]
    assert hours == [nbsp(h) for h in EXPECTED[lang]["hours"]]
    assert found["days-1"] == [nbsp(EXPECTED[lang]["days"][0])]


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_money_percent_and_times_in_the_readers_format(fact_site, lang):
    found = facts_in(page(fact_site, f"{lang}/practices/service/"))
    expected = EXPECTED[lang]
    assert found["customers"] == [expected["customers"]]
    assert found["answered"] == [expected["answered"]]
    assert found["opens"] == [expected["opens"]]
    assert found["credit-limit"] == [expected["money"], expected["number"]]
    assert [t.replace(NB, " ") for t in found["support-hours"]] == [expected["support-hours"]]


@pytest.mark.parametrize("lang", LANGS)
def test_phone_and_email_facts_link(fact_site, lang):
    doc = page(fact_site, f"{lang}/practices/service/")
    phone = doc.cssselect("article a.kb-fact[data-kb-fact='support-phone']")[0]
    assert (phone.get("href"), phone.text_content()) == ("tel:80012345", "800 12 345")
    email = doc.cssselect("article a.kb-fact[data-kb-fact='support-email']")[0]
    assert email.get("href") == "mailto:support@nordlys.example"


@pytest.mark.parametrize("lang", LANGS)
def test_facts_render_in_titles_headings_lists_tables_and_admonitions(fact_site, lang):
    doc = page(fact_site, f"{lang}/practices/service/")
    hours, days = EXPECTED[lang]["hours"], EXPECTED[lang]["days"]
    assert doc.cssselect("article h1")[0].text_content() == f"Reply within {nbsp(days[1])}"
    assert nbsp(days[1]) in doc.cssselect("title")[0].text_content()
    assert doc.cssselect("meta[name=description]")[0].get("content") == f"Within {nbsp(hours[1])}."
    heading = doc.cssselect("article h2#window")[0]
    assert heading.text_content().rstrip("¶") == f"Within {nbsp(hours[2])}"
    assert [li.text_content() for li in doc.cssselect("article ul li") if li.text_content().startswith(("First", "Then"))] == [
        f"First {nbsp(hours[3])}.", f"Then {nbsp(days[0])}."]
    cells = [td.text_content() for td in doc.cssselect("article table td")]
    assert cells == [nbsp(hours[4]), EXPECTED[lang]["money"]]
    note = doc.cssselect("article .admonition.note")[0].text_content()
    assert f"Answer in {nbsp(hours[1])}, limit {EXPECTED[lang]['number']}." in note
    assert "{{" not in doc.text_content()


@pytest.mark.parametrize("lang", LANGS)
def test_the_contact_box_takes_phone_email_and_hours_from_the_sheet(fact_site, lang):
    box = page(fact_site, f"{lang}/").cssselect(".kb-contact")[0]
    assert [a.get("href") for a in box.cssselect("a[href^='tel:'], a[href^='mailto:']")] == [
        "tel:80012345", "mailto:support@nordlys.example"]
    hours = box.cssselect("p")[0].text_content()
    assert hours.endswith(": " + EXPECTED[lang]["support-hours"]), hours
    assert "{{" not in box.text_content()
    assert page(fact_site, f"{lang}/404.html").cssselect("a[href='mailto:support@nordlys.example']")


def test_an_unknown_fact_in_the_support_settings_is_named(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    support = {**SUPPORT, "hours": ["{{ support-hour }}"]}
    with pytest.raises(Abort):
        build_site(tmp_path, fact_tree(), extra={"support": support})
    assert "mkdocs.yml: extra.support.hours: {{ support-hour }}: unknown fact 'support-hour' " \
        "(did you mean 'support-hours'?)" in caplog.text


@pytest.mark.parametrize("lang", LANGS)
def test_search_indexes_the_rendered_value(fact_site, lang):
    fragment = search_pages(fact_site, lang)["/practices/service/"]
    assert EXPECTED[lang]["hours"][2].replace(" ", NB) in fragment["x"].replace(" ", NB)
    assert "{{" not in fragment["x"]


def test_a_value_differs_by_language_only_with_a_reason(tmp_path):
    write_tree(tmp_path / "docs", fact_tree())
    sheet = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path)).facts
    assert sheet.differs("credit-limit") == {
        "vi": "customers in Vietnam are invoiced in dong", "nb": "customers in Norway are invoiced in kroner",
        "pl": "customers in Poland are invoiced in złoty"}
    assert sheet.differs("hours-2") == {}
    broken = fact_tree()
    broken["facts.yml"] = FACTS.replace("reason: customers in Poland are invoiced in złoty", "why: złoty")
    write_tree(tmp_path / "docs", broken)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert [str(e) for e in info.value.errors] == [
        "docs/facts.yml:33: credit-limit: missing required field 'languages.pl.reason'",
        "docs/facts.yml:33: credit-limit: unknown field 'languages.pl.why'",
    ]


# --- misuse, as path:line -----------------------------------------------------------

def misuse(tmp_path, body=None, facts=FACTS, title="Reply within {{ days-14 }}"):
    files = fact_tree()
    files["facts.yml"] = facts
    if body is not None:
        files["nb/practices/service.md"] = article("KB-0001", title, summary="Within {{ hours-2 }}.",
                                                   body=BODY + "\n" + body + "\n")
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    return [str(e) for e in info.value.errors]


LAST = 12 + BODY.count("\n") + 1  # the file line of a line appended to BODY


@pytest.mark.parametrize("text, message", [
    ("Call {{ support-phon }}.",
     "unknown fact 'support-phon' (did you mean 'support-phone'?); facts are defined in docs/facts.yml"),
    ("Dial {{ support-phone:number }}.",
     "fact 'support-phone' is a phone; ':number' is for duration, count, money, percent facts"),
    ("See {{ hours-2:link }}.", "fact 'hours-2' is a duration; ':link' is for phone, email, url facts"),
    ("See {{ hours-2 | link }}.", "fact 'hours-2' is a duration; ':link' is for phone, email, url facts"),
])
def test_misused_facts_name_file_and_line(tmp_path, text, message):
    assert misuse(tmp_path, text) == [f"docs/nb/practices/service.md:{LAST}: {message}"]


def test_an_unknown_fact_in_a_title_names_its_line(tmp_path):
    assert misuse(tmp_path, "", title="Reply within {{ days-41 }}") == [
        "docs/nb/practices/service.md:3: unknown fact 'days-41' (did you mean 'days-1'?); facts are defined in docs/facts.yml"]


def test_an_unused_fact_names_its_line_in_the_sheet(tmp_path):
    facts = FACTS + "  spare: {type: count, value: 3, note: nobody uses it}\n"
    assert misuse(tmp_path, facts=facts) == [
        "docs/facts.yml:34: fact 'spare' is not used by any article; remove it or use it"]


def test_a_fact_without_a_sheet(tmp_path):
    files = fact_tree()
    del files["facts.yml"]
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert "docs/vi/practices/service.md:12: fact 'hours-1' used, but there is no docs/facts.yml to define it" in [
        str(e) for e in info.value.errors]


@pytest.mark.parametrize("change, message", [
    (("value: 2 hour,", "value: 2 hours,"), "docs/facts.yml:14: hours-2: unknown unit 'hours' (did you mean 'hour'?); "
                                            "units are defined under 'units:'"),
    (("value: 5 hour,", "value: 5,"), "docs/facts.yml:15: hours-5: a duration needs a unit, e.g. '24 hour' or '3 working-day'"),
    (("value: 22 hour,", "value: twenty-two hours,"),
     "docs/facts.yml:16: hours-22: a duration is written as a number and a unit, e.g. '24 hour'"),
    (("value: 2000000,", "value: two million,"), "docs/facts.yml:20: customers: a count is written as a number and an optional unit"),
    (("value: 80,", "value: 80 day,"), "docs/facts.yml:21: answered: a percent is a number without unit, e.g. '80'"),
    (('value: "08:00",', 'value: "8 am",'), "docs/facts.yml:22: opens: a time is written HH:MM, e.g. '08:00'"),
    (("value: mon-fri 08:00-18:00,", "value: weekdays,"),
     "docs/facts.yml:23: support-hours: opening hours are written like 'mon-fri 08:00-18:00' or 'sat 10:00-14:00'"),
    (("value: 800 12 345,", "value: call us,"), "docs/facts.yml:24: support-phone: expected a phone number of digits and spaces, got 'call us'"),
    (("value: support@nordlys.example,", "value: support,"), "docs/facts.yml:25: support-email: expected an e-mail address, got 'support'"),
    (("value: 250 EUR", "value: 250 euro"), "docs/facts.yml:28: credit-limit: money is written as an amount and an ISO currency code, e.g. '250 EUR'"),
    (("type: money", "type: amount"), "docs/facts.yml:27: credit-limit: field 'type': 'amount' is not allowed; input should be "
                                      "'duration', 'count', 'money', 'percent', 'time', 'hours', 'phone', 'extension', 'email', 'url' or 'text'"),
    (("      pl: {value: 500 PLN", "      de: {value: 500 PLN"), "docs/facts.yml:33: credit-limit: unknown language 'de' (configured: vi, nb, es, pl)"),
    (("  hours-1:", "  Hours-1:"), "docs/facts.yml:13: fact name 'Hours-1' must be lowercase words joined by '-'"),
    (("    pl: {one: godzina, few: godziny, many: godzin, other: godziny}", "    pl: {one: godzina, other: godziny}"),
     "docs/facts.yml:6: unit 'hour' in 'pl': missing the plural forms few, many"),
    (("    vi: {other: giờ}", "    vi: {one: giờ, other: giờ}"), "docs/facts.yml:3: unit 'hour' in 'vi': 'vi' has no plural category one (it has other)"),
    (("    vi: {other: ngày}\n", ""), "docs/facts.yml:7: unit 'day': no forms for 'vi' (needs other)"),
    (("    nb: {one: dag, other: dager}", "    nb: {one: dag, other: dager}\n    de: {one: Tag, other: Tage}"),
     "docs/facts.yml:10: unit 'day': unknown language 'de'"),
    (("  day:\n", "  Day:\n"), ["docs/facts.yml:7: unit 'Day': a name (lowercase words joined by '-') mapping each "
                                 "language to its plural forms",
                                 "docs/facts.yml:18: days-1: unknown unit 'day'; units are defined under 'units:'",
                                 "docs/facts.yml:19: days-14: unknown unit 'day'; units are defined under 'units:'"]),
    (("units:", "unit:"), "docs/facts.yml:1: the fact sheet has two parts, 'units:' and 'facts:'"),
])
def test_sheet_errors_name_the_line(tmp_path, change, message):
    old, new = change
    assert old in FACTS
    expected = message if isinstance(message, list) else [message]
    assert misuse(tmp_path, facts=FACTS.replace(old, new, 1)) == expected
