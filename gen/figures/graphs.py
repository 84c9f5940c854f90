"""Any derivation's computational graph as a figure, drawn from the graph itself, in the style of the
note's Fig. 1: each named value a box, each op a pill with its symbol, wires in the forward direction.

The ops and named values stand on one wire in the order written (the spine), wrapped into rows that fit
the width; an input other than the first sits under the op it enters and enters it from below.  A wire
that skips along the spine (X to X − μ past the mean) arcs over the boxes, or, into a later row, runs
down the left lane and drops into its op from above.
"""

from pathlib import Path

import yaml

from gen.figures import layout
from gen.figures.parts import chip, op_node, wire
from gen.figures.svg import drawings, place
from gen.figures.theme import NAME_FONT, PHONE_COLUMN, WIDE_COLUMN, fit_width

LANE = 10
"""Spacing of wires that arc over a row or run down the left lane side by side."""
WORDS = yaml.safe_load((Path(__file__).parent / "words.yml").read_text(encoding="utf-8"))
"""The figure's title and the frame of its description, in each language."""


def reads(graph, name):
    """The named values a node is computed from (through its unnamed parts), in the order first read."""
    found = []

    def walk(n):
        for i in graph.nodes[n].inputs:
            if graph.nodes[i].role == "hidden":
                walk(i)
            elif i not in found:
                found.append(i)
    walk(name)
    return found


def rule_text(graph, notation, name):
    """A node's rule in plain text over the named values: x̂ = (X − μ)/√(σ² + ε)."""
    def text(n, top=False):
        node = graph.nodes[n]
        if node.role != "hidden" and not top:
            return notation.plain(n)
        parts = [text(i) for i in node.inputs]
        pattern = node.op.text
        call = pattern.endswith("({0})") or pattern.startswith("‖")
        wrapped = [f"({p})" if not call and _infix(graph, i) and not pattern.startswith(("{0} + ", "{0} − "))
                   else p for p, i in zip(parts, node.inputs)]
        return pattern.format(*wrapped)
    return f"{notation.plain(name)} = {text(name, top=True)}"


def _infix(graph, name):
    """Whether an unnamed value is written with an operator between its inputs (so needs brackets)."""
    node = graph.nodes[name]
    return node.role == "hidden" and " " in node.op.text.replace("({0})", "")


SHARED = 3
"""An input read by this many ops or more (an RNN's weights, read at every step) is drawn below each op that
reads it, so that no wire runs back across the rows to it."""


def items(graph, notation):
    """(rows as designed: one, items as (name, level)), edges, and the drawn piece of every item."""
    pieces, sequence, edges, side = {}, [], [], {}
    first = graph.order[0]
    for name in graph.order:
        node = graph.nodes[name]
        if node.op is None:
            pieces[name] = chip(notation.plain(name))
            if name == first:
                sequence.append((name, 0))
            else:
                side[name] = None
            continue
        op = f"op:{name}"
        pieces[op] = op_node(node.op.symbol)
        for i in node.inputs:
            source = i if graph.nodes[i].role != "hidden" else f"op:{i}"
            if i in side and side[i] is None:
                side[i] = op
                sequence.append((i, 1))
            elif i in side and len(graph.consumers(i)) >= SHARED:  # read at every step: drawn again at each read
                source = f"{i}@{op}"
                pieces[source] = chip(notation.plain(i))
                sequence.append((source, 1))
            edges.append((source, op))
        sequence.append((op, 0))
        if node.role != "hidden":
            pieces[name] = chip(notation.plain(name))
            sequence.append((name, 0))
            edges.append((op, name))
    return (tuple(sequence),), edges, pieces


def _top(name, boxes, pieces):
    x, y = boxes[name]
    return (x + pieces[name].w / 2, y)


def _skips(rows, edges):
    """The edges that do not join neighbours on the spine nor come up from below: they arc or drop."""
    level0 = [n for row in rows for n, level in row if level == 0]
    place = {n: k for k, n in enumerate(level0)}
    level = {n: lv for row in rows for n, lv in row}
    starts = {row[0][0] for row in rows}
    return [(a, b) for a, b in edges if level[a] == 0 and not (place[b] == place[a] + 1)
            and not (b in starts and place[b] == place[a] + 1)]


def _drawing(graph, notation, max_width):
    design, edges, pieces = items(graph, notation)
    rows = layout.fit_rows(design, pieces, max_width)
    skips = _skips(rows, edges)
    row_of = {n: k for k, row in enumerate(rows) for n, _ in row}
    arcs = {k: [e for e in skips if row_of[e[0]] == row_of[e[1]] == k] for k in range(len(rows))}
    drops = [e for e in skips if row_of[e[0]] != row_of[e[1]]]
    head = LANE * (max((len(v) for v in arcs.values()), default=0) + 1)
    boxes, right, bottom, gaps = layout.arrange(rows, pieces, 12 + head)
    body = [place(pieces[n], *boxes[n]) for row in rows for n, _ in row]
    plain = [e for e in edges if e not in skips]
    lanes = (right + layout.LANE, None, layout.MARGIN + layout.LANE / 2)
    for a, b in plain:
        body += layout.edge(a, b, boxes, pieces, (lanes[0], gaps[row_of[a]], lanes[2]))
    for k, row_arcs in arcs.items():
        for n, (a, b) in enumerate(sorted(row_arcs, key=lambda e: boxes[e[1]][0] - boxes[e[0]][0])):
            (x1, y1), (x2, y2) = _top(a, boxes, pieces), _top(b, boxes, pieces)
            high = min(y1, y2) - LANE * (n + 1)
            body += wire([(x1, y1), (x1, high), (x2, high), (x2, y2)])
    for n, (a, b) in enumerate(drops):
        (x1, y1), (x2, y2) = _top(a, boxes, pieces), _top(b, boxes, pieces)
        x, y = boxes[a]
        below = y + pieces[a].h
        gap_y = gaps[row_of[a]] - layout.ROW_GAP / 4 - LANE * n / 2  # above the row's own wrap wire
        left = layout.MARGIN / 2 - LANE * n / 2  # left of the wrap wires' lane
        above = y2 - LANE * (n + 1)
        body += wire([(x1, below), (x1, gap_y), (left, gap_y), (left, above), (x2, above), (x2, y2)])
    return body, right + layout.LANE + layout.MARGIN, bottom + 16


def graph_figures(graph, notation, lang, svg_id):
    """The graph's figure: (only,) when it fits a phone, else (wide, narrow)."""
    words = WORDS[lang]
    rules = "; ".join(rule_text(graph, notation, n) for n in graph.named if graph.nodes[n].op is not None)
    title, desc = words["graph_title"], words["graph_desc"].format(rules=rules)
    return drawings(svg_id, title, desc, lambda vid: _drawing(graph, notation, fit_width(WIDE_COLUMN, NAME_FONT)),
                    lambda vid: _drawing(graph, notation, fit_width(PHONE_COLUMN, NAME_FONT)), NAME_FONT)
