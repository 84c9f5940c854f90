"""Where the note's text differs from the verified result: the note's expression transcribed
into sympy, the corrected one taken from the derivation, both evaluated on an example.

`quote` is the note's own text (a test finds it in the source note); `original` is its
transcription, or where the note wrote no formula to evaluate, the site's literal reading of its line,
which the oracle must find wrong (or mis-shaped).
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError
from gen.notation import Indicator, partial
from gen.statements import Claim


@dataclass(frozen=True)
class Erratum:
    """One difference between the note and the verified derivation."""

    id: str
    """Stable id, also the anchor on the errata page."""
    where: tuple
    """The note's equation numbers the entry concerns, e.g. `("(5)", "(32)")` (may be empty)."""
    quote: str
    """The note's text as written (found verbatim in the note by a test)."""
    lhs: str
    """LaTeX of what both sides define."""
    original: object
    """The note's expression, transcribed into sympy (None where the note wrote no formula)."""
    corrected: object
    """The verified expression, or for a convention the note leaves unstated, the convention (None if neither)."""
    claim: Claim | None
    """What `corrected` equals (checked), or None."""
    case: object = None
    """The ReLU case the equation is stated for, or None."""
    group: str = "errata"
    """`errata` (the note is wrong, or leaves a convention unstated) or `edits` (notation, not an error)."""
    reading: bool = False
    """Whether `original` is the site's literal reading of the note's line, not a formula the note wrote."""
    cites: tuple = ()
    """(step name, Claim) pairs: the site's equations the entry says are that quantity (checked)."""


def _upstream(net, k):
    """∂L/∂h_k written out, e.g. 2 y11 w21 + 2 y12 w22."""
    return net.gradient_entry("h", (k, 0))


def eq32_middle_line(net):
    """(32), line 3: the second terms lost their x₂₁, x₂₂ factors."""
    a, b = _upstream(net, 0), _upstream(net, 1)
    x = net.E["X"]
    original = sp.ImmutableMatrix([[sp.Add(sp.Mul(a, x[0, 0], evaluate=False), b, evaluate=False)],
                                   [sp.Add(sp.Mul(a, x[0, 1], evaluate=False), b, evaluate=False)]])
    corrected = net.cases[0].substitute(net.gradient("W1"))
    return Erratum("eq32-middle-line", ("(32)",),
                   r"(2 * y_{11} * w_{21} + 2 * y_{12} * w_{22}) * x_{11} + (2 * y_{21} * w_{21} + 2 * y_{22} * w_{22}) \\",
                   net.grad_lhs("W1"), original, corrected, Claim("grad", "W1"), net.cases[0])


def h_vector_notation(net):
    """h₁ names both the vector h and its first entry: `y = h₁ W₂` reads as a 1×2 row."""
    h1 = net.E["h"][0]
    return Erratum("h-vector-notation", (), r"y = h_1 * W_2",
                   "y", sp.MatMul(h1, net.M["W2"]), net.M["h"] * net.M["W2"], Claim("forward", "y"))


def index_convention(net):
    """w₁₂ is row 2 of W₁ (first index = layer), while x₁₂ is row 1, column 2: never stated."""
    return Erratum("index-convention", (), r"W_1 = \begin{bmatrix} w_{11} \\ w_{12} \end{bmatrix}",
                   "", None, None, None)


def eq2_local_shape(net, k):
    """(2): ∂y/∂w₂ₖ is 2×2 (only its k-th column is non-zero), not the column [h₁; h₂]."""
    h = net.E["h"]
    original = sp.ImmutableMatrix([[h[0]], [h[1]]])
    corrected = sp.ImmutableMatrix(2, 2, lambda i, j: net.local("y", 1, (i, j), (0, k)))
    w = net.entry_tex("W2", 0, k)
    return Erratum(f"eq2-local-shape-{w.replace('_', '').strip('{}').replace('{', '').replace('}', '')}", ("(2)",),
                   rf"\frac{{\partial y}}{{\partial {w}}} = \begin{{bmatrix}} h_1 \\ h_2 \end{{bmatrix}}",
                   partial("y", w), original, corrected, Claim("local", "W2", (0, k), of="y"))


