"""The op table: every operation a derivation's graph is built from, one row each (tinygrad's
`gradient.py`, micrograd's `engine.py`): forward rule, local derivative with Kronecker deltas,
matrix-form vector–Jacobian product, how it prints and draws, and its kink where it has one.

    linear       MatMul (×), Add (+, broadcast), Subtract (−), Scale (c·)
    elementwise  Mul (⊙), Div (/), Pow (^n, √), ReLU (kink at 0)
    reduce       Reduce (Σ or mean over rows, columns or all), SquaredNorm (‖·‖²), SumProduct (Σ G ⊙ y)
    losses       SoftmaxCrossEntropy

A new op is one more class with these methods; `tests/test_ops.py` checks each one's `vjp` and
`local` against sympy's own differentiation of its `forward` on random shapes.
"""

from gen.ops.elementwise import Div, Indicator, Mul, Pow, ReLU, ReLUFunction
from gen.ops.linear import Add, MatMul, Scale, Subtract
from gen.ops.losses import SoftmaxCrossEntropy
from gen.ops.reduce import Reduce, SquaredNorm, SquaredNormFunction, SumProduct

TABLE = (MatMul, Add, Subtract, Scale, Mul, Div, Pow, ReLU, Reduce, SquaredNorm, SumProduct, SoftmaxCrossEntropy)
"""Every op class, in the order above."""

__all__ = ["TABLE", "Add", "Div", "Indicator", "MatMul", "Mul", "Pow", "ReLU", "ReLUFunction", "Reduce", "Scale",
           "SoftmaxCrossEntropy", "SquaredNorm", "SquaredNormFunction", "Subtract", "SumProduct"]
