"""Shapes and transposes: every gradient has the shape of what it differentiates, and writing
the chain rule's sum entry by entry shows which index is summed, so where each transpose comes from.

∂L/∂w₂ⱼ = Σᵢ h_i (∂L/∂y)_ij = (hᵀ ∂L/∂y)_1j   and   ∂L/∂w₁ₖ = Σᵢ x_ik (∂L/∂z)_i = (Xᵀ ∂L/∂z)_k.
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import VerificationError
from gen.graph import replace_unevaluated
from gen.notation import matrix_tex, partial, sum_tex
from gen.statements import Claim

I, J, K = sp.symbols("i j k", integer=True, positive=True)


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


def index_sums(net):
    """The two weights of the note, as sums over i."""
    h, x, ht, xt = (sp.IndexedBase(n) for n in ("h", "X", "hT", "XT"))
    dy, dz = sp.IndexedBase("dL_dy"), sp.IndexedBase("dL_dz")

    def total(term):
        return sp.Sum(term, (I, 1, 2))
    return [
        IndexSum("W2", J, "y", total(sp.Mul(h[I], dy[I, J], evaluate=False)),
                 total(sp.Mul(ht[1, I], dy[I, J], evaluate=False)),
                 net.M["h"].T * sp.MatrixSymbol("dL_dy", *net.M["y"].shape)),  # ∂L/∂W₂ = hᵀ ∂L/∂y
        IndexSum("W1", K, "z", total(sp.Mul(x[I, K], dz[I], evaluate=False)),
                 total(sp.Mul(xt[K, I], dz[I], evaluate=False)),
                 net.M["X"].T * sp.MatrixSymbol("dL_dz", *net.M["z"].shape)),  # ∂L/∂W₁ = Xᵀ ∂L/∂z
    ]


def expanded(item, value, form="summed"):
    """A sum for one value of the free index, written out term by term (still with Indexed entries)."""
    total = getattr(item, form)
    i, low, high = total.limits[0]
    terms = [replace_unevaluated(total.function, {i: sp.Integer(n), item.index: sp.Integer(value)})
             for n in range(int(low), int(high) + 1)]
    return sp.Add(*terms, evaluate=False)


def upstream_symbol(net, item):
    """The matrix symbol ∂L/∂c standing for the gradient that flows in."""
    return sp.MatrixSymbol(f"dL_d{item.upstream}", *net.M[item.upstream].shape)


def with_upstream(net, item):
    """The matrix form with the upstream's own matrix form put in, e.g. hᵀ (2y) = 2 hᵀ y."""
    return item.matrix.xreplace({upstream_symbol(net, item): net.graph.matrix_gradient(item.upstream)})


def _entries(net, expr):
    """Indexed entries → the derivation's named entries and gradients (1-based indices)."""
    grads = {"dL_dy": net.graph.gradient("y"), "dL_dz": net.graph.gradient("z")}

    def entry(base, *idx):
        name = base.name
        if name.endswith("T"):  # (Aᵀ)_{ab} = A_{ba}
            matrix = net.E[name[:-1]].T
        else:
            matrix = grads[name] if name in grads else net.E[name]
        return matrix[idx[0] - 1, idx[1] - 1] if len(idx) == 2 else matrix[idx[0] - 1]
    return expr.replace(sp.Indexed, entry)


def verify_index_sums(net, oracle):
    """Each written-out sum and each matrix form equals ∂L/∂W by direct differentiation."""
    for item in index_sums(net):
        rows, cols = net.graph.nodes[item.node].shape
        matrix = item.matrix.xreplace({upstream_symbol(net, item): net.graph.gradient(item.upstream)})
        for on in oracle.patterns:
            for n in range(max(rows, cols)):
                at = (0, n) if rows == 1 else (n, 0)
                for form in ("summed", "transposed"):
                    if not oracle.agrees(_entries(net, expanded(item, n + 1, form)), Claim("grad", item.node, at), on):
                        raise VerificationError(f"∂L/∂{item.node}", f"entry {n + 1} of the {form} sum is wrong")
            if not oracle.agrees(matrix, Claim("grad", item.node), on):
                raise VerificationError(f"∂L/∂{item.node}", "the matrix form of the index sum is wrong")


def shape_table(net):
    """Each value's shape beside the shape of its gradient (as computed, not assumed)."""
    return [{"name": matrix_tex(n), "shape": net.graph.nodes[n].shape, "grad": partial("L", matrix_tex(n)),
             "grad_shape": net.graph.gradient(n).shape} for n in net.graph.order if n != net.graph.loss]


def sum_notation(net, item):
    """Σᵢ (∂L/∂c)_i… ∂c_i…/∂w_… : the chain rule before the local derivative is put in."""
    consumer = net.graph.nodes[item.upstream]
    generic = net.index_tex(item.upstream, consumer.shape)
    return (f"{sum_tex((consumer.shape[0], 1))} {partial('L', generic)} "
            f"{partial(generic, net.generic_entry_tex(item.node, item.index))}")


def element_tex(net, item, text):
    """(A B)_{1j} or (A B)_{k}: one entry of a matrix product, named by the free index."""
    rows = net.graph.nodes[item.node].shape[0]
    index = f"1{item.index}" if rows == 1 else f"{item.index}"
    return rf"\left({text}\right)_{{{index}}}"

