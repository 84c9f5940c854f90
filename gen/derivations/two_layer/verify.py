"""Proofs: every matrix-form gradient of the walk equals sympy's direct differentiation of L.

For each loss, on shapes where each of N, D, H, C is 1 and is greater than 1, with symbolic
entries and every sign pattern of z (a fixed set when N·H > 4).  Also the reduction to the note
and, per worked example, the numbers against the oracle's derivatives at the example's values.
"""

from itertools import product

import sympy as sp

from gen.derivations.two_layer.graph import GRADIENTS, LOSSES, network
from gen.derivations.two_layer.oracle import Oracle
from gen.errors import VerificationError

PROOF_SHAPES = {"squared": ((1, 1, 1, 1), (2, 1, 2, 1), (1, 2, 1, 2), (2, 2, 2, 2), (3, 2, 1, 2)),
                "softmax": ((1, 1, 1, 1), (2, 1, 1, 2), (1, 2, 2, 3))}
"""(N, D, H, C): each size is 1 in one shape and greater than 1 in another."""


def patterns(rows, cols):
    """Sign patterns of z (1 = on): all of them when there are at most 16, else a fixed few."""
    if rows * cols <= 4:
        flags = product((1, 0), repeat=rows * cols)
    else:
        flags = [[1] * (rows * cols), [0] * (rows * cols), [(a + b) % 2 for a in range(rows) for b in range(cols)],
                 [(a * cols + b) % 3 != 0 for a in range(rows) for b in range(cols)]]
    return [sp.ImmutableMatrix(rows, cols, [int(f) for f in flag]) for flag in flags]


def explicit(expr, values):
    """A matrix expression multiplied out, every matrix symbol replaced by the oracle's matrix of that name."""
    if isinstance(expr, sp.MatrixSymbol):
        return sp.Matrix(values[expr.name])
    if isinstance(expr, sp.Transpose):
        return explicit(expr.arg, values).T
    if isinstance(expr, sp.MatMul):
        out = None
        for arg in expr.args:
            term = explicit(arg, values) if isinstance(arg, sp.MatrixExpr) else arg
            out = term if out is None else out * term
        return out
    if isinstance(expr, sp.MatAdd):
        terms = [explicit(arg, values) for arg in expr.args]
        return sum(terms[1:], terms[0])
    if isinstance(expr, sp.HadamardProduct):
        terms = [explicit(arg, values) for arg in expr.args]
        out = terms[0]
        for term in terms[1:]:
            out = out.multiply_elementwise(term)
        return out
    raise TypeError(f"no explicit form for {expr!r}")


def prove(loss, sizes, claims=None):
    """Check each gradient of the walk on one shape; return the number of (gradient, pattern) checks."""
    graph = network(loss, sizes)
    claims = claims or graph.backward(graph.symbols())
    oracle = Oracle(sizes, loss)
    checks = 0
    for pattern in patterns(sizes[0], sizes[2]):
        values = oracle.values(pattern)
        for name in GRADIENTS:
            if not oracle.same(explicit(claims[name], values), oracle.reference(name, pattern), pattern):
                raise VerificationError(f"dL/d{name} ({loss})", f"the matrix form {claims[name]} differs from "
                                        f"direct differentiation for N, D, H, C = {sizes}, z on = {pattern.tolist()}")
            checks += 1
    return checks


def prove_all():
    """Every loss on every proof shape: counts for the verification section."""
    counts = {}
    for loss in LOSSES:
        checks = sum(prove(loss, sizes) for sizes in PROOF_SHAPES[loss])
        counts[loss] = {"shapes": len(PROOF_SHAPES[loss]), "checks": checks,
                        "patterns": sum(len(patterns(s[0], s[2])) for s in PROOF_SHAPES[loss])}
    return counts


NOTE_SIZES = (2, 2, 1, 2)
"""The note's network: N = D = 2, H = 1, C = 2."""


def prove_reduction(claims):
    """The reduced forms (name → (gradient node, matrix form)) equal direct differentiation of the
    note's L = ‖ReLU(X W₁) W₂‖² (biases 0, T = 0) in all four sign patterns of z."""
    oracle = Oracle(NOTE_SIZES, "squared")
    zero = {v: 0 for key in ("T", "b1", "b2") for v in oracle.m[key]}
    checks = 0
    for pattern in patterns(NOTE_SIZES[0], NOTE_SIZES[2]):
        values = {n: sp.ImmutableMatrix(v).xreplace(zero) for n, v in oracle.values(pattern).items()}
        for label, (node, form) in claims.items():
            if not oracle.same(explicit(form, values), oracle.reference(node, pattern).xreplace(zero), pattern):
                raise VerificationError(label, f"the reduced form {form} differs from direct differentiation "
                                        f"of the note's loss (z on = {pattern.tolist()})")
            checks += 1
    return checks


def check_example(worked, digits=30):
    """An example's gradients against the oracle's derivatives at its numbers (softmax: to `digits`)."""
    ex = worked.example
    oracle = Oracle(ex.sizes, ex.loss, list(ex.labels) or None)
    numbers = {}
    for key in ("X", "W1", "b1", "W2", "b2", "T"):
        if key in ex.inputs:
            numbers.update(zip(oracle.m[key], ex.inputs[key]))
    pattern = sp.ImmutableMatrix(worked.values["z"].applyfunc(lambda v: 1 if v > 0 else 0))
    for name in GRADIENTS:  # at numbers, Max(0, t) and Heaviside(t) evaluate themselves (no t is 0)
        reference = oracle.reference(name, pattern).xreplace(numbers)
        for got, want in zip(worked.grads[name], reference):
            exact = ex.loss == "squared"
            if (got != want) if exact else abs(got - sp.N(want, digits + 10)) > sp.Float(10) ** -digits * (1 + abs(got)):
                raise VerificationError(f"dL/d{name}", f"example {ex.id!r}: the walk gives {got}, "
                                        f"direct differentiation {want}")
    return len(GRADIENTS)
