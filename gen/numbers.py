"""Numbers as the site shows them: exact where they are rational, otherwise computed to DIGITS
significant digits and shown to a stated precision.

    exact or not     a sympy Rational is exact; √2, e^y, tanh are not (evaluate them with `evaluate`)
    number_text      an exact number as a decimal when it terminates (0.25), else a fraction (1/3);
                     any other number rounded to `shown` significant digits
"""

from decimal import Context, Decimal
from fractions import Fraction

import mpmath
import sympy as sp

DIGITS = 40
"""Significant digits to which a number that is not rational is computed (checks hold to 30)."""
CHECKED = 30
"""Significant digits to which a worked number that is not rational is checked."""
SHOWN = 6
"""Significant digits of a number that is not rational, as the pages show it."""


def exact(value):
    """A number as sympy: a Decimal or Fraction exactly (a Rational), anything else as sympify reads it."""
    if isinstance(value, Decimal):
        return sp.Rational(str(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    return sp.sympify(value)


def is_exact(value):
    """Whether a value is an exact rational number."""
    return isinstance(sp.sympify(value), sp.Rational)


GUARD = 20
"""Digits beyond those asked for at which an expression is evaluated (a difference near 0 may lose some)."""


def evaluate(value, digits=DIGITS):
    """A number kept exact when rational, else evaluated to `digits` significant digits (0 stays 0).

    It is evaluated with mpmath at `digits` + GUARD digits: nested functions (tanh of a sum of tanh …) cost
    what their size does, where sympy's evalf tries higher precisions again at every level; anything else
    (a symbol, a complex value) is left to evalf."""
    value = sp.sympify(value)
    if isinstance(value, sp.Rational) or value == 0:
        return value
    with mpmath.workdps(digits + GUARD):
        number = _mp(value, {})
    if number is None or isinstance(number, mpmath.mpc):
        return sp.N(value, digits)
    return sp.Float(number, digits)


MP = {sp.tanh: mpmath.tanh, sp.exp: mpmath.exp, sp.log: mpmath.log}
"""The functions a value may apply, as mpmath has them."""


def _mp(expr, memo):
    """An expression without symbols as an mpmath number at the working precision (a subexpression shared by
    several terms evaluated once), or None where it has something else."""
    if expr in memo:
        return memo[expr]
    if isinstance(expr, sp.Rational):
        out = mpmath.mpf(int(expr.p)) / int(expr.q)
    elif isinstance(expr, sp.Float):
        out = mpmath.mpf(expr._mpf_)
    elif isinstance(expr, (sp.Add, sp.Mul, sp.Pow)) or type(expr) in MP:
        args = [_mp(a, memo) for a in expr.args]
        if any(a is None for a in args):
            return None
        out = (mpmath.fsum(args) if isinstance(expr, sp.Add) else mpmath.fprod(args) if isinstance(expr, sp.Mul)
               else args[0] ** args[1] if isinstance(expr, sp.Pow) else MP[type(expr)](*args))
    else:
        return None
    memo[expr] = out
    return out


def terminating(frac):
    """The decimal text of a fraction whose expansion terminates, else None."""
    den, twos, fives = frac.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        return None
    places = max(twos, fives)
    if places == 0:
        return str(frac.numerator)
    scaled = abs(frac.numerator) * 10**places // frac.denominator
    digits = str(scaled).rjust(places + 1, "0")
    return f"{'-' if frac < 0 else ''}{digits[:-places]}.{digits[-places:]}"


def fraction(value):
    """A sympy Rational (or int) as a Fraction."""
    return Fraction(int(value.p), int(value.q)) if isinstance(value, sp.Rational) else Fraction(value)


def rounded(value, shown=SHOWN):
    """A number rounded to `shown` significant digits: 0.0711388, -3.14159, 1.5 × 10⁻⁷ as `1.5e-07`."""
    return f"{float(value):.{shown}g}"


def number_text(value, shown=SHOWN):
    """An exact number as text (integers as is, terminating fractions as decimals, others as p/q);
    a number that is not rational rounded to `shown` significant digits."""
    value = exact(value)
    if isinstance(value, sp.Rational):
        frac = fraction(value)
        return terminating(frac) or f"{frac.numerator}/{frac.denominator}"
    return rounded(value, shown)


def decimal_text(value, digits=CHECKED):
    """A number as a decimal: all its digits if it terminates, else `digits` significant digits
    (for JSON: a number with more digits than a float keeps; read it with a decimal parser)."""
    value = exact(value)
    if isinstance(value, sp.Rational):
        text = terminating(fraction(value))
        if text is not None:
            return text
    number = Context(prec=digits).plus(Decimal(str(sp.N(value, digits + 10))))
    if number == 0:
        return "0"
    text = format(number, "f") if -7 <= number.adjusted() <= 20 else format(number, "e")
    return text.replace("E", "e")
