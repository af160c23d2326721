"""Staff features: review dates and onboarding paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from htmlread import page
from kbforge.content import ContentErrors, load_catalog
from sitebuild import LANGS, STAFF, article, build_site, minimal_tree, project_config, write_tree

TODAY = {"KB_TODAY": "2026-11-26"}
PATHS = """\
first-week:
  page: KB-0300
  groups:
    - title: {vi: Nền tảng, nb: Grunnlaget, es: lo básico, pl: podstawy}
      steps: [KB-0001, KB-0002]
"""


def staff_tree():
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/old-runbook.md"] = article(
            "KB-0002", f"Runbook {lang}", type="runbook", owner="logistics", reviewed="2026-01-05")
        files[f"{lang}/practices/guide.md"] = article(
            "KB-0300", f"Guide {lang}", type="guide", audience="internal", body="Welcome.\n")
    files["paths.yml"] = PATHS
    return files


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("staff"), staff_tree(), env={**STAFF, **TODAY})


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("public"), staff_tree(), env=TODAY)


OVERDUE = {  # the owner by the team's name in the reader's language (issue 15, point 4)
    "vi": "Bài viết này đã quá hạn rà soát từ 5 tháng 5, 2026 (phụ trách: Bộ phận kho vận).",
    "nb": "Fristen for å gjennomgå artikkelen gikk ut 5. mai 2026 (ansvarlig: Logistikk).",
    "es": "La revisión de este artículo venció el 5 de mayo de 2026 (responsable: Logística).",
    "pl": "Termin przeglądu tego artykułu minął 5 maja 2026 (odpowiada: Zespół logistyki).",
}


@pytest.mark.parametrize("lang", LANGS)
def test_overdue_article_is_marked_for_staff_only(staff, public, lang):
    marker = page(staff, f"{lang}/practices/old-runbook/").cssselect(".kb-review")
    assert [m.text_content().strip() for m in marker] == [OVERDUE[lang]]
    assert not page(staff, f"{lang}/practices/service/").cssselect(".kb-review")  # a practice, reviewed recently
    assert not page(public, f"{lang}/practices/old-runbook/").cssselect(".kb-review")


@pytest.mark.parametrize("lang", LANGS)
def test_review_report_page_by_owner(staff, public, lang):
    doc = page(staff, f"{lang}/reviews/")
    from kbforge import strings
    team = strings.for_language(lang)["team_logistics"]
    assert [h.text_content().strip("¶ ") for h in doc.cssselect("article h2")] == [team]
    rows = doc.cssselect("article table tbody tr")
    assert len(rows) == 4  # the runbook in each language
    assert not (public / lang / "reviews").exists()


def cli(tmp_path, *args):
    write_tree(tmp_path / "docs", staff_tree())
    config = project_config(tmp_path)
    return subprocess.run([sys.executable, "-m", "kbforge", "reviews", "-f", str(config), *args],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_review_command(tmp_path):
    result = cli(tmp_path, "--today", "2026-11-26")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "logistics (4)"
    assert "KB-0002  vi  due 2026-05-05 (205 days ago)  docs/vi/practices/old-runbook.md" in result.stdout
    data = json.loads(cli(tmp_path, "--today", "2026-11-26", "--json").stdout)
    assert [d["lang"] for d in data["logistics"]] == ["vi", "nb", "es", "pl"]
    assert cli(tmp_path, "--today", "2026-11-26", "--fail-if-overdue").returncode == 1
    assert cli(tmp_path, "--today", "2026-05-01", "--fail-if-overdue").returncode == 0


# --- onboarding paths -----------------------------------------------------------

STEP_TITLES = {"vi": "Định nghĩa dịch vụ", "nb": "Hva er en tjeneste", "es": "Qué es un servicio", "pl": "Czym jest usługa"}
GROUPS = {"vi": "Ngày 1: Nền tảng", "nb": "Dag 1 – Grunnlaget", "es": "Día 1: lo básico", "pl": "Dzień 1: podstawy"}


@pytest.mark.parametrize("lang", LANGS)
def test_path_is_shown_in_each_language(staff, lang):
    doc = page(staff, f"{lang}/practices/guide/")
    assert doc.cssselect("article h2#day-1")[0].text_content().strip("¶ ") == GROUPS[lang]
    steps = doc.cssselect("li.kb-step")
    assert [s.get("data-kb-step") for s in steps] == ["KB-0001", "KB-0002"]
    assert steps[0].cssselect("a")[0].text == STEP_TITLES[lang]
    assert steps[0].cssselect("a")[0].get("href") == "../service/"


def test_path_errors_name_file_and_line(tmp_path):
    files = staff_tree()
    files["paths.yml"] = PATHS.replace("KB-0002]", "KB-0999]").replace("pl: podstawy", "xx: y")
    write_tree(tmp_path / "docs", files)
    with pytest.raises(ContentErrors) as info:
        load_catalog(str(tmp_path / "docs"), LANGS, "vi", shown_base=str(tmp_path))
    assert [str(e) for e in info.value.errors] == [
        "docs/paths.yml:4: first-week: group 1 has no title in pl",
        "docs/paths.yml:5: first-week: step KB-0999 is not an article",
    ]


@pytest.mark.browser
def test_progress_is_kept_and_changed_steps_are_marked(tmp_path, context_factory):
    from conftest import serve_built
    server, url = serve_built(tmp_path, staff_tree(), env={**STAFF, **TODAY})  # the staff site, at the served address
    try:
        page_ = context_factory(["nb-NO"]).new_page()
        page_.goto(f"{url}/nb/practices/guide/")
        progress = page_.locator(".kb-path-progress")
        assert progress.inner_text() == "0 av 2 artikler lest"
        page_.locator("li.kb-step[data-kb-step='KB-0001'] input").check()
        page_.locator("li.kb-step[data-kb-step='KB-0002'] input").check()
        page_.reload()
        assert progress.inner_text() == "2 av 2 artikler lest"
        assert page_.locator("li.kb-step[data-kb-step='KB-0001'] input").is_checked()
        assert page_.locator(".kb-step-changed:visible").count() == 0
        # the article changes after the reader read it
        changed = tmp_path / "docs" / "nb" / "practices" / "service.md"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nNy avsnitt.\n", encoding="utf-8")
        build_site(tmp_path, {}, env={**STAFF, **TODAY}, site_url=url + "/")
        page_.reload()
        step = page_.locator("li.kb-step[data-kb-step='KB-0001']")
        assert "kb-step--changed" in step.get_attribute("class")
        assert step.locator(".kb-step-changed").inner_text() == "endret siden du leste den"
        assert not page_.locator("li.kb-step[data-kb-step='KB-0002'] .kb-step-changed").is_visible()
        page_.locator(".kb-path-reset").click()
        assert progress.inner_text() == "0 av 2 artikler lest"
    finally:
        server.shutdown()
