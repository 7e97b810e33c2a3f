"""Ctrl-C while the command line is still starting: one line and exit status 130.

Imported first by ``filature.cli`` when it runs as the ``filature`` command (not when a test or
another program imports it). Until ``ready()`` is called, an interrupt ends the process at once:
nothing has been read or written yet, so there is nothing to clean up, and Python's traceback
from the middle of an import would say nothing useful.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

MESSAGE = b"Interrupted while starting: nothing was read or written; every database is as it was.\n"


def _is_command() -> bool:
    launched = sys.argv[0] if sys.argv else ""
    name = os.path.basename(launched)
    return name == "filature" or (
        name == "__main__.py" and os.path.basename(os.path.dirname(launched)) == "filature"
    )


def _quit(signum: int, frame: FrameType | None) -> None:
    os.write(2, MESSAGE)
    os._exit(130)


def ready() -> None:
    """The command runs now: Ctrl-C raises KeyboardInterrupt again, for the command to handle."""
    if signal.getsignal(signal.SIGINT) is _quit:
        signal.signal(signal.SIGINT, signal.default_int_handler)


if _is_command() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _quit)
