"""Numbers as read back: exact rationals where they are rational, else a ball (centre ± radius, both exact
fractions) around a value computed with mpmath; a `Dual` carries a derivative along (forward mode), for the
gradients and local derivatives the pages name.

    Ball(m, 0)      an exact rational m
    Ball(m, r)      a number within r of m: a decimal shown rounded, or √, exp, log, tanh of a ball
"""

from fractions import Fraction

import mpmath

DPS = 60
"""Digits at which mpmath evaluates a function that is not rational (its radius is far below anything shown)."""
FLOOR = Fraction(1, 10**50)


class Undecided(ArithmeticError):
    """A comparison or a kink that a ball straddles: the point cannot decide it."""


def _frac(x):
    """An mpmath number as an exact fraction."""
    sign, man, exp, _ = mpmath.mpf(x)._mpf_
    return (-1) ** sign * Fraction(int(man)) * (Fraction(2) ** int(exp))


def _mp(q):
    return mpmath.mpf(q.numerator) / q.denominator


class Ball:
    __slots__ = ("m", "r")

    def __init__(self, m, r=Fraction(0)):
        self.m, self.r = Fraction(m), Fraction(r)

    exact = property(lambda self: self.r == 0)

    def __repr__(self):
        return f"{float(self.m):.12g}" + ("" if self.exact else f"±{float(self.r):.1e}")

    def __add__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = ball(o)
        return Ball(self.m + o.m, self.r + o.r)

    __radd__ = __add__

    def __neg__(self):
        return Ball(-self.m, self.r)

    def __sub__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        return self + (-ball(o))

    def __rsub__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        return ball(o) - self

    def __mul__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        o = ball(o)
        return Ball(self.m * o.m, abs(self.m) * o.r + abs(o.m) * self.r + self.r * o.r)

    __rmul__ = __mul__

    def inverse(self):
        low = abs(self.m) - self.r
        if low <= 0:
            raise Undecided("division by a ball around 0")
        return Ball(1 / self.m, self.r / (low * abs(self.m)))

    def __truediv__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        return self * ball(o).inverse()

    def __rtruediv__(self, o):
        if isinstance(o, Dual):
            return NotImplemented
        return ball(o) * self.inverse()

    def sign(self):
        """+1, -1 or 0 where the ball decides it."""
        if self.exact:
            return (self.m > 0) - (self.m < 0)
        if abs(self.m) <= self.r:
            raise Undecided(f"the sign of {self!r}")
        return 1 if self.m > 0 else -1

    def overlaps(self, o):
        o = ball(o)
        return abs(self.m - o.m) <= self.r + o.r


def ball(x):
    return x if isinstance(x, Ball) else Ball(x)


def _apply(x, f, slope):
    """f(x) for a ball x, where |f'| ≤ slope(lowest, highest) on the ball."""
    with mpmath.workdps(DPS):
        centre = _frac(f(_mp(x.m)))
    return Ball(centre, x.r * slope(x.m - x.r, x.m + x.r) + abs(centre) * FLOOR + FLOOR)


def sqrt(x):
    x = ball(x)
    if x.m - x.r <= 0:
        raise Undecided(f"√ of {x!r}")
    if x.exact:
        num, den = mpmath.sqrt(x.m.numerator), mpmath.sqrt(x.m.denominator)
        if num == int(num) and den == int(den):
            return Ball(Fraction(int(num), int(den)))
    return _apply(x, mpmath.sqrt, lambda lo, hi: 1 / (2 * _frac(mpmath.sqrt(_mp(lo))) - FLOOR))


def exp(x):
    x = ball(x)
    if x.exact and x.m == 0:
        return Ball(1)
    return _apply(x, mpmath.exp, lambda lo, hi: _frac(mpmath.exp(_mp(hi))) + 1)


def log(x):
    x = ball(x)
    if x.m - x.r <= 0:
        raise Undecided(f"log of {x!r}")
    if x.exact and x.m == 1:
        return Ball(0)
    return _apply(x, mpmath.log, lambda lo, hi: 1 / lo)


def tanh(x):
    x = ball(x)
    if x.exact and x.m == 0:
        return Ball(0)
    return _apply(x, mpmath.tanh, lambda lo, hi: Fraction(1))


def power(x, k):
    """x to a rational power k (an integer, or a half-integer through √)."""
    x = ball(x)
    k = Fraction(k)
    if k.denominator == 1:
        out = Ball(1)
        for _ in range(abs(k.numerator)):
            out = out * x
        return out if k >= 0 else out.inverse()
    if k.denominator == 2:
        return power(sqrt(x), k.numerator)
    raise Undecided(f"power {k}")


class Dual:
    """v + d·ε with ε² = 0: d is the derivative of v with respect to the one entry that was perturbed."""

    __slots__ = ("v", "d")

    def __init__(self, v, d=0):
        self.v, self.d = ball(v), ball(d)

    def __repr__(self):
        return f"{self.v!r}+{self.d!r}ε"

    def __add__(self, o):
        o = dual(o)
        return Dual(self.v + o.v, self.d + o.d)

    __radd__ = __add__

    def __neg__(self):
        return Dual(-self.v, -self.d)

    def __sub__(self, o):
        return self + (-dual(o))

    def __rsub__(self, o):
        return dual(o) - self

    def __mul__(self, o):
        o = dual(o)
        return Dual(self.v * o.v, self.v * o.d + o.v * self.d)

    __rmul__ = __mul__

    def inverse(self):
        inv = self.v.inverse()
        return Dual(inv, -(inv * inv) * self.d)

    def __truediv__(self, o):
        return self * dual(o).inverse()

    def __rtruediv__(self, o):
        return dual(o) * self.inverse()

    def sign(self):
        return self.v.sign()


def dual(x):
    return x if isinstance(x, Dual) else Dual(x)


def value(x):
    """The number itself, without its derivative."""
    return x.v if isinstance(x, Dual) else ball(x)


def derivative(x):
    return x.d if isinstance(x, Dual) else Ball(0)


def lift(f, df):
    """f extended to duals: f(v) + f'(v) d ε."""
    def g(x):
        if isinstance(x, Dual):
            return Dual(f(x.v), df(x.v) * x.d)
        return f(x)
    return g


FUNCTIONS = {
    "sqrt": lift(sqrt, lambda v: 1 / (2 * sqrt(v))),
    "exp": lift(exp, exp),
    "log": lift(log, lambda v: 1 / v),
    "tanh": lift(tanh, lambda v: 1 - tanh(v) * tanh(v)),
    # ReLU and max(0, ·): the kink's derivative is 0, as the pages' convention ReLU′(0) = 0
    "relu": lift(lambda v: v if v.sign() > 0 else Ball(0), lambda v: Ball(1 if v.sign() > 0 else 0)),
}


def dual_power(x, k):
    if isinstance(x, Dual):
        return Dual(power(x.v, k), Fraction(k) * power(x.v, Fraction(k) - 1) * x.d if k != 0 else 0)
    return power(x, k)
