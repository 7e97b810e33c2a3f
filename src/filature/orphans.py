"""Worker processes never outlive the build that started them.

A forked worker shares the build's open files, the build lock among them: one left running
after the build was killed (``kill -9``, the out-of-memory killer) kept the lock held, and the
next build was refused as "another build is running", while the worker itself waited forever
on a pipe nobody would write to again.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a worker process: have the kernel kill it when its parent dies (Linux), and exit
    now if the parent is already gone."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:
        os._exit(0)
