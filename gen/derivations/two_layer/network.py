"""CS231n's two-layer net, declared: z = X W₁ + 𝟏b₁, h = ReLU(z), y = h W₂ + 𝟏b₂, and a loss, with
sizes N, D, H, C, and (a variant `loss+reg`) the assignment's L2 penalty λ(‖W₁‖² + ‖W₂‖²); and how its
matrices print (b₁, b₂ are rows that 𝟏 copies onto every row)."""

from gen.graph import graph, relu, softmax_cross_entropy, squared_norm
from gen.notation import Notation

LOSSES = ("squared", "softmax")
PENALTY = "+reg"
"""A variant's suffix when the loss carries the L2 penalty (`softmax+reg`)."""
GRADIENTS = ("y", "W2", "b2", "h", "z", "W1", "b1", "X")
"""The gradients the derivation states, in the order it derives them."""
SIZES = ("N", "D", "H", "C")

NOTATION = Notation(names={"X": "X", "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2", "T": "T", "Y": "Y",
                           "P": "P", "z": "z", "h": "h", "y": "y", "r": "r", "L": "L", "ell": r"{\ell}",
                           "reg": r"\lambda"}, text={"reg": "λ"})


def network(variant):
    """The graph for one loss (`squared`: r = y − T, L = ‖r‖²; `softmax`: the cross-entropy of y), and with
    `+reg` the penalty added: L = data loss + λ‖W₁‖² + λ‖W₂‖²."""
    loss, penalty = variant.removesuffix(PENALTY), variant.endswith(PENALTY)
    g = graph(sizes=SIZES)
    X, W1, b1 = g.input("X", "N,D"), g.input("W1", "D,H"), g.input("b1", "1,H")
    W2, b2 = g.input("W2", "H,C"), g.input("b2", "1,C")
    target = g.given("T", "N,C") if loss == "squared" else g.labels("Y", "N,C")
    z = g.node("z", X @ W1 + b1)
    h = g.node("h", relu(z))
    y = g.node("y", h @ W2 + b2)
    data = squared_norm(g.node("r", y - target)) if loss == "squared" else softmax_cross_entropy(y, target)
    if penalty:
        reg = g.param("reg")
        data = data + reg * squared_norm(W1) + reg * squared_norm(W2)
    g.loss(data)
    return g


def variant_of(example):
    """An example's graph: its loss, with the penalty only where reg > 0 (reg = 0 is the loss alone)."""
    return example.values["loss"] + (PENALTY if example.values["reg"] else "")


def tex(expr, values=None):
    """LaTeX in this derivation's notation."""
    return NOTATION.tex(expr, values)


def grad_tex(node):
    r"""\frac{\partial L}{\partial W_1}."""
    return NOTATION.matrix(f"dL_d{node}")
