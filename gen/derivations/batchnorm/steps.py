"""Batch normalization's named equations: each local gradient (entry-wise: one column of X at a time),
then each gradient as the walk takes its one step, simplified where a line reads better, and the
compact ∂L/∂X; every line is checked by the oracle."""

import sympy as sp

from gen.derivations.batchnorm.network import NOTATION, network
from gen.matexpr import Broadcast, gradient, negate, ones
from gen.notation import partial
from gen.oracle import Claim
from gen.statements import Part, Step, numbered
from gen.walk import one_step

LOCALS = (("mu", "X"), ("var", "X"), ("var", "mu"), ("xhat", "X"), ("xhat", "mu"), ("xhat", "var"),
          ("y", "xhat"), ("y", "gamma"))
"""(value, what it is differentiated by): every local gradient between named values."""


def symbols():
    """The graph, its symbols, N, and the matrices the lines are written with."""
    g = network()
    s, n, (rows, cols) = g.symbols, g.sizes["N"], g.nodes["X"].shape

    def row(m):  # a row copied down every row (implicit in the notation)
        return Broadcast(m, rows, cols)
    centred = sp.MatAdd(s["X"], -row(s["mu"]))
    shifted = sp.MatAdd(s["var"], Broadcast(s["eps"], 1, cols))  # σ² + ε
    return g, s, n, row, centred, shifted


def power(shifted, exponent):
    """(σ² + ε)^exponent, entry by entry."""
    return sp.HadamardPower(shifted, exponent)


def local_lines():
    """∂μ/∂X = 1/N, …, ∂y/∂γ = x̂: each entry-wise, as each depends on the matching entry or column."""
    g, s, n, row, centred, shifted = symbols()
    inverse = power(shifted, sp.Rational(-1, 2))
    lines = {("mu", "X"): (1 / n,),
             ("var", "X"): (sp.MatMul(2 / n, centred),),
             ("var", "mu"): (sp.MatMul(-2 / n, ones(n).T * centred), sp.ZeroMatrix(1, cols_of(g))),
             ("xhat", "X"): (row(inverse),),
             ("xhat", "mu"): (row(sp.MatMul(-1, inverse)),),
             ("xhat", "var"): (sp.MatMul(sp.Rational(-1, 2), sp.HadamardProduct(
                 centred, row(power(shifted, sp.Rational(-3, 2))))),),
             ("y", "xhat"): (row(s["gamma"]),), ("y", "gamma"): (s["xhat"],)}
    return [Step(f"local_{of}_{wrt}", (Part(partial(NOTATION.matrix(of), NOTATION.matrix(wrt)), lines[(of, wrt)],
                                            Claim("local", wrt, at="entrywise", of=of)),)) for of, wrt in LOCALS]


def cols_of(g):
    return g.nodes["X"].shape[1]


def gradient_lines():
    """Each gradient: the walk's one step, then the same simplified; ∂L/∂X also in its compact form."""
    g, s, n, row, centred, shifted = symbols()
    d = {k: gradient(k, g.nodes[k].shape) for k in ("y", "xhat", "var", "mu")}
    inverse = power(shifted, sp.Rational(-1, 2))
    simpler = {
        "var": (sp.MatMul(sp.Rational(-1, 2), sp.HadamardProduct(ones(n).T * sp.HadamardProduct(d["xhat"], centred),
                                                                 power(shifted, sp.Rational(-3, 2)))),),
        "mu": (sp.MatAdd(negate(sp.HadamardProduct(ones(n).T * d["xhat"], inverse)), sp.MatMul(-2 / n, sp.HadamardProduct(
            d["var"], ones(n).T * centred))), negate(sp.HadamardProduct(ones(n).T * d["xhat"], inverse))),
        "X": (sp.MatAdd(sp.HadamardProduct(d["xhat"], row(inverse)), sp.MatMul(2 / n, sp.HadamardProduct(
            row(d["var"]), centred)), sp.MatMul(1 / n, row(d["mu"]))),),
    }
    out = []
    for name in ("y", "beta", "gamma", "xhat", "var", "mu", "X"):
        lines = (g.written(one_step(g, name)), *simpler.get(name, ()))
        out.append(Step(f"dL_d{name}", (Part(gradient(name, g.nodes[name].shape), lines, Claim("grad", name)),)))
    out.append(Step("dL_dX_compact", (Part(gradient("X", g.nodes["X"].shape), compact_lines(), Claim("grad", "X")),)))
    return out


def compact_lines():
    """(15) with (13) and (14) put in; then X − μ = x̂ ⊙ √(σ² + ε); then ∂L/∂x̂ = ∂L/∂y ⊙ γ."""
    g, s, n, row, centred, shifted = symbols()
    d = {k: gradient(k, g.nodes[k].shape) for k in ("y", "xhat")}
    inverse = power(shifted, sp.Rational(-1, 2))

    def column_sum(m):
        return row(ones(n).T * m)
    put_in = sp.MatAdd(sp.HadamardProduct(d["xhat"], row(inverse)),
                       sp.MatMul(-1 / n, sp.HadamardProduct(centred, row(power(shifted, sp.Rational(-3, 2))),
                                                            column_sum(sp.HadamardProduct(d["xhat"], centred)))),
                       sp.MatMul(-1 / n, sp.HadamardProduct(row(inverse), column_sum(d["xhat"]))))

    def bracket(grad, scale):
        inner = sp.MatAdd(sp.MatMul(n, grad), negate(column_sum(grad)),
                          negate(sp.HadamardProduct(s["xhat"], column_sum(sp.HadamardProduct(grad, s["xhat"])))))
        return sp.MatMul(1 / n, sp.HadamardProduct(row(scale), inner))
    with_xhat = bracket(d["xhat"], inverse)
    with_y = bracket(d["y"], sp.HadamardProduct(s["gamma"], inverse))
    return put_in, with_xhat, with_y


def steps():
    """Every equation of the derivation page, in order, numbered."""
    return numbered([*local_lines(), *gradient_lines()])
