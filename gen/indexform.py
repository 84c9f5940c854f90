"""Index notation: each gradient derived at the op that consumes it, and every line checked.

    (∂L/∂A)_pq = Σᵢⱼ (∂L/∂out)ᵢⱼ ∂outᵢⱼ/∂A_pq        the chain rule, before the local is known
               = Σᵢⱼ (∂L/∂out)ᵢⱼ · (the op's local)    Kronecker deltas, from the op table
               = Σ over what the deltas leave          each δ collapses a sum
               = Σ with a factor transposed            the summed index moved to where a product has it
               = (matrix form)_pq                      the walk's one step, entry pq

Where one index is left summed, a factor that has it in the wrong place enters transposed:
Σᵢ A_ip G_iq = Σᵢ (Aᵀ)_pi G_iq = (Aᵀ G)_pq.  This is where every transpose comes from.
"""

from itertools import product

import sympy as sp

from gen.errors import VerificationError
from gen.graph import at_sizes
from gen.matexpr import explicit, gradient
from gen.walk import one_step

i, j, k, p, q = sp.symbols("i j k p q", integer=True, positive=True)


class Entry(sp.Function):
    """(A)_{pq}: one entry of a matrix expression, kept unevaluated for printing."""

    nargs = 3

    def _latex(self, printer):
        matrix, row, col = self.args
        return rf"\left({printer._print(matrix)}\right)_{{{printer._print(row)}{printer._print(col)}}}"


class Partial(sp.Function):
    """∂out[i, j]/∂in[p, q] as a name, before the op's local rule is put in."""

    nargs = 6

    def _latex(self, printer):
        out, a, b, wrt, c, d = self.args
        num = printer._print(sp.IndexedBase(str(out))[a, b])
        den = printer._print(sp.IndexedBase(str(wrt))[c, d])
        return rf"\frac{{\partial {num}}}{{\partial {den}}}"


def passes_on(op, k, shapes):
    """Whether the op hands its upstream to input k unchanged (an add: ∂L/∂A = G)."""
    probe = sp.MatrixSymbol("probe", *op.shape(*shapes))
    inputs = [sp.MatrixSymbol(f"in{n}", *s) for n, s in enumerate(shapes)]
    return op.vjp(inputs, probe, k) == probe


def named_consumer(graph, name):
    """The op that consumes `name` (with its input position), and the named node whose gradient reaches
    that op unchanged (through an add), whose gradient is the upstream of the index derivation."""
    op_node, position = graph.consumers(name)[0]
    out = op_node
    while out.role == "hidden":
        nxt, k_in = graph.consumers(out.name)[0]
        if not passes_on(nxt.op, k_in, [graph.nodes[n].shape for n in nxt.inputs]):
            break
        out = nxt
    return out, op_node, position


def collapse(summand, indices):
    """Σ over `indices` of a product with Kronecker deltas → (the product, the indices left): each δ
    whose index is summed puts the other index in its place and removes that sum."""
    indices = list(indices)
    while True:
        deltas = [f for f in sp.Mul.make_args(summand) if isinstance(f, sp.KroneckerDelta)]
        for d in deltas:
            a, b = d.args
            summed, other = (a, b) if a in indices else (b, a) if b in indices else (None, None)
            if summed is not None:
                summand = (summand / d).xreplace({summed: other})
                indices.remove(summed)
                break
        else:
            return summand, tuple(indices)


def transposed(summand, index, row, col):
    """A product summed over one index written as an entry of a matrix product: a factor with the
    index first and `row` second is transposed ((Aᵀ)_{row,index}), as one with `col` first; a product
    with no factor for `row` gains (𝟏ᵀ)_{row,index}."""
    factors = list(sp.Mul.make_args(summand))
    out, has_row = [], False
    for f in factors:
        if isinstance(f, sp.Indexed) and len(f.indices) == 2:
            a, b = f.indices
            if (a, b) == (index, row) or (a, b) == (col, index):
                f = sp.IndexedBase(f"{f.base.name}^T")[b, a]
            has_row = has_row or row in f.indices
        out.append(f)
    if not has_row:
        out.append(sp.IndexedBase("ones^T")[row, index])
    return sp.Mul(*out)


def index_lines(graph, name):
    """(∂L/∂name)_pq from the chain rule at its consumer down to the matrix form's entry pq."""
    out, op_node, position = named_consumer(graph, name)
    rows, cols = out.shape
    G = sp.IndexedBase(f"dL_d{out.name}")
    bounds = {i: rows, j: cols}

    def total(expr, over):
        return sp.Sum(expr, *((s, 1, bounds[s]) for s in over)) if over else expr
    local = op_node.op.local([sp.IndexedBase(n) for n in op_node.inputs], position, (i, j), (p, q))
    lines = [total(G[i, j] * Partial(sp.Symbol(out.name), i, j, sp.Symbol(name), p, q), (i, j)),
             total(G[i, j] * local, (i, j))]
    summand, left = collapse(G[i, j] * local, (i, j))
    lines.append(total(summand, left))
    if len(left) == 1:
        lines.append(total(transposed(summand, left[0], p, q), left))
    lines.append(Entry(one_step(graph, name), p, q))
    return tuple(lines)


