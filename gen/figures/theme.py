"""Sizes, fonts and colours of the figures, and a text-width estimate for layout.

Lines and plain text use currentColor, so figures follow Material's light and slate schemes.
Forward values (green) and gradients (red) read CSS variables the site may set per scheme;
the fallbacks have contrast ≥ 3:1 on both white (#fff: 4.0, 4.3) and slate (#1e2129: 4.0, 3.8).
"""

import unicodedata

FONT = 14
"""Smallest font size (user units) of any text, and the size of words."""
NUMBER_FONT = 15
"""Numbers in grids."""
NAME_FONT = 17
"""Node names and op symbols."""
MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace"
MIN_SCALE = 10 / FONT
"""The SVG never shrinks below the scale where FONT user units are 10 CSS px."""

CELL_H = 26
CELL_PAD = 14
CELL_MIN_W = 34
CHIP_H = 30
OP_H = 42
GAP = 8

# Role → (colour: CSS variable with fallback, dash pattern of its grid frame and wires).
ROLES = {
    "forward": ("var(--bp-forward, #2f8f5b)", None),
    "gradient": ("var(--bp-gradient, #db4535)", "6 4"),
    "local": ("currentColor", "2 3"),
}


def colour(role):
    """CSS colour value of a role (currentColor for neutral parts)."""
    return ROLES[role][0]


def fill_style(role):
    """A style attribute value that fills text with the role's colour."""
    return f"fill:{colour(role)}"


def stroke_style(role):
    """A style attribute value that strokes with the role's colour (and its dash pattern)."""
    value, dash = ROLES[role]
    return f"stroke:{value}" + (f";stroke-dasharray:{dash}" if dash else "")


def text_width(text, size=FONT, mono=False):
    """Estimated advance width: wide (Hangul) characters 1 em, others ~0.6 em."""
    if mono:
        return 0.62 * size * len(text)
    return sum(size * (1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6) for c in text)
