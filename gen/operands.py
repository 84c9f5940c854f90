"""The operands of a worked line, multiplied out: where a gradient's one step applies an op's own vocabulary
to matrices (a convolution's pad_{k−1}(dil_s(∂L/∂Y)) ⋆ rot180(K)), each argument that is itself an expression
is shown with its numbers, so that a reader sees every matrix the step combines."""

import sympy as sp

from gen.equations import display, environment
from gen.examplelines import environment_of
from gen.graph import at_sizes
from gen.matexpr import explicit
from gen.site.linewidth import fits
from gen.walk import one_step


def operands(worked, notation, names):
    """A display block of `form = numbers` (in two rows where one is too wide), one line for each argument of an op's vocabulary (a node that multiplies
    itself out) in the one steps of ∂L/∂name that is itself an expression, inner ones first, each once."""
    env, graph, found = environment_of(worked), worked.graph, {}
    for name in names:
        for node in sp.postorder_traversal(one_step(graph, name)):
            for arg in node.args if hasattr(node, "multiplied") else ():
                if isinstance(arg, sp.MatrixExpr) and not isinstance(arg, sp.MatrixSymbol) and arg not in found:
                    found[arg] = explicit(at_sizes(arg, graph, worked.sizes), env)
    lines = []
    for form, value in found.items():  # the form at the example's sizes (pad₂, not pad_{k_h − 1}); too wide, in two rows
        lhs, rhs = notation.tex(graph.written(at_sizes(form, graph, worked.sizes))), f"= {notation.tex(value)}"
        lines += [f"{lhs} {rhs}"] if fits(rhs, lhs, None) else [lhs, rhs]
    return display(environment("gathered", lines)) if lines else ""
