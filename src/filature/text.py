"""Text safety shared by every layer: document text is data, never terminal control."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (ESC is in C0).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\t\n]")


def safe_text(text: str, *, keep_newlines: bool = True) -> str:
    """Replace control characters (ESC, C0, C1, DEL) so text cannot drive a terminal.

    Tab and newline are kept unless ``keep_newlines`` is false, in which case they become
    spaces too (for one-line displays).
    """
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    return pattern.sub(lambda m: " " if m.group() in "\t\n" else "\N{REPLACEMENT CHARACTER}", text)
