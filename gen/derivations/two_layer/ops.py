"""The two-layer net's operations, each with its forward rule beside its backward rule.

Every op works on matrix symbols (the matrix form, printed and proven) and on explicit
matrices (the worked numbers) with the same code.  `vjp(inputs, g, k)` is ∂L/∂inputs[k]
given the upstream g = ∂L/∂out; `local(k, out, at)` is ∂out[out]/∂inputs[k][at] with
Kronecker deltas, in letter indices, for the index-notation derivation.
"""

from dataclasses import dataclass

import sympy as sp
from sympy import KroneckerDelta as delta

from gen.derivations.two_layer.notation import Entry
from gen.ops import ReLUFunction, SquaredNormFunction


def symbolic(m):
    """Whether `m` is a matrix expression (matrix form) rather than explicit entries."""
    return isinstance(m, sp.MatrixExpr) and not isinstance(m, sp.MatrixBase)


def ones(rows, like):
    """𝟏, the rows×1 column of ones: a symbol in matrix form, explicit ones otherwise."""
    return sp.MatrixSymbol("ones", rows, 1) if symbolic(like) else sp.ImmutableMatrix(sp.ones(rows, 1))


@dataclass(frozen=True)
class MatMul:
    """C = A B, C_ij = Σ_k A_ik B_kj.  Multiply swaps: each input's gradient is G times the other, transposed."""

    def shape(self, a, b):
        return (a[0], b[1])

    def forward(self, a, b):
        return sp.ImmutableMatrix(a * b)

    def expr(self, a, b):
        return sp.MatMul(a, b)

    def vjp(self, inputs, g, k):
        a, b = inputs
        return g * b.T if k == 0 else a.T * g  # ∂L/∂A = G Bᵀ, ∂L/∂B = Aᵀ G

    def local(self, names, k, out, at):
        (i, j), (p, q) = out, at
        a, b = (sp.IndexedBase(n) for n in names)
        return delta(i, p) * b[q, j] if k == 0 else a[i, p] * delta(j, q)  # ∂C_ij/∂A_pq, ∂C_ij/∂B_pq

    def collapsed(self, names, g, k, at, s):
        """Σ_ij G_ij ∂C_ij/∂·_pq after the delta: one sum left, then the transpose named."""
        (p, q), (i, j) = at, s
        a, b = names
        G, A, B = sp.IndexedBase(g), sp.IndexedBase(a), sp.IndexedBase(b)
        At, Bt = sp.IndexedBase(a + "^T"), sp.IndexedBase(b + "^T")
        if k == 0:  # Σ_j G_pj B_qj = Σ_j G_pj (Bᵀ)_jq
            return [(G[p, j] * B[q, j], j), (G[p, j] * Bt[j, q], j)]
        return [(A[i, p] * G[i, q], i), (At[p, i] * G[i, q], i)]  # Σ_i A_ip G_iq = Σ_i (Aᵀ)_pi G_iq


@dataclass(frozen=True)
class AddBias:
    """C = A + 𝟏 b, C_ij = A_ij + b_j: b is copied to every row (a fork), so its gradient sums the rows."""

    def shape(self, a, b):
        return a

    def forward(self, a, b):
        return sp.ImmutableMatrix(a + ones(a.rows, a) * b)

    def expr(self, a, b):
        return sp.MatAdd(a, sp.MatMul(ones(a.shape[0], a), b))

    def vjp(self, inputs, g, k):
        a, _ = inputs
        return g if k == 0 else ones(a.shape[0], g).T * g  # add distributes: ∂L/∂A = G; ∂L/∂b = 𝟏ᵀ G

    def local(self, names, k, out, at):
        (i, j), (p, q) = out, at
        return delta(i, p) * delta(j, q) if k == 0 else delta(j, q)  # ∂C_ij/∂A_pq, ∂C_ij/∂b_1q

    def collapsed(self, names, g, k, at, s):
        (p, q), (i, _) = at, s
        G, one = sp.IndexedBase(g), sp.IndexedBase("ones^T")
        if k == 0:
            return [(G[p, q], None)]
        return [(G[i, q], i), (one[p, i] * G[i, q], i)]  # Σ_i G_iq = Σ_i (𝟏ᵀ)_1i G_iq


@dataclass(frozen=True)
class ReLU:
    """h = max(0, z) entry-wise; ∂h_ij/∂z_pq = δ_ip δ_jq 1[z_pq > 0] (ReLU'(0) = 0).  ReLU routes."""

    def shape(self, z):
        return z

    def forward(self, z):
        return sp.ImmutableMatrix(z.applyfunc(lambda v: sp.Max(0, v)))

    def expr(self, z):
        return ReLUFunction(z)

    def vjp(self, inputs, g, k):
        (z,) = inputs
        if symbolic(z):  # ∂L/∂z = G ⊙ 1[z > 0]
            return sp.hadamard_product(g, sp.MatrixSymbol(f"mask_{z.name}", *z.shape))
        return sp.ImmutableMatrix(g.multiply_elementwise(z.applyfunc(lambda v: sp.Integer(1 if v > 0 else 0))))

    def local(self, names, k, out, at):
        (i, j), (p, q) = out, at
        return delta(i, p) * delta(j, q) * sp.IndexedBase("mask_z")[p, q]

    def collapsed(self, names, g, k, at, s):
        p, q = at
        return [(sp.IndexedBase(g)[p, q] * sp.IndexedBase("mask_z")[p, q], None)]


