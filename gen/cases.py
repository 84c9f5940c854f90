"""The cases of a graph with kinks: which side of its kink each input entry of a ReLU is on.

A case is one sign pattern, e.g. z₁ > 0, z₂ ≤ 0; a worked example falls in exactly one, and a
statement may hold in one case or in all of them (the convention ReLU'(0) = 0 puts z = 0 with z < 0).
"""

from dataclasses import dataclass
from itertools import product

import sympy as sp

from gen.ops import Indicator
from gen.unevaluated import prune, replace_unevaluated

MANY = 4
"""More kink entries than this: a fixed few patterns instead of all 2ⁿ of them."""


FEW = (lambda a, b, cols: 1, lambda a, b, cols: 0, lambda a, b, cols: (a + b) % 2,
       lambda a, b, cols: (a * cols + b) % 3 != 0)
"""The patterns used when there are too many for all: all on, all off, a checkerboard, two in three on."""


@dataclass(frozen=True)
class Case:
    """One sign pattern of the entries of every kink's input."""

    on: tuple
    """on[n] is True when entry n (row-major, kink by kink) is on (> 0), False when it is ≤ 0."""
    kinks: tuple
    """(name, (rows, columns)) of each kink's input, in graph order."""
    entries: tuple = ()
    """The named entry symbols the flags are about (z₁, z₂), when the graph names its entries."""

    @property
    def id(self):
        """Stable text id, e.g. `z1>0,z2<=0`."""
        names = [str(e) for e in self.entries] or [f"#{n + 1}" for n in range(len(self.on))]
        return ",".join(f"{name}{'>0' if o else '<=0'}" for name, o in zip(names, self.on))

    @property
    def slug(self):
        """Short name for ids and anchors, e.g. `on-off`."""
        return "-".join("on" if o else "off" for o in self.on)

    def mask(self, name):
        """1[z > 0] of the kink input `name` in this case, as a matrix of 1 and 0."""
        start = 0
        for kink, (rows, cols) in self.kinks:
            if kink == name:
                flags = self.on[start:start + rows * cols]
                return sp.ImmutableMatrix(rows, cols, [int(f) for f in flags])
            start += rows * cols
        raise KeyError(f"{name!r} is not the input of a kink")

    def conditions(self):
        """The sympy relations z_i > 0 / z_i ≤ 0 of this case."""
        return tuple(sp.StrictGreaterThan(v, 0) if o else sp.LessThan(v, 0, evaluate=False)
                     for v, o in zip(self.entries, self.on))

    def substitute(self, expr):
        """`expr` with each 1[z_i > 0] replaced by this case's 1 or 0."""
        masks = {Indicator(v): sp.Integer(int(o)) for v, o in zip(self.entries, self.on)}
        return prune(replace_unevaluated(expr, masks))


def kink_inputs(graph, sizes=None):
    """(name, concrete shape) of every kink's input."""
    return tuple((z, graph.shape_at(z, sizes or {})) for _, z in graph.kinks())


def cases(graph, sizes=None):
    """Every sign pattern, all on first (a fixed few when there are more than MANY entries)."""
    kinks = kink_inputs(graph, sizes)
    count = sum(r * c for _, (r, c) in kinks)
    entries = tuple(e for z, _ in kinks for e in graph.entries.get(z, ()))
    if count <= MANY:
        flags = [tuple(not off for off in offs) for offs in product((False, True), repeat=count)]
    else:
        flags = [tuple(bool(rule(a, b, cols)) for _, (rows, cols) in kinks for a in range(rows) for b in range(cols))
                 for rule in FEW]
    return tuple(Case(f, kinks, entries if len(entries) == count else ()) for f in flags)


def case_of(graph, values, sizes=None):
    """The case that an example's numbers fall in (ReLU'(0) = 0: z = 0 is off)."""
    kinks = kink_inputs(graph, sizes)
    ops = {z: graph.nodes[node].op for node, z in graph.kinks()}
    on = tuple(ops[z].decide(v) for z, _ in kinks for v in values[z])
    entries = tuple(e for z, _ in kinks for e in graph.entries.get(z, ()))
    return Case(on, kinks, entries if len(entries) == len(on) else ())
