"""The backward pass, one figure per step: at one node, the upstream gradient (right) times the
local derivative (under the node) gives the downstream gradient (left); red arrows run right to left.
When that is too wide for a phone, a narrow drawing breaks the captions into lines and closes the gaps.
"""

from dataclasses import dataclass

from gen.derivations.note.figures.graph_figure import hatch_pattern
from gen.derivations.note.figures.labels import grad_symbol, symbols, transpose_symbol, words
from gen.derivations.note.figures.rules import backward_rule
from gen.figures.parts import caption, chip, column, grid, label, op_node, wire
from gen.figures.svg import Piece, drawings, num, place, tag
from gen.figures.theme import CELL_H, GAP, NAME_FONT, OP_H, text_width
from gen.derivations.note.figures.values import matrix, matrix_text, off_units, require

COL_GAP = 60
NARROW = {"col_gap": 36, "wrap": 96}
"""The narrow drawing: gaps between columns, and the width captions are broken to."""


@dataclass(frozen=True)
class Step:
    """One backward step: downstream = upstream ∘ local at one op node."""

    key: str
    """Which gradient it computes (its node name); also names the figure and its tab."""
    op: str
    """The op node (`mul1`, `relu`, …)."""
    out: str
    """The op's output node, whose gradient comes in (upstream)."""
    local: str
    """Record key (or derived key) of the local derivative's values."""
    transposed: bool
    """The local factor is shown transposed (hᵀ, W₂ᵀ, Xᵀ): a matrix the upstream is multiplied by,
    whose entries are the local gradients (so it is labelled as a factor, not as the local gradient)."""
    side: str = "left"
    """Where that factor stands in the product: `left` (hᵀ ∂L/∂y) or `right` (∂L/∂y W₂ᵀ)."""


# In backward order: ∂L/∂y, ∂L/∂W₂, ∂L/∂h, ∂L/∂z, ∂L/∂W₁ (each rule printed from the op's vjp).
STEPS = (Step("y", "sqnorm", "L", "two_y", False), Step("W2", "mul2", "y", "h", True),
         Step("h", "mul2", "y", "W2", True, "right"), Step("z", "relu", "h", "mask_z", False),
         Step("W1", "mul1", "z", "X", True))
STEP_KEYS = tuple(s.key for s in STEPS)


def _local_symbol(step):
    sym = symbols()
    if step.local in ("two_y", "mask_z"):
        return sym["two_y" if step.local == "two_y" else "mask"]
    return transpose_symbol(step.local)


def _local_caption(w, step):
    """`local gradient 2y`, or for a transposed factor `Xᵀ × upstream` / `upstream × W₂ᵀ`."""
    if not step.transposed:
        return [w["local"], _local_symbol(step)]
    return [w[f"factor_{step.side}"].format(factor=_local_symbol(step))]


def _pad(piece, h):
    """The piece centred vertically in a box of height h (so grids below line up)."""
    dy = (h - piece.h) / 2
    body = (tag("g", [("transform", f"translate(0,{num(dy)})")], list(piece.body)),)
    return Piece(body, piece.w, h, piece.cy + dy, piece.left, piece.right)


def _columns(lang, record, step, hatch, wrap=None):
    """(downstream, node with local derivative, upstream) columns; off units hatched at ReLU."""
    w, sym = words(lang), symbols()
    off = {(i, 0) for i in off_units(record)} if step.op == "relu" else set()
    down, up = f"dL_d{step.key}", f"dL_d{step.out}"
    left = [_pad(chip(sym["nodes"][step.key]), OP_H),
            grid(matrix(record, down), down, "gradient", off=off, hatch=hatch),
            caption([w["downstream"], grad_symbol(step.key)], max_width=wrap)]
    middle = [op_node(sym["ops"][step.op]),
              grid(matrix(record, step.local), step.local, "local", transposed=step.transposed,
                   off=off, hatch=hatch),
              caption(_local_caption(w, step), max_width=wrap)]
    middle += [caption([w["off_unit"].format(entry=sym["z_entries"][i])], max_width=wrap,
                       extra=[("data-off-unit", str(i))]) for i in sorted({i for i, _ in off})]
    right = [_pad(chip(sym["nodes"][step.out]), OP_H),
             grid(matrix(record, up), up, "gradient"),
             caption([w["upstream"], grad_symbol(step.out)], max_width=wrap)]
    return [(column(parts, anchor=0, gap=GAP), parts[1]) for parts in (left, middle, right)]


