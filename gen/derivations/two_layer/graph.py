"""The two-layer net as a graph of ops, and the one backward walk: upstream × local = downstream.

The same walk gives the matrix form (over matrix symbols) and the worked numbers (over
explicit matrices); where a value feeds several consumers their contributions add (a fork sums).
"""

import sympy as sp

from gen.derivations.two_layer.notation import SIZES, grad_name
from gen.derivations.two_layer.ops import AddBias, MatMul, ReLU, SoftmaxCrossEntropy, SquaredNorm, Subtract
from gen.graph import Node  # the engine's node: name, op, inputs, shape (here numbers or N, D, H, C)

LOSSES = ("squared", "softmax")
PARAMETERS = ("X", "W1", "b1", "W2", "b2")
"""The inputs whose gradients are taken (the target T and the one-hot Y are data)."""
GRADIENTS = ("y", "W2", "b2", "h", "z", "W1", "b1", "X")
"""The gradients the derivation states, in the order it derives them."""
DATA = ("T", "Y")
"""Inputs that are data, not parameters: the target and the one-hot labels."""
NAMED = ("z", "h", "y", "r")
"""Intermediates with a name of their own (X W₁ and h W₂ are passed straight through the add)."""


class Graph:
    """Nodes in topological order, the last one the scalar loss."""

    def __init__(self, leaves, ops):
        nodes = {name: Node(name, None, (), shape) for name, shape in leaves.items()}
        for name, op, inputs in ops:
            nodes[name] = Node(name, op, tuple(inputs), op.shape(*(nodes[i].shape for i in inputs)))
        self.nodes, self.order, self.loss = nodes, tuple(nodes), tuple(nodes)[-1]

    def consumers(self, name):
        """(node, input position) pairs that read `name`."""
        return [(n, k) for n in self.nodes.values() for k, i in enumerate(n.inputs) if i == name]

    def symbols(self):
        """Each node's matrix symbol (the matrix form)."""
        return {n: sp.MatrixSymbol(n, *self.nodes[n].shape) for n in self.order}

    def forward(self, leaf_values):
        """Every node's value from the inputs' values (exact when the inputs are)."""
        values = dict(leaf_values)
        for node in self.nodes.values():
            if node.op is not None:
                values[node.name] = node.op.forward(*(values[i] for i in node.inputs))
        return values

    def backward(self, values):
        """∂L/∂v for every node but the data, walking from L back to the inputs.

        Each consumer c of v contributes c's vjp of the upstream ∂L/∂c; the contributions add."""
        grads = {}
        for name in reversed(self.order[:-1]):
            parts = [c.op.vjp([values[i] for i in c.inputs], grads.get(c.name), k)
                     for c, k in self.consumers(name) if c.name == self.loss or c.name in grads]
            if parts and name not in DATA:
                grads[name] = sum(parts[1:], parts[0])
        return grads

    def one_step(self, name):
        """∂L/∂name in terms of the next named node's gradient symbol, e.g. ∂L/∂W₁ = Xᵀ ∂L/∂z."""
        symbols = self.symbols()
        consumer, k = self.consumers(name)[0]
        upstream = None
        if consumer.name in NAMED:
            upstream = sp.MatrixSymbol(grad_name(consumer.name), *consumer.shape)
        elif consumer.name != self.loss:  # X W₁ and h W₂: the add hands ∂L/∂z on unchanged
            upstream = self.one_step(consumer.name)
        return consumer.op.vjp([symbols[i] for i in consumer.inputs], upstream, k)


def network(loss, sizes=SIZES):
    """CS231n's two-layer net: z = X W₁ + 𝟏b₁, h = ReLU(z), y = h W₂ + 𝟏b₂, and the loss."""
    n, d, h, c = sizes
    leaves = {"X": (n, d), "W1": (d, h), "b1": (1, h), "W2": (h, c), "b2": (1, c),
              **({"T": (n, c)} if loss == "squared" else {"Y": (n, c)})}
    ops = [("xw1", MatMul(), ("X", "W1")), ("z", AddBias(), ("xw1", "b1")), ("h", ReLU(), ("z",)),
           ("hw2", MatMul(), ("h", "W2")), ("y", AddBias(), ("hw2", "b2"))]
    if loss == "squared":
        ops += [("r", Subtract(), ("y", "T")), ("L", SquaredNorm(), ("r",))]
    else:
        ops += [("L", SoftmaxCrossEntropy(), ("y", "Y"))]
    return Graph(leaves, ops)
