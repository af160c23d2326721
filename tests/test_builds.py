"""Builds never half-succeed (issue 14): two builds of one folder, SIGTERM in the
middle of a parallel build, and a destination that cannot be written. Each
build here is a real ``mkdocs build`` process, as a writer or CI runs it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from htmlread import page
from sitebuild import LANGS, article, linked_tree, minimal_tree, project_config, write_tree

NOT_FOUND = {"vi": "Không tìm thấy trang", "nb": "Fant ikke siden", "es": "Página no encontrada", "pl": "Nie znaleziono strony"}
NOBODY = 65534  # runs the builds whose permissions must bind (the tests run as root in CI)


def others_may_run(path: str) -> bool:
    """Whether a user other than the owner can execute ``path`` (every folder on
    the way searchable, the file executable)."""
    path = os.path.realpath(path)
    folders = [p for p in Path(path).parents]
    return all(os.stat(f).st_mode & 0o001 for f in folders) and bool(os.stat(path).st_mode & 0o001)


def python_for_others() -> tuple[str, dict]:
    """An interpreter the unprivileged user can run with this environment's packages.
    A virtualenv made from an interpreter under /root (pyenv) links to a file that
    user cannot reach; then the system's interpreter of the same version runs with
    the virtualenv's packages (and children it starts, like the search indexer, run the same)."""
    if others_may_run(sys.executable):
        return sys.executable, {}
    system = shutil.which(f"python{sys.version_info.major}.{sys.version_info.minor}", path="/usr/local/bin:/usr/bin")
    if system is None or not others_may_run(system):
        pytest.fail(f"no Python {sys.version_info.major}.{sys.version_info.minor} that user {NOBODY} may run")
    import kbforge
    packages = [p for p in sys.path if p.endswith("site-packages")]
    plugins = str(Path(kbforge.__file__).resolve().parent.parent)  # an editable install's .pth is not read from PYTHONPATH
    return system, {"PYTHONPATH": os.pathsep.join([*packages, plugins])}


class Build:
    """A ``mkdocs build`` process whose output is collected line by line; with
    ``user``, run as that user (setpriv, from util-linux)."""

    def __init__(self, config: Path, env: dict | None = None, user: int | None = None):
        python, extra = (sys.executable, {}) if user is None else python_for_others()
        command = [python, "-m", "mkdocs", "build", "-f", str(config)]
        if user is not None:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
            env = {**extra, **(env or {})}
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_UPDATE_LEDGER": "false", **(env or {})})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = 300) -> None:
        end = time.monotonic() + timeout
        while text not in self.output:
            if self.process.poll() is not None and not self.reader.is_alive():
                raise AssertionError(f"the build ended before saying {text!r}:\n{self.output[-3000:]}")
            if time.monotonic() > end:
                raise AssertionError(f"the build did not say {text!r} within {timeout} s")
            time.sleep(0.05)

    def finish(self, timeout: float = 600) -> int:
        code = self.process.wait(timeout=timeout)
        self.reader.join(timeout=10)
        return code


def wait_until(condition, timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what} within {timeout} s")
        time.sleep(0.05)


def processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes that mention ``text`` (e.g. a test's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(f"{entry.name}: {cmdline[:200]}")
    return found


def staging_folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name.startswith(".kbforge-"))


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


# --- two builds of one folder ---------------------------------------------------

def test_a_second_build_of_the_same_folder_waits_and_both_succeed(tmp_path):
    write_tree(tmp_path / "docs", linked_tree())
    config = project_config(tmp_path)
    first = Build(config)
    wait_until(lambda: staging_folders(tmp_path), 120, "the first build did not start writing")
    second = Build(config)
    second.wait_for("waiting for it")  # the lock holds it back
    assert first.finish() == 0, first.output[-3000:]
    assert second.finish() == 0, second.output[-3000:]
    assert "Traceback" not in first.output + second.output
    site = tmp_path / "site"
    for lang in LANGS:  # the site is whole, every language's 404 in its own language
        missing = page(site, f"{lang}/404.html")
        assert missing.get("lang") == lang
        assert missing.cssselect("article h1")[0].text_content() == NOT_FOUND[lang]
        assert (site / f"sitemap-{lang}.xml").is_file() and (site / lang / "kbsearch" / "manifest.json").is_file()
        assert page(site, f"{lang}/practices/service/").get("lang") == lang
    for name in ("index.html", "404.html", "sitemap.xml", "robots.txt", "catalog.json"):
        assert (site / name).is_file(), name
    root_404 = page(site, "404.html").text_content()
    assert all(NOT_FOUND[lang] in root_404 for lang in LANGS)
    assert staging_folders(tmp_path) == []


