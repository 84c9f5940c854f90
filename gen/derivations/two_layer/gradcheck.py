"""Gradient checking in float64, as a student does it: the exact gradients of every worked example against the
centred difference of the loss, both computed by the NumPy code the pages show (`listing.py` for L,
`gradcheck_listing.py` for the differences); how the error depends on the step; and a step that crosses the kink
of ReLU.  Every claim the gradient-check page makes about these numbers is checked here."""


import numpy as np
import sympy as sp

from gen.derivations.two_layer import gradcheck_listing, listing
from gen.errors import VerificationError

PARAMETERS = ("W1", "b1", "W2", "b2")
STEP = sp.Rational(1, 10**5)
"""The step h of the check, exact (the kink example sits h/2 from its kink)."""
BOUND = 1e-7
"""Every worked example's largest relative error must be below this."""
KINK_LEAST = 1e-2
"""The error of the entry whose step crosses the kink must be at least this."""
DECADES = range(1, 13)
"""The steps h = 10⁻¹ … 10⁻¹² of the study of the step."""
RATES = {"one-sided": (5, 20), "centred": (50, 200)}
"""Between h = 10⁻² and 10⁻⁴ each tenfold smaller step divides the error by a factor in this range: O(h), O(h²)."""


def _array(matrix):
    return np.array(sp.Matrix(matrix).tolist(), dtype=float)


def _point(worked):
    """The parameters as float64 arrays (biases as vectors, as the listing takes them), and the analytic gradients."""
    params = {p: _array(worked.values[p]) for p in PARAMETERS}
    params["b1"], params["b2"] = params["b1"].ravel(), params["b2"].ravel()
    grads = {p: _array(worked.grads[p]).reshape(params[p].shape) for p in PARAMETERS}
    return params, grads


def _loss(worked, params):
    """L of the worked example at `params` (changed in place by the differences), by the listing."""
    given, X = worked.example.values, _array(worked.values["X"])

    def f(_):
        _, _, y = listing.forward(X, params["W1"], params["b1"], params["W2"], params["b2"])
        if given["loss"] == "squared":
            L, _ = listing.squared_loss(y, _array(worked.values["T"]))
        else:
            L, _ = listing.softmax_loss(y, np.array(given["labels"]))
        return listing.l2_penalty(L, 0, 0, params["W1"], params["W2"], float(given["reg"]))[0]
    return f


def numeric(worked, h=STEP, centred=True):
    """(analytic, numerical) gradients of every parameter, the numerical ones by `eval_numerical_gradient`."""
    params, grads = _point(worked)
    f = _loss(worked, params)
    return {p: (grads[p], gradcheck_listing.eval_numerical_gradient(f, params[p], float(h), centred))
            for p in PARAMETERS}


def errors(worked, h=STEP, centred=True):
    """Parameter → the largest relative error of its entries."""
    return {p: float(gradcheck_listing.rel_error(a, n)) for p, (a, n) in numeric(worked, h, centred).items()}


def check_examples(workeds, bound=BOUND):
    """Every example's errors at h = 10⁻⁵, each below the bound: [(id, errors)]; and how many entries were 0 both ways."""
    rows, both_zero = [], 0
    for worked in workeds:
        found = errors(worked)
        worst = max(found, key=found.get)
        if found[worst] >= bound:
            raise VerificationError("gradient check", f"example {worked.id!r}: the relative error of {worst} is "
                                    f"{found[worst]:.3g}, not below {bound:g}")
        rows.append((worked.id, found))
        both_zero += sum(int(np.sum((a == 0) & (n == 0))) for a, n in numeric(worked).values())
    return rows, both_zero


def study_steps(workeds, rates=RATES):
    """The first softmax example's largest error at every step 10⁻ᵏ, one-sided and centred: the one-sided error is
    O(h) and the centred O(h²) (`rates`), the centred is smallest at h = STEP, and smaller steps only add round-off.
    (The squared error is quadratic in each parameter between kinks: its centred difference has no O(h²) term.)"""
    worked = next(w for w in workeds if w.example.values["loss"] == "softmax")
    table = [(k, *(max(errors(worked, sp.Rational(1, 10**k), centred).values()) for centred in (False, True)))
             for k in DECADES]
    for name, column in (("one-sided", 1), ("centred", 2)):
        low, high = rates[name]
        for before, after in zip(table, table[1:]):
            if 2 <= before[0] < 4 and not low <= before[column] / after[column] <= high:
                raise VerificationError("gradient check", f"the {name} error at h = 1e-{before[0]} over the one at "
                                        f"1e-{after[0]} is {before[column] / after[column]:.3g}, not in [{low}, {high}]")
    best = min(table, key=lambda row: row[2])[0]
    rising = [row[2] for row in table if row[0] >= best]
    if sp.Rational(1, 10**best) != STEP or rising != sorted(rising):
        raise VerificationError("gradient check", f"the centred error is smallest at h = 1e-{best}, and rises "
                                f"{'steadily' if rising == sorted(rising) else 'unevenly'} below it")
    return worked.id, table


def check_quadratic(workeds, h=sp.Rational(1, 100), bound=BOUND):
    """The squared error is quadratic in each parameter between kinks, so its centred difference has no truncation
    error: even at h = 10⁻² every squared-error example's errors are below the bound. Returns how many examples."""
    squared = [w for w in workeds if w.example.values["loss"] == "squared"]
    for worked in squared:
        found = errors(worked, h)
        if max(found.values()) >= bound:
            raise VerificationError("gradient check", f"example {worked.id!r} at h = {h}: relative errors {found}")
    return len(squared)
