"""filature's two themes: Textual's dark and light ones, with the colours of the pairs the app
draws (text on its background, counts, evidence marks, cursors, the footer's keys) made
readable: every text pair passes WCAG AA, 4.5:1 (tests/test_tui_contrast.py measures them on
the screen as drawn)."""

from __future__ import annotations

import dataclasses

from textual.theme import BUILTIN_THEMES, Theme


def _derived(name: str, base: str, variables: dict[str, str]) -> Theme:
    theme = BUILTIN_THEMES[base]
    return dataclasses.replace(theme, name=name, variables={**theme.variables, **variables})


DARK = _derived(
    "filature-dark",
    "textual-dark",
    {
        "block-cursor-background": "#0B4A80",  # Textual's #0178D4 under white text: 3.8
        "text-secondary": "#7FA8C9",  # events' glyph and name: 4.2 on the panes
    },
)
LIGHT = _derived(
    "filature-light",
    "textual-light",
    {
        "text-accent": "#7A4A00",  # people, mentions: 3.0 on the panes
        "text-warning": "#7A4A00",  # "footnote", a suggestion's score: 2.9
        "text-success": "#1F5F33",  # places: 3.5
        "block-cursor-background": "#B3D4F0",  # a light cursor: dark text and marks read on it
        "block-cursor-foreground": "#1F1F1F",
        "block-cursor-blurred-background": "#C9D7E2",
        "footer-key-foreground": "#004578",  # the footer's keys: 2.9
    },
)
THEMES = (DARK, LIGHT)
"""The themes ctrl+t switches between, dark first."""
