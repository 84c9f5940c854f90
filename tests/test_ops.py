"""Every op of the engine's table against the oracle, on random shapes: its matrix-form vector–Jacobian
product (through a one-op graph whose loss is Σ G ⊙ op(…), so the oracle differentiates the op's forward
rule), and its local derivative entry by entry (against sympy's derivative of that forward rule).  The
2-D cross-correlation is checked so at several (shape, pad, stride), its matrix form with p and s as
symbols too."""

import random

import pytest
import sympy as sp

from gen.graph import (batch_mean, correlate, gather, graph, hinge, mean_of, mean_rows, relu, softmax_cross_entropy, sqrt, squared_norm,
                       sum_of, sum_rows, tanh)
from gen.matexpr import gradient
from gen.ops import TABLE
from gen.ops.window import correlate as correlated, crop, dilate, pad
from gen.oracle import Claim, Oracle, entry_symbols

# name → (input shapes, how the op is applied to the graph's inputs); shapes are in the sizes N, D.
OPS = {
    "matmul": (("N,D", "D,N"), lambda a, b: a @ b),
    "add": (("N,D", "N,D"), lambda a, b: a + b),
    "add-row": (("N,D", "1,D"), lambda a, b: a + b),
    "add-scalar": (("1,D", "1,1"), lambda a, b: a + b),
    "subtract": (("N,D", "N,D"), lambda a, b: a - b),
    "subtract-row": (("N,D", "1,D"), lambda a, b: a - b),
    "scale": (("N,D",), lambda a: 3 * a),
    "mul": (("N,D", "N,D"), lambda a, b: a * b),
    "mul-row": (("1,D", "N,D"), lambda a, b: a * b),
    "div": (("N,D", "N,D"), lambda a, b: a / b),
    "div-row": (("N,D", "1,D"), lambda a, b: a / b),
    "square": (("N,D",), lambda a: a ** 2),
    "power": (("N,D",), lambda a: a ** sp.Rational(-3, 2)),
    "sqrt": (("N,D",), sqrt),
    "relu": (("N,D",), relu),
    "hinge": (("N,D",), hinge),
    "tanh": (("N,D",), tanh),
    "gather": (("N,D", "N,D"), gather),
    "batch-mean": (("N,D",), batch_mean),
    "mean-rows": (("N,D",), mean_rows),
    "sum-rows": (("N,D",), sum_rows),
    "mean-all": (("N,D",), mean_of),
    "sum-all": (("N,D",), sum_of),
}
LOSSES = {"squared-norm": squared_norm, "softmax": None}
SHAPES = [{"N": 1, "D": 1}, {"N": 2, "D": 3}, {"N": 3, "D": 1}]


def op_graph(key):
    """X, Y → out = op(X, Y) → L = Σ G ⊙ out (G given), on sizes N, D."""
    g = graph(sizes=("N", "D"))
    shapes, apply = OPS[key]
    inputs = [g.input(name, shape) for name, shape in zip(("A", "B"), shapes)]
    out = g.node("out", apply(*inputs))
    G = g.given("G", ",".join(str(s) for s in out.shape))
    g.loss(sum_of(G * out))
    return g


def test_every_op_of_the_table_is_exercised():
    from gen.graph import Graph
    seen = set()
    for key in OPS:
        seen |= {type(n.op) for n in op_graph(key).nodes.values() if n.op is not None}
    for loss in ("squared-norm", "softmax"):
        seen |= {type(n.op) for n in loss_graph(loss).nodes.values() if n.op is not None}
    seen |= {type(n.op) for n in conv_graph(0, 1).nodes.values() if n.op is not None}
    assert set(TABLE) <= seen, set(TABLE) - seen
    assert Graph  # the graphs above are the engine's own


@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: f"N{s['N']}D{s['D']}")
@pytest.mark.parametrize("key", list(OPS))
def test_vjp_agrees_with_the_oracle(key, sizes):
    g = op_graph(key)
    oracle = Oracle(g, sizes)
    node = g.nodes["out"]
    for k, name in enumerate(node.inputs):
        line = node.op.vjp([g.symbols[i] for i in node.inputs], gradient("out", node.shape), k)
        for case in oracle.cases:
            assert oracle.agrees(line, Claim("grad", name), case), (key, name, case)


def test_a_wrong_vjp_is_caught():
    g = op_graph("matmul")
    node, oracle = g.nodes["out"], Oracle(g, SHAPES[1])
    a, b = (g.symbols[i] for i in node.inputs)
    assert not oracle.agrees(gradient("out", node.shape).T * b.T, Claim("grad", "A"))  # G transposed too
    assert oracle.agrees(gradient("out", node.shape) * b.T, Claim("grad", "A"))
    g = op_graph("add-row")
    node, oracle = g.nodes["out"], Oracle(g, SHAPES[1])
    assert not oracle.agrees(gradient("out", node.shape), Claim("grad", "B"))  # the copied row's sum forgotten
    assert oracle.agrees(node.op.vjp([g.symbols[i] for i in node.inputs], gradient("out", node.shape), 1),
                         Claim("grad", "B"))


