"""The network's operations, each with its forward rule beside its local derivative.

`local(inputs, k, out, at)` is ∂out[out] / ∂inputs[k][at] for one pair of entries;
`vjp(symbols, upstream, k)` is the same chain rule in matrix form (upstream × local summed).
"""

from dataclasses import dataclass

import sympy as sp

from gen.notation import Indicator, matrix_symbol


class ReLUFunction(sp.Function):
    """ReLU applied to a matrix symbol, for printing `ReLU(z)`."""

    nargs = 1

    def _latex(self, printer):
        return r"\operatorname{ReLU}\left(%s\right)" % printer._print(self.args[0])


class SquaredNormFunction(sp.Function):
    """‖A‖² (sum of squared entries) of a matrix symbol, for printing."""

    nargs = 1

    def _latex(self, printer):
        return r"\left\lVert %s \right\rVert^{2}" % printer._print(self.args[0])


def _delta(a, b):
    return 1 if a == b else 0


@dataclass(frozen=True)
class MatMul:
    """C = A B, with C_ij = Σ_k A_ik B_kj."""

    symbol = r"\times"

    def shape(self, a, b):
        return (a[0], b[1])

    def forward(self, a, b):
        return sp.ImmutableMatrix(a * b)

    def local(self, inputs, k, out, at):
        a, b = inputs
        (i, j), (p, q) = out, at
        if k == 0:  # ∂C_ij/∂A_pq = δ_ip B_qj
            return b[q, j] if i == p else sp.Integer(0)
        return a[i, p] if j == q else sp.Integer(0)  # ∂C_ij/∂B_pq = A_ip δ_qj

    def vjp(self, symbols, upstream, k):
        a, b = symbols
        if k == 0:  # ∂L/∂A = G Bᵀ
            return upstream * b.T
        return a.T * upstream  # ∂L/∂B = Aᵀ G

    def forward_expr(self, a, b):
        return sp.MatMul(a, b)


@dataclass(frozen=True)
class ReLU:
    """h = max(0, z) entry-wise; ∂h_i/∂z_p = δ_ip 1[z_i > 0] (ReLU'(0) = 0)."""

    symbol = r"\operatorname{ReLU}"

    def shape(self, z):
        return z

    def forward(self, z):
        return sp.ImmutableMatrix(z.applyfunc(lambda v: sp.Max(0, v)))

    def local(self, inputs, k, out, at):
        (z,) = inputs
        return Indicator(z[out]) if out == at else sp.Integer(0)

    def vjp(self, symbols, upstream, k):
        (z,) = symbols
        return sp.hadamard_product(upstream, mask_symbol(z))  # ∂L/∂z = G ⊙ 1[z > 0]

    def forward_expr(self, z):
        return ReLUFunction(z)


@dataclass(frozen=True)
class SquaredNorm:
    """L = ‖y‖² = Σ_ij y_ij²; ∂L/∂y_ij = 2 y_ij."""

    symbol = r"\lVert\cdot\rVert^{2}"

    def shape(self, y):
        return (1, 1)

    def forward(self, y):
        return sp.ImmutableMatrix([[sum(v**2 for v in y)]])

    def local(self, inputs, k, out, at):
        (y,) = inputs
        return sp.Mul(2, y[at], evaluate=False)

    def vjp(self, symbols, upstream, k):
        (y,) = symbols
        return 2 * y  # ∂L/∂y = 2 y (the upstream ∂L/∂L is 1)

    def forward_expr(self, y):
        return SquaredNormFunction(y)


def mask_symbol(z):
    """The matrix 1[z > 0] of ReLU derivatives, shaped like z."""
    return matrix_symbol(f"mask_{z.name}", z.shape)


def local_derivative_mask(z):
    """The explicit entries of 1[z > 0] for the named entries `z`."""
    return sp.ImmutableMatrix(z.applyfunc(Indicator))
