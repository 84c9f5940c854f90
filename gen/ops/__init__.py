"""The op table: every operation a derivation's graph is built from, one row each (tinygrad's
`gradient.py`, micrograd's `engine.py`): forward rule, local derivative with Kronecker deltas,
matrix-form vector–Jacobian product, how it prints and draws, and its kink where it has one.

    linear       MatMul (×), Add (+, broadcast), Subtract (−), Scale (c·)
    elementwise  Mul (⊙), Div (/), Pow (^n, √), ReLU and Hinge max(0, ·) (kink at 0), Tanh
    reduce       Reduce (Σ or mean over rows, columns or all), SquaredNorm (‖·‖²), SumProduct (Σ G ⊙ y),
                 Gather (S[i, yᵢ], one entry per row)
    losses       SoftmaxCrossEntropy
    conv         Correlate (pad_p(X) ⋆_s K, 2-D cross-correlation with padding and stride; its matrix form
                 in `window`: pad, dilate, rotate by 180°, crop, correlate)

A new op is one more class with these methods; `tests/test_ops.py` checks each one's `vjp` and
`local` against sympy's own differentiation of its `forward` on random shapes.
"""

from gen.ops.conv import Correlate
from gen.ops.elementwise import Div, Hinge, Indicator, Mul, Pow, ReLU, ReLUFunction, Tanh
from gen.ops.linear import Add, MatMul, Scale, Subtract
from gen.ops.losses import SoftmaxCrossEntropy
from gen.ops.reduce import Gather, Reduce, SquaredNorm, SquaredNormFunction, SumProduct

TABLE = (MatMul, Add, Subtract, Scale, Mul, Div, Pow, ReLU, Hinge, Tanh, Reduce, SquaredNorm, SumProduct, Gather,
         SoftmaxCrossEntropy, Correlate)
"""Every op class, in the order above."""

__all__ = ["TABLE", "Add", "Correlate", "Div", "Gather", "Hinge", "Indicator", "MatMul", "Mul", "Pow", "ReLU", "ReLUFunction",
           "Reduce", "Scale", "SoftmaxCrossEntropy", "SquaredNorm", "SquaredNormFunction", "Subtract", "SumProduct", "Tanh"]
