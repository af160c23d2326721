"""The consistency check across translations (issue 15): what a translation
states differently from its original, section by section, found with both
values and the line; stamping refuses it; strict builds fail on it only for
a translation that claims to be up to date."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from htmlread import page
from kbforge import strings
from kbforge.content import load_catalog
from kbforge.content.translations import findings as check
from kbforge.content.translations import stamp_for
from sitebuild import LANGS, PROJECT, STAFF, article, build_site, minimal_tree, project_config, write_tree

VI = """\
## Các bước {#steps}

1. Mở phiếu.
2. Kiểm tra hóa đơn.
3. Gửi phản hồi.

## Chuyển cấp {#escalation}

Nếu chưa giải quyết trong 3 ngày làm việc, chuyển cho trưởng nhóm.

## Liên hệ {#contact}

Xem [bài viết](kb:KB-0002).
"""
TRANSLATIONS = {
    # a changed number and a changed link target
    "nb": ("Trinn {#steps}", """\
## Trinn {#steps}

1. Åpne saken.
2. Kontroller fakturaen.
3. Send svar.

## Eskalering {#escalation}

Er saken ikke løst innen 5 virkedager, gå til teamlederen.

## Kontakt {#contact}

Se [artikkelen](kb:KB-0003).
"""),
    # a number written as a word that differs, and a missing section
    "es": ("Pasos {#steps}", """\
## Pasos {#steps}

1. Abra el ticket.
2. Revise la factura.
3. Envíe la respuesta.

## Escalado {#escalation}

Si no se resuelve en cinco días hábiles, páselo al jefe de equipo.
"""),
    # a missing step; "trzech" states 3, as the original does
    "pl": ("Kroki {#steps}", """\
## Kroki {#steps}

1. Otwórz zgłoszenie.
2. Wyślij odpowiedź.

## Eskalacja {#escalation}

Jeśli sprawa nie zostanie rozwiązana w ciągu trzech dni roboczych, przekaż ją kierownikowi zespołu.

## Kontakt {#contact}