def _figure_body(lang, record, step, hatch, col_gap=COL_GAP, wrap=None):
    """Columns side by side, the forward wires, the red backward arrows, the rule below."""
    cols = _columns(lang, record, step, hatch, wrap)
    content_w = sum(c.w for c, _ in cols) + col_gap * (len(cols) - 1)
    width = max(content_w, text_width(backward_rule(step.key, step.out), NAME_FONT)) + 32
    x, top, body, spans = 16.0, 16, [], []
    for col, grid_piece in cols:
        body.append(place(col, x, top))
        gx = x + (col.w - grid_piece.w) / 2
        spans.append((x + col.left, x + col.right, gx, gx + grid_piece.w))
        x += col.w + col_gap
    wire_y, arrow_y = top + OP_H / 2, top + OP_H + GAP + CELL_H / 2
    for a, b in ((0, 1), (1, 2)):  # forward wire →, gradient ←
        body += wire([(spans[a][1], wire_y), (spans[b][0], wire_y)])
        body += wire([(spans[b][2] - 6, arrow_y), (spans[a][3] + 6, arrow_y)], role="gradient")
    bottom = top + max(c.h for c, _ in cols) + 16
    rule = backward_rule(step.key, step.out)
    body.append(label(width / 2, bottom + NAME_FONT / 2, rule, NAME_FONT, extra=[("data-rule", step.key)]))
    return body, width, bottom + NAME_FONT + 16


def _texts(lang, record, step, n):
    """Title and description in `lang`: the node, the three matrices, the rule."""
    w = words(lang)
    local = matrix(record, step.local)
    shown = [list(r) for r in zip(*local)] if step.transposed else local
    op = w["op_names"][step.op]
    title = w["step_title"].format(n=n, grad=grad_symbol(step.key), op=op, id=record["id"])
    desc = w["step_desc"].format(
        id=record["id"], case=w["cases"][record["case"]], op=op, up=grad_symbol(step.out),
        up_values=matrix_text(matrix(record, f"dL_d{step.out}")),
        local=w["factor_desc" if step.transposed else "local_desc"].format(symbol=_local_symbol(step), values=matrix_text(shown)),
        down=grad_symbol(step.key),
        down_values=matrix_text(matrix(record, f"dL_d{step.key}")), rule=backward_rule(step.key, step.out))
    return title, desc


def step_drawings(lang: str, record: dict) -> list[tuple[str, str, tuple[str, ...]]]:
    """(step key, tab title, drawings) for each backward step of one example, in backward order:
    one drawing if it fits a phone's column, else (wide, narrow)."""
    require(record)
    out = []
    for n, step in enumerate(STEPS, start=1):
        svg_id = f"fig-step-{record['id']}-{step.key}"
        title, desc = _texts(lang, record, step, n)

        def drawing(vid, **narrow):
            hatch = f"{vid}-hatch"
            body, width, height = _figure_body(lang, record, step, hatch, **narrow)
            return [hatch_pattern(hatch), *body], width, height

        shown = drawings(svg_id, title, desc, drawing, lambda vid: drawing(vid, **NARROW))
        out.append((step.key, words(lang)["tabs"][step.key], shown))
    return out


def step_figures(lang: str, record: dict) -> list[tuple[str, str, str]]:
    """(step key, tab title, svg) for each backward step: its wide (or only) drawing, the SVG file."""
    return [(key, title, drawings[0]) for key, title, drawings in step_drawings(lang, record)]