def loss_lines(graph, name, sizes=()):
    """∂L/∂name_pq at the loss op, as the op writes it (a sum the deltas collapse, then the entry)."""
    node = graph.nodes[graph.order[-1]]
    position = node.inputs.index(name)
    rows, cols = graph.nodes[name].shape
    lines = node.op.index_lines([sp.IndexedBase(n) for n in node.inputs], position, (p, q), (i, j, k), sizes)
    return tuple(sp.Sum(e, *((s, 1, b) for s, b in zip(over, (rows, cols)))) if over else e for e, over in lines)


def _tables(graph, sizes):
    """A matrix of free symbols for every name an index line may use, at `sizes`."""
    shapes = {n: graph.shape_at(n, sizes) for n in graph.order}
    tables = {}
    for name, shape in shapes.items():
        for key in (name, f"dL_d{name}", f"mask_{name}"):
            tables[key] = sp.Matrix(*shape, lambda a, b, key=key: sp.Symbol(f"{key}_{a}_{b}"))
    rows = shapes[graph.order[0]][0]
    tables["ones"] = sp.ones(rows, 1)
    for node in graph.nodes.values():  # what an op's rule names besides its inputs (softmax's P, from y)
        if node.op is not None:
            tables.update(node.op.aux([sp.ImmutableMatrix(tables[i]) for i in node.inputs]))
    tables.update({f"{n}^T": m.T for n, m in list(tables.items())})
    return tables


def _forward_entry(graph, tables, out, a, b):
    """Entry (a, b) of node `out` from its named inputs' tables (through unnamed nodes; a kink by its mask)."""
    def value(name):
        node = graph.nodes[name]
        if name != out and node.role != "hidden" or node.op is None:
            return sp.ImmutableMatrix(tables[name])
        args = [value(n) for n in node.inputs]
        if node.op.kink:
            return node.op.forward_case(*args, sp.ImmutableMatrix(tables[f"mask_{node.inputs[0]}"]))
        return node.op.forward(*args)
    return value(out)[a, b]


def index_value(graph, expr, tables, sizes, at):
    """One index-notation line at `sizes` and entry `at` (1-based p, q), written out explicitly."""
    numbers = {graph.sizes[n]: v for n, v in sizes.items()}
    expr = expr.xreplace(numbers).xreplace({p: at[0], q: at[1]})

    def partial_of(e):
        out, a, b, wrt, c, d = e.args
        return sp.diff(_forward_entry(graph, tables, str(out), int(a) - 1, int(b) - 1),
                       tables[str(wrt)][int(c) - 1, int(d) - 1])
    expr = expr.replace(lambda e: isinstance(e, Partial) and e.args[1].is_Integer, partial_of)
    expr = expr.doit() if expr.has(sp.Sum) else expr
    expr = expr.replace(lambda e: isinstance(e, Partial), partial_of)
    expr = expr.replace(lambda e: isinstance(e, Entry), lambda e: explicit(
        at_sizes(e.args[0], graph, sizes), {s: sp.ImmutableMatrix(tables[s.name]) for s in
                                            at_sizes(e.args[0], graph, sizes).atoms(sp.MatrixSymbol)
                                            if s.name != "ones"})[int(e.args[1]) - 1, int(e.args[2]) - 1])
    return expr.replace(lambda e: isinstance(e, sp.Indexed),
                        lambda e: tables[e.base.name][int(e.indices[0]) - 1, int(e.indices[1]) - 1])


def check_index_lines(graph, named_lines, sizes):
    """Every line of every index derivation equals its first at each entry (p, q) at `sizes`: the first
    is the chain rule with the local by sympy from the forward rule.  Returns the (line, entry) checks."""
    tables = _tables(graph, sizes)
    checks = 0
    for label, node, lines in named_lines:
        rows, cols = graph.shape_at(node, sizes)
        for at in product(range(1, rows + 1), range(1, cols + 1)):
            values = [sp.expand(index_value(graph, line, tables, sizes, at)) for line in lines]
            for n, value in enumerate(values[1:], start=2):
                if value != values[0]:
                    raise VerificationError(label, f"line {n} is {value}, line 1 is {values[0]} at {at}")
                checks += 1
    return checks


__all__ = ["Entry", "Partial", "check_index_lines", "gradient", "index_lines", "loss_lines", "i", "j", "k", "p", "q"]
