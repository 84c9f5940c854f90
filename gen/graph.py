"""A derivation's computational graph, declared in a few lines from the op table:

    g = graph(sizes=("N", "D"))
    X, gamma = g.input("X", "N,D"), g.input("gamma", "1,D")
    G = g.given("G", "N,D")                      # data: no gradient is taken for it
    mu = g.node("mu", mean_rows(X))               # a named value, printed and derived
    xhat = g.node("xhat", (X - mu) / sqrt(var + g.param("eps")))
    g.loss(sum_of(G * y))

Arithmetic on values (`+ - * / @ **`) and the builders below add nodes; an expression written twice
is one node (so X − μ used twice fans out).  Unnamed nodes carry the gradient through but are not
named on the pages.  Shapes are "rows,cols" with sizes as letters (symbols) or numbers.
"""

from dataclasses import dataclass, replace
from functools import cached_property

import sympy as sp

from gen.matexpr import symbolic
from gen.notation import entry_matrix
from gen.ops import (Add, Correlate, Div, Gather, Hinge, MatMul, Mul, Pow, Reduce, ReLU, Scale, SoftmaxCrossEntropy, SquaredNorm,
                     Subtract, SumProduct, Tanh)


@dataclass(frozen=True)
class Node:
    """One value of the graph."""

    name: str
    """Its name (`X`, `z`, …; `_3` for an unnamed value), also the key of its notation."""
    op: object
    """The op that computes it, or None for an input."""
    inputs: tuple
    """Names of the op's inputs, in order."""
    shape: tuple
    """(rows, columns): numbers, or size symbols such as N."""
    role: str = "node"
    """`input` (a parameter, differentiated), `given` or `labels` (data), `constant`, `node` (named), `hidden`
    (unnamed), `loss`."""
    value: object = None
    """A constant's value (a number)."""

    @property
    def is_data(self):
        """Inputs that are data or constants: no gradient is taken for them."""
        return self.role in ("given", "labels", "constant")


class Value:
    """A node while the graph is being written: arithmetic on it adds nodes."""

    def __init__(self, graph, name):
        self.graph, self.name = graph, name

    @property
    def shape(self):
        return self.graph.nodes[self.name].shape

    def __add__(self, other):
        return self.graph.apply(Add, self, other)

    def __sub__(self, other):
        return self.graph.apply(Subtract, self, other)

    def __mul__(self, other):
        if not isinstance(other, Value):
            return self.graph.apply(Scale, self, factor=sp.sympify(other))
        return self.graph.apply(Mul, self, other)

    __rmul__ = __mul__

    def __truediv__(self, other):
        if not isinstance(other, Value):
            return self.graph.apply(Scale, self, factor=1 / sp.sympify(other))
        return self.graph.apply(Div, self, other)

    def __matmul__(self, other):
        return self.graph.apply(MatMul, self, other)

    def __pow__(self, exponent):
        return self.graph.apply(Pow, self, exponent=sp.sympify(exponent))


def relu(z):
    """max(0, z) entry by entry."""
    return z.graph.apply(ReLU, z)


def hinge(m):
    """max(0, m) entry by entry: ReLU's rule, printed as the hinge it is."""
    return m.graph.apply(Hinge, m)


def tanh(a):
    """tanh(a) entry by entry."""
    return a.graph.apply(Tanh, a)


def gather(s, onehot):
    """sᵢ = S[i, yᵢ]: one entry per row, picked by the one-hot labels."""
    return s.graph.apply(Gather, s, onehot)


def correlate(x, kernel, pad=0, stride=1):
    """pad_p(X) ⋆_s K: the 2-D cross-correlation of a convolution layer, X padded by `pad` zeros on each side,
    the kernel moved by `stride`."""
    return x.graph.apply(Correlate, x, kernel, pad=pad, stride=stride)


def sqrt(a):
    """√a entry by entry (the power 1/2)."""
    return a.graph.apply(Pow, a, exponent=sp.Rational(1, 2))


def mean_rows(a):
    """(1/N) 𝟏ᵀ A: the mean of the rows, a 1×D row."""
    return a.graph.apply(Reduce, a, over="rows", mean=True)


def sum_rows(a):
    """𝟏ᵀ A: the sum of the rows."""
    return a.graph.apply(Reduce, a, over="rows")


