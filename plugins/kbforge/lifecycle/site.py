"""Where a build writes: a staging folder beside the site, swapped in whole.

A build writes into ``.kbforge-<site>-XXXX/site`` next to the site folder (so
the swap is a rename on one file system; ``.kbforge-*`` is git-ignored) and
replaces the old site only when it is complete: a failed or interrupted build
leaves the previous site as it was. A lock next to the site makes a second
build of the same folder wait for the first. A destination that cannot be
written fails before anything is touched.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kbforge.lifecycle")
PREFIX = ".kbforge-"
WAIT_SECONDS = 15 * 60  # a second build waits this long for the first


class Destination:
    def __init__(self, site_dir: str, wait: float = WAIT_SECONDS):
        self.final = os.path.abspath(site_dir)
        self.parent = os.path.dirname(self.final)
        self.name = os.path.basename(self.final)
        self.wait = wait
        self.work: str | None = None
        self._lock = None

    @property
    def staging(self) -> str:
        return os.path.join(self.work, "site")

    def check(self) -> None:
        """Fail with one sentence if the site cannot be replaced, before anything changes."""
        try:
            os.makedirs(self.parent, exist_ok=True)
        except OSError as exc:
            raise PluginError(f"cannot create {self.parent} for the site: {exc.strerror}") from None
        if not os.access(self.parent, os.W_OK | os.X_OK):
            raise PluginError(f"cannot write the site: its folder {self.parent} is read-only")
        if os.path.exists(self.final) and not os.path.isdir(self.final):
            raise PluginError(f"cannot write the site: {self.final} is a file, not a folder")
        if os.path.isdir(self.final):
            for folder, dirs, _ in os.walk(self.final):
                if not os.access(folder, os.W_OK | os.X_OK):
                    raise PluginError(f"cannot replace the site: {folder} is read-only; make it writable "
                                      f"(chmod -R u+w {self.final}) or build elsewhere (-d)")

    def lock(self) -> None:
        path = os.path.join(self.parent, f"{PREFIX}{self.name}.lock")
        handle = open(path, "a+")
        deadline, told = time.monotonic() + self.wait, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    handle.seek(0)
                    owner = handle.read().strip() or "another process"
                    log.info("another build (%s) is writing %s: waiting for it", owner, self.final)
                    told = True
                if time.monotonic() > deadline:
                    handle.close()
                    raise PluginError(f"another build is still writing {self.final} after "
                                      f"{int(self.wait)} s; stop it or build elsewhere (-d)") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        self._lock = handle

    def unlock(self) -> None:
        if self._lock is not None:
            self._lock.truncate(0)
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None

    def open(self) -> str:
        """Check, lock, and make the staging folder; returns it."""
        self.check()
        self.lock()
        try:
            self.work = tempfile.mkdtemp(prefix=f"{PREFIX}{self.name}-", dir=self.parent)
            os.mkdir(self.staging)
        except OSError as exc:
            self.unlock()
            raise PluginError(f"cannot write next to the site ({self.parent}): {exc.strerror}") from None
        return self.staging

    def folder(self, name: str) -> str:
        """A scratch folder of this build (removed with it)."""
        path = os.path.join(self.work, name)
        os.makedirs(path, exist_ok=True)
        return path

    def swap(self) -> None:
        """Put the finished site in place of the old one."""
        old = os.path.join(self.work, "old")
        try:
            if os.path.exists(self.final):
                os.rename(self.final, old)
            os.rename(self.staging, self.final)
        except OSError as exc:
            if not os.path.exists(self.final) and os.path.exists(old):
                os.rename(old, self.final)  # put the old site back
            raise PluginError(f"cannot replace the site {self.final}: {exc.strerror}") from None
        finally:
            self.close()

    def close(self) -> None:
        """Remove the staging folder (and the old site), release the lock."""
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)
            self.work = None
        self.unlock()
