"""Why the shift by the row's maximum matters, in float64 (numpy), against the exact values (mpmath):

    e^{1000} overflows to ∞ (above log of the largest float64, 709.78…), so e^y / Σ e^y is ∞/∞ = NaN;
    with c = max_k y_pk every e^{y_pk − c} lies in (0, 1], the largest is e^0 = 1, and P comes out finite.
"""

from dataclasses import dataclass

import mpmath
import numpy as np

from gen.errors import VerificationError
from gen.numbers import rounded

LARGE_ROW = (1000, 1001, 1002)
"""A row of scores y_p large enough that e^{y_pk} overflows in float64."""
CLOSE = 4 * np.finfo(np.float64).eps
"""How near (relative) a float64 result must be to the exact value."""


@dataclass(frozen=True)
class Overflow:
    """The softmax and log-sum-exp of one row, computed naively and shifted, in float64."""

    scores: tuple
    """The row y_p."""
    limit: float
    """log of the largest float64: e^x overflows to ∞ above it."""
    naive_exp: tuple
    """e^{y_pk}, each ∞."""
    naive_P: tuple
    """e^{y_pk} / Σ_k e^{y_pk}, each NaN."""
    shifted_exp: tuple
    """e^{y_pk − c} with c = max_k y_pk."""
    stable_P: tuple
    """P_pk from the shifted exponentials."""
    naive_lse: float
    """log Σ_k e^{y_pk} computed as written: ∞."""
    stable_lse: float
    """c + log Σ_k e^{y_pk − c}."""


def compute(row=LARGE_ROW):
    """Both ways, in float64."""
    y = np.array(row, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(y)
        naive_p, naive_lse = naive / naive.sum(), np.log(naive.sum())
    shift = y.max()
    shifted = np.exp(y - shift)
    return Overflow(tuple(row), float(np.log(np.finfo(np.float64).max)), tuple(naive), tuple(naive_p),
                    tuple(shifted), tuple(shifted / shifted.sum()), float(naive_lse),
                    float(shift + np.log(shifted.sum())))


def check(found, label):
    """What the page says of the row, decided: the naive way gives ∞ and NaN, the shifted way finite values equal to
    the exact ones (to a few units of float64's last place), its largest exponential exactly 1 and its sum in [1, C]."""
    with mpmath.workdps(50):
        exps = [mpmath.exp(v) for v in found.scores]
        exact_p = [e / mpmath.fsum(exps) for e in exps]
        exact_lse = mpmath.log(mpmath.fsum(exps))
    problems = []
    with np.errstate(over="ignore"):
        shown_limit_overflows = np.isinf(np.exp(np.float64(as_tex(found.limit))))  # e^x = ∞ above the shown limit
    if not (shown_limit_overflows and np.isfinite(np.exp(np.float64(found.limit)))):
        problems.append("the shown limit is not where e^x overflows")
    if not (max(found.scores) > found.limit and all(np.isinf(found.naive_exp)) and np.isinf(found.naive_lse)):
        problems.append("e^y does not overflow")
    if not all(np.isnan(found.naive_P)):
        problems.append("the naive softmax is not NaN")
    if max(found.shifted_exp) != 1.0 or not 1 <= sum(found.shifted_exp) <= len(found.scores):
        problems.append("the shifted exponentials are not in (0, 1] with the largest 1")
    pairs = list(zip(found.stable_P, exact_p)) + [(found.stable_lse, exact_lse)]
    if any(abs(mpmath.mpf(got) - want) > CLOSE * abs(want) for got, want in pairs):
        problems.append("the shifted results differ from the exact ones")
    if problems:
        raise VerificationError(label, "; ".join(problems))
    return len(pairs) + 4


def as_tex(value):
    """A float64 as the page shows it: ∞, NaN, or 6 significant digits."""
    if np.isinf(value):
        return r"\infty"
    if np.isnan(value):
        return r"\mathrm{NaN}"
    return rounded(value)


def context(found):
    """The row's numbers as LaTeX, for the page's table."""
    shown = {name: [as_tex(v) for v in getattr(found, name)]
             for name in ("naive_exp", "naive_P", "shifted_exp", "stable_P")}
    return {"scores": [str(v) for v in found.scores], "limit": as_tex(found.limit), "naive_lse": as_tex(found.naive_lse),
            "stable_lse": as_tex(found.stable_lse), "shift": str(max(found.scores)), **shown}
