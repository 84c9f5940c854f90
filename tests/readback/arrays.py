"""Values as the read-back computes with them: 2-D numpy arrays of numbers (`balls`), a number a 1 × 1 array
that multiplies like a scalar, 𝟏 a column of ones as long as the product it stands in needs; and the window
operations of a convolution (pad, dilate, crop, cross-correlate)."""

import numpy as np

from tests.readback import balls
from tests.readback.tex import Unreadable


class ShapeError(ArithmeticError):
    """Shapes that do not combine: a wrong line, not an unreadable one."""


class Ones:
    """𝟏 (a column) or 𝟏ᵀ (a row), its length taken from what it multiplies."""

    def __init__(self, row=False):
        self.row = row


def array(rows):
    out = np.empty((len(rows), len(rows[0])), dtype=object)
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            out[i, j] = x
    return out


def scalar(x):
    return array([[x]])


def is_scalar(a):
    return not isinstance(a, Ones) and a.shape == (1, 1)


def broadcast(a, b, op):
    if isinstance(a, Ones) or isinstance(b, Ones):
        raise Unreadable("𝟏 outside a product")
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ShapeError(f"{a.shape} and {b.shape} entry by entry") from None
    a, b = np.broadcast_to(a, shape), np.broadcast_to(b, shape)
    return array([[op(a[i, j], b[i, j]) for j in range(shape[1])] for i in range(shape[0])])


def matmul(a, b):
    """A B; a number (1 × 1) scales; 𝟏ᵀ A sums A's rows, A 𝟏 its columns, 𝟏 b copies a row b onto every row."""
    if isinstance(a, Ones) and isinstance(b, Ones):
        raise Unreadable("𝟏 times 𝟏")
    if isinstance(a, Ones):
        if a.row:
            return array([list(np.sum(b, axis=0, initial=balls.Ball(0)))])
        if b.shape[0] != 1:
            raise ShapeError(f"𝟏 times {b.shape}")
        return b  # the row, broadcast where it is added
    if isinstance(b, Ones):
        if b.row:
            raise ShapeError("A 𝟏ᵀ")
        return array([[x] for x in np.sum(a, axis=1, initial=balls.Ball(0))])
    if is_scalar(a) or is_scalar(b):
        return broadcast(a, b, lambda x, y: x * y)
    if a.shape[1] != b.shape[0]:
        raise ShapeError(f"{a.shape} times {b.shape}")
    return array([[sum((a[i, k] * b[k, j] for k in range(a.shape[1])), balls.Ball(0))
                   for j in range(b.shape[1])] for i in range(a.shape[0])])


def entrywise(a, f):
    if isinstance(a, Ones):
        raise Unreadable("a function of 𝟏")
    return array([[f(x) for x in row] for row in a])


def as_int(a):
    """An index's value (an exact integer)."""
    x = balls.value(a[0, 0]) if not isinstance(a, int) else balls.Ball(a)
    if not x.exact or x.m.denominator != 1:
        raise Unreadable(f"an index {x!r}")
    return int(x.m)


def correlate(x, k, stride=1):
    """(X ⋆_s K)_{ij} = Σ_{u,v} X_{(i−1)s+u, (j−1)s+v} K_{uv} (valid positions only)."""
    (hx, wx), (hk, wk) = x.shape, k.shape
    if (hx - hk) % stride or (wx - wk) % stride or hk > hx or wk > wx:
        raise ShapeError(f"{k.shape} does not slide over {x.shape} by {stride}")
    rows, cols = (hx - hk) // stride + 1, (wx - wk) // stride + 1
    return array([[sum((x[i * stride + u, j * stride + v] * k[u, v] for u in range(hk) for v in range(wk)),
                       balls.Ball(0)) for j in range(cols)] for i in range(rows)])


def pad(x, top, left=None):
    left = top if left is None else left
    out = np.full((x.shape[0] + 2 * top, x.shape[1] + 2 * left), balls.Ball(0), dtype=object)
    out[top:top + x.shape[0], left:left + x.shape[1]] = x
    return out


def dilate(x, s):
    """s − 1 zeros between neighbouring entries."""
    out = np.full(((x.shape[0] - 1) * s + 1, (x.shape[1] - 1) * s + 1), balls.Ball(0), dtype=object)
    out[::s, ::s] = x
    return out


def crop(x, p):
    if 2 * p >= min(x.shape):
        raise ShapeError(f"crop {p} of {x.shape}")
    return x[p:x.shape[0] - p, p:x.shape[1] - p] if p else x
