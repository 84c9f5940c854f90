"""When the ReLU mask can be dropped from ∂L/∂W₁ = Xᵀ((∂L/∂y W₂ᵀ) ⊙ 1[z > 0]), proven in sympy:

- for any upstream G = ∂L/∂y whose rows for switched-off units (zᵢ ≤ 0) are zero, Xᵀ((G W₂ᵀ) ⊙ 1[z > 0]) = Xᵀ G W₂ᵀ;
- for a general G it is not (the mask is needed);
- for L = Σ f(yᵢⱼ), those rows are f′(0), since yᵢⱼ = hᵢ w₂ⱼ = 0: zero exactly when f′(0) = 0,
  which L = ‖y‖² (f(t) = t², f′(0) = 0) satisfies.
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError


@dataclass(frozen=True)
class MaskDrop:
    """What was proven about dropping the mask, case by case."""

    cases: int
    """How many ReLU cases were checked."""
    needed_in_general: int
    """How many of them need the mask for a general upstream ∂L/∂y."""


def _masked_minus_plain(net, g, case):
    """Xᵀ(G W₂ᵀ) − Xᵀ((G W₂ᵀ) ⊙ 1[z > 0]) in one case, entry by entry."""
    inner = g * net.E["W2"].T
    mask = sp.ImmutableMatrix([[1 if on else 0] for on in case.on])
    return (net.E["X"].T * inner - net.E["X"].T * inner.multiply_elementwise(mask)).applyfunc(sp.expand)


def prove_mask_drop(net):
    """Check the three statements above in every case; raise if any fails."""
    y = net.E["y"]
    g = sp.ImmutableMatrix(*y.shape, lambda i, j: sp.Symbol(f"g_{i + 1}{j + 1}"))
    f, t = sp.Function("f"), sp.Symbol("t")
    needed = 0
    for case in net.cases:
        off = [i for i, on in enumerate(case.on) if not on]
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
    return MaskDrop(len(net.cases), needed)