def squared_norm(net):
    """L = ‖y‖² of the 2×2 matrix y: the note's (1), ∂L/∂y = 2y, is the gradient of Σᵢⱼ yᵢⱼ² (the squared
    Frobenius norm), a convention it never states."""
    squares = sp.Add(*(sp.Pow(v, 2, evaluate=False) for v in net.E["y"]), evaluate=False)
    return Erratum("squared-norm", ("(1)",), r"L = \|y\|^2", "L", None, squares, Claim("forward", "L"),
                   cites=(("dL_dy", Claim("grad", "y")),))


def dh_dz_named(net):
    """Before (12): the note announces ∂h/∂z, but the step it begins gives ∂L/∂z, (18)–(22);
    ∂h/∂z is that step's local, (12)–(17)."""
    slugs = [case.slug for case in net.cases]
    local, grad = Claim("local", "z", of="h"), Claim("grad", "z")
    locals_ = [f"relu_local_{s}" for s in slugs] + ["relu_local_cases", "relu_local"]
    downs = ["dL_dz"] + [f"dL_dz_{s}" for s in slugs]
    return Erratum("dh-dz-named", ("(12)", "(18)"),
                   r"$\frac{\partial L}{\partial w_1}$ 를 구해주기 위해 $\frac{\partial h}{\partial z}$ 를 구해준다.",
                   "", None, None, None, cites=(*((n, local) for n in locals_), *((n, grad) for n in downs)))


def relu_before_12(net):
    """Before (12): "differentiating ReLU gives two cases", but the display is ReLU itself (z / 0).
    Read as the derivative the sentence announces: ∂h₁/∂z₁ = max(0, z₁)."""
    z1 = net.E["z"][0]
    return Erratum("relu-derivative-display", ("(12)",),
                   r"h_1(z) = \text{ReLU}(z) = \max(0, z) = \begin{cases} z & z > 0 \\ 0 & z \leq 0 \end{cases}",
                   partial(net.entry_tex("h", 0, 0), net.entry_tex("z", 0, 0)), sp.Max(0, z1), Indicator(z1),
                   Claim("local", "z", (0, 0), of="h", out=(0, 0)), reading=True)


def upstream_reference(net):
    """Before (12) the upstream is said to be (11), at (18) it is (10): one gradient ∂L/∂h, entry by
    entry (10) and as a matrix product (11)."""
    grad_h = Claim("grad", "h")
    return Erratum("upstream-reference", ("(10)", "(11)", "(18)"), "upstream은 (11)과 같다.", "", None, None, None,
                   group="edits", cites=(("dL_dh_entries", grad_h), ("dL_dh", grad_h)))


def chain_order(net):
    """(5), (32)–(35): notation, not an error. ∂L/∂L · ∂L/∂y · ∂y/∂w₂ read literally as a matrix product
    puts the upstream on the left, (2y)h, a 2×1 column; the result 2hᵀy carries hᵀ on the left."""
    original = sp.MatMul(net.matrix_gradient("y"), net.M["h"])
    return Erratum("chain-factor-order", ("(5)", "(32)", "(33)", "(34)", "(35)"),
                   r"\frac{\partial L}{\partial L} * \frac{\partial L}{\partial y} * \frac{\partial y}{\partial w_2}",
                   net.grad_lhs("W2"), original, net.matrix_gradient("W2"), Claim("grad", "W2"),
                   group="edits", reading=True)


def errata(net):
    """Every erratum, in the order the note's text reaches it."""
    return [h_vector_notation(net), squared_norm(net), index_convention(net), eq2_local_shape(net, 0),
            eq2_local_shape(net, 1), chain_order(net), dh_dz_named(net), relu_before_12(net), upstream_reference(net),
            eq32_middle_line(net)]


def _same_quantity(stated, claim):
    return stated is not None and (stated.quantity, stated.wrt, stated.of) == (claim.quantity, claim.wrt, claim.of)


def verify_cites(errata, steps):
    """Each equation an entry names is the quantity the entry says it is: every part of the step claims it
    (and the oracle verified each part's claim)."""
    claims = {step.name: [part.claim for part in step.parts] for step in steps}
    for erratum in errata:
        for name, claim in erratum.cites:
            if not all(_same_quantity(stated, claim) for stated in claims[name]):
                raise VerificationError(erratum.id, f"erratum {erratum.id!r}: equation {name} is not {claim}")
    return sum(len(e.cites) for e in errata)