def sum_of(a):
    """Σᵢⱼ aᵢⱼ; of a product G ⊙ y with G given, the op Σ G ⊙ y (G is then the upstream of y)."""
    node = a.graph.nodes[a.name]
    if isinstance(node.op, Mul) and any(a.graph.nodes[i].is_data for i in node.inputs):
        data, other = sorted(node.inputs, key=lambda i: not a.graph.nodes[i].is_data)
        return a.graph.apply(SumProduct, Value(a.graph, data), Value(a.graph, other))
    return a.graph.apply(Reduce, a, over="all")


def mean_of(a):
    """(1/(N D)) Σᵢⱼ aᵢⱼ."""
    return a.graph.apply(Reduce, a, over="all", mean=True)


def batch_mean(a):
    """(1/N) Σᵢⱼ aᵢⱼ: everything summed, divided by the number of rows (a loss per example)."""
    return a.graph.apply(Reduce, a, over="all", mean="rows")


def squared_norm(a):
    """‖a‖² = Σᵢⱼ aᵢⱼ²."""
    return a.graph.apply(SquaredNorm, a)


def softmax_cross_entropy(y, onehot):
    """(1/N) Σᵢ −log softmax(yᵢ)[ℓᵢ], with Y the one-hot labels."""
    return y.graph.apply(SoftmaxCrossEntropy, y, onehot)


