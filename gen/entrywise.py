"""A fixed-size graph walked over its named entries (x₁₁, w₂₁, z₁, …), for a derivation that shows every
entry: ∂L/∂w₂₁ = 2 y₁₁ h₁ + 2 y₂₁ h₂ as upstream · local, beside the matrix form, and the notation
such a derivation writes its chain rule with (∂L/∂y ∂y/∂w₂₁, Σᵢⱼ, [∂L/∂wᵢⱼ])."""

from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from gen.cases import cases
from gen.matexpr import mask
from gen.notation import entry_tex, generic_entry_tex, index_tex, matrix_tex, partial, sum_tex
from gen.ops import Indicator
from gen.walk import backward, forward, terms


@dataclass(frozen=True)
class EntryForm:
    """A graph with `entry_names`, and both walks over it: entry by entry and in matrix form."""

    graph: object
    """The graph (`gen.graph.Graph`), its entries named."""

    @property
    def E(self):
        """Node → matrix of named entries (x11, w12, z1, …)."""
        return self.graph.entries

    @property
    def M(self):
        """Node → matrix symbol (X, W_1, …)."""
        return self.graph.symbols

    @property
    def loss(self):
        return self.graph.order[-1]

    @cached_property
    def cases(self):
        """Every sign pattern of the kinks' inputs, all on first."""
        return cases(self.graph)

    @cached_property
    def entry_grads(self):
        """∂L/∂node entry by entry: Σ upstream · local in that order, over the named entries."""
        return backward(self.graph, self.E, rule="entries")

    @cached_property
    def matrix_grads(self):
        """∂L/∂node in matrix form, from each op's rule (e.g. Xᵀ((2 y W₂ᵀ) ⊙ 1[z > 0]))."""
        return backward(self.graph, self.M)

    def gradient(self, name):
        """The matrix ∂L/∂name, entry by entry."""
        return self.entry_grads[name]

    def gradient_entry(self, name, at):
        """∂L/∂name[at] as upstream · local terms (upstreams put in, zeros dropped)."""
        return sp.Integer(1) if name == self.loss else self.entry_grads[name][at]

    def matrix_gradient(self, name):
        """∂L/∂name in matrix form."""
        return self.matrix_grads[name]

    def local(self, of, k, out, at):
        """∂of[out]/∂input_k[at], in the inputs' named entries."""
        node = self.graph.nodes[of]
        return node.op.local([self.E[i] for i in node.inputs], k, out, at)

    def terms(self, name, at):
        """The chain-rule terms (upstream, local, consumer, out) of ∂L/∂name[at]."""
        return terms(self.graph, self.E, self.entry_grads, name, at)

    def forward(self, values):
        """Every node's value from the inputs'."""
        return forward(self.graph, values)

    def matrix_env(self, values):
        """Matrix symbols → matrices (entries or numbers), with every kink's mask 1[z > 0]."""
        env = {self.M[n]: sp.ImmutableMatrix(v) for n, v in values.items() if n in self.M}
        for _, z in self.graph.kinks():
            env[mask(self.M[z])] = sp.ImmutableMatrix(values[z]).applyfunc(Indicator)
        return env

    def entry_tex(self, node, i, j):
        """LaTeX of one entry, e.g. w_{21}."""
        return entry_tex(self.graph.entry_names[node], i, j)

    def generic_entry_tex(self, node, index):
        """A generic entry with a letter index, e.g. w_{2j}."""
        return generic_entry_tex(self.graph.entry_names[node], index)

    def index_tex(self, node, shape):
        """y_{ij} for a matrix, z_{i} for a vector."""
        return index_tex(self.graph.entry_names[node], shape)

    # ---- the notation of the chain rule, entry by entry -----------------------------------
    def grad_lhs(self, node, at=None):
        """∂L/∂node or ∂L/∂node[at]."""
        return partial("L", matrix_tex(node) if at is None else self.entry_tex(node, *at))

    def entrywise(self, expr):
        """A matrix-form expression with each matrix symbol written out entry by entry (unevaluated)."""
        env = {}
        for name, entries in self.E.items():
            env[self.M[name].T] = entries.T
            env[self.M[name]] = entries
        return expr.xreplace(env).replace(
            lambda e: isinstance(e, sp.MatrixSlice) and isinstance(e.parent, sp.MatrixBase),
            lambda e: e.parent[slice(*e.rowslice), slice(*e.colslice)])

    def chain_tex(self, node):
        """∂L/∂L ∂L/∂y … ∂·/∂node along the graph's path from L down to `node`."""
        path = [node]
        while path[-1] != self.loss:
            path.append(self.graph.consumers(path[-1])[0][0].name)
        names = [matrix_tex(n) for n in reversed(path)]
        return " ".join([partial(names[0], names[0])] + [partial(a, b) for a, b in zip(names, names[1:])])

    def sum_notation(self, node, at):
        """Σ ∂L/∂c ∂c/∂node[at] over the entries of node's consumer c."""
        consumer = self.graph.consumers(node)[0][0]
        generic = self.index_tex(consumer.name, consumer.shape)
        return f"{sum_tex(consumer.shape)} {partial('L', generic)} {partial(generic, self.entry_tex(node, *at))}"

    def partials_matrix(self, numerator, node):
        """[∂numerator/∂node_ij] as LaTeX, shaped like node."""
        rows = [" & ".join(partial(numerator, self.entry_tex(node, i, j)) for j in range(self.E[node].cols))
                for i in range(self.E[node].rows)]
        return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"

    def local_matrix(self, of, wrt, at=None, out=None):
        """∂of/∂wrt[at] shaped like `of`, or ∂of[out]/∂wrt shaped like `wrt`."""
        node = self.graph.nodes[of]
        k = node.inputs.index(wrt)
        if out is None:
            return sp.ImmutableMatrix(*node.shape, lambda i, j: self.local(of, k, (i, j), at))
        return sp.ImmutableMatrix(*self.graph.nodes[wrt].shape, lambda p, q: self.local(of, k, out, (p, q)))
