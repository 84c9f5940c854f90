"""One SVG per worked example: the chain X → z → h → y → L, each edge labelled with its op and the
shape of the matrix on it; for small examples each node also shows its value and gradient."""

from pathlib import Path

import yaml

from gen.figures.svg import root, tag
from gen.notation import number_text
from gen.figures.theme import FONT, MONO, fill_style, text_width

LABELS = yaml.safe_load((Path(__file__).parent / "figure_labels.yml").read_text(encoding="utf-8"))
SMALL = 6
"""An example is small when no matrix on the chain has more than this many entries."""
SUBSCRIPT = str.maketrans("12", "₁₂")
LINE, PAD, GAP = 18, 12, 150


def plain(value):
    """A number as figure text: exact decimals as they are, floats to 4 significant digits."""
    return f"{value:.4g}" if isinstance(value, float) else number_text(value)


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


def example_figure(record, lang, number=plain):
    """The SVG text of one example's figure."""
    words = LABELS[lang]
    ident = f"two-layer-{record['id']}-{lang}"
    small = max(len(record[k]) * len(record[k][0]) for k in ("X", "z", "y")) <= SMALL
    nodes = ("X", "z", "h", "y", "L")
    edges = [f"×W₁ ({shape(record, 'W1')}) +b₁", "ReLU", f"×W₂ ({shape(record, 'W2')}) +b₂",
             words[f"loss_{record['loss']}"]]
    edge_shapes = [shape(record, k) for k in ("X", "z", "h", "y")]
    columns = [column(n, record, small, number) for n in nodes]
    widths = [max(text_width(t, FONT, mono=True) for t, _ in col) + 2 * PAD for col in columns]
    body, x = [], PAD
    height = (max(len(c) for c in columns) + 3) * LINE + 2 * PAD
    for n, col in enumerate(columns):
        for m, (text, role) in enumerate(col):
            attrs = [("x", x + PAD), ("y", 3 * LINE + PAD + m * LINE)]
            attrs += [("font-family", MONO)] if m else [("font-weight", "bold")]
            attrs += [("style", fill_style(role))] if role else []
            body.append(tag("text", attrs, text=text))
        x += widths[n]
        if n < len(edges):
            y = 3 * LINE + PAD - 5
            body.append(tag("line", [("x1", x), ("y1", y), ("x2", x + GAP - 10), ("y2", y),
                                     ("stroke", "currentColor"), ("marker-end", f"url(#{ident}-arrow)")]))
            body.append(tag("text", [("x", x + 2), ("y", y - LINE - 4)], text=edges[n]))
            body.append(tag("text", [("x", x + 2), ("y", y - 6)], text=edge_shapes[n]))
            x += GAP
    arrow = tag("defs", (), [tag("marker", [("id", f"{ident}-arrow"), ("viewBox", "0 0 10 10"), ("refX", "10"),
                                            ("refY", "5"), ("markerWidth", "6"), ("markerHeight", "6"),
                                            ("orient", "auto")],
                                 [tag("path", [("d", "M0,0 L10,5 L0,10 z"), ("fill", "currentColor")])])])
    desc = words["desc"].format(id=record["id"], values=words["values" if small else "no_values"])
    return root(ident, (x + PAD, height), words["title"].format(id=record["id"]),
                desc, [arrow, *body], min_width=x / 2)
