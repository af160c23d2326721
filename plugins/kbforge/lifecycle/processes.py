"""Child processes that do not outlive the build that started them."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def popen(command: list[str], **options) -> subprocess.Popen:
    """``subprocess.Popen`` whose process is killed if this one dies, even by SIGKILL
    (Linux). Start it from the main thread: the kernel ties it to the thread."""
    if sys.platform.startswith("linux"):
        options.setdefault("preexec_fn", _die_with_parent)
    return subprocess.Popen(command, **options)
