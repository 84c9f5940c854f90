"""Batch normalization in training mode, declared: the mean and the biased variance of each column
over the batch, the normalized x̂, the scale γ and shift β, and L = Σ G ⊙ y for a given upstream G."""

from gen.graph import graph, mean_rows, sqrt, sum_of
from gen.notation import Notation

NOTATION = Notation(
    names={"mu": r"\mu", "var": r"\sigma^{2}", "xhat": r"\hat{x}", "eps": r"\varepsilon", "gamma": r"\gamma",
           "beta": r"\beta"},
    text={"mu": "μ", "var": "σ²", "xhat": "x̂", "eps": "ε", "gamma": "γ", "beta": "β"},
    broadcast="implicit")
"""A row (μ, σ², γ, β) is copied down the rows without a 𝟏: (X − μ) means X − 𝟏μ."""


def network(variant=None):
    """μ = (1/N) 𝟏ᵀX, σ² = (1/N) 𝟏ᵀ(X − μ)², x̂ = (X − μ)/√(σ² + ε), y = γ ⊙ x̂ + β, L = Σ G ⊙ y."""
    g = graph(sizes=("N", "D"))
    X, gamma, beta, G = g.input("X", "N,D"), g.input("gamma", "1,D"), g.input("beta", "1,D"), g.given("G", "N,D")
    mu = g.node("mu", mean_rows(X))
    var = g.node("var", mean_rows((X - mu) ** 2))
    xhat = g.node("xhat", (X - mu) / sqrt(var + g.param("eps")))
    y = g.node("y", gamma * xhat + beta)
    g.loss(sum_of(G * y))
    return g
