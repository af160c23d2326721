"""Build real sites from small docs trees in a temporary folder."""

from __future__ import annotations

import logging
import os
import textwrap
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

PROJECT = Path(__file__).resolve().parent.parent
LANGS = ["vi", "nb", "es", "pl"]


def article(id, title, *, type="practice", audience="public", tags=("demo",), owner="quality",
            reviewed="2026-10-01", summary="Summary.", body="Text.\n", extra=""):
    tags_yaml = "[" + ", ".join(tags) + "]"
    return (
        f"---\nid: {id}\ntitle: {title}\ntype: {type}\naudience: {audience}\n"
        f"tags: {tags_yaml}\nowner: {owner}\nreviewed: {reviewed}\nsummary: {summary}\n{extra}---\n\n"
        + textwrap.dedent(body)
    )


def landing(title, body="Welcome.\n"):
    return f"---\ntitle: {title}\n---\n\n{body}"


def write_tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


SUPPORT = {"phone": "800 12 345", "email": "support@nordlys.example", "hours": []}


def project_config(tmp_path: Path, **overrides) -> Path:
    """A config inheriting the project's mkdocs.yml, for tmp_path/docs and tmp_path/site.

    Plugin options that tests vary are read from environment variables in
    mkdocs.yml (``!ENV``); set them with monkeypatch.
    """
    data = {
        "INHERIT": str(PROJECT / "mkdocs.yml"),
        "docs_dir": str(tmp_path / "docs"),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "custom_dir": str(PROJECT / "overrides")},
        **overrides,
    }
    if "docs_dir" not in overrides:  # a test tree has no fact sheet for mkdocs.yml's support facts
        data.setdefault("extra", {"support": SUPPORT})
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_site(tmp_path: Path, files: dict[str, str], env: dict | None = None, **overrides) -> Path:
    """Write ``files`` under tmp_path/docs, build with the project's config, return the site folder.

    ``env`` sets environment variables that mkdocs.yml reads (e.g. KB_SITE) for this build only.
    Small trees build in one process (``KB_PROCESSES=1``) unless ``env`` says otherwise:
    test_parallel checks that the parallel build gives the same site.
    """
    write_tree(tmp_path / "docs", files)
    env = {"KB_PROCESSES": os.environ.get("KB_PROCESSES", "1"), **(env or {})}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        config = load_config(str(project_config(tmp_path, **overrides)))
        logging.getLogger("mkdocs").setLevel(logging.INFO)
        build(config)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Path(config.site_dir)

STAFF = {"KB_SITE": "staff"}


def minimal_tree(langs=LANGS) -> dict[str, str]:
    """Home, one section with one article, in each language."""
    titles = {
        "vi": ("Trang chủ", "Thực hành", "Định nghĩa dịch vụ", "Định nghĩa"),
        "nb": ("Forside", "Praksiser", "Hva er en tjeneste", "Definisjon"),
        "es": ("Inicio", "Prácticas", "Qué es un servicio", "Definición"),
        "pl": ("Strona główna", "Praktyki", "Czym jest usługa", "Definicja"),
    }
    files = {}
    for lang in langs:
        home, section, title, heading = titles[lang]
        files[f"{lang}/index.md"] = landing(home)
        files[f"{lang}/practices/index.md"] = landing(section)
        files[f"{lang}/practices/service.md"] = article(
            "KB-0001", title, body=f"## {heading}\n\nText {lang}.\n"
        )
    return files


def linked_tree() -> dict[str, str]:
    """minimal_tree plus articles that link by id; KB-0002 exists only in vi and nb."""
    files = minimal_tree()
    for lang in LANGS:
        files[f"{lang}/practices/service.md"] = article(
            "KB-0001", files[f"{lang}/practices/service.md"].split("title: ")[1].split("\n")[0],
            tags=("service", "basics"),
            body=f"## Steps {{#steps}}\n\nText {lang}.\n",
        )
        files[f"{lang}/practices/links.md"] = article(
            "KB-0003", f"Links {lang}", tags=("service",),
            body=(
                "See [the service](kb:KB-0001) and [its steps](kb:KB-0001#steps).\n\n"
                "Then [the extra one](kb:KB-0002).\n\nTicket INC-4711 and `INC-0001` in code.\n"
            ),
        )
    for lang in ("vi", "nb"):
        files[f"{lang}/practices/extra.md"] = article("KB-0002", f"Extra {lang}", tags=("basics",))
    return files
