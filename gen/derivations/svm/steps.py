"""The SVM's named equations: each gradient as the walk takes its one step, then with the upstreams put
in, so that the count of positive margins in a row appears as the gradient of the correct class's score."""

import sympy as sp

from gen.derivations.svm.network import network
from gen.matexpr import Broadcast, Times, gradient, mask, negate, ones
from gen.oracle import Claim
from gen.statements import Part, Step
from gen.walk import one_step

ORDER = ("margins", "A", "s", "S", "W")
"""The gradients, from the loss back to the weights."""


def symbols():
    """The graph, its symbols, and the matrices every line is written with: 1/N, 1 − Y, the positive margins."""
    g = network()
    s, n, (rows, cols) = g.symbols, g.sizes["N"], g.nodes["S"].shape
    one = Broadcast(sp.ImmutableMatrix([[1]]), rows, cols)
    others = sp.MatAdd(one, negate(s["Y"]))               # 1 − Y: every class but the correct one
    positive = sp.HadamardProduct(others, mask(s["A"]))  # (1 − Y) ⊙ 1[A > 0]: the margins that count
    return g, s, n, one, others, positive


def lines():
    """Each gradient's lines after the walk's one step."""
    g, s, n, one, others, positive = symbols()
    count = positive * ones(g.nodes["S"].shape[1])       # row i: how many classes have a positive margin
    scores = sp.MatAdd(positive, negate(sp.HadamardProduct(Broadcast(count, *g.nodes["S"].shape), s["Y"])))
    penalty = Times(s["reg"], sp.MatMul(2, s["W"]))  # 2 λ W
    return {"A": (sp.MatMul(1 / n, positive),), "s": (sp.MatMul(-1 / n, count),), "S": (sp.MatMul(1 / n, scores),),
            "W": (sp.MatAdd(sp.MatMul(1 / n, s["X"].T * scores), penalty),)}


def steps():
    """Every equation of the derivation page, in order (numbered by the engine)."""
    g = network()
    more = lines()
    return [Step(f"dL_d{name}", (Part(gradient(name, g.nodes[name].shape), (g.written(one_step(g, name)), *more.get(name, ())),
                                      Claim("grad", name)),)) for name in ORDER]
