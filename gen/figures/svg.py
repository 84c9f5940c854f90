"""A tiny deterministic SVG builder: elements are strings, attributes keep the order given.

Every element sits on its own line and no line is empty, so the text can be inlined in
Markdown as one raw HTML block (a blank line would end the block).
"""

import math
from dataclasses import dataclass, field

from gen.figures.theme import FONT, MIN_TEXT_PX, PHONE_COLUMN, fit_width

SVG_NS = "http://www.w3.org/2000/svg"
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def esc(text):
    """Text safe inside an element or a double-quoted attribute."""
    text = str(text)
    for raw, safe in _ESCAPES:
        text = text.replace(raw, safe)
    return text


def num(value):
    """A coordinate as short fixed text: at most one decimal place, no trailing `.0`."""
    rounded = round(float(value) * 10) / 10
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"


def _attrs(attrs):
    parts = []
    for key, value in attrs:
        if value is None:
            continue
        text = num(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        parts.append(f' {key}="{esc(text)}"')
    return "".join(parts)


def tag(name, attrs=(), children=None, text=None):
    """One element: self-closing, with escaped text, or with child lines (strings)."""
    head = f"<{name}{_attrs(attrs)}"
    if text is not None:
        return f"{head}>{esc(text)}</{name}>"
    lines = [c for c in (children or ()) if c]
    if not lines:
        return head + "/>"
    return "\n".join([head + ">", *lines, f"</{name}>"])


@dataclass(frozen=True)
class Piece:
    """A drawn part with its own origin at the top left, and where wires attach to it."""

    body: tuple
    """Element lines, in the piece's own coordinates."""
    w: float
    """Width."""
    h: float
    """Height."""
    cy: float = 0.0
    """The wire's y inside the piece (a node's centre line)."""
    left: float = 0.0
    """x where an incoming wire ends."""
    right: float = 0.0
    """x where an outgoing wire starts."""
    marks: dict = field(default_factory=dict)
    """Named extra points (x, y), e.g. the bottom of an op node."""


def place(piece, x, y):
    """The piece's lines moved to (x, y)."""
    return tag("g", [("transform", f"translate({num(x)},{num(y)})")], list(piece.body))


def variant_id(svg_id, variant=None):
    """The id of one drawing of a figure: the figure's own for the wide one, `-narrow` added."""
    return f"{svg_id}-narrow" if variant == "narrow" else svg_id


def root(svg_id, size, title, desc, body, min_width, variant=None):
    """The root <svg>: scalable, labelled by its title and description (ids prefixed); `variant`
    (`wide`, `narrow`) marks one of a figure's two drawings, of which the page shows one."""
    w, h = size
    classes = "bp-figure" + (f" bp-figure-{variant}" if variant else "")
    attrs = [("xmlns", SVG_NS), ("id", svg_id), ("class", classes), ("role", "img"),
             ("aria-labelledby", f"{svg_id}-title {svg_id}-desc"),
             ("viewBox", f"0 0 {num(w)} {num(h)}"), ("width", "100%"),
             ("style", f"min-width:{math.ceil(min_width)}px;max-width:{math.ceil(w)}px;height:auto"),
             ("font-size", "14"), ("fill", "currentColor")]
    head = [tag("title", [("id", f"{svg_id}-title")], text=title),
            tag("desc", [("id", f"{svg_id}-desc")], text=desc)]
    return tag("svg", attrs, head + list(body)) + "\n"


def drawings(svg_id, title, desc, wide, narrow, smallest=FONT):
    """A figure's drawings: (only,) when its wide drawing, scaled to a phone's column, keeps its `smallest`
    text at MIN_TEXT_PX; else (wide, narrow), the page showing the one that fits.  `wide(id)` and
    `narrow(id)` give (elements, width, height); the narrow one is drawn only when needed.  No drawing
    shrinks below the width where its `smallest` text is MIN_TEXT_PX (its min-width)."""
    def svg(vid, drawn, variant=None):
        body, width, height = drawn
        return root(vid, (width, height), title, desc, body, width * MIN_TEXT_PX / smallest, variant)

    first = wide(svg_id)
    if first[1] <= fit_width(PHONE_COLUMN, smallest):
        return (svg(svg_id, first),)
    narrow_id = variant_id(svg_id, "narrow")
    return svg(svg_id, first, "wide"), svg(narrow_id, narrow(narrow_id), "narrow")
