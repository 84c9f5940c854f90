"""The backward rule drawn under each step figure (∂L/∂W₁ = Xᵀ · ∂L/∂z, …), printed in Unicode from
the op's own matrix rule (`vjp`), so the figures never carry a hand-typed formula."""

from functools import lru_cache

import sympy as sp

from gen.derivations.note.figures.labels import grad_symbol, symbols
from gen.derivations.note.network import network


def unicode(expr):
    """hᵀ · ∂L/∂y, ∂L/∂h ⊙ 1[z>0], 2y: the figures' plain-text notation."""
    sym = symbols()
    if isinstance(expr, sp.MatrixSymbol):
        name = expr.name
        if name.startswith("dL_d"):
            return grad_symbol(name[4:])
        if name.startswith("mask_"):
            return sym["mask"]
        return sym["nodes"][_node(name)]
    if isinstance(expr, sp.Transpose):
        return sym["transpose"].format(node=unicode(expr.arg))
    if isinstance(expr, sp.HadamardProduct):
        return " ⊙ ".join(unicode(a) for a in expr.args)
    if isinstance(expr, sp.MatMul):
        scalars = "".join(str(a) for a in expr.args if a.is_number)
        return scalars + " · ".join(unicode(a) for a in expr.args if not a.is_number)
    raise ValueError(f"no figure notation for {expr!r}")


def _node(symbol_name):
    """Matrix symbol name → node name (W_1 → W1)."""
    return symbol_name.replace("_", "")


@lru_cache(maxsize=None)
def backward_rule(key, out):
    """`∂L/∂key = …` for the step that takes ∂L/∂out back to `key`."""
    net = network()
    node = net.graph.nodes[out]
    upstream = sp.Integer(1) if out == net.loss else sp.MatrixSymbol(f"dL_d{out}", *node.shape)
    rule = unicode(node.op.vjp([net.M[i] for i in node.inputs], upstream, node.inputs.index(key)))
    if out == net.loss:  # the loss's own gradient ∂L/∂L = 1 multiplies the first step
        rule = f"{grad_symbol(out)} · {rule}"
    return f"{grad_symbol(key)} = {rule}"
