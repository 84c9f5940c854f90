"""A vanilla RNN through time, declared for T steps: aₜ = Xₜ Wₓ + hₜ₋₁ Wₕ + b, hₜ = tanh(aₜ), and
L = Σₜ Σ Gₜ ⊙ hₜ for given upstream gradients Gₜ (the assignment's dh).  Wₓ, Wₕ and b are read at every
step and hₜ by both the next step and the loss: the walk adds their gradients where they fan out."""

from gen.graph import graph, sum_of, tanh
from gen.notation import Notation

SIZES = ("N", "D", "H")

NOTATION = Notation(names={"Wx": "W_{x}", "Wh": "W_{h}"}, text={"Wx": "Wₓ", "Wh": "Wₕ"}, broadcast="implicit")
"""b (one row) is added to every row without a 𝟏."""


def network(steps=3):
    """The net unrolled over `steps` time steps (T)."""
    g = graph(sizes=SIZES)
    h = g.input("h0", "N,H")  # first, so that the figure's wire runs h₀ → h₁ → … → h_T
    Wx, Wh, b = g.input("Wx", "D,H"), g.input("Wh", "H,H"), g.input("b", "1,H")
    loss = None
    for t in range(1, steps + 1):
        carried = h @ Wh  # written before X_t W_x, so that it sits next to h_{t-1} in the figure
        X = g.input(f"X{t}", "N,D")
        h = g.node(f"h{t}", tanh(g.node(f"a{t}", X @ Wx + carried + b)))
        term = sum_of(g.given(f"G{t}", "N,H") * h)
        loss = term if loss is None else loss + term
    g.loss(loss)
    return g
