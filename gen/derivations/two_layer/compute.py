"""Worked examples: every value and gradient of one example, by the graph's backward walk.

Squared loss: exact rationals.  Softmax: the exponentials are kept exact through the walk and
evaluated once at the end to DIGITS significant digits (the JSON keeps the nearest float64).
"""

from dataclasses import dataclass

import sympy as sp

from gen.derivations.two_layer.graph import GRADIENTS, network

DIGITS = 40
"""Significant digits of the softmax loss's numbers before they are rounded to float64."""


@dataclass(frozen=True)
class Worked:
    """One example, computed."""

    example: object
    """Its inputs (`examples.Example`)."""
    values: dict
    """Node name → matrix: X … y exact, and for softmax P (evaluated); L as a 1×1 matrix."""
    grads: dict
    """∂L/∂node for every name in GRADIENTS: exact (squared) or evaluated (softmax)."""

    @property
    def mask(self):
        """1[z > 0], exact."""
        return self.values["z"].applyfunc(lambda v: sp.Integer(1 if v > 0 else 0))


def evaluate(matrix):
    """Exact expressions → DIGITS-digit numbers (exact zeros stay 0)."""
    return sp.ImmutableMatrix(matrix.applyfunc(lambda v: v if v == 0 else sp.N(v, DIGITS)))


def compute(example):
    """Forward values and every gradient of one example."""
    graph = network(example.loss, example.sizes)
    values = graph.forward(example.inputs)
    grads = graph.backward(values)
    grads = {n: sp.ImmutableMatrix(grads[n]) for n in GRADIENTS}
    if example.loss == "softmax":
        values["P"] = evaluate(graph.nodes["L"].op.probabilities(values["y"]))
        values["L"] = evaluate(values["L"])
        grads = {n: evaluate(g) for n, g in grads.items()}
    return Worked(example, values, grads)
