"""One SVG per worked example: the chain X → z → h → y → L, each edge labelled with its op and the
shape of the matrix on it; for small examples each node also shows its value and gradient.
Drawn in rows left to right (wide), and when that is too wide for a phone, also stacked (narrow)."""

from pathlib import Path

import sympy as sp
import yaml

from gen.declare import records
from gen.figures import scroll_box
from gen.figures.chain import Chain, in_rows, stacked
from gen.figures.svg import drawings, tag
from gen.figures.theme import WIDE_COLUMN, fit_width
from gen.numbers import number_text

LABELS = yaml.safe_load((Path(__file__).parent / "figure_labels.yml").read_text(encoding="utf-8"))
SMALL = 6
"""An example is small when no matrix on the chain has more than this many entries."""
SUBSCRIPT = str.maketrans("12", "₁₂")


def plain(value):
    """A number as figure text: exact decimals as they are, other numbers to 4 significant digits."""
    return number_text(value) if isinstance(value, (int, sp.Rational)) else f"{float(value):.4g}"


def rows_text(rows, number):
    """A matrix as one line per row: [1, −2]."""
    return ["[" + ", ".join(number(v) for v in row) + "]" for row in rows]


def column(name, record, small, number):
    """The lines under one node: its name, and its value and gradient rows when the example is small."""
    lines = [(name.translate(SUBSCRIPT), None)]
    if small and name != "L":
        lines += [(t, "forward") for t in rows_text(record[name], number)]
        lines += [(t, "gradient") for t in rows_text(record[f"dL_d{name}"], number)]
    elif small:
        lines.append((number(record["L"]), "forward"))
    return lines


def shape(record, key):
    rows = record[key]
    return f"{len(rows)}×{len(rows[0])}"


def example_chain(record, lang, number=plain):
    """What one example's figure shows: a column per node, the op and the matrix's shape per arrow."""
    words = LABELS[lang]
    small = max(len(record[k]) * len(record[k][0]) for k in ("X", "z", "y")) <= SMALL
    ops = [f"×W₁ ({shape(record, 'W1')}) +b₁", "ReLU", f"×W₂ ({shape(record, 'W2')}) +b₂",
           words[f"loss_{record['loss']}"]]
    edge_shapes = [shape(record, k) for k in ("X", "z", "h", "y")]
    return Chain(tuple(tuple(column(n, record, small, number)) for n in ("X", "z", "h", "y", "L")),
                 tuple(zip(ops, edge_shapes))), small


def example_figures(record, lang, number=plain):
    """The SVG text of one example's figure: (only,) if its rows fit a phone, else (wide, narrow)."""
    words = LABELS[lang]
    ident = f"two-layer-{record['id']}-{lang}"
    shown, small = example_chain(record, lang, number)
    desc = words["desc"].format(id=record["id"], values=words["values" if small else "no_values"])
    title = words["title"].format(id=record["id"])

    def drawn(lay_out):
        def drawing(vid):
            body, width, height = lay_out(f"{vid}-arrow")
            return [_arrowhead(f"{vid}-arrow"), *body], width, height
        return drawing

    return drawings(ident, title, desc, drawn(lambda marker: in_rows(shown, marker, fit_width(WIDE_COLUMN))),
                    drawn(lambda marker: stacked(shown, marker)))


def example_figure(record, lang, number=plain):
    """The wide (or only) drawing of one example's figure: its SVG file."""
    return example_figures(record, lang, number)[0]


def _arrowhead(marker_id):
    return tag("defs", (), [tag("marker", [("id", marker_id), ("viewBox", "0 0 10 10"), ("refX", "10"),
                                           ("refY", "5"), ("markerWidth", "6"), ("markerHeight", "6"),
                                           ("orient", "auto")],
                                [tag("path", [("d", "M0,0 L10,5 L0,10 z"), ("fill", "currentColor")])])])


def figures(verified, lang):
    """Every example's figure in one language: inlined in the examples page, and written as files."""
    svgs = {rec["id"]: example_figures(rec, lang) for rec in records(verified)}
    files = {f"{lang}/two-layer/figures/{k}.svg": v[0] for k, v in svgs.items()}
    return {"figures": {k: scroll_box(*v) for k, v in svgs.items()}}, files
