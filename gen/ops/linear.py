"""Linear ops: matrix product, sum and difference (with broadcasting), a constant times a matrix.

Multiply swaps (each factor's gradient is the upstream times the other factor, transposed); add and
subtract hand the upstream on (a copied bias row collects the sum of its rows' gradients, 𝟏ᵀ G)."""

from dataclasses import dataclass

import sympy as sp

from gen.matexpr import negate, symbolic
from gen.ops.base import Op, delta, same


@dataclass(frozen=True)
class MatMul(Op):
    """C = A B, C_ij = Σ_k A_ik B_kj."""

    symbol = "×"
    text = "{0}{1}"

    def shape(self, a, b):
        return (a[0], b[1])

    def forward(self, a, b):
        return sp.ImmutableMatrix(a * b)

    def expr(self, a, b):
        return sp.MatMul(a, b)

    def local(self, inputs, k, out, at):
        a, b = inputs
        (i, j), (p, q) = out, at
        return delta(i, p) * b[q, j] if k == 0 else a[i, p] * delta(j, q)  # ∂C_ij/∂A_pq = δ_ip B_qj, ∂C_ij/∂B_pq = A_ip δ_jq

    def vjp(self, inputs, g, k):
        a, b = inputs
        return g * b.T if k == 0 else a.T * g  # ∂L/∂A = G Bᵀ, ∂L/∂B = Aᵀ G


@dataclass(frozen=True)
class Add(Op):
    """C = A + B entry by entry; a row (or scalar) B is copied to every row first: C = A + 𝟏 b."""

    symbol = "+"
    text = "{0} + {1}"

    def forward(self, a, b):
        x, y = self.spread((a, b))
        return sp.ImmutableMatrix(x + y)

    def expr(self, a, b):
        return sp.MatAdd(*self.spread((a, b)))

    def local(self, inputs, k, out, at):
        return same(out, at, self.shapes[k] if self.shapes else None)  # ∂C_ij/∂A_pq = δ_ip δ_jq; a copied row: δ_jq

    def vjp(self, inputs, g, k):
        return self.back(g, k, g)  # add distributes: ∂L/∂A = G, ∂L/∂b = 𝟏ᵀ G for a copied row


@dataclass(frozen=True)
class Subtract(Op):
    """C = A − B entry by entry (B copied like Add's)."""

    symbol = "−"
    text = "{0} − {1}"

    def forward(self, a, b):
        x, y = self.spread((a, b))
        return sp.ImmutableMatrix(x - y)

    def expr(self, a, b):
        x, y = self.spread((a, b))
        return sp.MatAdd(x, negate(y))

    def local(self, inputs, k, out, at):
        sign = 1 if k == 0 else -1
        return sign * same(out, at, self.shapes[k] if self.shapes else None)

    def vjp(self, inputs, g, k):
        return self.back(g, k, g if k == 0 else negate(g))  # ∂L/∂A = G, ∂L/∂B = −G


@dataclass(frozen=True)
class Scale(Op):
    """C = c A for a constant number c."""

    factor: object = 1

    symbol = "·"

    @property
    def text(self):
        return f"{self.factor}·{{0}}"

    def shape(self, a):
        return a

    def forward(self, a):
        return sp.ImmutableMatrix(self.factor * a)

    def expr(self, a):
        return sp.MatMul(self.factor, a) if symbolic(a) else self.factor * a

    def local(self, inputs, k, out, at):
        return self.factor * same(out, at)

    def vjp(self, inputs, g, k):
        return sp.MatMul(self.factor, g) if symbolic(g) else self.factor * g  # ∂L/∂A = c G
