"""The one walk over a graph: forward values, then the chain rule backward, where a value that fans out
sums its consumers' contributions (upstream × local = downstream at every consumer).

The same walk runs on explicit matrices (the worked numbers, or named entries such as x11) and on
matrix symbols (the matrix form, sizes N, D symbolic).  A backward step is taken one of two ways:

    vjp      each op's matrix rule: ∂L/∂A = G Bᵀ …  (matrix form, and fast numbers)
    entries  entry by entry, Σ upstream · local, kept unevaluated in that order (the note's lines)
"""

import sympy as sp

from gen.matexpr import gradient
from gen.unevaluated import prune


def forward(graph, values, case=None, settle=None):
    """Every node's value from the inputs' explicit values (exact when they are).

    Under `case` (`gen.cases.Case`), each kink op takes the case's side instead of its numbers'.  `settle`, if
    given, is applied to the value of every op that `settles` (tanh: an RNN's hₜ would otherwise be tanh of
    tanh of … written out, growing with every step)."""
    out = dict(values)
    for name, node in graph.nodes.items():
        if node.role == "constant":
            out[name] = sp.ImmutableMatrix([[node.value]])
            continue
        if node.op is None:
            if name not in out:
                raise KeyError(f"no value given for the input {name!r}")
            continue
        args = [out[i] for i in node.inputs]
        if case is not None and node.op.kink:
            out[name] = node.op.forward_case(*args, case.mask(node.inputs[0]))
        else:
            out[name] = node.op.forward(*args)
        if settle is not None and node.op.settles:
            out[name] = settle(out[name])
    return out


def backward(graph, values, rule="vjp"):
    """∂L/∂v for every node that is not data, from the values (explicit or symbols) of every node."""
    grads = {graph.order[-1]: sp.Integer(1)}
    for name in reversed(graph.order[:-1]):
        if graph.nodes[name].is_data:
            continue
        consumers = [(c, k) for c, k in graph.consumers(name) if c.name in grads]
        if rule == "entries":
            grads[name] = _entry_gradient(graph, values, grads, name, consumers)
            continue
        parts = [vjp(c.op, [values[i] for i in c.inputs], grads[c.name], k, values.get(c.name)) for c, k in consumers]
        if parts:
            grads[name] = parts[0] if len(parts) == 1 else _sum(parts)
    return grads


def vjp(op, inputs, g, k, out):
    """The op's vector–Jacobian product; an op whose derivative is read off its output (tanh) is given it."""
    return op.vjp(inputs, g, k, out=out) if getattr(op, "uses_output", False) else op.vjp(inputs, g, k)


def _sum(parts):
    if any(isinstance(p, sp.MatrixExpr) and not isinstance(p, sp.MatrixBase) for p in parts):
        return sp.MatAdd(*parts)
    return sp.ImmutableMatrix(sum(parts[1:], parts[0]))


def terms(graph, values, grads, name, at):
    """The chain-rule terms (upstream, local, consumer, out) of ∂L/∂name[at], entry by entry."""
    found = []
    for node, k in graph.consumers(name):
        if node.name not in grads:
            continue
        rows, cols = node.shape
        for out in ((i, j) for i in range(rows) for j in range(cols)):
            local = node.op.local([values[i] for i in node.inputs], k, out, at)
            if local != 0:
                upstream = grads[node.name]
                found.append((upstream if upstream == 1 else upstream[out], local, node.name, out))
    return found


def _entry_gradient(graph, values, grads, name, consumers):
    """∂L/∂name entry by entry: Σ upstream · local, upstreams put in, zeros dropped."""
    rows, cols = graph.nodes[name].shape
    return sp.ImmutableMatrix(rows, cols, lambda i, j: prune(sp.Add(
        *(sp.Mul(up, loc, evaluate=False) for up, loc, _, _ in terms(graph, values, grads, name, (i, j))),
        evaluate=False)))


def one_step(graph, name):
    """∂L/∂name in terms of the gradient symbols of the named nodes it feeds (through unnamed ones),
    e.g. ∂L/∂W₁ = Xᵀ ∂L/∂z although X W₁ is added to 𝟏b₁ before it is z."""
    parts = []
    for consumer, k in graph.consumers(name):
        if consumer.role == "loss":
            upstream = sp.Integer(1)
        elif consumer.role == "hidden":
            upstream = one_step(graph, consumer.name)
        else:
            upstream = gradient(consumer.name, consumer.shape)
        out = graph.symbols[consumer.name] if consumer.role != "hidden" else None
        parts.append(vjp(consumer.op, [graph.symbols[i] for i in consumer.inputs], upstream, k, out))
    return parts[0] if len(parts) == 1 else sp.MatAdd(*parts, evaluate=False)  # in the order of the paths