@dataclass(frozen=True)
class Subtract:
    """r = y − T; ∂r_ij/∂y_pq = δ_ip δ_jq (the target is data: no gradient is taken for it)."""

    def shape(self, a, b):
        return a

    def forward(self, a, b):
        return sp.ImmutableMatrix(a - b)

    def expr(self, a, b):
        return sp.MatAdd(a, -b)

    def vjp(self, inputs, g, k):
        return g if k == 0 else -g  # ∂L/∂y = G

    def local(self, names, k, out, at):
        (i, j), (p, q) = out, at
        return delta(i, p) * delta(j, q)

    def collapsed(self, names, g, k, at, s):
        return [(sp.IndexedBase(g)[at], None)]


@dataclass(frozen=True)
class SquaredNorm:
    """L = ‖r‖² = Σ_ij r_ij²; ∂L/∂r_pq = 2 r_pq."""

    def shape(self, r):
        return (1, 1)

    def forward(self, r):
        return sp.ImmutableMatrix([[sum(v**2 for v in r)]])

    def expr(self, r):
        return SquaredNormFunction(r)

    def vjp(self, inputs, g, k):
        (r,) = inputs
        return 2 * r  # ∂L/∂r = 2 r (the upstream ∂L/∂L is 1)

    def index_lines(self, names, at, s):
        """∂L/∂r_pq = Σ_ij 2 r_ij δ_ip δ_jq = 2 r_pq."""
        (p, q), (i, j) = at, s
        r = sp.IndexedBase(names[0])
        return [(2 * r[i, j] * delta(i, p) * delta(j, q), (i, j)), (2 * r[p, q], ())]


@dataclass(frozen=True)
class SoftmaxCrossEntropy:
    """L = (1/N) Σ_i −log P_{i,ℓ_i}, P = softmax of each row of y; Y is the one-hot matrix of the labels.

    ∂L/∂y_pq = (1/N)(P_pq − Y_pq)."""

    def shape(self, y, onehot):
        return (1, 1)

    def forward(self, y, onehot):
        p = self.probabilities(y)
        return sp.ImmutableMatrix([[-sum(onehot[n] * sp.log(p[n]) for n in range(len(p)) if onehot[n])
                                    / y.rows]])

    def probabilities(self, y):
        """P_ij = exp(y_ij) / Σ_k exp(y_ik), exact (exponentials kept symbolic)."""
        return sp.ImmutableMatrix(y.rows, y.cols, lambda a, b: sp.exp(y[a, b]) / sum(sp.exp(v) for v in y.row(a)))

    def expr(self, y, onehot):
        """(1/N) Σ_i −log P_{i,ℓ_i}."""
        i, n = sp.Symbol("i", integer=True, positive=True), y.shape[0]
        label = sp.IndexedBase("ell")[i]
        return sp.Mul(1 / n, sp.Sum(-sp.log(sp.IndexedBase("P")[i, label]), (i, 1, n)), evaluate=False)

    def probabilities_expr(self):
        """P_ij = e^{y_ij} / Σ_k e^{y_ik}."""
        i, j, k = sp.symbols("i j k", integer=True, positive=True)
        y = sp.IndexedBase("y")
        return sp.Indexed("P", i, j), sp.exp(y[i, j]) / sp.Sum(sp.exp(y[i, k]), (k, 1, sp.Symbol("C", integer=True, positive=True)))

    def vjp(self, inputs, g, k):
        y, onehot = inputs
        rows = y.shape[0]
        if symbolic(y):  # ∂L/∂y = (1/N)(P − Y)
            return sp.MatMul(sp.Integer(1) / rows, sp.MatAdd(sp.MatrixSymbol("P", *y.shape), -onehot))
        return sp.ImmutableMatrix((self.probabilities(y) - onehot) / rows)

    def index_lines(self, names, at, s):
        """∂L/∂y_pq = (1/N)(−Y_pq + e^{y_pq} / Σ_k e^{y_pk}) = (1/N)(P_pq − Y_pq): only row p holds y_pq."""
        p, q = at
        y, onehot, prob = sp.IndexedBase(names[0]), sp.IndexedBase(names[1]), sp.IndexedBase("P")
        n, c, k = sp.Symbol("N", integer=True, positive=True), sp.Symbol("C", integer=True, positive=True), s[2]
        softmax = sp.exp(y[p, q]) / sp.Sum(sp.exp(y[p, k]), (k, 1, c))
        return [(sp.Mul(1 / n, sp.Add(-onehot[p, q], softmax, evaluate=False), evaluate=False), ()),
                (sp.Mul(1 / n, sp.Add(prob[p, q], -onehot[p, q], evaluate=False), evaluate=False), ())]


def matrix_entry(expr, at):
    """(expr)_{pq}, unevaluated."""
    return Entry(expr, *at)
