"""When the ReLU mask drops out of ∂L/∂W₁ for the note's loss L = ‖y‖² (T = 0):

    Xᵀ((2 y W₂ᵀ) ⊙ 1[z > 0]) = 2 Xᵀ y W₂ᵀ        the note's (S1) = (S3)

With H = 1 and b₂ = 0 a unit that is off (zᵢ ≤ 0) has hᵢ = 0, so row i of y = hᵢ W₂ is zero, and so is
row i of 2 y W₂ᵀ: the mask changes nothing, whatever b₁ is.  Proven by direct differentiation at sizes
where N, D and C are each 1 and more than 1, in every sign pattern of z.  Each condition is needed: with
H = 2 a unit that is off still has the other unit feeding its row of y, and with b₂ ≠ 0 a row of y is b₂
where hᵢ = 0; a counterexample for each, computed here, shows (S1) ≠ (S3).
"""

from dataclasses import dataclass

import sympy as sp

from gen.derivations.two_layer.network import SIZES, network
from gen.errors import VerificationError
from gen.matexpr import explicit
from gen.oracle import Claim, Oracle
from gen.walk import backward, forward

HOLDS_AT = ((1, 1, 1, 1), (1, 2, 1, 3), (2, 2, 1, 2), (3, 2, 1, 2))
"""(N, D, H, C) with H = 1 at which (S3) is proven the gradient for any b₁ (b₂ = 0, T = 0)."""

COUNTEREXAMPLES = {
    "two_units": {"X": [[1, 2], [3, -1]], "W1": [[1, -1], [0, 1]], "b1": [[0, 0]], "W2": [[1, 2], [1, -1]],
                  "b2": [[0, 0]]},
    "bias_b2": {"X": [[2, 1], [-1, -2]], "W1": [[1], [1]], "b1": [[0]], "W2": [[2, 1]], "b2": [[1, 0]]},
}
"""Inputs where one condition fails: H = 2 with no biases; H = 1 with b₂ ≠ 0 (the note's example first-on)."""


@dataclass(frozen=True)
class Counterexample:
    """Inputs where (S1) and (S3) differ, with both evaluated."""

    name: str
    """Which condition fails: `two_units` (H = 2) or `bias_b2` (b₂ ≠ 0)."""
    inputs: dict
    """X, W1, b1, W2, b2 as exact matrices (T = 0)."""
    masked: object
    """(S1) at the inputs: the gradient ∂L/∂W₁."""
    unmasked: object
    """(S3) at the inputs."""


def _reduced(all_steps):
    """The printed lines of (S1) and (S3) in this derivation (note_S1, note_S2), and the label of (S3)'s."""
    steps = {s.name: s for s in all_steps}
    return steps["note_S1"].parts[0].lines[-1], steps["note_S2"].parts[0].lines[-1], steps["note_S2"].label


def prove_holds(all_steps, shapes=HOLDS_AT, zero=("T", "b2")):
    """(S3) equals direct differentiation of ‖ReLU(X W₁ + 𝟏b₁) W₂ + 𝟏b₂‖² with the inputs `zero` set to 0
    (H = 1, b₂ = 0, T = 0, b₁ free) in every sign pattern at every size of `shapes`; returns the checks."""
    graph, (_, unmasked, label) = network("squared"), _reduced(all_steps)
    checks = 0
    for shape in shapes:
        sizes = dict(zip(SIZES, shape))
        zeros = {key: sp.zeros(*graph.shape_at(key, sizes)) for key in zero}
        oracle = Oracle(graph, sizes, fixed=zeros)
        for case in oracle.cases:
            if not oracle.agrees(unmasked, Claim("grad", "W1"), case):
                raise VerificationError(label, f"2 Xᵀ y W₂ᵀ is not ∂L/∂W₁ at (N, D, H, C) = {shape} with "
                                        f"{', '.join(zero)} = 0 ({case.id})")
            checks += 1
    return checks


def counterexample(all_steps, name):
    """(S1) and (S3) at one of COUNTEREXAMPLES, checked to be what the page says it is."""
    graph, (masked, unmasked, label) = network("squared"), _reduced(all_steps)
    inputs = {k: sp.ImmutableMatrix(v) for k, v in COUNTEREXAMPLES[name].items()}
    values = forward(graph, {**inputs, "T": sp.zeros(inputs["X"].rows, inputs["W2"].cols)})
    z = values["z"]
    if any(v == 0 for v in z):
        raise VerificationError(label, f"counterexample {name}: an entry of z is 0, the kink")
    env = {s: values[s.name] for s in masked.atoms(sp.MatrixSymbol) | unmasked.atoms(sp.MatrixSymbol) if s.name in values}
    mask = z.applyfunc(lambda v: 1 if v > 0 else 0)  # 1[z > 0]
    env.update({s: mask for s in masked.atoms(sp.MatrixSymbol) if s.name == "mask_z"})
    out = Counterexample(name, inputs, explicit(masked, env), explicit(unmasked, env))
    if out.masked != backward(graph, values)["W1"]:
        raise VerificationError(label, f"counterexample {name}: (S1) is not the walk's ∂L/∂W₁")
    if out.masked == out.unmasked:
        raise VerificationError(label, f"counterexample {name}: (S1) and (S3) agree, {out.masked}")
    _check_premise(name, inputs, values, mask, label)
    return out


def _check_premise(name, inputs, values, mask, label):
    """two_units: H = 2, no bias, and a row with one unit off whose row of y is not zero; bias_b2: H = 1, b₁ = 0,
    b₂ ≠ 0, and a unit off (its row of y is b₂)."""
    off_rows = [a for a in range(mask.rows) if 0 in mask.row(a)]
    if name == "two_units":
        ok = (mask.cols == 2 and not any(inputs["b1"]) and not any(inputs["b2"])
              and any(1 in mask.row(a) and any(values["y"].row(a)) for a in off_rows))
    else:
        ok = (mask.cols == 1 and not any(inputs["b1"]) and any(inputs["b2"])
              and all(values["y"].row(a) == inputs["b2"] for a in off_rows) and off_rows)
    if not ok:
        raise VerificationError(label, f"counterexample {name} is not what the page says it is")


def prove_unmasked(all_steps):
    """Both directions: (S3) holds with H = 1 and b₂ = 0, and each counterexample breaks it; returns the checks."""
    return prove_holds(all_steps) + sum(1 for name in COUNTEREXAMPLES if counterexample(all_steps, name))