Zobacz [artykuł](kb:KB-0002).
"""),
}
TITLES = {"vi": "Xử lý khiếu nại", "nb": "Behandle klager", "es": "Tramitar reclamaciones", "pl": "Obsługa reklamacji"}


def original() -> str:
    return article("KB-0010", TITLES["vi"], type="runbook", body=VI)


def stamp(vi_text: str) -> dict:
    """The source: block `kbforge translations --stamp` writes for a translation of ``vi_text``."""
    with tempfile.TemporaryDirectory() as folder:
        write_tree(Path(folder) / "docs", {"vi/runbooks/claims.md": vi_text})
        entry = load_catalog(str(Path(folder) / "docs"), ["vi"], "vi", shown_base=folder, collect=True).get("KB-0010", "vi")
    return stamp_for(entry)


def consistency_tree(stamped_from: str | None = None) -> dict[str, str]:
    """KB-0010 in four languages, each translation stamped as made from ``stamped_from``
    (default: the current original, so each claims to be up to date)."""
    files = minimal_tree()
    source = yaml.safe_dump({"source": stamp(stamped_from or original())}, sort_keys=False)
    files["vi/runbooks/index.md"] = "---\ntitle: Runbooks\n---\n"
    files["vi/runbooks/claims.md"] = original()
    for lang, (_, body) in TRANSLATIONS.items():
        files[f"{lang}/runbooks/claims.md"] = article("KB-0010", TITLES[lang], type="runbook", body=body, extra=source)
        files[f"{lang}/runbooks/index.md"] = "---\ntitle: Runbooks\n---\n"
    for lang in LANGS:
        for n in (2, 3):
            files[f"{lang}/practices/p{n}.md"] = article(f"KB-000{n}", f"Article {n} {lang}")
    return files


def line_of(files: dict, lang: str, text: str) -> int:
    lines = files[f"{lang}/runbooks/claims.md"].split("\n")
    return next(n for n, line in enumerate(lines, start=1) if text in line)


def body_line(files: dict, lang: str) -> int:
    """The first line after the front matter (where a missing section is reported)."""
    lines = files[f"{lang}/runbooks/claims.md"].split("\n")
    return [n for n, line in enumerate(lines, start=1) if line == "---"][1] + 1


def findings_of(tmp_path, files) -> list[str]:
    write_tree(tmp_path / "docs", files)
    catalog = load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    return sorted(str(f) for langs in check(catalog).values() for found in langs.values() for f in found)


def expected_findings(files) -> list[str]:
    nb, es, pl = (f"docs/{lang}/runbooks/claims.md" for lang in ("nb", "es", "pl"))
    return sorted([
        f"{nb}:{line_of(files, 'nb', '{#escalation}')}: KB-0010, section 'escalation': numbers differ: vi has 3, nb has 5",
        f"{nb}:{line_of(files, 'nb', '{#contact}')}: KB-0010, section 'contact': links differ: "
        "vi has kb:KB-0002, nb has kb:KB-0003",
        f"{es}:{line_of(files, 'es', '{#escalation}')}: KB-0010, section 'escalation': numbers differ: vi has 3, es has 5",
        f"{es}:{body_line(files, 'es')}: KB-0010, section 'contact': sections differ: "
        "vi has {#contact} (Liên hệ), es has none",
        f"{pl}:{line_of(files, 'pl', '{#steps}')}: KB-0010, section 'steps': runbook steps differ: vi has 3, pl has 2",
    ])


def test_each_kind_of_drift_is_found_with_both_values_and_the_line(tmp_path):
    files = consistency_tree()
    found = findings_of(tmp_path, files)
    assert found == expected_findings(files)


def test_a_faithful_translation_has_no_findings(tmp_path):
    files = consistency_tree()
    files["nb/runbooks/claims.md"] = files["nb/runbooks/claims.md"].replace("5 virkedager", "tre virkedager").replace(
        "kb:KB-0003", "kb:KB-0002")
    found = findings_of(tmp_path, files)
    assert [f for f in found if "/nb/" in f] == []


# --- the command --------------------------------------------------------------------

def run(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "kbforge", *args[:1], "-f", str(project_config(tmp_path)), *args[1:]],
                          capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_command_lists_findings_and_fails_on_them(tmp_path):
    files = consistency_tree()
    write_tree(tmp_path / "docs", files)
    result = run(tmp_path, "consistency")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [*expected_findings(files), "5 findings"]
    data = json.loads(run(tmp_path, "consistency", "--json", "--lang", "pl").stdout)
    assert data == [{"path": "docs/pl/runbooks/claims.md", "line": line_of(files, "pl", "{#steps}"), "article": "KB-0010",
                     "lang": "pl", "source_lang": "vi", "section": "steps", "kind": "steps", "source": "3",
                     "translation": "2"}]
    assert run(tmp_path, "consistency", "--fail-on", "").returncode == 0
    assert run(tmp_path, "consistency", "--fail-on", "time,phone").returncode == 0
    assert run(tmp_path, "consistency", "--fail-on", "steps").returncode == 1


def test_stamping_an_inconsistent_translation_is_refused(tmp_path):
    files = consistency_tree(stamped_from=original().replace("3 ngày", "4 ngày"))  # outdated, and inconsistent
    write_tree(tmp_path / "docs", files)
    target = tmp_path / "docs" / "nb" / "runbooks" / "claims.md"
    before = target.read_bytes()
    result = run(tmp_path, "translations", "--stamp", "docs/nb/runbooks/claims.md")
    assert result.returncode == 2
    nb = [f for f in expected_findings(files) if "/nb/" in f]
    assert result.stderr.splitlines() == [
        "docs/nb/runbooks/claims.md: not stamped: it states 2 thing(s) its original (docs/vi/runbooks/claims.md) "
        "does not:", *nb]
    assert target.read_bytes() == before
    target.write_text(before.decode().replace("5 virkedager", "3 virkedager").replace("KB-0003", "KB-0002"), encoding="utf-8")
    assert run(tmp_path, "translations", "--stamp", "docs/nb/runbooks/claims.md").returncode == 0
    status = json.loads(run(tmp_path, "translations", "--json").stdout)["articles"]["KB-0010"]
    assert status["nb"]["status"] == "up-to-date" and status["nb"]["findings"] == []
    assert status["pl"]["status"] == "outdated" and len(status["pl"]["findings"]) == 1


# --- the build ----------------------------------------------------------------------

def test_a_strict_build_fails_on_findings_in_a_translation_stamped_up_to_date(tmp_path, caplog):
    files = consistency_tree()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path, files)
    for finding in expected_findings(files):
        assert f"{finding} (stamped up to date; fix it or restamp after fixing)" in caplog.text
    assert "5 warnings in strict mode: the previous site is left as it was" in caplog.text
    assert not (tmp_path / "site").exists()


@pytest.fixture(scope="module")
def outdated_staff_site(tmp_path_factory):
    """The original changed after the translations were made: they are outdated."""
    return build_site(tmp_path_factory.mktemp("outdated"), consistency_tree(stamped_from=original().replace("3 ngày", "4 ngày")),
                      env=STAFF)


@pytest.mark.parametrize("lang", LANGS)
def test_an_outdated_translation_builds_and_shows_its_findings_to_staff(outdated_staff_site, lang):
    doc = page(outdated_staff_site, f"{lang}/translations/")
    row = next(tr for tr in doc.cssselect("table.kb-status-table tbody tr") if "KB-0010" in tr.text_content())
    cells = row.cssselect("td")
    assert [c.get("class").split("--")[1] for c in cells] == ["original", "outdated", "outdated", "outdated"]
    sections = {s.get("id"): [" ".join(li.text_content().split()) for li in s.cssselect("li")]
                for s in doc.cssselect("section.kb-findings")}
    assert sorted(sections) == ["findings-KB-0010-es", "findings-KB-0010-nb", "findings-KB-0010-pl"]
    assert len(sections["findings-KB-0010-nb"]) == 2 and len(sections["findings-KB-0010-pl"]) == 1
    label = strings.for_language(lang)["finding_steps"]
    line = line_of(consistency_tree(), "pl", "{#steps}")
    assert sections["findings-KB-0010-pl"] == [f"docs/pl/runbooks/claims.md:{line} #steps {label}: Tiếng Việt 3, Polski 2"]


def test_the_shipped_knowledge_base_has_no_findings():
    result = subprocess.run([sys.executable, "-m", "kbforge", "consistency", "-f", str(PROJECT / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=PROJECT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.stdout.splitlines()[-1:] == ["0 findings"], result.stdout[-3000:] + result.stderr[-2000:]
    assert result.returncode == 0
