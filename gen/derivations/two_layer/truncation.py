"""The two differences as formulas, and their truncation errors from Taylor's theorem: with
L(w + s) = Σₖ L⁽ᵏ⁾(w) sᵏ/k!, the centred difference minus L'(w) starts at h², the one-sided one at h."""

import sympy as sp

from gen.errors import VerificationError

h = sp.Symbol("h", positive=True)
DERIVATIVES = sp.symbols("d0:5")
"""L(w), L'(w), … L''''(w), as symbols."""
NAMES = {d: "L" + "'" * k + "(w)" for k, d in enumerate(DERIVATIVES)}
PLUS, MINUS, AT = sp.Symbol("L(w + h)"), sp.Symbol("L(w - h)"), sp.Symbol("L(w)")
FORMULAS = {"centred": ((PLUS - MINUS) / (2 * h), {PLUS: h, MINUS: -h}),
            "one_sided": ((PLUS - AT) / h, {PLUS: h, AT: 0})}
"""Each difference, and the step at which each value of L in it is taken."""
ORDERS = {"centred": 2, "one_sided": 1}
"""What the page says: the centred error is O(h²), the one-sided O(h)."""


def _taylor(step):
    return sum(d * step**k / sp.factorial(k) for k, d in enumerate(DERIVATIVES))


def leading_error(name):
    """(order, the leading term of the difference minus L'(w)) for one difference."""
    formula, steps = FORMULAS[name]
    error = sp.expand(formula.subs({value: _taylor(step) for value, step in steps.items()}) - DERIVATIVES[1])
    (order,), coefficient = min(sp.Poly(error, h).terms())
    return order, coefficient * h**order


def differences():
    """Each difference as LaTeX with its leading error term; raises if an order is not the one stated."""
    out = {}
    for name, (formula, _) in FORMULAS.items():
        order, term = leading_error(name)
        if order != ORDERS[name]:
            raise VerificationError("gradient check", f"the {name} difference's error is of order h^{order}")
        out[name] = {"formula": sp.latex(formula, order="none"), "error": sp.latex(term, symbol_names=NAMES),
                     "order": sp.latex(h**order)}
    a, b = sp.symbols("a b")
    out["relative"] = sp.latex(sp.Abs(a - b) / sp.Max(sp.Abs(a), sp.Abs(b)), order="none")
    return out
