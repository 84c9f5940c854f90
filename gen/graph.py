"""A computational graph of ops and the walks over it: forward values and the chain rule.

Backward, entry by entry: ∂L/∂v_p = Σ_consumers Σ_q (∂L/∂c_q) · ∂c_q/∂v_p  (upstream × local),
kept unevaluated in the order upstream · local so it prints the way it is derived.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import product

import sympy as sp

from gen.notation import Indicator, entry_matrix, matrix_symbol
from gen.ops import ReLU, local_derivative_mask, mask_symbol


@dataclass(frozen=True)
class Node:
    """One value of the graph."""

    name: str
    """Its name (`X`, `z`, …), also the key of its notation."""
    op: object
    """The operation that computes it, or None for an input."""
    inputs: tuple
    """Names of the operation's inputs, in order."""
    shape: tuple
    """(rows, columns)."""


@dataclass(frozen=True)
class Case:
    """One sign pattern of a ReLU's inputs: which units are on (z_i > 0)."""

    on: tuple
    """on[i] is True when z_i > 0, False when z_i ≤ 0."""
    z: tuple
    """The ReLU input's entry symbols z_1, z_2, …"""

    @property
    def id(self):
        """Stable text id, e.g. `z1>0,z2<=0`."""
        return ",".join(f"z{i + 1}{'>0' if o else '<=0'}" for i, o in enumerate(self.on))

    @property
    def slug(self):
        """Short name for ids and anchors, e.g. `on-off`."""
        return "-".join("on" if o else "off" for o in self.on)

    def conditions(self):
        """The sympy relations z_i > 0 / z_i ≤ 0 of this case."""
        return tuple(sp.StrictGreaterThan(v, 0) if o else sp.LessThan(v, 0, evaluate=False)
                     for v, o in zip(self.z, self.on))

    def substitute(self, expr):
        """`expr` with each 1[z_i > 0] replaced by this case's 1 or 0."""
        masks = {Indicator(v): sp.Integer(int(o)) for v, o in zip(self.z, self.on)}
        return prune(replace_unevaluated(expr, masks))


def replace_unevaluated(expr, mapping):
    """`expr` with subexpressions replaced, sums and products kept in their printed order."""
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(lambda e: replace_unevaluated(e, mapping)))
    if expr in mapping:
        return mapping[expr]
    if isinstance(expr, (sp.Add, sp.Mul)):
        return expr.func(*(replace_unevaluated(a, mapping) for a in expr.args), evaluate=False)
    return expr.xreplace(mapping)


def prune(expr):
    """Drop 0 terms and factors of 1, and turn products with a factor 0 into 0, keeping order."""
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(prune))
    if not isinstance(expr, (sp.Add, sp.Mul)):
        return expr
    args = [prune(a) for a in expr.args]
    if isinstance(expr, sp.Mul):
        if any(a == 0 for a in args):
            return sp.Integer(0)
        args = [a for a in args if a != 1] or [sp.Integer(1)]
        return args[0] if len(args) == 1 else sp.Mul(*args, evaluate=False)
    args = [a for a in args if a != 0] or [sp.Integer(0)]
    return args[0] if len(args) == 1 else sp.Add(*args, evaluate=False)


class Graph:
    """Nodes in topological order, the last one the scalar loss."""

    def __init__(self, leaves, ops, entry_names):
        nodes = {name: Node(name, None, (), shape) for name, shape in leaves.items()}
        for name, op, inputs in ops:
            shape = op.shape(*(nodes[i].shape for i in inputs))
            nodes[name] = Node(name, op, tuple(inputs), shape)
        self.nodes = nodes
        self.entry_names = dict(entry_names)
        self.order = tuple(nodes)
        self.loss = self.order[-1]

    def consumers(self, name):
        """(node, input position) pairs that read `name`."""
        return [(n, k) for n in self.nodes.values() for k, i in enumerate(n.inputs) if i == name]

    @cached_property
    def entries(self):
        """Each node's matrix of named entry symbols (the loss has none)."""
        return {n: entry_matrix(self.entry_names[n], self.nodes[n].shape) for n in self.order if n != self.loss}

    @cached_property
    def symbols(self):
        """Each node's matrix symbol, for matrix-form equations."""
        return {n: matrix_symbol(n, self.nodes[n].shape) for n in self.order}

    def forward(self, leaf_values):
        """All node values from the inputs' values (exact if the inputs are)."""
        values = dict(leaf_values)
        for name in self.order:
            node = self.nodes[name]
            if node.op is not None:
                values[name] = node.op.forward(*(values[i] for i in node.inputs))
        return values

    def local(self, consumer, k, out, at):
        """∂consumer[out]/∂input_k[at], in the consumer inputs' named entries."""
        node = self.nodes[consumer]
        return node.op.local([self.entries[i] for i in node.inputs], k, out, at)

    def terms(self, name, at):
        """The chain-rule terms (upstream, local, consumer, out) of ∂L/∂name[at]."""
        found = []
        for node, k in self.consumers(name):
            rows, cols = node.shape
            for out in product(range(rows), range(cols)):
                local = self.local(node.name, k, out, at)
                if local != 0:
                    found.append((self.gradient_entry(node.name, out), local, node.name, out))
        return found

    @lru_cache(maxsize=None)
    def gradient_entry(self, name, at):
        """∂L/∂name[at] as upstream · local terms (upstreams substituted, zeros dropped)."""
        if name == self.loss:
            return sp.Integer(1)
        return prune(sp.Add(*(sp.Mul(up, loc, evaluate=False) for up, loc, _, _ in self.terms(name, at)),
                            evaluate=False))

    def gradient(self, name):
        """The matrix ∂L/∂name, entry by entry."""
        rows, cols = self.nodes[name].shape
        return sp.ImmutableMatrix(rows, cols, lambda i, j: self.gradient_entry(name, (i, j)))

    def matrix_gradient(self, name):
        """∂L/∂name in matrix form, from each op's matrix rule (e.g. Xᵀ((2 y W₂ᵀ) ⊙ 1[z > 0]))."""
        if name == self.loss:
            return sp.Integer(1)
        parts = []
        for node, k in self.consumers(name):
            upstream = self.matrix_gradient(node.name)
            parts.append(node.op.vjp([self.symbols[i] for i in node.inputs], upstream, k))
        return parts[0] if len(parts) == 1 else sp.MatAdd(*parts)

    def relu_nodes(self):
        """Names of the nodes computed by a ReLU, with their input's name."""
        return [(n.name, n.inputs[0]) for n in self.nodes.values() if isinstance(n.op, ReLU)]

    def cases(self, relu_input):
        """Every sign pattern of the entries of a ReLU's input, all-on first."""
        z = tuple(self.entries[relu_input])
        return tuple(Case(tuple(not off for off in flags), z)
                     for flags in product((False, True), repeat=len(z)))

    def matrix_env(self, values):
        """Matrix symbols → matrices (entries or numbers), with each ReLU mask 1[z > 0]."""
        env = {self.symbols[n]: sp.ImmutableMatrix(values[n]) for n in values if n in self.symbols}
        for _, z in self.relu_nodes():
            env[mask_symbol(self.symbols[z])] = local_derivative_mask(sp.ImmutableMatrix(values[z]))
        return env


def explicit(expr, env):
    """A matrix expression with its matrix symbols replaced by `env` and multiplied out."""
    replaced = expr.xreplace(env)
    if isinstance(replaced, sp.MatrixExpr):
        return sp.ImmutableMatrix(replaced.as_explicit())
    return replaced.doit() if hasattr(replaced, "doit") else replaced
