"""A chain of text columns joined by labelled arrows (X → z → h → y → L), drawn two ways from the
same columns and labels: in rows left to right, wrapped to a width (`in_rows`), or stacked top to
bottom with the arrows pointing down (`stacked`).  Each returns (elements, width, height).
"""

from dataclasses import dataclass
from itertools import combinations

from gen.figures.svg import tag
from gen.figures.theme import FONT, MONO, fill_style, text_width

LINE, PAD = 18, 12
"""Line height and the padding around the drawing and inside each column."""
ARROW_MIN = 60
"""Shortest arrow between columns in rows."""
STACK_ARROW_X = 2 * PAD + 6
"""x of the downward arrows of a stacked chain (under the node names)."""


@dataclass(frozen=True)
class Chain:
    """What a chain figure shows, independent of how it is laid out."""

    columns: tuple
    """Per node, its lines as (text, role): its name first (bold), then values (monospace, role colour)."""
    edges: tuple
    """Per arrow between neighbouring columns, its label lines (the op, the matrix's shape)."""


def _column_width(col):
    return max(text_width(t, FONT, mono=True) for t, _ in col) + 2 * PAD


def _edge_width(labels):
    return max(ARROW_MIN, max(text_width(t) for t in labels) + PAD)


def _column(col, x, y):
    """The column's lines, its name's baseline at y, text starting at x."""
    out = []
    for m, (text, role) in enumerate(col):
        attrs = [("x", x), ("y", y + m * LINE)]
        attrs += [("font-family", MONO)] if m else [("font-weight", "bold")]
        attrs += [("style", fill_style(role))] if role else []
        out.append(tag("text", attrs, text=text))
    return out


def _arrow(x1, y1, x2, y2, marker):
    return tag("line", [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", "currentColor"),
                        ("marker-end", f"url(#{marker})")])


def _units(chain):
    """The first column alone, then each (arrow, column) pair, with its width."""
    units = [(None, chain.columns[0], _column_width(chain.columns[0]))]
    for labels, col in zip(chain.edges, chain.columns[1:]):
        units.append((labels, col, _edge_width(labels) + _column_width(col)))
    return units


def _balanced(units, max_width):
    """The units in as few rows as `max_width` allows (greedily counted), the rows as even as can be;
    a row after the first starts with its arrow, at the left."""
    count, width = 1, 0.0
    for unit in units:
        if width and 2 * PAD + width + unit[2] > max_width:
            count, width = count + 1, 0.0
        width += unit[2]
    splits = min(combinations(range(1, len(units)), count - 1),
                 key=lambda cut: max(sum(u[2] for u in units[a:b])
                                     for a, b in zip((0, *cut), (*cut, len(units)))))
    return [units[a:b] for a, b in zip((0, *splits), (*splits, len(units)))]


def in_rows(chain, marker, max_width):
    """Left to right, in as few rows as `max_width` allows."""
    packed = _balanced(_units(chain), max_width)
    n_labels = max(len(e) for e in chain.edges)
    body, top, right = [], PAD, 0.0
    for row in packed:
        base, x = top + (n_labels + 1) * LINE, PAD
        for labels, col, _ in row:
            if labels:
                end = x + _edge_width(labels)
                body.append(_arrow(x, base - 5, end - 10, base - 5, marker))
                body += [tag("text", [("x", x + 2), ("y", base - 11 - (len(labels) - 1 - j) * LINE)], text=t)
                         for j, t in enumerate(labels)]
                x = end
            body += _column(col, x + PAD, base)
            x += _column_width(col)
        right = max(right, x)
        top = base + (max(len(c) for _, c, _ in row) - 1) * LINE + LINE / 2 + LINE
    return body, right + PAD, top - LINE + PAD


def stacked(chain, marker):
    """Top to bottom: each column, then a downward arrow with its labels beside it."""
    body, base, right = [], PAD + LINE, 0.0
    for k, col in enumerate(chain.columns):
        body += _column(col, 2 * PAD, base)
        right = max(right, PAD + _column_width(col))
        bottom = base + (len(col) - 1) * LINE + LINE / 2
        if k == len(chain.edges):
            return body, right + PAD, bottom + PAD
        labels = chain.edges[k]
        length = len(labels) * LINE + 12
        body.append(_arrow(STACK_ARROW_X, bottom + 4, STACK_ARROW_X, bottom + 4 + length, marker))
        body += [tag("text", [("x", STACK_ARROW_X + 16), ("y", bottom + 4 + (j + 1) * LINE)], text=t)
                 for j, t in enumerate(labels)]
        right = max(right, STACK_ARROW_X + 16 + max(text_width(t) for t in labels))
        base = bottom + 4 + length + LINE
    raise ValueError(f"a chain has one column more than arrows (got {len(chain.columns)} and {len(chain.edges)})")
