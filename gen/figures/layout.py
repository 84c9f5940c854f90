"""Row layout of the computational graph: nodes left to right on a wire, in rows.

Level 0 items sit on their row's wire; level 1 items (the weights W₁, W₂) sit below it and
enter their op node from below.  The wire from the last node of a row wraps around to the
first item of the next row through the gap between the rows.  Rows as designed, or, when one is
wider than the drawing may be, every item packed again into as many rows as it takes.
"""

from gen.figures.parts import wire
from gen.figures.svg import place

MARGIN = 16
LANE = 18
"""Room at the left and right of the rows for a wrapping wire."""
COL_GAP = 30
CLEAR = 22
"""Distance between a row's wire and the top of a level-1 item."""
ROW_GAP = 34


def row_width(row, pieces):
    """The drawing's width with this row in it (lanes and margins on both sides)."""
    return sum(pieces[n].w for n, _ in row) + COL_GAP * (len(row) - 1) + 2 * (MARGIN + LANE)


def fit_rows(rows, pieces, max_width):
    """The rows as designed if each fits `max_width`, else the items packed in order into rows that
    do (a level-1 item stays with the op after it, which it enters from below)."""
    if all(row_width(row, pieces) <= max_width for row in rows):
        return rows
    units, held = [], []
    for item in (item for row in rows for item in row):
        held.append(item)
        if not item[1]:
            units.append(held)
            held = []
    packed = [[]]
    for unit in units + ([held] if held else []):
        if packed[-1] and row_width(packed[-1] + unit, pieces) > max_width:
            packed.append([])
        packed[-1] += unit
    return tuple(tuple(row) for row in packed)


def _row_boxes(row, pieces, y_top, x_left):
    """(x, piece top) of each item of one row, and the row's bottom and right."""
    rel = {}  # item top relative to the wire
    for name, level in row:
        p = pieces[name]
        rel[name] = CLEAR if level else -p.cy
    wire_y = y_top - min(rel.values())
    boxes, x = {}, x_left
    for name, _ in row:
        boxes[name] = (x, wire_y + rel[name])
        x += pieces[name].w + COL_GAP
    bottom = max(boxes[n][1] + pieces[n].h for n, _ in row)
    return boxes, bottom, x - COL_GAP


def arrange(rows, pieces, y_top):
    """Place every item: {name: (x, top)}, the content's right and bottom, and the y of the middle
    of the gap below each row (where a wrapping wire runs back left)."""
    boxes, y, right, gaps = {}, y_top, 0.0, []
    for row in rows:
        row_boxes, bottom, row_right = _row_boxes(row, pieces, y, MARGIN + LANE)
        boxes.update(row_boxes)
        y, right = bottom + ROW_GAP, max(right, row_right)
        gaps.append(bottom + ROW_GAP / 2)
    return boxes, right, y - ROW_GAP, gaps


def _attach(name, boxes, pieces, side):
    """The point where a wire leaves (right) or enters (left) a placed item."""
    x, top = boxes[name]
    p = pieces[name]
    return (x + (p.right if side == "right" else p.left), top + p.cy)


def _bottom(name, boxes, pieces):
    x, top = boxes[name]
    bx, by = pieces[name].marks["bottom"]
    return (x + bx, top + by)


def edge(a, b, boxes, pieces, lanes):
    """Wire a → b: straight along a row, up from below into an op, or wrapped to the next row."""
    start, end = _attach(a, boxes, pieces, "right"), _attach(b, boxes, pieces, "left")
    if abs(start[1] - end[1]) < 0.5:
        return wire([start, end])
    if start[1] > end[1]:  # a level-1 weight: right, then up into the op's bottom
        bottom = _bottom(b, boxes, pieces)
        return wire([start, (bottom[0], start[1]), bottom])
    right_x, mid_y, left_x = lanes  # to the right lane, down to the gap, back left, down, in
    return wire([start, (right_x, start[1]), (right_x, mid_y), (left_x, mid_y),
                 (left_x, end[1]), end])


def draw(rows, edges, pieces, y_top):
    """Element lines of the whole graph, and the content's (right, bottom)."""
    boxes, right, bottom, gaps = arrange(rows, pieces, y_top)
    row_of = {n: k for k, row in enumerate(rows) for n, _ in row}
    body = [place(pieces[n], *boxes[n]) for row in rows for n, _ in row]
    for a, b in edges:
        body += edge(a, b, boxes, pieces, (right + LANE, gaps[row_of[a]], MARGIN + LANE / 2))
    return body, right + LANE + MARGIN, bottom
