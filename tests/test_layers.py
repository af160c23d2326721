"""The package's layers, read from its import statements (every one, including
those inside functions): plain modules never import MkDocs, nothing imports in
a circle, and a plugin reaches another plugin only through the lifecycle or a
settings accessor (the other plugin's config module)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sitebuild import PROJECT

ROOT = PROJECT / "plugins"
PLAIN = ("kbforge.content", "kbforge.searchcore", "kbforge.urls", "kbforge.slugs", "kbforge.strings")
SHARED = {"kbforge.content", "kbforge.lifecycle", "kbforge.catalog", "kbforge.strings", "kbforge.theme",
          "kbforge.urls", "kbforge.searchcore", "kbforge.slugs"}
# a plugin may read another plugin's settings through that plugin's config module
ACCESSOR = "config"
PLUGINS = {"kbforge." + p.name for p in (ROOT / "kbforge").iterdir() if (p / "plugin.py").exists()}


def modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "kbforge").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imports(mods: dict[str, Path]) -> dict[str, set[str]]:
    """module -> the package modules (and outside top-level packages) it imports."""
    out = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in mods else target)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
        out[name] = {_known(t, mods) for t in found}
    return out


def _known(target: str, mods) -> str:
    while target not in mods and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


@pytest.fixture(scope="module")
def graph():
    mods = modules()
    assert len(mods) > 60  # the walk found the package
    return mods, imports(mods)


def test_no_module_imports_in_a_circle(graph):
    mods, edges = graph
    inside = {m: {t for t in ts if t in mods and t != m} for m, ts in edges.items()}
    cycles, done = [], set()

    def visit(node, stack):
        for nxt in sorted(inside.get(node, ())):
            if nxt in stack:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, stack + [nxt])
        done.add(node)

    for module in sorted(inside):
        if module not in done:
            visit(module, [module])
    assert cycles == []


def test_plain_modules_never_import_mkdocs_or_a_plugin(graph):
    _, edges = graph
    wrong = {m: sorted(t for t in ts if t.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")
                       or any(t == p or t.startswith(p + ".") for p in PLUGINS))
             for m, ts in edges.items() if m.startswith(PLAIN)}
    assert {m: ts for m, ts in wrong.items() if ts} == {}


def test_a_plugin_reaches_another_only_through_the_lifecycle(graph):
    _, edges = graph
    reaching = set()
    for module, targets in edges.items():
        own = ".".join(module.split(".")[:2])
        if own not in PLUGINS:
            continue
        for target in targets:
            other = ".".join(target.split(".")[:2])
            if (other in PLUGINS and other != own and other not in SHARED
                    and target.split(".")[2:] != [ACCESSOR]):
                reaching.add((module, target))
    assert reaching == set()


def _names_i18n(node) -> bool:
    """``x.plugins.get("i18n")``, ``x.plugins["i18n"]`` or an import of the package."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
        return any(n.startswith("mkdocs_static_i18n") for n in names)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        owner, args = node.func.value, node.args
    elif isinstance(node, ast.Subscript):
        owner, args = node.value, [node.slice]
    else:
        return False
    return (isinstance(owner, ast.Attribute) and owner.attr == "plugins" and bool(args)
            and isinstance(args[0], ast.Constant) and args[0].value == "i18n")


def test_only_the_lifecycle_touches_mkdocs_static_i18n(graph):
    mods, _ = graph
    users = sorted(name for name, path in mods.items()
                   if any(_names_i18n(n) for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
    assert users == ["kbforge.lifecycle.i18n"]
