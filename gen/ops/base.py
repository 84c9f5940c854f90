"""What every row of the op table is: a forward rule beside its local derivative and its vector–Jacobian
product, written once for explicit matrices, matrix symbols and letter indices alike.

    shape(*shapes)             the output's (rows, columns); sizes may be symbols (N, D)
    forward(*values)           the output from explicit inputs (exact when they are)
    expr(*symbols)             the forward rule in matrix form, as printed: X W₁, ReLU(z), 𝟏 b
    local(inputs, k, out, at)  ∂out[out]/∂inputs[k][at]; inputs are explicit matrices or IndexedBases,
                               out and at (row, column) pairs of integers (0-based) or letters
    vjp(inputs, g, k)          ∂L/∂inputs[k] from g = ∂L/∂out: matrix symbols or explicit matrices
    symbol                     how a figure draws the op (×, ReLU, ‖·‖²)
    text                       its rule as plain text with {0}, {1} for the inputs ("{0} ⊙ {1}", "√{0}")

An op made with `shapes` knows which of its inputs are copied across rows or columns (broadcast);
their gradients are summed back over the copies (`unbroadcast`), as for a bias row.
"""

from dataclasses import dataclass

import sympy as sp
from sympy import KroneckerDelta

from gen.matexpr import Times, broadcast, symbolic, unbroadcast


def delta(a, b):
    """δ_ab: 1 or 0 for integers, KroneckerDelta(a, b) for letters."""
    return KroneckerDelta(a, b)


def read(m, at, shape=None):
    """Entry `at` of a matrix or IndexedBase, reading a broadcast row, column or scalar where it was copied."""
    i, j = at
    if shape is not None:
        i = (0 if isinstance(i, int) else 1) if shape[0] == 1 else i
        j = (0 if isinstance(j, int) else 1) if shape[1] == 1 else j
    return m[i, j]


def same(out, at, shape=None):
    """∂a_out/∂a_at for an entry-wise rule: δ_ip δ_jq, without the δ of a dimension `shape` copies."""
    (i, j), (p, q) = out, at
    rows, cols = shape if shape is not None else (None, None)
    return (delta(i, p) if rows != 1 else sp.Integer(1)) * (delta(j, q) if cols != 1 else sp.Integer(1))


def is_seed(g):
    """Whether g is the loss's own ∂L/∂L = 1 (None or the number 1)."""
    return g is None or (not isinstance(g, (sp.MatrixBase, sp.MatrixExpr)) and g == 1)


def times(g, m):
    """g · m for a 1×1 upstream g (the loss's own ∂L/∂L = 1 leaves m as it is)."""
    if is_seed(g):
        return m
    if isinstance(g, sp.MatrixBase):
        return g[0, 0] * m
    return Times(g, m)  # a 1×1 symbol such as λ: every entry times it


def out_shape(shapes):
    """The shape of an entry-wise result: each dimension the larger of the inputs' (1 is copied)."""
    rows = next((s[0] for s in shapes if s[0] != 1), 1)
    cols = next((s[1] for s in shapes if s[1] != 1), 1)
    return rows, cols


@dataclass(frozen=True)
class Op:
    """The shared part of every op: the input shapes it was made for (symbols allowed)."""

    shapes: tuple = ()
    """The inputs' (rows, columns), as the graph built it."""

    uses_output = False
    """Whether its vjp reads its own output (tanh′ = 1 − tanh²): the walk then passes `out`."""

    settles = False
    """Whether a worked example evaluates its value to digits at once, when it is not rational (tanh: otherwise each
    step of an RNN writes out every step before it)."""

    kink = False
    """Whether the op has a kink whose side decides its local gradient (ReLU: z > 0 or not)."""

    def shape(self, *shapes):
        return out_shape(shapes)

    def spread(self, values):
        """The inputs copied to the output's shape (explicit or symbolic)."""
        shape = self.shape(*(v.shape for v in values))
        return [broadcast(v, shape) for v in values]

    def aux(self, values):
        """Named matrices its matrix rule mentions besides its inputs (softmax's P), from explicit inputs."""
        return {}

    def back(self, g, k, value):
        """∂L/∂inputs[k] from the contribution `value` (shaped like the output): summed over copies."""
        if is_seed(value):
            return value
        return unbroadcast(value, self.shapes[k]) if self.shapes else value


def explicit_matrix(values):
    """Whether the inputs are explicit matrices (numbers or named entries)."""
    return not any(symbolic(v) for v in values)
