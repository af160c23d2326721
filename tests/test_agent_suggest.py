"""kbforge.suggest and ``kbforge suggest`` (issue 17): ticket cleaning, language
detection from two-line tickets, the CLI's JSON and exit codes, and the staff
site's panel page and profile (the browser side: test_agent_panel.py)."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from agentkit import CUSTOMER, INTERNAL, TICKETS, agent_site  # noqa: F401 - the fixture
from kbforge.cli import main
from kbforge.suggest import Suggester, ticket
from sitebuild import LANGS


# -- what is left of a ticket ------------------------------------------------
@pytest.mark.parametrize("text, kept, gone", [
    ("Hei,\n\nFakturaen min er feil.\n\nMvh\nKari Nordbø\ntlf 952 18 640\n",
     ["Fakturaen min er feil."], ["Hei", "Mvh", "Kari", "952"]),
    ("Hola:\nMe han cobrado dos veces.\n\nEl lun, 3 nov 2025 a las 10:14, Soporte <a@b.es> escribió:\n> Gracias por escribirnos\n",
     ["Me han cobrado dos veces."], ["Hola", "Soporte", "Gracias"]),
    ("Dzień dobry,\nfaktura nr FV/2025/11/0042 jest błędna, mój e-mail to jan.kowalski@example.pl.\n"
     "W dniu 12.11.2025 o 09:30, Obsługa <obsluga@nordlys.example> napisał(a):\n> Szanowny Panie\n",
     ["faktura nr", "jest błędna"], ["Dzień", "FV/2025", "jan.kowalski", "Obsługa", "Szanowny"]),
    ("Xin chào,\nĐơn hàng 40018273 của tôi chưa được giao.\nTrân trọng,\nNguyễn Văn An\n"
     "Vào 10:12 ngày 3/11/2025, Nordlys đã viết:\n> Cảm ơn quý khách\n",
     ["Đơn hàng", "chưa được giao"], ["Xin chào", "40018273", "Trân trọng", "Nguyễn", "quý khách"]),
    ("Hei igjen.\nLeveringen kom ikke.\n\nDen 12. nov. 2025 kl. 10:14 skrev Kundeservice <ks@nordlys.example>:\n> Hei Kari\n",
     ["Leveringen kom ikke."], ["igjen", "Kundeservice", "Hei Kari"]),
    ("Hello, my invoice is wrong.\n--\nJohn Smith\nhttps://example.com\n", ["my invoice is wrong"], ["Hello", "John", "example.com"]),
])
def test_ticket_words(text, kept, gone):
    cleaned = ticket.clean(text)
    for part in kept:
        assert part in cleaned
    for part in gone:
        assert part not in cleaned


# -- language, from two lines ------------------------------------------------
def test_detects_each_language_from_two_line_tickets(agent_site):
    _, site = agent_site
    suggester = Suggester(site)
    found = {(lang, article): suggester.detect(text) for lang in LANGS for article, text in TICKETS[lang].items()}
    assert found == {key: key[0] for key in found}
    # without diacritics, as customers without the keyboard type them
    from kbforge.searchcore.text import fold
    assert {lang: suggester.detect(fold(TICKETS[lang]["KB-0901"])) for lang in LANGS} == {lang: lang for lang in LANGS}


def test_profile_is_small_and_learnt_from_the_site(agent_site):
    _, site = agent_site
    path = site / "agent" / "profile.json"
    profile = json.loads(path.read_text(encoding="utf-8"))
    assert path.stat().st_size < 32_000
    assert profile["detect"]["langs"] == sorted(LANGS)
    assert "ł" in profile["detect"]["grams"] and "đ" in profile["detect"]["grams"]
    assert set(profile["words"]) == set(LANGS)


# -- the staff site's page -----------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_panel_page_and_home_link(agent_site, lang):
    _, site = agent_site
    page = lxml_html.fromstring((site / lang / "agent" / "index.html").read_bytes())
    root = page.cssselect(".kb-agent")[0]
    panel = json.loads(root.get("data-panel"))
    assert panel["lang"] == lang and set(panel["bundles"]) == set(LANGS)
    textarea = page.cssselect("textarea#kb-agent-ticket")[0]
    assert page.cssselect("label[for=kb-agent-ticket]")[0].text_content().strip()
    assert textarea.get("aria-describedby")
    options = [o.get("value") for o in page.cssselect("select#kb-agent-lang option")]
    assert options == ["", *LANGS]
    assert page.cssselect(".kb-agent__status[role=status][aria-live=polite]")
    home = lxml_html.fromstring((site / lang / "index.html").read_bytes())
    assert any(a.get("href", "").rstrip("/").endswith("agent") for a in home.cssselect("a")), "linked from the staff home"


def test_results_carry_id_permalink_and_internal_flag(agent_site):
    _, site = agent_site
    metas = [json.loads(p.read_text(encoding="utf-8")).get("k", {}) for p in (site / "pl" / "kbsearch" / "d").glob("*.json")]
    by_id = {m["id"]: m for m in metas}
    assert by_id["KB-0901"]["permalink"] == CUSTOMER + "go/KB-0901/?lang=pl"
    assert by_id[INTERNAL] == {"id": INTERNAL, "internal": 1}


# -- the command line ----------------------------------------------------------
def run_cli(capsys, *args):
    code = main(["suggest", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("lang", LANGS)
def test_cli_json(agent_site, tmp_path, capsys, lang):
    _, site = agent_site
    path = tmp_path / "ticket.txt"
    path.write_text(TICKETS[lang]["KB-0901"], encoding="utf-8")
    code, out, _ = run_cli(capsys, path, "--site", site, "--json")
    assert code == 0
    answer = json.loads(out)
    assert answer["language"] == answer["detected"] == lang
    first = answer["suggestions"][0]
    assert set(first) >= {"id", "language", "title", "summary", "permalink", "sections", "score", "internal"}
    assert first["id"] == "KB-0901" and first["language"] == lang and first["internal"] is False
    assert first["permalink"].startswith(CUSTOMER + f"go/KB-0901/?lang={lang}")
    assert first["sections"] and first["permalink"].endswith("#" + first["sections"][0]["key"])


def test_cli_internal_article_has_no_customer_link(agent_site, tmp_path, capsys, monkeypatch):
    _, site = agent_site
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(TICKETS["es"][INTERNAL]))
    code, out, _ = run_cli(capsys, "-", "--site", site, "--json", "--lang", "es")
    assert code == 0
    answer = json.loads(out)
    assert answer["detected"] is None and answer["language"] == "es"
    first = answer["suggestions"][0]
    assert first["id"] == INTERNAL and first["internal"] is True and first["permalink"] is None


def test_cli_table_and_lang_override(agent_site, tmp_path, capsys):
    _, site = agent_site
    path = tmp_path / "ticket.txt"
    path.write_text(TICKETS["nb"]["KB-0902"], encoding="utf-8")
    code, out, _ = run_cli(capsys, path, "--site", site, "--lang", "pl")
    assert code in (0, 1)
    assert out.startswith("language: pl;")
    assert "?lang=nb" not in out
    code, out, _ = run_cli(capsys, path, "--site", site)
    assert code == 0 and out.startswith("language: nb (detected)") and "1. KB-0902" in out


def test_cli_exit_codes(agent_site, tmp_path, capsys):
    _, site = agent_site
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("Xqzv bbbkk wwwjj.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, nothing, "--site", site, "--json")
    assert code == 1 and json.loads(out)["suggestions"] == []
    code, _, err = run_cli(capsys, tmp_path / "missing.txt", "--site", site)
    assert code == 2 and "missing.txt" in err
    code, _, err = run_cli(capsys, nothing, "--site", site, "--lang", "de")
    assert code == 2 and "--lang" in err
    code, _, err = run_cli(capsys, nothing, "--site", tmp_path)
    assert code == 2 and "profile" in err
    with pytest.raises(SystemExit) as usage:
        main(["suggest", str(nothing), "--site", str(site), "--bogus"])
    assert usage.value.code == 2
