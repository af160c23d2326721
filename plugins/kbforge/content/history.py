"""When a file last changed: its last commit, else its modification time."""

from __future__ import annotations

import datetime as dt
import os
import subprocess


def last_changed(path: str) -> dt.date:
    folder = os.path.dirname(path) or "."
    try:
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", path], cwd=folder,
            capture_output=True, text=True, timeout=10,
        )
        if dirty.returncode == 0 and not dirty.stdout.strip():
            log = subprocess.run(
                ["git", "log", "-1", "--format=%cs", "--", path], cwd=folder,
                capture_output=True, text=True, timeout=10,
            )
            if log.returncode == 0 and log.stdout.strip():
                return dt.date.fromisoformat(log.stdout.strip())
    except (OSError, subprocess.TimeoutExpired, ValueError):
        pass  # not a git checkout, or no git: fall back to the file's time
    return dt.date.fromtimestamp(os.path.getmtime(path))
