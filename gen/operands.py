"""The operands of a worked line, multiplied out: where a gradient's one step applies an op's own vocabulary
to matrices (a convolution's pad_{k−1}(dil_s(∂L/∂Y)) ⋆ rot180(K)), each argument that is itself an expression
is shown with its numbers, so that a reader sees every matrix the step combines."""

import sympy as sp

from gen.equations import display, environment
from gen.examplelines import environment_of
from gen.graph import at_sizes
from gen.matexpr import explicit
from gen.walk import one_step


def operands(worked, notation, names):
    """A display block of `form = numbers`, one line for each argument of an op's vocabulary (a node that multiplies
    itself out) in the one steps of ∂L/∂name that is itself an expression, inner ones first, each once."""
    env, graph, found = environment_of(worked), worked.graph, {}
    for name in names:
        for node in sp.postorder_traversal(one_step(graph, name)):
            for arg in node.args if hasattr(node, "multiplied") else ():
                if isinstance(arg, sp.MatrixExpr) and not isinstance(arg, sp.MatrixSymbol) and arg not in found:
                    found[arg] = explicit(at_sizes(arg, graph, worked.sizes), env)
    lines = [f"{notation.tex(graph.written(a))} = {notation.tex(v)}" for a, v in found.items()]
    return display(environment("gathered", lines)) if lines else ""
