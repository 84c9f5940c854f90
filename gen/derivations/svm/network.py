"""The multiclass SVM loss of a linear classifier, declared: S = X W, the correct class's score
sᵢ = S[i, yᵢ], the margins M = max(0, S − s + 1) ⊙ (1 − Y), L = (1/N) Σ M + reg ‖W‖²."""

from gen.graph import batch_mean, gather, graph, hinge, squared_norm
from gen.notation import Notation

SIZES = ("N", "D", "C")

NOTATION = Notation(
    names={"A": "A", "margins": "M", "reg": r"\lambda", "s": "s"},
    text={"margins": "M", "reg": "λ"},
    broadcast="implicit")
"""s (one score per row) is copied across the columns, the margin 1 to every entry, without a 𝟏."""


def network(variant=None):
    """Scores, the correct class's score, the hinge on every other class, the mean and the L2 penalty."""
    g = graph(sizes=SIZES)
    X, W, Y, reg = g.given("X", "N,D"), g.input("W", "D,C"), g.labels("Y", "N,C"), g.param("reg")
    one = g.constant(1)
    wrong = one - Y  # 1 at every wrong class, 0 at the correct one
    S = g.node("S", X @ W)
    s = g.node("s", gather(S, Y))
    A = g.node("A", S - s + one)
    margins = g.node("margins", hinge(A) * wrong)
    g.loss(batch_mean(margins) + reg * squared_norm(W))
    return g
