"""Reductions: sums and means over rows or over everything, the squared norm, and Σ G ⊙ y.

A reduction's gradient is copied back to every entry it summed (a mean's divided by the count): the
reverse of the copy that broadcasting makes, as tinygrad's rows for SUM and EXPAND are each other's."""

from dataclasses import dataclass

import sympy as sp

from gen.matexpr import Broadcast, broadcast, ones, symbolic
from gen.ops.base import Op, delta, times


class SquaredNormFunction(sp.Function):
    """‖A‖² (sum of squared entries) of a matrix symbol, for printing: a number, so it commutes."""

    nargs = 1
    is_commutative = True

    def _latex(self, printer):
        return r"\left\lVert %s \right\rVert^{2}" % printer._print(self.args[0])


class SumProductFunction(sp.Function):
    """Σᵢⱼ Gᵢⱼ yᵢⱼ of two matrix symbols, for printing."""

    nargs = 2

    def _latex(self, printer):
        g, y = (printer._print(a) for a in self.args)
        return r"\sum_{i,j} \left(%s \odot %s\right)_{ij}" % (g, y)


def _copied(g, shape):
    """The upstream g (1×c, r×1 or 1×1) copied back to every entry of `shape`."""
    sized = all(isinstance(n, int) or getattr(n, "is_Integer", False) for n in shape)
    return Broadcast(g, *shape) if symbolic(g) or not sized else broadcast(g, shape)


@dataclass(frozen=True)
class Reduce(Op):
    """Σ over rows (`rows`), over columns (`cols`) or over everything (`all`); `mean` divides by the count
    (`mean="rows"`: by the number of rows only, the loss per example of a batch)."""

    over: str = "rows"
    mean: bool | str = False

    @property
    def symbol(self):
        if self.mean == "rows":
            return "Σ/N"
        return ("mean" if self.mean else "Σ") + {"rows": "ᵢ", "cols": "ⱼ", "all": ""}[self.over]

    @property
    def text(self):
        return self.symbol + "({0})"

    def shape(self, a):
        rows, cols = a
        return {"rows": (1, cols), "cols": (rows, 1), "all": (1, 1)}[self.over]

    def count(self, shape):
        rows, cols = shape
        return rows if self.mean == "rows" else {"rows": rows, "cols": cols, "all": rows * cols}[self.over]

    def scale(self, shape):
        return 1 / sp.sympify(self.count(shape)) if self.mean else sp.Integer(1)

    def forward(self, a):
        left = sp.ones(1, a.rows) if self.over in ("rows", "all") else sp.eye(a.rows)
        right = sp.ones(a.cols, 1) if self.over in ("cols", "all") else sp.eye(a.cols)
        return sp.ImmutableMatrix(self.scale(a.shape) * left * a * right)

    def expr(self, a):
        rows, cols = a.shape
        factors = ([ones(rows).T] if self.over in ("rows", "all") else []) + [a] + (
            [ones(cols)] if self.over in ("cols", "all") else [])
        scale = self.scale(a.shape)
        return sp.MatMul(*([scale] if scale != 1 else []), *factors)

    def local(self, inputs, k, out, at):
        (i, j), (p, q) = out, at
        keep = {"rows": delta(j, q), "cols": delta(i, p), "all": 1}[self.over]
        shape = inputs[0].shape if isinstance(inputs[0], sp.MatrixBase) or not self.shapes else self.shapes[0]
        return self.scale(shape) * keep

    def vjp(self, inputs, g, k):
        (a,) = inputs
        number = not isinstance(g, (sp.MatrixBase, sp.MatrixExpr))  # the loss's ∂L/∂L = 1, or c of a scaled loss
        copied = _copied(sp.ImmutableMatrix([[1]]) if number else g, a.shape)
        scale = self.scale(a.shape) * (sp.sympify(1 if g is None else g) if number else 1)
        if scale == 1:
            return copied
        return sp.MatMul(scale, copied) if symbolic(copied) else scale * copied  # ∂L/∂A = (1/N) 𝟏 G


