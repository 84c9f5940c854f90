"""Shapes and transposes: every gradient has the shape of what it differentiates, and writing
the chain rule's sum entry by entry shows which index is summed, so where each transpose comes from.

∂L/∂w₂ⱼ = Σᵢ h_i (∂L/∂y)_ij = (hᵀ ∂L/∂y)_1j   and   ∂L/∂w₁ₖ = Σᵢ x_ik (∂L/∂z)_i = (Xᵀ ∂L/∂z)_k
(a left factor summed over its row index is transposed);
∂L/∂hᵢ = Σⱼ (∂L/∂y)_ij w₂ⱼ = (∂L/∂y W₂ᵀ)_i   and   ∂L/∂x_ik = Σ_c (∂L/∂z)_ic (W₁)_kc = (∂L/∂z W₁ᵀ)_ik
(a right factor summed over its column index is transposed).
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError
from gen.unevaluated import replace_unevaluated
from gen.notation import matrix_tex, partial, sum_tex
from gen.statements import Claim

I, J, K, C = sp.symbols("i j k c", integer=True, positive=True)


@dataclass(frozen=True)
class IndexSum:
    """One weight's gradient written as a sum over an index, then as a matrix product."""

    node: str
    """The weight (`W2`, `W1`)."""
    index: object
    """The free index of the generic entry (j for w₂ⱼ, k for w₁ₖ)."""
    upstream: str
    """The node whose gradient flows in (`y`, `z`)."""
    summed: object
    """Σᵢ local · upstream entry, with sympy Indexed entries."""
    transposed: object
    """The same sum with i made the column index of the transposed left factor."""
    matrix: object
    """The matrix form, e.g. hᵀ ∂L/∂y, with ∂L/∂y a matrix symbol."""
    side: str = "left"
    """Which factor of the product is transposed: `left` (hᵀ, Xᵀ) or `right` (W₂ᵀ, W₁ᵀ)."""
    free: tuple = ()
    """The free indices in the order (row, column) of the entry, when there are two (x_ik)."""

    @property
    def indices(self):
        """The free indices: (j,), (k,), (i,) or (i, k)."""
        return self.free or (self.index,)


def index_sums(net):
    """The weights' gradients (a transposed left factor), then h's and X's (a transposed right factor)."""
    h, x, ht, xt = (sp.IndexedBase(n) for n in ("h", "X", "h^T", "X^T"))
    w1, w2, w1t, w2t = (sp.IndexedBase(n) for n in ("W1", "W2", "W1^T", "W2^T"))
    dy, dz = sp.IndexedBase("dL_dy"), sp.IndexedBase("dL_dz")

    def total(term, index=I, top=2):
        return sp.Sum(term, (index, 1, top))
    return [
        IndexSum("W2", J, "y", total(sp.Mul(h[I], dy[I, J], evaluate=False)),
                 total(sp.Mul(ht[1, I], dy[I, J], evaluate=False)),
                 net.M["h"].T * sp.MatrixSymbol("dL_dy", *net.M["y"].shape)),  # ∂L/∂W₂ = hᵀ ∂L/∂y
        IndexSum("W1", K, "z", total(sp.Mul(x[I, K], dz[I], evaluate=False)),
                 total(sp.Mul(xt[K, I], dz[I], evaluate=False)),
                 net.M["X"].T * sp.MatrixSymbol("dL_dz", *net.M["z"].shape)),  # ∂L/∂W₁ = Xᵀ ∂L/∂z
        IndexSum("h", I, "y", total(sp.Mul(dy[I, J], w2[1, J], evaluate=False), J),
                 total(sp.Mul(dy[I, J], w2t[J, 1], evaluate=False), J),
                 sp.MatrixSymbol("dL_dy", *net.M["y"].shape) * net.M["W2"].T, "right"),  # ∂L/∂h = ∂L/∂y W₂ᵀ
        IndexSum("X", I, "z", total(sp.Mul(dz[I, C], w1[K, C], evaluate=False), C, 1),
                 total(sp.Mul(dz[I, C], w1t[C, K], evaluate=False), C, 1),
                 sp.MatrixSymbol("dL_dz", *net.M["z"].shape) * net.M["W1"].T, "right", (I, K)),  # ∂L/∂X = ∂L/∂z W₁ᵀ
    ]


def positions(net, item):
    """Every entry of the node: (values of the free indices, 1-based; 0-based (row, column))."""
    rows, cols = net.graph.nodes[item.node].shape
    if len(item.indices) == 2:
        return [((r + 1, c + 1), (r, c)) for r in range(rows) for c in range(cols)]
    return [((n + 1,), (0, n) if rows == 1 else (n, 0)) for n in range(max(rows, cols))]


def expanded(item, values, form="summed"):
    """A sum for given values of the free indices, written out term by term (still with Indexed entries)."""
    if not isinstance(values, tuple):
        values = (values,)
    total = getattr(item, form)
    i, low, high = total.limits[0]
    fixed = {index: sp.Integer(v) for index, v in zip(item.indices, values)}
    terms = [replace_unevaluated(total.function, {i: sp.Integer(n), **fixed})
             for n in range(int(low), int(high) + 1)]
    return terms[0] if len(terms) == 1 else sp.Add(*terms, evaluate=False)


