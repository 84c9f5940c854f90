"""When the ReLU mask can be dropped from ∂L/∂W₁ = Xᵀ((∂L/∂y W₂ᵀ) ⊙ 1[z > 0]), proven in sympy.

With u = G W₂ᵀ (G = ∂L/∂y), entry k of Xᵀ u − Xᵀ(u ⊙ 1[z > 0]) is Σ over the switched-off units i of x_ik uᵢ:

- exact condition: as a polynomial in X's entries its coefficients are exactly the uᵢ of the off units, so the
  mask drops out for every X if and only if uᵢ = 0 for every unit with zᵢ ≤ 0;
- for a general G it does not (the mask is needed in every case with a unit off);
- zero off rows of G are enough (then uᵢ = 0) but not needed: a row (1, 1) with W₂ = (1, −1) gives uᵢ = 0;
- for L = Σ f(yᵢⱼ), those rows are f′(0), since yᵢⱼ = hᵢ w₂ⱼ = 0: zero when f′(0) = 0,
  which L = ‖y‖² (f(t) = t², f′(0) = 0) satisfies.
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError

NOT_NEEDED = {"row": ((1, 1),), "W2": ((1, -1),)}
"""A row of ∂L/∂y that is not zero whose entry of ∂L/∂y W₂ᵀ is, with this W₂."""


@dataclass(frozen=True)
class MaskDrop:
    """What was proven about dropping the mask, case by case."""

    cases: int
    """How many ReLU cases were checked."""
    needed_in_general: int
    """How many of them need the mask for a general upstream ∂L/∂y."""


@dataclass(frozen=True)
class NotNeeded:
    """A switched-off row of ∂L/∂y that is not zero, yet the mask drops out."""

    row: object
    """The row of ∂L/∂y (1×C)."""
    W2: object
    """W₂ (1×C)."""
    entry: object
    """Its entry of ∂L/∂y W₂ᵀ: 0."""


def _masked_minus_plain(net, g, case, w2=None):
    """Xᵀ(G W₂ᵀ) − Xᵀ((G W₂ᵀ) ⊙ 1[z > 0]) in one case, entry by entry."""
    inner = g * (net.E["W2"] if w2 is None else w2).T
    mask = sp.ImmutableMatrix([[1 if on else 0] for on in case.on])
    return (net.E["X"].T * inner - net.E["X"].T * inner.multiply_elementwise(mask)).applyfunc(sp.expand)


def coefficients(net, difference):
    """The coefficients of the difference's entries as polynomials in X's entries, zeros left out."""
    x = list(net.E["X"])
    return {sp.expand(c) for e in difference for c in sp.Poly(e, *x).coeffs()} - {0}


def prove_exact(net, g, case, off):
    """The mask drops out for every X exactly when (G W₂ᵀ)ᵢ = 0 for the off units: those are the coefficients."""
    u = (g * net.E["W2"].T).applyfunc(sp.expand)
    if coefficients(net, _masked_minus_plain(net, g, case)) != {u[i] for i in off if u[i] != 0}:
        raise VerificationError("(S3)", f"case {case.id}: the coefficients in X are not the off entries of ∂L/∂y W₂ᵀ")


def not_needed(net):
    """NOT_NEEDED, checked: its row is not zero, its entry of ∂L/∂y W₂ᵀ is, and with it as the off row of a case
    with one unit off the mask changes nothing."""
    row, w2 = sp.ImmutableMatrix(NOT_NEEDED["row"]), sp.ImmutableMatrix(NOT_NEEDED["W2"])
    entry = (row * w2.T)[0, 0]
    case = next(c for c in net.cases if c.on.count(False) == 1)
    off = case.on.index(False)
    g = sp.ImmutableMatrix(len(case.on), row.cols, lambda i, j: row[0, j] if i == off else sp.Symbol(f"g_{i + 1}{j + 1}"))
    if row.is_zero_matrix or entry != 0 or any(_masked_minus_plain(net, g, case, w2)):
        raise VerificationError("(S3)", f"the row {list(row)} with W₂ = {list(w2)} does not show the rows' zeros unneeded")
    return NotNeeded(row, w2, entry)


def prove_mask_drop(net):
    """Check the statements above in every case; raise if any fails."""
    y = net.E["y"]
    g = sp.ImmutableMatrix(*y.shape, lambda i, j: sp.Symbol(f"g_{i + 1}{j + 1}"))
    f, t = sp.Function("f"), sp.Symbol("t")
    needed = 0
    for case in net.cases:
        off = [i for i, on in enumerate(case.on) if not on]
        prove_exact(net, g, case, off)
        off_rows_zero = {g[i, j]: 0 for i in off for j in range(y.cols)}
        difference = _masked_minus_plain(net, g, case)
        if difference.subs(off_rows_zero) != sp.zeros(*difference.shape):
            raise VerificationError("(S3)", f"case {case.id}: zero off rows of ∂L/∂y do not make the mask redundant")
        needed += difference != sp.zeros(*difference.shape)
        fprime_at = lambda v: sp.diff(f(t), t).subs(t, v)  # ∂/∂yᵢⱼ of Σ f(yᵢⱼ) is f′(yᵢⱼ)
        off_h = {net.E["h"][i]: sp.Max(0, -sp.Symbol("p", nonnegative=True)) for i in off}  # hᵢ = max(0, zᵢ), zᵢ ≤ 0
        upstream = (net.E["h"] * net.E["W2"]).xreplace(off_h).applyfunc(fprime_at)
        if any(upstream[i, j] != fprime_at(0) for i in off for j in range(y.cols)):
            raise VerificationError("(S3)", f"case {case.id}: the off rows of ∂L/∂y are not f'(0)")
        if sp.diff(t ** 2, t).subs(t, 0) != 0:
            raise VerificationError("(S3)", "L = ‖y‖² should have f'(0) = 0")
    if needed != len(net.cases) - 1:
        raise VerificationError("(S3)", f"the mask should matter in every case but all-on (got {needed})")
    not_needed(net)
    return MaskDrop(len(net.cases), needed)
