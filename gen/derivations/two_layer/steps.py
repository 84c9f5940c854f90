"""The derivation's named equations, as sympy objects taken from the ops and the backward walk.

Each gradient is derived in index notation at the op that consumes it (Σ upstream × local, the
delta collapses a sum, a transpose names the swapped index) and ends in the matrix form the walk
gives.  Equation numbers are given by order (`number`), never typed.
"""

from dataclasses import dataclass

import sympy as sp

from gen.derivations.two_layer.graph import GRADIENTS, NAMED, network
from gen.derivations.two_layer.notation import Entry, Partial, grad_name, i, j, k, p, q

NOTE_STEPS = {"W2": "dL_dW2", "S1": "summary_masked", "S2": "summary_unmasked"}
"""The note's equations that the reduction arrives at (its own tags, on its derivation page)."""


@dataclass(frozen=True)
class Step:
    """One named, numbered equation: `lhs = line = line …`."""

    name: str
    """Its name, by which templates refer to it (its number comes from its position)."""
    lhs: object
    """The left-hand side (a sympy object: a gradient symbol or one entry of it)."""
    lines: tuple
    """The right-hand sides, each equal to the last (the matrix form)."""
    loss: str | None = None
    """`squared` or `softmax` when the equation holds for that loss only."""


def named_consumer(graph, name):
    """The first named node (or the loss) that `name` flows into, with the op and input position used."""
    consumer, k_in = graph.consumers(name)[0]
    op_node, position = consumer, k_in
    while consumer.name not in NAMED and consumer.name != graph.loss:
        consumer = graph.consumers(consumer.name)[0][0]
    return consumer, op_node, position


def index_lines(graph, name):
    """∂L/∂name_pq = Σ_ij (∂L/∂out)_ij ∂out_ij/∂name_pq = … = (matrix form)_pq."""
    out, op_node, position = named_consumer(graph, name)
    rows, cols = out.shape
    g = grad_name(out.name)
    G = sp.IndexedBase(g)
    bounds = {i: rows, j: cols}
    total = lambda e: sp.Sum(e, (i, 1, rows), (j, 1, cols))  # noqa: E731
    lines = [total(G[i, j] * Partial(sp.Symbol(out.name), i, j, sp.Symbol(name), p, q)),
             total(G[i, j] * op_node.op.local(op_node.inputs, position, (i, j), (p, q)))]
    for expr, index in op_node.op.collapsed(op_node.inputs, g, position, (p, q), (i, j)):
        lines.append(expr if index is None else sp.Sum(expr, (index, 1, bounds[index])))
    lines.append(Entry(graph.one_step(name), p, q))
    return tuple(lines)


def loss_lines(graph, loss):
    """∂L/∂y_pq at the loss: for ‖r‖² through r = y − T, for cross-entropy directly."""
    y = sp.IndexedBase("y")
    if loss == "squared":
        norm = graph.nodes["L"].op
        return tuple(sp.Sum(e, *((s, 1, b) for s, b in zip(idx, graph.nodes["r"].shape))) if idx else e
                     for e, idx in norm.index_lines(("r",), (p, q), (i, j)))
    return tuple(e for e, _ in graph.nodes["L"].op.index_lines(("y", "Y"), (p, q), (i, j, k)))


def gradient_symbol(graph, name):
    """∂L/∂name as a matrix symbol."""
    return sp.MatrixSymbol(grad_name(name), *graph.nodes[name].shape)


def steps():
    """Every equation of the derivation page, in order."""
    graphs = {loss: network(loss) for loss in ("squared", "softmax")}
    sq, sm = graphs["squared"], graphs["softmax"]
    s = sq.symbols()
    out = [Step("dy_squared_index", sp.Indexed(sp.IndexedBase("dL_dy"), p, q), loss_lines(sq, "squared"), "squared"),
           Step("dy_squared", gradient_symbol(sq, "y"),
                (gradient_symbol(sq, "r"), sq.backward(s)["y"], sp.MatMul(2, sq.nodes["r"].op.expr(s["y"], s["T"]), evaluate=False)), "squared"),
           Step("dy_softmax_index", sp.Indexed(sp.IndexedBase("dL_dy"), p, q), loss_lines(sm, "softmax"), "softmax"),
           Step("dy_softmax", gradient_symbol(sm, "y"), (sm.backward(sm.symbols())["y"],), "softmax")]
    for name in GRADIENTS[1:]:
        out.append(Step(f"d{name}_index", sp.Indexed(sp.IndexedBase(grad_name(name)), p, q), index_lines(sq, name)))
        out.append(Step(f"d{name}", gradient_symbol(sq, name), (sq.one_step(name),)))
    for loss, graph in graphs.items():
        full = graph.backward(graph.symbols())
        out += [Step(f"full_{loss}_{name}", gradient_symbol(graph, name), (full[name],), loss) for name in GRADIENTS]
    return tuple(out + list(reduction_steps(sq)))


def reduction_steps(graph):
    """The general squared-loss results with T = 0 (so r = y) and zero biases: the note's (6), (S1), (S2)."""
    s = graph.symbols()
    full = graph.backward(s)
    to_note = {s["r"]: s["y"]}
    s1 = full["W1"].xreplace(to_note)
    # For L = ‖y‖² a row of y is zero where h is, so the mask changes nothing (proven per pattern).
    s2 = s1.replace(lambda e: isinstance(e, sp.HadamardProduct), lambda e: e.args[0]).doit()  # 2 Xᵀ y W₂ᵀ
    return (Step("note_W2", gradient_symbol(graph, "W2"), (full["W2"].xreplace(to_note),), "squared"),
            Step("note_S1", gradient_symbol(graph, "W1"), (s1,), "squared"),
            Step("note_S2", gradient_symbol(graph, "W1"), (s2,), "squared"))


def number(all_steps):
    """Step name → its equation number, by order (index-notation steps share their matrix step's)."""
    return {step.name: str(n) for n, step in enumerate(all_steps, start=1)}
