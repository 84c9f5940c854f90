"""Proofs: every matrix-form gradient of the walk equals sympy's direct differentiation of L.

For each loss, on shapes where each of N, D, H, C is 1 and is greater than 1, with symbolic
entries and every sign pattern of z (a fixed set when N·H > 4).  Also the reduction to the note
and, per worked example, the numbers against the oracle's derivatives at the example's values.
"""

from itertools import product

import sympy as sp

from gen.derivations.two_layer.graph import GRADIENTS, LOSSES, network
from gen.derivations.two_layer.notation import SIZES, p, q
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
            if not oracle.same(explicit(claims[name], values), oracle.resolved(name, pattern), pattern):
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
        for label, (node, form) in claims.items():
            diff = explicit(form, oracle.values(pattern)) - oracle.resolved(node, pattern)
            if any(sp.expand(oracle.resolve(e, pattern).xreplace(zero)) != 0 for e in diff):
                raise VerificationError(label, f"the reduced form {form} differs from direct differentiation "
                                        f"of the note's loss (z on = {pattern.tolist()})")
            checks += 1
    return checks


CHECK_DIGITS = 30
"""Significant digits to which a softmax example's gradients must equal direct differentiation."""


def check_example(worked, digits=CHECK_DIGITS):
    """An example's gradients against the oracle's derivatives at its numbers (softmax: to `digits`).

    For ∂L/∂W1 (say) the oracle's L has every other input's numbers in it and W1's entries as symbols;
    y, h and z are differentiated as free symbols with every input a number."""
    ex = worked.example
    given = [key for key in ("X", "W1", "b1", "W2", "b2", "T") if key in ex.inputs]
    oracles = {}
    pattern = sp.ImmutableMatrix(worked.values["z"].applyfunc(lambda v: 1 if v > 0 else 0))
    for name in GRADIENTS:  # at numbers, Max(0, t) and Heaviside(t) evaluate themselves (no t is 0)
        free = name if name in given else None  # y, h and z: every input a number
        if free not in oracles:
            fixed = {key: ex.inputs[key] for key in given if key != free}
            oracles[free] = Oracle(ex.sizes, ex.loss, list(ex.labels) or None, fixed=fixed)
        oracle = oracles[free]
        numbers = dict(zip(oracle.m[name], ex.inputs[name])) if name in given else {}
        reference = oracle.reference(name, pattern)
        # Each distinct Max(0, t) or Heaviside(t) is evaluated once, then put in everywhere it occurs.
        relu = {f: f.xreplace(numbers) for f in reference.atoms(sp.Max, sp.Heaviside)}
        reference = reference.xreplace({**numbers, **relu})
        for got, want in zip(worked.grads[name], reference):
            exact = ex.loss == "squared"
            if (got != want) if exact else abs(got - sp.N(want, digits + 10)) > sp.Float(10) ** -digits * (1 + abs(got)):
                raise VerificationError(f"dL/d{name}", f"example {ex.id!r}: the walk gives {got}, "
                                        f"direct differentiation {want}")
    return len(GRADIENTS)


INDEX_SIZES = (2, 3, 2, 3)
"""(N, D, H, C) at which the index-notation lines are evaluated (every size > 1, all different from the next)."""


def index_tables(loss):
    """Every name an index line may use → a matrix of free symbols (or of the node written out)."""
    n, d, h, c = INDEX_SIZES
    free = {"X": (n, d), "W1": (d, h), "b1": (1, h), "W2": (h, c), "b2": (1, c), "T": (n, c), "z": (n, h),
            "h": (n, h), "y": (n, c), "r": (n, c), "P": (n, c), "mask_z": (n, h),
            "dL_dz": (n, h), "dL_dh": (n, h), "dL_dy": (n, c)}
    t = {name: sp.Matrix(rows, cols, lambda a, b, name=name: sp.Symbol(f"{name}_{a}_{b}"))
         for name, (rows, cols) in free.items()}
    t["ones"] = sp.ones(n, 1)
    t.update({f"{name}^T": t[name].T for name in ("X", "W1", "W2", "h", "ones")})
    return t


def forward_entry(tables, out, a, b):
    """z, h, y, each from its own inputs (h = max(0, z): its derivative is the mask, written as symbols)."""
    rule = {"z": lambda: (tables["X"] * tables["W1"])[a, b] + tables["b1"][0, b],
            "h": lambda: tables["mask_z"][a, b] * tables["z"][a, b],
            "y": lambda: (tables["h"] * tables["W2"])[a, b] + tables["b2"][0, b]}
    return rule[out]()


def index_value(expr, tables, at):
    """One index-notation line at INDEX_SIZES and entry `at` (1-based p, q), as an explicit expression."""
    expr = expr.xreplace(dict(zip(SIZES, INDEX_SIZES))).xreplace({p: at[0], q: at[1]})
    expr = expr.replace(lambda e: type(e).__name__ == "Partial",
                        lambda e: sp.diff(forward_entry(tables, str(e.args[0]), int(e.args[1]) - 1, int(e.args[2]) - 1),
                                          tables[str(e.args[3])][int(e.args[4]) - 1, int(e.args[5]) - 1])
                        if e.args[1].is_Integer else e)
    expr = expr.doit() if expr.has(sp.Sum) else expr
    expr = expr.replace(lambda e: type(e).__name__ == "Partial",
                        lambda e: sp.diff(forward_entry(tables, str(e.args[0]), int(e.args[1]) - 1, int(e.args[2]) - 1),
                                          tables[str(e.args[3])][int(e.args[4]) - 1, int(e.args[5]) - 1]))
    expr = expr.replace(lambda e: type(e).__name__ == "Entry",
                        lambda e: explicit(e.args[0].xreplace(dict(zip(SIZES, INDEX_SIZES))), tables)
                        [int(e.args[1]) - 1, int(e.args[2]) - 1])
    return expr.replace(lambda e: isinstance(e, sp.Indexed),
                        lambda e: tables[e.base.name][int(e.indices[0]) - 1, int(e.indices[1]) - 1])


def check_index_lines(steps):
    """Every line of every index-notation step agrees with the next at each entry (p, q): the Σ of
    upstream × local (the local by sympy from the forward rule), the collapsed sum, the transpose,
    and the matrix form's entry.  Returns the number of (line, entry) checks."""
    tables = index_tables("squared")
    checks = 0
    for step in steps:
        if not step.name.endswith("_index") or step.loss == "softmax":
            continue
        node = step.lhs.base.name[4:]
        shape = tables[node].shape
        for at in product(range(1, shape[0] + 1), range(1, shape[1] + 1)):
            values = [sp.expand(index_value(line, tables, at)) for line in step.lines]
            for n, value in enumerate(values[1:], start=2):
                if value != values[0]:
                    raise VerificationError(step.name, f"line {n} is {value}, line 1 is {values[0]} at {at}")
                checks += 1
    return checks
