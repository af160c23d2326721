"""Build languages in parallel: one ``mkdocs build`` process per part.

mkdocs-static-i18n builds the languages one after another in one process.
The first part (with the default language) stays in this process; every
other part is a child ``mkdocs build`` of the same config that builds only
its languages into a scratch folder of this build, with the catalog this
process has already read. When this process has built its languages it waits
for the children and moves their language folders into the site; the
site-wide files are written once, afterwards, from the catalog.

The parent tells a child what to do through its environment (the child reads
nothing else of the parent's command line).
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import threading

from .processes import popen

PART_ENV = "KB_PART"  # in a child: the comma-separated languages it builds
CATALOG_ENV = "KB_PART_CATALOG"  # in a child: the pickled catalog to use
_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(.*)$")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # in case the child's log is coloured

log = logging.getLogger("mkdocs.plugins.kbforge.lifecycle")


def part_languages() -> list[str] | None:
    """The languages this process builds when it is a child, else None."""
    value = os.environ.get(PART_ENV)
    return value.split(",") if value else None


def part_folder() -> str | None:
    """In a child: the folder the parent gave it, which the parent removes
    whatever becomes of the child (scratch space goes there)."""
    value = os.environ.get(CATALOG_ENV)
    return os.path.dirname(value) if value else None


def load_catalog():
    with open(os.environ[CATALOG_ENV], "rb") as fh:
        return pickle.load(fh)


def split(languages: list[str], processes: int) -> list[list[str]]:
    """Consecutive groups of at least two languages (i18n behaves differently
    for a build of one language), at most ``processes`` of them."""
    count = max(1, min(processes, len(languages) // 2))
    size, extra = divmod(len(languages), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (index < extra)
        groups.append(languages[start:end])
        start = end
    return groups


def options(config) -> list[str]:
    """Command-line options of this build that change what the child builds."""
    return [
        "--strict" if config.strict else "--no-strict",
        "--use-directory-urls" if config.use_directory_urls else "--no-directory-urls",
    ]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Part:
    """A child process building ``languages`` into a folder of its own."""

    def __init__(self, languages: list[str], config_file: str, folder: str, catalog, options: list[str]):
        self.languages = languages
        self.folder = folder  # a scratch folder of the build, beside the site: moving the result in is a rename
        self.site = os.path.join(self.folder, "site")
        catalog_file = os.path.join(self.folder, "catalog.pickle")
        with open(catalog_file, "wb") as fh:
            pickle.dump(catalog, fh, protocol=pickle.HIGHEST_PROTOCOL)
        env = {**os.environ, PART_ENV: ",".join(languages), CATALOG_ENV: catalog_file,
               "KB_UPDATE_LEDGER": "false"}
        command = [sys.executable, "-m", "mkdocs", "build", "-f", config_file, "-d", self.site, *options]
        # A session of its own: discard() stops the child and its Pagefind indexers together.
        self.process = popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, env=env, text=True, encoding="utf-8",
                             errors="replace", start_new_session=True)
        self.tail: list[str] = []  # the last lines, shown if the child fails without saying why
        self.heard: list[tuple[int, str]] = []  # the child's messages, told when it is joined
        self.told = 0  # warnings and errors relayed
        self.relay = threading.Thread(target=self._relay, daemon=True)
        self.relay.start()

    def _relay(self) -> None:
        """Collect the child's messages for this process's log (``tell``), so that
        strict mode counts its warnings and errors show up where the user looks.
        They are told when the child is joined, not as they come: told during the
        build of one of this process's languages, MkDocs would stop that build
        with its own count instead of the sentence that names the languages."""
        tag = "[" + ", ".join(self.languages) + "] "
        level, lines = None, []

        def flush():
            if level is not None:
                self.heard.append((level, tag + "\n".join(lines).rstrip()))

        for raw in self.process.stdout:
            line = _COLOUR.sub("", raw.rstrip("\n"))
            self.tail = [*self.tail[-29:], line]
            found = _LEVEL.match(line)
            if found:
                flush()
                name, text = found.groups()
                # The child's own progress messages name its private folder: keep them quiet.
                level = logging.DEBUG if name in ("DEBUG", "INFO") else getattr(logging, name)
                lines = [text]
            elif level is not None:
                lines.append(line)
            elif line.strip():
                level, lines = logging.INFO, [line]
        flush()

    def finish(self, site_dir: str) -> bool:
        """Wait for the child; on success move its language folders into ``site_dir``."""
        self.process.wait()
        self.relay.join()
        self.tell()
        ok = self.process.returncode == 0
        if not ok and not self.told:  # e.g. a traceback: show how it ended
            log.error("[%s] exited with %s:\n%s", ", ".join(self.languages), self.process.returncode,
                      "\n".join(self.tail))
        if ok:
            for lang in self.languages:
                os.replace(os.path.join(self.site, lang), os.path.join(site_dir, lang))
        self.discard()
        return ok

    def tell(self) -> None:
        """Log what the child said (once)."""
        heard, self.heard = self.heard, []
        for level, text in heard:
            log.log(level, text)
            self.told += level >= logging.WARNING

    def discard(self) -> None:
        """Stop the child and its indexers (one process group), remove its folder."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # the child cleans up after itself
                self.process.wait(timeout=5)
            except (ProcessLookupError, PermissionError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # whatever is left of the group
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