@pytest.mark.parametrize("key", list(OPS))
def test_local_agrees_with_sympy(key):
    """∂out[i,j]/∂input[p,q] from the op's rule equals sympy's diff of its forward, at every pair of entries."""
    rng = random.Random(key)
    g = op_graph(key)
    node = g.nodes["out"]
    sizes = {"N": 2, "D": 3}
    values = {i: entry_symbols(i, g.shape_at(i, sizes)) for i in node.inputs}
    args = [values[i] for i in node.inputs]
    out = node.op.forward(*args)
    point = {v: sp.Rational(rng.choice((-1, 1)) * rng.randint(1, 9), rng.randint(1, 4))  # never 0: off the kink
             for m in args for v in m}
    for k, name in enumerate(node.inputs):
        entries = values[name]
        for i in range(out.rows):
            for j in range(out.cols):
                for p in range(entries.rows):
                    for q in range(entries.cols):
                        want = sp.diff(out[i, j], entries[p, q]).xreplace(point)
                        got = node.op.local(args, k, (i, j), (p, q)).xreplace(point)
                        assert sp.simplify(got - want) == 0, (key, name, (i, j), (p, q), got, want)


def loss_graph(loss):
    """X → L for a loss op: ‖X‖², or the softmax cross-entropy of X against one-hot labels Y."""
    g = graph(sizes=("N", "D"))
    x = g.input("X", "N,D")
    if loss == "squared-norm":
        g.loss(squared_norm(x))
    else:
        g.loss(softmax_cross_entropy(x, g.labels("Y", "N,D")))
    return g


@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: f"N{s['N']}D{s['D']}")
@pytest.mark.parametrize("loss", list(LOSSES))
def test_loss_vjp_agrees_with_the_oracle(loss, sizes):
    g = loss_graph(loss)
    node = g.nodes["L"]
    line = node.op.vjp([g.symbols[i] for i in node.inputs], sp.Integer(1), 0)
    assert Oracle(g, sizes).agrees(line, Claim("grad", "X"))


CONV = [(1, 1, 1, 1, 0, 1), (3, 3, 2, 2, 0, 1), (4, 3, 2, 1, 1, 1), (2, 3, 3, 3, 1, 1), (5, 5, 3, 3, 0, 2),
        (5, 4, 3, 2, 1, 2), (3, 3, 1, 1, 1, 2), (4, 6, 1, 3, 0, 3)]
"""(H, W, k_h, k_w, pad, stride): a 1×1 kernel and input, a kernel larger than the input but not than the padded
input, strides 2 and 3, padding with and without a stride."""


def conv_graph(pad=None, stride=None):
    """A (H×W), B (k_h×k_w) → out = pad_p(A) ⋆_s B → L = Σ G ⊙ out; p and s are sizes too, for the symbolic lines
    (pad and stride None: the sizes p and s)."""
    g = graph(sizes=("H", "W", "k_h", "k_w", "p", "s"))
    a, b = g.input("A", "H,W"), g.input("B", "k_h,k_w")
    out = g.node("out", correlate(a, b, g.sizes["p"] if pad is None else pad, g.sizes["s"] if stride is None else stride))
    G = g.given("G", out.shape)
    g.loss(sum_of(G * out))
    return g


def conv_sizes(case):
    return dict(zip(("H", "W", "k_h", "k_w", "p", "s"), case))


@pytest.mark.parametrize("case", CONV, ids=lambda c: "H{}W{}k{}x{}p{}s{}".format(*c))
def test_correlation_agrees_with_the_oracle(case):
    """Its forward rule in matrix form, and ∂L/∂A, ∂L/∂B by its vjp, with pad and stride as numbers and as symbols."""
    sizes = conv_sizes(case)
    g, general = conv_graph(sizes["p"], sizes["s"]), conv_graph()
    oracle = Oracle(g, sizes)
    assert oracle.agrees(g.expression("out"), Claim("forward", "out"))
    assert oracle.agrees(general.expression("out"), Claim("forward", "out"))
    for graph_ in (g, general):
        node = graph_.nodes["out"]
        for k, name in enumerate(node.inputs):
            line = node.op.vjp([graph_.symbols[i] for i in node.inputs], gradient("out", node.shape), k)
            assert oracle.agrees(line, Claim("grad", name)), (case, name, line)
    spread = pad(dilate(gradient("out", g.nodes["out"].shape), sizes["s"]), sizes["k_h"] - 1, sizes["k_w"] - 1)
    unflipped = crop(correlated(spread, g.symbols["B"], 1), sizes["p"], sizes["p"])  # the kernel not turned by 180°
    assert oracle.agrees(unflipped, Claim("grad", "A")) == (sizes["k_h"] * sizes["k_w"] == 1)


@pytest.mark.parametrize("case", CONV[1:6], ids=lambda c: "H{}W{}k{}x{}p{}s{}".format(*c))
def test_correlation_local_agrees_with_sympy(case):
    """∂out[i,j]/∂A[a,b] and ∂out[i,j]/∂B[u,v] from its rule (Kronecker deltas) equal sympy's diff of its forward."""
    sizes = conv_sizes(case)
    g = conv_graph(sizes["p"], sizes["s"])
    node = g.nodes["out"]
    args = [entry_symbols(i, g.shape_at(i, sizes)) for i in node.inputs]
    out = node.op.forward(*args)
    for k, entries in enumerate(args):
        for i in range(out.rows):
            for j in range(out.cols):
                for at in ((p, q) for p in range(entries.rows) for q in range(entries.cols)):
                    assert sp.expand(node.op.local(args, k, (i, j), at) - sp.diff(out[i, j], entries[at])) == 0