def named_weights(net, expr):
    """A weight's Indexed entries → the note's names: (W₂)_{1j} is w_{2j}, (W₁)_{k1} is w_{1k} (layer, then the
    position along the weight's one long side), as the page states; a concrete entry is the derivation's own
    symbol (w₂₁), so the printed line is the one that is verified."""
    def name(entry):
        base, idx = entry.base.label.name, entry.indices
        if all(isinstance(i, sp.Integer) for i in idx):
            return net.E[base][idx[0] - 1, idx[1] - 1]
        position = idx[1] if net.graph.nodes[base].shape[0] == 1 else idx[0]  # the other index is 1 (or 1 … 1)
        return sp.Symbol(net.generic_entry_tex(base, sp.latex(position)))
    names = {e: name(e) for e in expr.atoms(sp.Indexed) if e.base.label.name in ("W1", "W2")}
    if isinstance(expr, sp.Sum):  # keep the summand's printed order (upstream · local)
        return sp.Sum(replace_unevaluated(expr.function, names), *expr.limits)
    return replace_unevaluated(expr, names)


def upstream_symbol(net, item):
    """The matrix symbol ∂L/∂c standing for the gradient that flows in."""
    return sp.MatrixSymbol(f"dL_d{item.upstream}", *net.M[item.upstream].shape)


def with_upstream(net, item):
    """The matrix form with the upstream's own matrix form put in, e.g. hᵀ (2y) = 2 hᵀ y."""
    return item.matrix.xreplace({upstream_symbol(net, item): net.matrix_gradient(item.upstream)})


def _entries(net, expr):
    """Indexed entries → the derivation's named entries and gradients (1-based indices)."""
    grads = {"dL_dy": net.gradient("y"), "dL_dz": net.gradient("z")}

    def entry(base, *idx):
        name = base.name
        if name.endswith("^T"):  # (Aᵀ)_{ab} = A_{ba}
            matrix = net.E[name[:-2]].T
        else:
            matrix = grads[name] if name in grads else net.E[name]
        if len(idx) == 2 and matrix.cols == 1 and idx[1] != 1:
            raise ValueError(f"{name}{idx} is outside a column")
        return matrix[idx[0] - 1, idx[1] - 1] if len(idx) == 2 else matrix[idx[0] - 1]
    return expr.replace(sp.Indexed, entry)


def verify_index_sums(net, oracle):
    """Each written-out sum and each matrix form equals ∂L/∂node by direct differentiation; returns how
    many (entry or matrix, sign pattern) checks passed."""
    checks = 0
    for item in index_sums(net):
        matrix = item.matrix.xreplace({upstream_symbol(net, item): net.gradient(item.upstream)})
        for case in oracle.cases:
            for values, at in positions(net, item):
                for form in ("summed", "transposed"):
                    line = named_weights(net, expanded(item, values, form))  # as printed on the page
                    if not oracle.agrees(_entries(net, line), Claim("grad", item.node, at), case):
                        raise VerificationError(f"∂L/∂{item.node}", f"entry {values} of the {form} sum is wrong")
                    checks += 1
            if not oracle.agrees(matrix, Claim("grad", item.node), case):
                raise VerificationError(f"∂L/∂{item.node}", "the matrix form of the index sum is wrong")
            checks += 1
    return checks


def shape_table(net):
    """Each value's shape beside the shape of its gradient (as computed, not assumed)."""
    return [{"name": matrix_tex(n), "shape": net.graph.nodes[n].shape, "grad": partial("L", matrix_tex(n)),
             "grad_shape": net.gradient(n).shape} for n in net.graph.order if n != net.loss]


def sum_notation(net, item):
    """Σ (∂L/∂c)_… ∂c_…/∂node_… : the chain rule before the local gradient is put in."""
    consumer = net.graph.nodes[item.upstream]
    generic = net.index_tex(item.upstream, consumer.shape)
    summed, _, top = item.summed.limits[0]
    sign = rf"\sum_{{{sp.latex(summed)}=1}}^{{{top}}} " if top > 1 else ""  # z_i alone holds x_ik
    return (f"{sign}{partial('L', generic)} "
            f"{partial(generic, node_entry_tex(net, item))}")


def node_entry_tex(net, item):
    """The generic entry of the node: w_{2j}, w_{1k}, h_{i}, x_{ik}."""
    if len(item.indices) == 2:
        return f"x_{{{''.join(sp.latex(i) for i in item.indices)}}}"
    return net.generic_entry_tex(item.node, sp.latex(item.index))


def element_tex(net, item, text):
    """(A B)_{1j}, (A B)_{k} or (A B)_{ik}: one entry of a matrix product, named by the free indices."""
    rows = net.graph.nodes[item.node].shape[0]
    index = "".join(sp.latex(i) for i in item.indices)
    if rows == 1:
        index = f"1{index}"
    return rf"\left({text}\right)_{{{index}}}"
