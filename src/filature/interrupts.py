"""Ctrl-C kept a plain ``KeyboardInterrupt``, and the exit status 130, wherever it lands.

Python raises the interrupt at whatever line runs, and two places change it on the way out:

- raised while a class is being made (an import defines hundreds), Python 3.11 wraps it in a
  ``RuntimeError`` ("Error calling __set_name__ …"), which a command would show as a traceback;
- raised inside the ``exec`` or ``eval`` of a string (``dataclasses`` and ``namedtuple`` make
  their methods so, at import), CPython marks it unhandled for good, even once the command has
  handled it: ``python -m filature`` then ended killed by SIGINT, not with status 130.

Loading the language model imports all of spaCy, about a second of such code, so an interrupt
is held back until the load ends (``interrupts_held``); elsewhere the windows are short, and
the command recognises a wrapped interrupt (``caused_by_interrupt``) and clears the mark before
it exits (``forget_unhandled_mark``).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C during the block raises ``KeyboardInterrupt`` when the block ends, not inside
    it. Only where Ctrl-C raises it at all: in the main thread, with Python's own handler
    (a worker process that ignores Ctrl-C keeps ignoring it)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    pressed: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        pressed.append(signum)

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def caused_by_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is an interrupt, or was raised because of one (its cause, or its
    context unless suppressed). An exit is not: the command chose it, its message said."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        if isinstance(current, SystemExit):
            return False
        seen.add(id(current))
        suppressed = current.__cause__ is not None or current.__suppress_context__
        current = current.__cause__ if suppressed else current.__context__
    return False


def forget_unhandled_mark() -> None:
    """Clear CPython's mark of an interrupt that left an ``exec`` of a string: the ``eval``
    of a string resets it, and the process then exits with its own status."""
    eval("None")