def _shape(text, sizes):
    """"N,D" → (N, D) with the graph's size symbols; numbers stay numbers, and so does a size already made
    (a value's shape, such as a convolution's H − k_h + 1)."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for part in parts:
        part = part.strip() if isinstance(part, str) else part
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            out.append(int(part))
        elif isinstance(part, sp.Expr):
            out.append(part)
        elif part in sizes:
            out.append(sizes[part])
        else:
            raise ValueError(f"unknown size {part!r} in shape {text!r} (sizes: {', '.join(sizes)})")
    return tuple(out)


class Graph:
    """Nodes in the order they were written (topological), the last one the scalar loss `L`."""

    def __init__(self, sizes=(), entry_names=None):
        self.sizes = {s: sp.Symbol(s, integer=True, positive=True) for s in sizes}
        self.nodes = {}
        self.entry_names = dict(entry_names or {})
        self._made = {}

    # ---- writing the graph --------------------------------------------------------------
    def _add(self, node):
        if node.name in self.nodes:
            raise ValueError(f"the graph already has a node {node.name!r}")
        self.nodes[node.name] = node
        return Value(self, node.name)

    def input(self, name, shape):
        """A parameter: its gradient is taken."""
        return self._add(Node(name, None, (), _shape(shape, self.sizes), "input"))

    def given(self, name, shape):
        """Data (a target, a given upstream gradient): no gradient is taken for it."""
        return self._add(Node(name, None, (), _shape(shape, self.sizes), "given"))

    def labels(self, name, shape):
        """The one-hot matrix of class labels (Y_ij = 1 when row i's label is j): data."""
        return self._add(Node(name, None, (), _shape(shape, self.sizes), "labels"))

    def constant(self, value):
        """A number the graph uses (the SVM's margin 1), named by its value so that it prints as itself."""
        name = str(value)
        if name in self.nodes:
            return Value(self, name)
        return self._add(Node(name, None, (), (1, 1), "constant", sp.sympify(value)))

    def param(self, name):
        """A given number (1×1), such as ε."""
        return self.given(name, (1, 1))

    def apply(self, op_class, *values, **options):
        """The node op(values…), made once for the same op and inputs."""
        inputs = tuple(v.name for v in values)
        shapes = tuple(self.nodes[i].shape for i in inputs)
        op = op_class(shapes=shapes, **options)
        key = (op, inputs)
        if key not in self._made:
            shape = op.shape(*shapes)
            self._made[key] = self._add(Node(f"_{len(self.nodes)}", op, inputs, shape, "hidden")).name
        return Value(self, self._made[key])

    def node(self, name, value):
        """Give an unnamed value its name: it is printed and derived under it (its place is kept)."""
        old = value.name
        if self.nodes[old].role != "hidden" or name in self.nodes:
            raise ValueError(f"cannot name {old!r} {name!r}: it is already named, or the name is taken")

        def renamed(names):
            return tuple(name if i == old else i for i in names)
        self.nodes = {(name if key == old else key): replace(n, name=name if key == old else key, inputs=renamed(n.inputs),
                                                             role="node" if key == old else n.role)
                      for key, n in self.nodes.items()}
        self._made = {(op, renamed(inputs)): (name if made == old else made) for (op, inputs), made in self._made.items()}
        return Value(self, name)

    def loss(self, value):
        """Name the scalar loss `L` and drop every node the loss does not read."""
        self.node("L", value)
        self.nodes["L"] = replace(self.nodes["L"], role="loss")
        needed, stack = set(), ["L"]
        while stack:
            name = stack.pop()
            if name not in needed:
                needed.add(name)
                stack.extend(self.nodes[name].inputs)
        self.nodes = {n: node for n, node in self.nodes.items() if n in needed or node.op is None}
        return Value(self, "L")

    # ---- reading it -----------------------------------------------------------------------
    @property
    def order(self):
        """Node names, inputs and nodes in the order written."""
        return tuple(self.nodes)

    @property
    def named(self):
        """The names shown on the pages: inputs, givens, named nodes and the loss."""
        return tuple(n for n, node in self.nodes.items() if node.role != "hidden")

    def consumers(self, name):
        """(node, input position) pairs that read `name`."""
        return [(n, k) for n in self.nodes.values() for k, i in enumerate(n.inputs) if i == name]

    @cached_property
    def symbols(self):
        """Each node's matrix symbol, for matrix-form equations."""
        return {n: sp.MatrixSymbol(n, *node.shape) for n, node in self.nodes.items()}

    def expression(self, name):
        """A node's forward rule over its inputs' symbols (X W₁ for an unnamed product)."""
        node = self.nodes[name]
        return node.op.expr(*(self.symbols[i] for i in node.inputs))

    def written(self, expr):
        """`expr` with every unnamed node's symbol replaced by its rule (X W₁ + 𝟏b₁, not _6 + 𝟏b₁)."""
        hidden = {self.symbols[n]: self.expression(n) for n, node in self.nodes.items() if node.role == "hidden"}
        return _replaced(expr, hidden)

    @cached_property
    def entries(self):
        """Each node's matrix of named entry symbols (fixed-size graphs with `entry_names`)."""
        return {n: entry_matrix(self.entry_names[n], self.nodes[n].shape) for n in self.order if n in self.entry_names}

    def shape_at(self, name, sizes):
        """The node's shape with the sizes given numbers."""
        given = {self.sizes[k]: v for k, v in sizes.items() if k in self.sizes}  # an example may fix more (G's)
        return tuple(int(sp.sympify(s).xreplace(given)) for s in self.nodes[name].shape)

    def kinks(self):
        """(node, its input) for every op with a kink (ReLU), in order."""
        return [(n.name, n.inputs[0]) for n in self.nodes.values() if n.op is not None and n.op.kink]

    def depends(self, name, on):
        """Whether node `name` is computed from `on` (or is it)."""
        if name == on:
            return True
        return any(self.depends(i, on) for i in self.nodes[name].inputs)


def _replaced(expr, rule):
    """`expr.xreplace(rule)` to the bottom, where a sum of 1×1 values that became numbers (Σ G₁ ⊙ h₁ + Σ G₂ ⊙ h₂) is a sum of numbers."""
    if expr in rule:
        return _replaced(rule[expr], rule)  # an unnamed value's rule may read unnamed values
    if not expr.args:
        return expr
    args = [_replaced(a, rule) for a in expr.args]
    if isinstance(expr, sp.MatAdd) and not any(isinstance(a, sp.MatrixExpr) for a in args):
        return sp.Add(*(t for a in args for t in (a.args if isinstance(a, sp.Add) else (a,))), evaluate=False)
    return expr.func(*args)


def graph(sizes=(), entry_names=None):
    """A new, empty graph with size symbols `sizes` (e.g. ("N", "D"))."""
    return Graph(sizes, entry_names)


def at_sizes(expr, graph, sizes):
    """A matrix expression with the size symbols given numbers."""
    if not sizes:
        return expr
    mapping = {graph.sizes[k]: v for k, v in sizes.items() if k in graph.sizes}
    return expr.xreplace(mapping) if symbolic(expr) or isinstance(expr, sp.Basic) else expr
