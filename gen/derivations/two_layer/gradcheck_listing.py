"""Gradient checking in NumPy, in the assignments' style.

The gradient-check page includes this file's text verbatim; the generator runs it on every worked example.
"""

import numpy as np


def eval_numerical_gradient(f, x, h=1e-5, centred=True):
    """df/dx entry by entry: (f(x + h) - f(x - h)) / 2h, or (f(x + h) - f(x)) / h one-sided."""
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        plus = f(x)
        x[i] = old - h if centred else old
        minus = f(x)
        x[i] = old                  # restore the entry
        grad[i] = (plus - minus) / (2 * h if centred else h)
    return grad


def rel_error(a, b):
    """The largest |a - b| / max(|a|, |b|) over the entries; where both are 0 they agree (error 0)."""
    scale = np.maximum(np.abs(a), np.abs(b))
    return np.max(np.abs(a - b) / np.where(scale > 0, scale, 1))
