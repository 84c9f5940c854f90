"""Which factor of an index derivation enters transposed, read off the index form, and a stated rule
checked against the printed matrix form.

Once the deltas have collapsed, (∂L/∂A)_pq = Σ_s F_·· G_·· : each factor carries the summed index s and
one of p (the result's row: it is the product's left factor) or q (its column: the right factor), and s
is its row (first) or column (second) index.  A matrix product (A B)_pq = Σ_s A_ps B_sq sums its left
factor over the column index and its right factor over the row index, so

    a left factor summed over its row index, or a right factor over its column index, enters transposed.

A sum with no factor that carries p is a column sum: 𝟏 (N×1, entry (s, 1)) is its left factor.
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError


@dataclass(frozen=True)
class Factor:
    """One factor of a sum over one index, as the index form has it."""

    name: str
    """The matrix it is an entry of (`h`, `dL_dy`, `ones`)."""
    side: str
    """`left` (it carries the result's row index) or `right` (its column index)."""
    summed: str
    """Which of its own indices is summed: `row` (the first) or `column` (the second)."""


def stated_rule(side, summed):
    """The rule the pages state: a left factor summed over its row index, a right one over its column index."""
    return (side, summed) in {("left", "row"), ("right", "column")}


def factors(summand, index, row, col):
    """The factors of Σ_index summand, left factor first."""
    out = []
    for f in sp.Mul.make_args(summand):
        if isinstance(f, sp.Indexed) and len(f.indices) == 2 and index in f.indices:
            a, b = f.indices
            other = b if a == index else a
            side = "left" if other == row else "right" if other == col else None
            out.append(Factor(f.base.name, side, "row" if a == index else "column"))
    if not any(f.side == "left" for f in out):
        out.append(Factor("ones", "left", "row"))
    return tuple(sorted(out, key=lambda f: f.side != "left"))


def printed(matrix):
    """(name, transposed) of each matrix factor of a printed product, left to right."""
    args = [a for a in matrix.args if isinstance(a, sp.MatrixExpr)] if isinstance(matrix, sp.MatMul) else [matrix]
    return tuple((a.arg.name, True) if isinstance(a, sp.Transpose) else (a.name, False) for a in args)


def check_rule(rule, label, collapsed, matrix, row, col):
    """`rule(side, summed)` predicts the transposes of `matrix`, the printed product whose entry (row, col) is
    the one-index sum `collapsed`; raises VerificationError naming `label` if it does not."""
    (index, _, _), = collapsed.limits
    found = factors(collapsed.function, index, row, col)
    predicted = tuple((f.name, rule(f.side, f.summed)) for f in found)
    if predicted != printed(matrix):
        where = ", ".join(f"{f.name}: {f.side} factor summed over its {f.summed} index" for f in found)
        raise VerificationError(label, f"the rule predicts {predicted} ({where}); the result is {printed(matrix)}")
    return found
