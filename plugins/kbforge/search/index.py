"""Search indexes, one per language, written by kbforge.searchcore in a
process of its own while the next language builds (the machine has more
than one core)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict

from ..lifecycle.processes import popen
from ..searchcore import Doc


class Bundle:
    """One language's index folder, being written in the background."""

    def __init__(self, output: str, lang: str, docs: list[Doc], vectors: bool = True, scratch: str | None = None):
        self.folder = tempfile.mkdtemp(prefix=f"kb-search-{lang}-", dir=scratch)
        source = os.path.join(self.folder, "docs.json")
        with open(source, "w", encoding="utf-8") as fh:
            json.dump([asdict(doc) for doc in docs], fh, ensure_ascii=False)
        command = [sys.executable, "-m", "kbforge.searchcore", lang, source, output]
        if not vectors:
            command.append("--no-vectors")
        self.process = popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def wait(self) -> str | None:
        """None when the index is written, else what the indexer said."""
        out, _ = self.process.communicate()
        shutil.rmtree(self.folder, ignore_errors=True)
        return None if self.process.returncode == 0 else (out or f"exit {self.process.returncode}")

    def cancel(self) -> None:
        """The build failed: stop indexing and remove its input."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()  # not communicate(): a second cancel (or one after wait) finds its pipe closed
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)
