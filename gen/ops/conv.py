"""2-D cross-correlation, one channel and one filter (CS231n's `conv_forward_naive`): X padded by p
zeros on each side, the kernel K slid over it by the stride s,

    Y_ij = Σ_pq X̃_{i s + p, j s + q} K_pq,   X̃ = pad_p(X),   Y = pad_p(X) ⋆_s K.

Each output entry reads one k_h × k_w window of X̃, so ∂Y_ij/∂K_uv = X̃_{is+u, js+v} and
∂Y_ij/∂X_ab = K_{a+p−is, b+p−js} (0 where that is outside the kernel).  Summed against the upstream G:

    ∂L/∂K = pad_p(X) ⋆ dil_s(G)                           a correlation at stride 1 with G spread out
    ∂L/∂X = crop_p(pad_{k−1}(dil_s(G)) ⋆ rot180(K))       the full convolution of G with K, cropped
"""

from dataclasses import dataclass

import sympy as sp

from gen.ops.base import Op, delta
from gen.ops.window import Correlation, correlate, crop, dilate, pad, rotate, window_size

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Correlate(Op):
    """Y = pad_p(X) ⋆_s K for X (H×W) and K (k_h×k_w): pad and stride are numbers, or symbols to print."""

    pad: object = 0
    stride: object = 1

    @property
    def symbol(self):
        return "⋆" + (str(self.stride).translate(SUBSCRIPTS) if sp.sympify(self.stride) != 1 else "")

    @property
    def text(self):
        padded = "{0}" if sp.sympify(self.pad) == 0 else "pad" + str(self.pad).translate(SUBSCRIPTS) + "({0})"
        return f"{padded} {self.symbol} {{1}}"

    def shape(self, x, k):
        return tuple(window_size(n, m, self.pad, self.stride) for n, m in zip(x, k))

    def forward(self, x, k):
        return correlate(pad(x, self.pad, self.pad), k, self.stride)

    def expr(self, x, k):
        return Correlation(pad(x, self.pad, self.pad), k, self.stride)

    def local(self, inputs, k, out, at):
        x, kernel = inputs
        (i, j), (a, b), p, s = out, at, self.pad, self.stride
        if k == 0:  # ∂Y_ij/∂X_ab = Σ_uv δ_{a, is+u−p} δ_{b, js+v−p} K_uv
            return sp.Add(*(delta(a, i * s + u - p) * delta(b, j * s + v - p) * kernel[u, v]
                            for u in range(kernel.rows) for v in range(kernel.cols)))
        # ∂Y_ij/∂K_ab = X̃_{is+a, js+b} = Σ_cd δ_{c+p, is+a} δ_{d+p, js+b} X_cd
        return sp.Add(*(delta(c + p, i * s + a) * delta(d + p, j * s + b) * x[c, d]
                        for c in range(x.rows) for d in range(x.cols)))

    def vjp(self, inputs, g, k):
        x, kernel = inputs
        spread = dilate(g, self.stride)  # G with s − 1 zeros between its entries: where each window started
        if k == 1:
            return correlate(pad(x, self.pad, self.pad), spread, 1)  # ∂L/∂K = pad_p(X) ⋆ dil_s(G)
        rows, cols = kernel.shape
        full = correlate(pad(spread, rows - 1, cols - 1), rotate(kernel), 1)  # the full convolution of G with K
        return crop(full, self.pad, self.pad)  # ∂L/∂X = crop_p(pad_{k−1}(dil_s(G)) ⋆ rot180(K))
