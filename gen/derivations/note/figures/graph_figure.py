"""Fig. 1 and the per-example figures: the computational graph
X, W₁ → × → z → ReLU → h;  h, W₂ → × → y → ‖·‖² → L,
plain, or with each node's forward value above it (green, solid) and ∂L/∂node below (red, dashed).
Drawn in the designed two rows (wide), and when that is too wide for a phone, also packed into more
rows (narrow); the page shows the drawing that fits.
"""

from gen.figures import layout
from gen.derivations.note.figures.labels import grad_symbol, symbols, words
from gen.figures.parts import caption, chip, column, grid, label, op_node
from gen.figures.svg import Piece, drawings, place, tag
from gen.figures.theme import FONT, NAME_FONT, PHONE_COLUMN, WIDE_COLUMN, fit_width, stroke_style
from gen.derivations.note.figures.values import FORWARD_KEYS, GRADIENT_KEYS, matrix, matrix_text, off_units, require

ROWS = ((("X", 0), ("W1", 1), ("mul1", 0), ("z", 0), ("relu", 0), ("h", 0)),
        (("W2", 1), ("mul2", 0), ("y", 0), ("sqnorm", 0), ("L", 0)))
EDGES = (("X", "mul1"), ("W1", "mul1"), ("mul1", "z"), ("z", "relu"), ("relu", "h"),
         ("h", "mul2"), ("W2", "mul2"), ("mul2", "y"), ("y", "sqnorm"), ("sqnorm", "L"))
HATCHED = ("z", "h", "dL_dz")
"""Grids whose cells of an off ReLU unit are hatched."""


def hatch_pattern(pattern_id):
    """Diagonal hatching (currentColor, faint) that marks an off ReLU unit's cells."""
    line = tag("path", [("d", "M0 0V8"), ("stroke", "currentColor"), ("stroke-width", 2),
                        ("stroke-opacity", "0.3")])
    pattern = tag("pattern", [("id", pattern_id), ("patternUnits", "userSpaceOnUse"), ("width", 8),
                              ("height", 8), ("patternTransform", "rotate(45)")], [line])
    return tag("defs", [], [pattern])


def _off(record, key):
    """Cells of grid `key` to hatch: the rows of off ReLU units, in z, h and ∂L/∂z."""
    return {(i, 0) for i in off_units(record)} if key in HATCHED else set()


def _value_node(node, record, hatch):
    """A value node: chip, its value grid above, its gradient grid and ∂L/∂node below."""
    name = chip(symbols()["nodes"][node])
    if record is None:
        return name
    parts = [grid(matrix(record, node), node, "forward", off=_off(record, node), hatch=hatch), name]
    key = f"dL_d{node}"
    if key in GRADIENT_KEYS:
        parts += [grid(matrix(record, key), key, "gradient", off=_off(record, key), hatch=hatch),
                  caption([grad_symbol(node)])]
    return column(parts, anchor=1)


def _op(op, record, lang, live=False):
    """An op node; under ReLU, one "z_i ≤ 0: off" line per off unit (live: one per unit, the on
    units' lines hidden, so a script can toggle them without moving anything)."""
    node = op_node(symbols()["ops"][op])
    off = off_units(record) if record is not None else ()
    units = range(len(record["z"])) if live else off
    if record is None or op != "relu" or not units:
        return node
    lines = [caption([words(lang)["off_unit"].format(entry=symbols()["z_entries"][i])],
                     extra=[("data-off-unit", str(i))] + ([] if i in off else [("visibility", "hidden")]))
             for i in units]
    return column([node, *lines], anchor=0, gap=4)


def _legend(lang, hatch, max_width):
    """Key: green solid frame = forward value, red dashed = gradient, hatched = unit off; its items
    in as many lines as `max_width` needs."""
    w = words(lang)
    items = (("forward", "none", w["legend_forward"]), ("gradient", "none", w["legend_gradient"]),
             (None, f"url(#{hatch})", w["legend_off"]))
    body, x, y, right = [], 0.0, 0.0, 0.0
    for role, fill, text in items:
        item_w = 32 + caption([text]).w
        if x and x + item_w > max_width:
            x, y = 0.0, y + 26
        style = stroke_style(role) if role else "stroke:currentColor"
        body.append(tag("rect", [("x", x), ("y", y + 2), ("width", 26), ("height", 18), ("fill", fill),
                                 ("stroke-width", 1.5), ("style", style)]))
        body.append(label(x + 32, y + 11, text, anchor="start"))
        right = max(right, x + item_w)
        x += item_w + 22
    return Piece(tuple(body), right, y + 22)


def _drawing(lang, record, svg_id, live, max_width):
    """(elements, width, height) of the graph, its rows fitted to `max_width`."""
    hatch = f"{svg_id}-hatch"
    pieces = {n: (_op(n, record, lang, live) if n in symbols()["ops"] else _value_node(n, record, hatch))
              for row in ROWS for n, _ in row}
    rows = layout.fit_rows(ROWS, pieces, max_width)
    if record is None:
        body, right, bottom = layout.draw(rows, EDGES, pieces, 14)
        return body, right, bottom + 16
    legend = _legend(lang, hatch, max_width - 2 * layout.MARGIN)
    body, right, bottom = layout.draw(rows, EDGES, pieces, 28 + legend.h)
    head = [hatch_pattern(hatch), place(legend, layout.MARGIN, 10)]
    return head + body, max(right, legend.w + 2 * layout.MARGIN), bottom + 16


def graph_figures(lang: str, record: dict | None = None, *, svg_id: str | None = None,
                  live: bool = False) -> tuple[str, ...]:
    """Fig. 1 (no record) or one example's graph with every value and gradient (a record): one
    drawing if it fits a phone's column, else (wide, narrow).
    `live`: a figure whose numbers a script replaces (the explorer page): every ReLU unit's
    "off" line is drawn (hidden when on), and the title and description carry no numbers."""
    if record is not None:
        require(record)
    svg_id = svg_id or ("fig-graph" if record is None else f"fig-example-{record['id']}")
    smallest = NAME_FONT if record is None else FONT  # Fig. 1 has only names and op symbols
    title, desc = _texts(lang, None if live else record)

    return drawings(svg_id, title, desc,
                    lambda vid: _drawing(lang, record, vid, live, fit_width(WIDE_COLUMN, smallest)),
                    lambda vid: _drawing(lang, record, vid, live, fit_width(PHONE_COLUMN, smallest)), smallest)


def graph_figure(lang: str, record: dict | None = None, **options) -> str:
    """The figure's wide (or only) drawing: the standalone SVG file."""
    return graph_figures(lang, record, **options)[0]


def _texts(lang, record):
    """Title and description, in `lang`; an example's lists its case and every number."""
    w = words(lang)
    if record is None:
        return w["graph_title"], w["graph_desc"]
    names = symbols()["nodes"]
    values = ", ".join(f"{names[k]} = {matrix_text(matrix(record, k))}" for k in FORWARD_KEYS)
    grads = ", ".join(f"{grad_symbol(k[4:])} = {matrix_text(matrix(record, k))}" for k in GRADIENT_KEYS)
    units = ", ".join(symbols()["z_entries"][i] for i in off_units(record))
    off = w["off_some"].format(units=units) if units else w["off_none"]
    desc = w["example_desc"].format(id=record["id"], case=w["cases"][record["case"]],
                                    values=values, grads=grads, off=off)
    return w["example_title"].format(id=record["id"]), desc
