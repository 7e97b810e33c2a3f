"""Copying text out of the app: OSC 52 through Textual, and the system clipboard when reachable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from filature.query.text import strip_controls

MAX_COPY_BYTES = 500_000


def clean_for_copy(text: str) -> str:
    """Text as it leaves the app: no control characters but newlines and tabs."""
    return strip_controls(text)


def too_big(text: str) -> bool:
    """True if ``text`` is over the copy limit (500 KB of UTF-8)."""
    return len(text.encode("utf-8")) > MAX_COPY_BYTES


def system_clipboard_command() -> list[str] | None:
    """The command that writes stdin to the system clipboard here, if one is reachable."""
    candidates: list[list[str]] = []
    if sys.platform == "darwin":
        candidates.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        candidates.append(["xclip", "-selection", "clipboard"])
        candidates.append(["xsel", "--clipboard", "--input"])
    for command in candidates:
        if shutil.which(command[0]):
            return command
    return None


def copy_to_system(text: str) -> str | None:
    """Write ``text`` to the system clipboard; the tool's name on success, else None."""
    command = system_clipboard_command()
    if command is None:
        return None
    try:
        subprocess.run(
            command,
            input=text.encode("utf-8"),
            check=True,
            timeout=3,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return command[0]


def copy_report(what: str, chars: int, tool: str | None, *, attempted: bool) -> tuple[str, bool]:
    """The message after a copy, and whether the copy is confirmed.

    ``tool`` is the system clipboard tool that took the text (None if none did); ``attempted``
    says whether one was found and run. OSC 52 alone cannot be confirmed: the terminal may
    ignore it, and the message says so instead of pretending.
    """
    if tool is not None:
        return f"Copied {what} to the clipboard with {tool}: {chars:,} characters.", True
    if attempted:
        return (
            f"Copied {what} by OSC 52 only ({chars:,} characters): the system clipboard tool "
            "failed, so it reaches the clipboard only if this terminal accepts OSC 52.",
            False,
        )
    return (
        f"Copied {what} by OSC 52 only ({chars:,} characters): no clipboard tool (wl-copy, "
        "xclip, xsel, pbcopy) is reachable, so it reaches the clipboard only if this terminal "
        "accepts OSC 52.",
        False,
    )
