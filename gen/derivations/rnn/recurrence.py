"""The same steps at every t: the walk's lines at the middle step t = 2 of T = 3 (which has a step before and
after it), with its time indices renamed t − 1, t, t + 1; each gradient of the shared weights, one term per step.

Proven by putting the numbers back: at T = 1 … 4 and every t, the general line with t put in is checked
against direct differentiation by the oracle, like every numbered line."""

import sympy as sp

from gen.checking import verify_steps
from gen.derivations.rnn.network import NOTATION, network
from gen.derivations.rnn.steps import SHOWN_STEPS
from gen.matexpr import gradient
from gen.oracle import Claim, Oracle
from gen.statements import Part, Step
from gen.walk import one_step

STEMS = ("X", "G", "a", "h", "dL_da", "dL_dh", "dL_dX")
"""Names that carry a time index (h2, ∂L/∂a3)."""
MIDDLE = 2
SHARED = ("Wx", "Wh", "b")
MOST_STEPS = 4
"""The longest sequence an example may have (the oracle differentiates tanh nested T deep: at T = 4, N = H = 2,
20 s), and the longest at which every general line is checked, at every t."""
CHECKED_STEPS = tuple(range(1, MOST_STEPS + 1))


def renamed(expr, index):
    """`expr` with each time-indexed symbol's step k renamed `index(k)`: a text (h_{t-1}) or a number (h1)."""
    def new(symbol):
        stem = symbol.name.rstrip("0123456789")
        if stem not in STEMS or stem == symbol.name:
            return symbol
        k = index(int(symbol.name[len(stem):]))
        return sp.MatrixSymbol(f"{stem}_{{{k}}}" if isinstance(k, str) else f"{stem}{k}", *symbol.shape)
    return expr.xreplace({s: new(s) for s in expr.atoms(sp.MatrixSymbol)})


def general():
    """name → (lhs, rhs, summed over t) at the middle step: ∂L/∂h_t, ∂L/∂a_t, ∂L/∂X_t, one term of each weight's."""
    g = network(SHOWN_STEPS)
    forms = {"h_last": (f"h{SHOWN_STEPS}", one_step(g, f"h{SHOWN_STEPS}"), False)}
    forms.update({stem: (f"{stem}{MIDDLE}", one_step(g, f"{stem}{MIDDLE}"), False) for stem in ("h", "a", "X")})
    for name in SHARED:  # the term of the middle step: the walk's sum has one per step, in order
        forms[name] = (name, g.written(one_step(g, name)).args[MIDDLE - 1], True)
    return {key: (gradient(node, g.nodes[node].shape), g.written(form), summed) for key, (node, form, summed) in forms.items()}


def forward():
    """The forward pass at the middle step, renamed: a_t = X_t W_x + h_{t−1} W_h + b, h_t = tanh(a_t)."""
    g, names = network(SHOWN_STEPS), {MIDDLE - 1: "t-1", MIDDLE: "t"}
    return [f"{NOTATION.tex(renamed(g.symbols[n], names.get))} &= {NOTATION.tex(renamed(g.written(g.expression(n)), names.get))}"
            for n in (f"a{MIDDLE}", f"h{MIDDLE}")]


def shown(lines, last=SHOWN_STEPS):
    """Each general line as LaTeX: t for the middle step, T for the last."""
    def index(k):
        return "T" if k == last and k != MIDDLE + 1 else {MIDDLE - 1: "t-1", MIDDLE: "t", MIDDLE + 1: "t+1"}[k]
    out = {}
    for key, (lhs, rhs, summed) in lines.items():
        at = (lambda k: "T") if key == "h_last" else index
        body = NOTATION.tex(renamed(rhs, at))
        out[key] = f"{NOTATION.tex(renamed(lhs, at))} = " + (rf"\sum_{{t=1}}^{{T}} {body}" if summed else body)
    return out


def instances(lines, steps):
    """Each general line with the numbers put in at T = steps: the claims it makes there."""
    g, found = network(steps), []
    for key, (lhs, rhs, summed) in lines.items():
        if key == "h_last":
            found.append((f"h{steps}", renamed(rhs, lambda k: steps)))
        elif summed:
            found.append((key, sp.MatAdd(*(renamed(rhs, lambda k, t=t: k - MIDDLE + t) for t in range(1, steps + 1)))))
        else:
            last = steps if key == "h" else steps + 1  # ∂L/∂h_t = G_t + ∂L/∂a_{t+1} W_hᵀ holds for t < T
            found += [(f"{key}{t}", renamed(rhs, lambda k, t=t: k - MIDDLE + t)) for t in range(1, last)]
    return g, [Step(f"general_{name}", (Part(gradient(name, g.nodes[name].shape), (line,), Claim("grad", name)),))
               for name, line in found]


def check(steps):
    """Every general line at T = 1 … 4 and every t, against the oracle (sizes 1, and 2 at T ≤ 2)."""
    lines, checks = general(), 0
    for T in CHECKED_STEPS:
        graph, claims = instances(lines, T)
        for sizes in ({"N": 1, "D": 1, "H": 1}, {"N": 2, "D": 1, "H": 2})[:1 if T > 2 else 2]:
            checks += verify_steps(claims, Oracle(graph, sizes))["checks"]
    a = sp.Symbol("a")
    assert sp.simplify(sp.diff(sp.tanh(a), a) - (1 - sp.tanh(a) ** 2)) == 0  # tanh' = 1 − tanh²
    return {"general": checks, "tanh": 1}
