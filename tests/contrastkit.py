"""WCAG contrast of what the explorer draws: every cell of text with the colours the terminal
gets (Textual's own line filters applied, reverse and dim resolved as a terminal does)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.geometry import Region

AA = 4.5
"""WCAG AA for text."""

# Lines, corners, scrollbars, tree guides and the type glyphs: graphics, not text.
GRAPHICS = set("─│╭╮╰╯├└┌┐┘┤┬┴┼▼▶▲●■◆★•▏▕▁▔▊▎▅▇▃▂▄▆█▌▐ …")
DIM = 0.5
"""How far dim text moves to its background (Textual's DimFilter, most terminals)."""

RGB = tuple[int, int, int]


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: RGB, two: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(text: str) -> RGB:
    """``#a86d1c`` -> (168, 109, 28)."""
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


@dataclass(frozen=True)
class Cell:
    """A run of text drawn with one style: where, what, its colours and their contrast."""

    x: int
    y: int
    text: str
    foreground: RGB
    background: RGB
    ratio: float

    def __str__(self) -> str:
        fg = "#{:02x}{:02x}{:02x}".format(*self.foreground)
        bg = "#{:02x}{:02x}{:02x}".format(*self.background)
        return f"({self.x},{self.y}) {self.text.strip()[:40]!r}: {fg} on {bg} = {self.ratio:.2f}"


def text_cells(app: App[object], region: Region | None = None) -> list[Cell]:
    """Every run of text (graphics left out) the app draws now, inside ``region`` if given."""
    background = app.screen.styles.background
    found: list[Cell] = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        segments = list(strip)
        for line_filter in app.get_line_filters():
            segments = line_filter.apply(segments, background)
        x = 0
        for segment in segments:
            start, x = x, x + segment.cell_length
            style = segment.style
            if style is None or set(segment.text) <= GRAPHICS:
                continue
            if region is not None and not region.contains(start, y):
                continue
            fg = style.color.get_truecolor() if style.color else None
            bg = style.bgcolor.get_truecolor() if style.bgcolor else None
            if style.reverse:
                fg, bg = bg, fg
            assert fg is not None and bg is not None, f"{segment.text!r} has no colour: {style}"
            front, back = (fg.red, fg.green, fg.blue), (bg.red, bg.green, bg.blue)
            if style.dim:
                front = (
                    round(back[0] + (front[0] - back[0]) * DIM),
                    round(back[1] + (front[1] - back[1]) * DIM),
                    round(back[2] + (front[2] - back[2]) * DIM),
                )
            found.append(Cell(start, y, segment.text, front, back, contrast(front, back)))
    return found