# --- SIGTERM --------------------------------------------------------------------

def big_tree(count: int = 120) -> dict[str, str]:
    files = minimal_tree()
    for lang in LANGS:
        for n in range(count):
            files[f"{lang}/practices/a{n:03d}.md"] = article(
                f"KB-{1000 + n}", f"Article {n:03d} {lang}", body=f"## Part\n\nText {n} in {lang}.\n" * 20)
    return files


def test_sigterm_mid_build_leaves_no_process_and_no_folder(tmp_path):
    write_tree(tmp_path / "docs", big_tree())
    build = Build(project_config(tmp_path), env={"KB_PROCESSES": "2"})
    build.wait_for("in parallel")  # the child build of es, pl is running
    build.wait_for("search: indexing")  # and the indexer writes vi while nb builds
    assert build.process.poll() is None, "the tree is too small: the build ended before the signal"
    assert len(processes_mentioning(str(tmp_path))) >= 2  # the child mkdocs build (and the indexer)
    build.process.send_signal(signal.SIGTERM)
    assert build.finish(timeout=60) != 0
    wait_until(lambda: processes_mentioning(str(tmp_path)) == [], 30, "processes of the build are left")
    assert staging_folders(tmp_path) == []
    assert not (tmp_path / "site").exists()
    assert [p.name for p in Path(tempfile.gettempdir()).iterdir() if p.name.startswith("kb-search-")] == []
    assert "Traceback" not in build.output


# --- a destination that cannot be written -------------------------------------------

@pytest.fixture(scope="module")
def unprivileged():
    """A folder the unprivileged user owns, with a docs tree, its config, a HOME and
    a temporary folder, and a site it built; yields (folder, config, env)."""
    folder = Path(tempfile.mkdtemp(prefix="kb-unprivileged-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        write_tree(folder / "docs", linked_tree())
        config = project_config(folder)
        for name in ("home", "tmp"):
            (folder / name).mkdir()
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        env = {"HOME": str(folder / "home"), "TMPDIR": str(folder / "tmp"), "KB_PROCESSES": "1"}
        built = Build(config, env, user=NOBODY)
        assert built.finish() == 0, built.output[-3000:]
        yield folder, config, env
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("read_only, message", [
    ("site", "cannot replace the site: {folder}/site is read-only; make it writable (chmod -R u+w {folder}/site) "
             "or build elsewhere (-d)"),
    ("site/nb", "cannot replace the site: {folder}/site/nb is read-only; make it writable "
                "(chmod -R u+w {folder}/site) or build elsewhere (-d)"),
    ("", "cannot write the site: its folder {folder} is read-only"),
])
def test_a_read_only_destination_fails_in_one_sentence_and_keeps_the_old_site(unprivileged, read_only, message):
    folder, config, env = unprivileged
    site = folder / "site"
    before = files_of(site)
    assert len(before) > 50
    locked = folder / read_only if read_only else folder
    locked.chmod(0o555)
    try:
        build = Build(config, env, user=NOBODY)
        code = build.finish()
    finally:
        locked.chmod(0o755)
    assert code == 1
    errors = [line for line in build.lines if line.startswith("ERROR")]
    assert [line.split("-  ", 1)[1] for line in errors] == [message.format(folder=folder)], build.output
    assert "Traceback" not in build.output
    assert files_of(site) == before  # byte for byte
    assert staging_folders(folder) == []
