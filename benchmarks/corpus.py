"""Docs trees for benchmarks: the project's docs, or a help-center corpus such as
../shared/corpora/m365-insights (one folder per language, the same file name
for the same article), turned into the same content for both builds.

Ours gets the content model's front matter; the stock build gets the files
as they are. A link to an article left out by --limit becomes plain text in both.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml

LANGS = ["vi", "nb", "es", "pl"]
RENAMED = {"index.md": "index-article.md", "README.md": "readme-article.md"}
HOME = {"vi": "Trung tâm trợ giúp", "nb": "Hjelpesenter", "es": "Centro de ayuda", "pl": "Centrum pomocy"}
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
LOCAL_LINK = re.compile(r"\[([^\]]*)\]\(([^)#\s:]+\.md)(#[^)]*)?\)")
# What the corpus has that our content rules refuse, made to fit (in both trees alike):
# images of files the corpus left out (its media/ folder), links with other schemes (ms-settings:).
LOCAL_IMAGE = re.compile(r"!\[([^\]]*)\]\((?![a-z][a-z0-9+.-]*:)[^)]*\)")
HTML_IMAGE = re.compile(r"<img\b(?![^>]*\bsrc=[\"']?(?:https?:|data:image/))[^>]*>", re.I)
OTHER_SCHEME = re.compile(r"\[([^\]]*)\]\((?!https?:|mailto:|tel:|data:image/)[a-z][a-z0-9+.-]*:[^)]*\)", re.I)


def _fit(body: str) -> str:
    body = LOCAL_IMAGE.sub(lambda m: m.group(1), body)
    body = HTML_IMAGE.sub("", body)
    return OTHER_SCHEME.sub(lambda m: m.group(1), body)


def articles(corpus: Path, limit: int | None) -> list[str]:
    """File names in every language folder, sorted; the first ``limit`` of them."""
    names = sorted(set.intersection(*(set(p.name for p in (corpus / lang).glob("*.md")) for lang in LANGS)))
    return names[:limit] if limit else names


def _summary(body: str, title: str) -> str:
    for line in body.splitlines():
        text = re.sub(r"<[^>]+>|[*_`#>\[\]]|\([^)]*\)", "", line).strip()
        if len(text) > 20 and not text.startswith(("|", "-", "!")):
            return text[:200]
    return title


def _front(text: str) -> tuple[dict, str]:
    match = FRONT.match(text)
    return (yaml.safe_load(match.group(1)) or {}, text[match.end():]) if match else ({}, text)


def write_trees(corpus: Path, limit: int | None, out: Path) -> tuple[Path, Path, int]:
    """Write out/ours and out/stock from ``corpus``; returns both docs folders and the article count."""
    names = articles(corpus, limit)
    keep = set(names)
    ours, stock = out / "ours", out / "stock"
    for tree in (ours, stock):
        shutil.rmtree(tree, ignore_errors=True)
    for lang in LANGS:
        for tree in (ours, stock):
            (tree / lang).mkdir(parents=True)
        (ours / lang / "index.md").write_text(f"---\ntitle: {HOME[lang]}\n---\n\n{HOME[lang]}.\n", encoding="utf-8")
        (stock / lang / "index.md").write_text(f"# {HOME[lang]}\n\n{HOME[lang]}.\n", encoding="utf-8")
        for number, name in enumerate(names):
            text = (corpus / lang / name).read_text(encoding="utf-8")
            target = RENAMED.get(name, name)  # the home page is index.md
            meta, body = _front(text)
            body = _fit(LOCAL_LINK.sub(lambda m: m.group(0) if m.group(2) in keep else m.group(1), body))
            title = str(meta.get("title") or name[:-3])
            try:
                reviewed = dt.datetime.strptime(str(meta.get("date")), "%m/%d/%Y").date()
            except ValueError:
                reviewed = dt.date(2021, 1, 1)
            front = {
                "id": f"KB-{10000 + number}", "title": title, "type": "guide", "audience": "public",
                "tags": [], "owner": "m365", "reviewed": reviewed.isoformat(), "summary": _summary(body, title),
            }
            (ours / lang / target).write_text(
                "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body, encoding="utf-8")
            stock_front = {"title": title}
            (stock / lang / target).write_text(
                "---\n" + yaml.safe_dump(stock_front, allow_unicode=True) + "---\n\n" + body, encoding="utf-8")
    return ours, stock, len(names)


def project_trees(project: Path, out: Path) -> tuple[Path, Path, int]:
    """The project's own docs for ours; for the stock build the same Markdown with
    plain front matter (stock MkDocs has no kb: links: they become plain text)."""
    ours, stock = out / "ours", out / "stock"
    for tree in (ours, stock):
        shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(project / "docs", ours)
    shutil.copytree(project / "docs", stock, ignore=shutil.ignore_patterns("*.yml"))
    count = 0
    for path in stock.rglob("*.md"):
        meta, body = _front(path.read_text(encoding="utf-8"))
        body = re.sub(r"\[([^\]]*)\]\(kb:[^)]*\)", r"\1", body)
        path.write_text("---\n" + yaml.safe_dump({"title": meta.get("title", "")}, allow_unicode=True) + "---\n\n" + body,
                        encoding="utf-8")
        count += path.parent.name != "" and path.name != "index.md"
    return ours, stock, count // len(LANGS)


STOCK_CONFIG = """\
site_name: Stock
site_url: {site_url}
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - {{locale: vi, name: Tiếng Việt, default: true, build: true}}
        - {{locale: nb, name: Norsk bokmål, build: true}}
        - {{locale: es, name: Español, build: true}}
        - {{locale: pl, name: Polski, build: true}}
markdown_extensions: [toc, attr_list, admonition, tables, md_in_html]
"""

OURS_CONFIG = """\
INHERIT: {project}/mkdocs.yml
site_url: {site_url}
docs_dir: {docs}
site_dir: {site}
strict: false
theme:
  name: material
  custom_dir: {project}/overrides
extra:
  support:  # a corpus has no fact sheet for mkdocs.yml's support facts: plain values
    phone: "800 12 345"
    email: support@nordlys.example
    hours: []
"""


def write_configs(out: Path, project: Path, ours: Path, stock: Path, site_url: str = "http://127.0.0.1/") -> tuple[Path, Path]:
    ours_config, stock_config = out / "ours.yml", out / "stock.yml"
    ours_config.write_text(OURS_CONFIG.format(project=project, docs=ours, site=out / "site-ours", site_url=site_url), encoding="utf-8")
    stock_config.write_text(STOCK_CONFIG.format(docs=stock, site=out / "site-stock", site_url=site_url), encoding="utf-8")
    return ours_config, stock_config
