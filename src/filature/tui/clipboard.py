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
