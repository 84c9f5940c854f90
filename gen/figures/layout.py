"""Row layout of the computational graph: nodes left to right on a wire, in two rows.

Level 0 items sit on their row's wire; level 1 items (the weights W₁, W₂) sit below it and
enter their op node from below.  The wire from the last node of a row wraps around to the
first op of the next row through the gap between the rows.
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
    """Place every item: {name: (x, top)}, and the content's right and bottom."""
    boxes, y, right = {}, y_top, 0.0
    for row in rows:
        row_boxes, bottom, row_right = _row_boxes(row, pieces, y, MARGIN + LANE)
        boxes.update(row_boxes)
        y, right = bottom + ROW_GAP, max(right, row_right)
    return boxes, right, y - ROW_GAP


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
    boxes, right, bottom = arrange(rows, pieces, y_top)
    row_bottom = max(boxes[n][1] + pieces[n].h for n, _ in rows[0])
    lanes = (right + LANE, row_bottom + ROW_GAP / 2, MARGIN + LANE / 2)
    body = [place(pieces[n], *boxes[n]) for row in rows for n, _ in row]
    for a, b in edges:
        body += edge(a, b, boxes, pieces, lanes)
    return body, right + LANE + MARGIN, bottom
