"""The softmax cross-entropy: L = (1/N) Σᵢ −log P_{i,ℓᵢ}, P = softmax of each row of the scores y.

With Y the one-hot matrix of the labels, ∂L/∂y = (1/N)(P − Y)."""

from dataclasses import dataclass

import sympy as sp

from gen.matexpr import symbolic
from gen.ops.base import Op, times


def probabilities(y):
    """P_ij = exp(y_ij) / Σ_k exp(y_ik), exact (exponentials kept symbolic)."""
    return sp.ImmutableMatrix(y.rows, y.cols, lambda a, b: sp.exp(y[a, b]) / sum(sp.exp(v) for v in y.row(a)))


@dataclass(frozen=True)
class SoftmaxCrossEntropy(Op):
    """L = (1/N) Σᵢ −log P_{i,ℓᵢ}; the second input is the one-hot Y (data)."""

    symbol = "softmax CE"
    text = "CE(softmax({0}), {1})"

    def shape(self, y, onehot):
        return (1, 1)

    def forward(self, y, onehot):
        p = probabilities(y)
        return sp.ImmutableMatrix([[-sum(onehot[n] * sp.log(p[n]) for n in range(len(p)) if onehot[n]) / y.rows]])

    def expr(self, y, onehot):
        """(1/N) Σᵢ −log P_{i,ℓᵢ}."""
        i, n = sp.Symbol("i", integer=True, positive=True), y.shape[0]
        label = sp.IndexedBase("ell")[i]
        return sp.Mul(1 / n, sp.Sum(-sp.log(sp.IndexedBase("P")[i, label]), (i, 1, n)), evaluate=False)

    def probabilities_expr(self, classes):
        """P_ij = e^{y_ij} / Σ_k e^{y_ik}."""
        i, j, k = sp.symbols("i j k", integer=True, positive=True)
        y = sp.IndexedBase("y")
        return sp.Indexed("P", i, j), sp.exp(y[i, j]) / sp.Sum(sp.exp(y[i, k]), (k, 1, classes))

    def aux(self, values):
        return {"P": probabilities(values[0])}

    def local(self, inputs, k, out, at):
        y, onehot = inputs
        p, q = at
        return (probabilities(y)[p, q] - onehot[p, q]) / y.rows

    def index_lines(self, inputs, k, at, over, sizes):
        """∂L/∂y_pq = (1/N)(−Y_pq + e^{y_pq} / Σ_k e^{y_pk}) = (1/N)(P_pq − Y_pq): only row p holds y_pq."""
        (y, onehot), (p, q), (n, c) = inputs, at, sizes
        prob, kk = sp.IndexedBase("P"), over[-1]
        softmax = sp.exp(y[p, q]) / sp.Sum(sp.exp(y[p, kk]), (kk, 1, c))
        return [(sp.Mul(1 / n, sp.Add(-onehot[p, q], softmax, evaluate=False), evaluate=False), ()),
                (sp.Mul(1 / n, sp.Add(prob[p, q], -onehot[p, q], evaluate=False), evaluate=False), ())]

    def vjp(self, inputs, g, k):
        y, onehot = inputs
        rows = y.shape[0]
        if symbolic(y):  # ∂L/∂y = (1/N)(P − Y)
            return times(g, sp.MatMul(sp.Integer(1) / rows, sp.MatAdd(sp.MatrixSymbol("P", *y.shape), -onehot)))
        return times(g, sp.ImmutableMatrix((probabilities(y) - onehot) / rows))
