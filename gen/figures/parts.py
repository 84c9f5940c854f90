"""Drawn parts: matrix grids of numbers, node chips, op nodes, captions, wires, columns."""

from gen.figures.svg import Piece, num, tag
from gen.figures.theme import (CELL_H, CELL_MIN_W, CELL_PAD, CHIP_H, FONT, MONO, NAME_FONT,
                               NUMBER_FONT, OP_H, fill_style, stroke_style, text_width)
from gen.numbers import number_text

BASELINE = 0.35
"""Text is vertically centred by moving its baseline down this many em from the centre."""


def label(x, y, text, size=FONT, anchor="middle", extra=()):
    """One line of text centred vertically on y."""
    attrs = [("x", x), ("y", y + BASELINE * size), ("text-anchor", anchor), ("font-size", size)]
    return tag("text", attrs + list(extra), text=text)


def _cells(rows, transposed):
    """((display row, display col), (record row, record col), value) of every cell."""
    shown = [[(c, r) for c in range(len(rows))] for r in range(len(rows[0]))] if transposed \
        else [[(r, c) for c in range(len(rows[0]))] for r in range(len(rows))]
    return [((r, c), idx, rows[idx[0]][idx[1]]) for r, line in enumerate(shown)
            for c, idx in enumerate(line)]


def grid(rows, node, role, *, transposed=False, off=(), hatch=None):
    """A matrix as a framed grid of numbers; each number is tagged with its record index."""
    cells = _cells(rows, transposed)
    texts = [number_text(v) for _, _, v in cells]
    cw = max(CELL_MIN_W, max(text_width(t, NUMBER_FONT, mono=True) for t in texts) + CELL_PAD)
    n_rows, n_cols = max(p[0] for p, _, _ in cells) + 1, max(p[1] for p, _, _ in cells) + 1
    w, h = cw * n_cols, CELL_H * n_rows
    body = []
    for ((r, c), idx, _), text in zip(cells, texts):
        index = f"{idx[0]},{idx[1]}"
        if idx in off:  # an off ReLU unit: hatched cell
            body.append(tag("rect", [("x", c * cw), ("y", r * CELL_H), ("width", cw), ("height", CELL_H),
                                     ("fill", f"url(#{hatch})"), ("data-off", node), ("data-index", index)]))
        body.append(label(c * cw + cw / 2, r * CELL_H + CELL_H / 2, text, NUMBER_FONT,
                          extra=[("font-family", MONO), ("style", fill_style(role)),
                                 ("data-node", node), ("data-index", index)]))
    body += _separators(n_rows, n_cols, cw)
    body.append(tag("rect", [("x", 0), ("y", 0), ("width", w), ("height", h), ("fill", "none"),
                             ("stroke-width", 1.5), ("style", stroke_style(role))]))
    attrs = [("data-grid", node), ("data-role", role), ("data-transposed", "1" if transposed else "0")]
    return Piece((tag("g", attrs, body),), w, h)


def _separators(n_rows, n_cols, cw):
    """Faint lines between cells."""
    lines = [f"M{num(c * cw)} 0V{num(n_rows * CELL_H)}" for c in range(1, n_cols)]
    lines += [f"M0 {num(r * CELL_H)}H{num(n_cols * cw)}" for r in range(1, n_rows)]
    if not lines:
        return []
    return [tag("path", [("d", "".join(lines)), ("fill", "none"), ("stroke", "currentColor"),
                         ("stroke-opacity", "0.3")])]


def chip(name):
    """A value node: its name in a rounded box on the wire."""
    w = max(40, text_width(name, NAME_FONT) + 20)
    body = (tag("rect", [("x", 0), ("y", 0), ("width", w), ("height", CHIP_H), ("rx", 6),
                         ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", 1.5)]),
            label(w / 2, CHIP_H / 2, name, NAME_FONT, extra=[("font-weight", "bold")]))
    return Piece(body, w, CHIP_H, CHIP_H / 2, 0, w)


def op_node(symbol):
    """An operation node: its symbol in a pill (a circle for ×)."""
    w = max(OP_H, text_width(symbol, NAME_FONT) + 24)
    body = (tag("rect", [("x", 0), ("y", 0), ("width", w), ("height", OP_H), ("rx", OP_H / 2),
                         ("fill", "none"), ("stroke", "currentColor"), ("stroke-width", 2)]),
            label(w / 2, OP_H / 2, symbol, NAME_FONT))
    return Piece(body, w, OP_H, OP_H / 2, 0, w, {"bottom": (w / 2, OP_H)})


def wrap(lines, max_width):
    """The lines broken at spaces so that each is at most `max_width` wide (a longer word stays whole)."""
    out = []
    for line in lines:
        words = line.split(" ")
        out.append(words[0])
        for word in words[1:]:
            joined = f"{out[-1]} {word}"
            if text_width(joined) <= max_width:
                out[-1] = joined
            else:
                out.append(word)
    return out


def caption(lines, extra=(), max_width=None):
    """Centred lines of text (words or symbols), broken at spaces to `max_width` if given."""
    if max_width is not None:
        lines = wrap(lines, max_width)
    w = max(text_width(t) for t in lines) + 4
    line_h = FONT * 1.35
    body = tuple(label(w / 2, line_h * (k + 0.5), t, extra=extra) for k, t in enumerate(lines))
    return Piece(body, w, line_h * len(lines))


def column(pieces, anchor, gap=8):
    """Pieces stacked and centred; the wire line and attach points are the anchor piece's."""
    w = max(p.w for p in pieces)
    body, y, found = [], 0.0, None
    for k, p in enumerate(pieces):
        x = (w - p.w) / 2
        body.append(tag("g", [("transform", f"translate({num(x)},{num(y)})")], list(p.body)))
        if k == anchor:
            found = (x, y, p)
        y += p.h + gap
    x, top, p = found
    marks = {k: (x + px, top + py) for k, (px, py) in p.marks.items()}
    return Piece(tuple(body), w, y - gap, top + p.cy, x + p.left, x + p.right, marks)


def wire(points, role=None, head=True):
    """A wire along horizontal/vertical segments, with an arrowhead at its last point."""
    style = stroke_style(role) if role else "stroke:currentColor"
    d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points)
    out = [tag("path", [("d", d), ("fill", "none"), ("stroke-width", 1.5), ("style", style)])]
    if head:
        out.append(_arrowhead(points[-2], points[-1], role))
    return out


def _arrowhead(start, end, role):
    """A filled triangle at `end`, pointing away from `start`."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
    back, side = (x1 - 9 * dx, y1 - 9 * dy), (4.5 * dy, 4.5 * dx)
    pts = [(x1, y1), (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1])]
    fill = fill_style(role) if role else "fill:currentColor"
    return tag("path", [("d", "M" + "L".join(f"{num(x)} {num(y)}" for x, y in pts) + "Z"),
                        ("style", fill)])