@dataclass(frozen=True)
class SquaredNorm(Op):
    """L = ‖r‖² = Σᵢⱼ rᵢⱼ²; ∂L/∂r_pq = 2 r_pq."""

    symbol = "‖·‖²"
    text = "‖{0}‖²"

    def shape(self, r):
        return (1, 1)

    def forward(self, r):
        return sp.ImmutableMatrix([[sum(v**2 for v in r)]])

    def expr(self, r):
        return SquaredNormFunction(r)

    def local(self, inputs, k, out, at):
        (r,) = inputs
        return 2 * r[at]

    def index_lines(self, inputs, k, at, over, sizes=None):
        """∂L/∂r_pq = Σᵢⱼ 2 rᵢⱼ δ_ip δ_jq = 2 r_pq: (line, indices it sums over) pairs."""
        (r,), (p, q), (i, j) = inputs, at, over[:2]
        return [(2 * r[i, j] * delta(i, p) * delta(j, q), (i, j)), (2 * r[p, q], ())]

    def vjp(self, inputs, g, k):
        (r,) = inputs
        return times(g, 2 * r)  # ∂L/∂r = 2 r (the upstream ∂L/∂L is 1)


@dataclass(frozen=True)
class SumProduct(Op):
    """L = Σᵢⱼ Gᵢⱼ yᵢⱼ for a given upstream G = ∂L/∂y: any gradient G arriving at y, as a loss."""

    symbol = "Σ G⊙·"
    text = "Σ {0} ⊙ {1}"

    def shape(self, g, y):
        return (1, 1)

    def forward(self, g, y):
        return sp.ImmutableMatrix([[sum(a * b for a, b in zip(g, y))]])

    def expr(self, g, y):
        return SumProductFunction(g, y)

    def local(self, inputs, k, out, at):
        return inputs[1 - k][at]  # ∂L/∂y_pq = G_pq

    def index_lines(self, inputs, k, at, over, sizes=None):
        """∂L/∂y_pq = Σᵢⱼ Gᵢⱼ δ_ip δ_jq = G_pq."""
        (p, q), (i, j), g = at, over[:2], inputs[1 - k]
        return [(g[i, j] * delta(i, p) * delta(j, q), (i, j)), (g[p, q], ())]

    def vjp(self, inputs, g, k):
        return times(g, inputs[1 - k])  # ∂L/∂y = G


@dataclass(frozen=True)
class Gather(Op):
    """s = (S ⊙ Y) 𝟏 for one-hot labels Y: sᵢ = S[i, yᵢ], one entry per row; ∂sᵢ/∂S_pq = δ_ip Y_pq."""

    symbol = "S[i, yᵢ]"
    text = "{0}[i, yᵢ]"

    def shape(self, s, y):
        return (s[0], 1)

    def forward(self, s, y):
        return sp.ImmutableMatrix(s.multiply_elementwise(y) * sp.ones(s.cols, 1))

    def expr(self, s, y):
        return sp.MatMul(sp.HadamardProduct(s, y), ones(s.shape[1]))

    def local(self, inputs, k, out, at):
        (i, _), (p, q) = out, at
        return delta(i, p) * inputs[1 - k][p, q]  # ∂sᵢ/∂S_pq = δ_ip Y_pq (and ∂sᵢ/∂Y_pq = δ_ip S_pq)

    def vjp(self, inputs, g, k):
        other = inputs[1 - k]
        copied = _copied(g, other.shape)  # ∂L/∂S = (∂L/∂s 𝟏ᵀ) ⊙ Y: row i's upstream lands on its label's column
        return sp.HadamardProduct(copied, other) if symbolic(copied) or symbolic(other) else \
            sp.ImmutableMatrix(copied.multiply_elementwise(other))
