"""Grids of cells side by side, left to right with an arrow between: which entries of one matrix an entry
of another reads (a convolution's window on the padded input, the outputs that read one input).

    cell_grids(svg_id, title, desc, grids)   grids: ((caption lines, rows of (text, mark)), …)
    marked(shape, texts, role, ring)         the rows of one grid: some cells' texts, an outer ring of zeros
    entry_name, named_entries                 K₁₂ as a figure writes it; a matrix of such symbols, for an op's
                                              local derivative to name the entries it reads

A cell's mark is "" (plain), "zero" (a padding entry: faint, dashed), "forward" or "gradient" (picked out
in that role's colour, with its text), or "zero forward": a padding entry picked out.  The figure draws
what it is given; the cells come from the op.
"""

import sympy as sp

from gen.figures.parts import caption, label, wire
from gen.figures.svg import Piece, drawings, place, tag
from gen.figures.theme import CELL_H, FONT, colour, fill_style, stroke_style

CELL_W = 34
GAP = 44
"""Between two grids, room for the arrow."""
MARGIN = 12


def _cell(r, c, text, mark):
    x, y = c * CELL_W, r * CELL_H
    attrs = [("x", x), ("y", y), ("width", CELL_W), ("height", CELL_H), ("stroke-width", 1)]
    role = next((m for m in mark.split() if m in ("forward", "gradient")), None)
    if role:
        dash = ";stroke-dasharray:2 2" if "zero" in mark else ""
        attrs += [("fill", colour(role)), ("fill-opacity", "0.18"), ("style", stroke_style(role).split(";")[0] + dash)]
    elif mark == "zero":
        attrs += [("fill", "currentColor"), ("fill-opacity", "0.06"), ("stroke", "currentColor"),
                  ("stroke-opacity", "0.45"), ("stroke-dasharray", "2 2")]
    else:
        attrs += [("fill", "none"), ("stroke", "currentColor"), ("stroke-opacity", "0.45")]
    out = [tag("rect", attrs + [("data-mark", mark.replace(" ", "-") or "plain")])]
    if text:
        extra = [("style", fill_style(role))] if role else [("fill-opacity", "0.7")]
        out.append(label(x + CELL_W / 2, y + CELL_H / 2, text, FONT, extra=extra))
    return out


SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def entry_name(letter, at):
    """An entry (0-based) as a figure writes it: K₁₂."""
    return letter + f"{at[0] + 1}{at[1] + 1}".translate(SUBSCRIPTS)


def named_entries(letter, shape):
    """A matrix of symbols named as a figure writes its entries."""
    return sp.ImmutableMatrix(*shape, lambda i, j: sp.Symbol(entry_name(letter, (i, j))))


def cells(shape):
    """Every (row, column) of a shape, row by row."""
    return [(a, b) for a in range(shape[0]) for b in range(shape[1])]


def marked(shape, texts, role, ring=0):
    """Rows of (text, mark) of a grid: a cell in `texts` shows its text in `role`'s colour; the outer `ring` of
    cells is padding, "0" and dashed where `texts` does not name it."""
    def cell(a, b):
        zero = not (ring <= a < shape[0] - ring and ring <= b < shape[1] - ring)
        if (a, b) in texts:
            return texts[a, b], ("zero " if zero else "") + role
        return ("0", "zero") if zero else ("", "")
    return [[cell(a, b) for b in range(shape[1])] for a in range(shape[0])]


def cell_grid(rows):
    """One grid: every cell a framed box, its text centred."""
    body = [line for r, row in enumerate(rows) for c, (text, mark) in enumerate(row) for line in _cell(r, c, text, mark)]
    w, h = CELL_W * len(rows[0]), CELL_H * len(rows)
    return Piece(tuple(body), w, h, h / 2, 0, w)


def _drawing(grids, across=True):
    """The grids side by side (`across`) or one under another, each caption under its grid and no wider."""
    pieces = [(cell_grid(rows), caption(lines, max_width=CELL_W * max(len(rows[0]), 4))) for lines, rows in grids]
    height = max(g.h + 8 + words.h for g, words in pieces)
    body, x, y, right = [], MARGIN, MARGIN, 0
    for k, (grid, words) in enumerate(pieces):
        width = max(grid.w, words.w)
        top = y + (height - 8 - words.h - grid.h) / 2 if across else y
        body.append(place(grid, x + (width - grid.w) / 2, top))
        body.append(place(words, x + (width - words.w) / 2, top + grid.h + 8))
        right = max(right, x + width)
        if k < len(pieces) - 1 and across:
            body += wire([(x + width + 8, top + grid.h / 2), (x + width + GAP - 8, top + grid.h / 2)])
            x += width + GAP
        elif k < len(pieces) - 1:
            centre, below = x + width / 2, top + grid.h + 8 + words.h
            body += wire([(centre, below + 6), (centre, below + GAP - 8)])
            y = below + GAP
    return body, right + MARGIN, (y + height if across else top + grid.h + 8 + words.h) + MARGIN


def cell_grids(svg_id, title, desc, grids):
    """The figure's drawing(s): the grids side by side, and one under another where that is too wide for a phone."""
    return drawings(svg_id, title, desc, lambda vid: _drawing(grids), lambda vid: _drawing(grids, across=False))
