"""Where the note's text differs from the verified result: the note's expression transcribed
into sympy, the corrected one taken from the derivation, both evaluated on an example.

`quote` is the note's own LaTeX fragment (a test finds it in the source note);
`original` is its transcription, which the oracle must find wrong (or mis-shaped).
"""

from dataclasses import dataclass

import sympy as sp

from gen.derivations.note.steps import grad_lhs
from gen.notation import partial
from gen.statements import Claim


@dataclass(frozen=True)
class Erratum:
    """One difference between the note and the verified derivation."""

    id: str
    """Stable id, also the anchor on the errata page."""
    where: str
    """Equation label(s) or place in the note, e.g. `(32)`."""
    quote: str
    """The note's LaTeX as written (found verbatim in the note by a test)."""
    lhs: str
    """LaTeX of what both sides define."""
    original: object
    """The note's expression, transcribed into sympy."""
    corrected: object
    """The verified expression."""
    claim: Claim | None
    """What `corrected` equals (checked), or None for a notation fix."""
    case: object = None
    """The ReLU case the equation is stated for, or None."""


def _upstream(net, k):
    """∂L/∂h_k written out, e.g. 2 y11 w21 + 2 y12 w22."""
    return net.graph.gradient_entry("h", (k, 0))


def eq32_middle_line(net):
    """(32), line 3: the second terms lost their x₂₁, x₂₂ factors."""
    a, b = _upstream(net, 0), _upstream(net, 1)
    x = net.E["X"]
    original = sp.ImmutableMatrix([[sp.Add(sp.Mul(a, x[0, 0], evaluate=False), b, evaluate=False)],
                                   [sp.Add(sp.Mul(a, x[0, 1], evaluate=False), b, evaluate=False)]])
    corrected = net.cases[0].substitute(net.graph.gradient("W1"))
    return Erratum("eq32-middle-line", "(32)",
                   r"(2 * y_{11} * w_{21} + 2 * y_{12} * w_{22}) * x_{11} + (2 * y_{21} * w_{21} + 2 * y_{22} * w_{22}) \\",
                   grad_lhs(net, "W1"), original, corrected, Claim("grad", "W1"), net.cases[0])


def h_vector_notation(net):
    """h₁ names both the vector h and its first entry: `y = h₁ W₂` reads as a 1×2 row."""
    h1 = net.E["h"][0]
    return Erratum("h-vector-notation", "Fig. 2, (16)", r"y = h_1 * W_2",
                   "y", sp.MatMul(h1, net.M["W2"]), net.M["h"] * net.M["W2"], Claim("forward", "y"))


def eq2_local_shape(net):
    """(2): ∂y/∂w₂₁ is 2×2 (only its first column is non-zero), not the column [h₁; h₂]."""
    h = net.E["h"]
    original = sp.ImmutableMatrix([[h[0]], [h[1]]])
    corrected = sp.ImmutableMatrix(2, 2, lambda i, j: net.graph.local("y", 1, (i, j), (0, 0)))
    return Erratum("eq2-local-shape", "(2)", r"\frac{\partial y}{\partial w_{21}} = \begin{bmatrix} h_1 \\ h_2 \end{bmatrix}",
                   partial("y", net.entry_tex("W2", 0, 0)), original, corrected,
                   Claim("local", "W2", (0, 0), of="y"))


def eq2_misread_sum(net):
    """Read literally in (3), (2)'s column gives Σ_ij 2 y_ij h_i, not 2 y₁₁h₁ + 2 y₂₁h₂."""
    y, h = net.E["y"], net.E["h"]
    original = sp.Add(*(sp.Mul(2, y[i, j], h[i], evaluate=False) for i in range(2) for j in range(2)),
                      evaluate=False)
    return Erratum("eq2-misread-sum", "(2), (3)", r"\frac{\partial y}{\partial w_{21}} = \begin{bmatrix} h_1 \\ h_2 \end{bmatrix}",
                   grad_lhs(net, "W2", (0, 0)), original, net.graph.gradient_entry("W2", (0, 0)),
                   Claim("grad", "W2", (0, 0)))


def errata(net):
    """Every erratum, in the note's order."""
    return [h_vector_notation(net), eq2_local_shape(net), eq2_misread_sum(net), eq32_middle_line(net)]
