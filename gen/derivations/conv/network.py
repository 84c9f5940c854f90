"""2-D convolution declared: Y = pad_p(X) ⋆_s K + b, L = Σ G ⊙ Y.  The variant is the window (pad, stride),
which fixes the shapes; the graph of no variant has the symbols p and s there, and its lines are proven at
every window, where p and s (sizes of every graph) take the window's numbers."""

from typing import NamedTuple

from gen.graph import correlate, graph, sum_of
from gen.notation import Notation

SIZES = ("H", "W", "k_h", "k_w", "p", "s")

NOTATION = Notation(broadcast="implicit")
"""b, one number, is added to every entry of X ⋆ K without a 𝟏."""


class Window(NamedTuple):
    """A convolution's padding and stride; as text, the name of its graph's figure (pad1-stride2)."""

    pad: int
    stride: int

    def __str__(self):
        return f"pad{self.pad}-stride{self.stride}"


def network(variant=None):
    """X (H×W) and the kernel K (k_h×k_w) correlated at the window, the bias b added, Σ G ⊙ Y."""
    g = graph(sizes=SIZES)
    pad, stride = (g.sizes["p"], g.sizes["s"]) if variant is None else variant
    X, K, b = g.input("X", "H,W"), g.input("K", "k_h,k_w"), g.input("b", "1,1")
    Y = g.node("Y", correlate(X, K, pad, stride) + b)
    G = g.given("G", Y.shape)
    g.loss(sum_of(G * Y))
    return g
