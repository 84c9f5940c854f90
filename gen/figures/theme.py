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
MIN_TEXT_PX = 11
"""Smallest rendered text (CSS px) of any figure, on any screen and in print."""
PHONE_COLUMN = 358
"""The text column (CSS px) in a 390 px window: every figure has a drawing that fits it."""
WIDE_COLUMN = 680
"""The narrowest column (CSS px) that shows a figure's wide drawing (desktop at 1280 px: 688,
A4 print: 686); site.css switches drawings at this width (`@container`)."""

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


def fit_width(column, size=FONT):
    """The widest drawing (user units) whose text of `size` is MIN_TEXT_PX when scaled to `column` px."""
    return column * size / MIN_TEXT_PX


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
