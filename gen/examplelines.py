"""A worked example's lines, for any derivation: its inputs, then each named value as
`rule = rule with the numbers = value`, then each gradient as `one step = with the numbers = value`."""

import sympy as sp

from gen.equations import chain_tex, display, environment, split_sum
from gen.graph import at_sizes
from gen.matexpr import gradient, mask, ones
from gen.site.linewidth import fits
from gen.walk import one_step
from gen.worked import evaluated, expanded

PER_ROW = 3
"""Inputs shown side by side in one row."""


def environment_of(worked):
    """Every matrix symbol an example's lines may name → its numbers (sizes given their numbers)."""
    graph, values = worked.graph, worked.values
    env = {graph.symbols[n]: v for n, v in values.items() if n != graph.order[-1]}
    for _, z in graph.kinks():
        env[mask(graph.symbols[z])] = values[z].applyfunc(lambda v: sp.Integer(1 if v > 0 else 0))
    for name, g in worked.grads.items():
        env[gradient(name, graph.nodes[name].shape)] = g
    for name, node in graph.nodes.items():
        if node.op is not None:
            for aux, matrix in node.op.aux([values[i] for i in node.inputs]).items():
                env[sp.MatrixSymbol(aux, *graph.nodes[node.inputs[0]].shape)] = evaluated(matrix)
    rows = {graph.shape_at(n, worked.sizes)[0] for n in graph.order}
    concrete = {at_sizes(k, graph, worked.sizes): v for k, v in env.items()}
    concrete.update({ones(r): sp.ImmutableMatrix(sp.ones(r, 1)) for r in rows})
    return concrete


def line(notation, graph, lhs, form, env, value, sizes):
    """`lhs = form = form with numbers = value`: an unnamed value (X W₁) shows as its numbers, the sizes
    (N, C) as theirs; the line with numbers is left out where, even broken at its signs, it would not fit."""
    numbers = notation.tex(at_sizes(form, graph, sizes), env)
    shown = [notation.tex(graph.written(form)), numbers, notation.tex(value)]
    if not all(fits(piece, tag=None) for piece in split_sum(numbers, None)):
        shown.remove(numbers)
    return chain_tex(lhs, shown, None)


def example_context(decl, worked):
    """Everything a template shows of one example: its sizes, case, inputs, forward and backward lines."""
    graph, notation, sizes = worked.graph, decl.notation, worked.sizes
    env = environment_of(worked)
    inputs = [f"{notation.matrix(n)} = {notation.tex(worked.values[n])}" for n in graph.order
              if graph.nodes[n].op is None and graph.nodes[n].role != "constant" and n in worked.values]
    rows = [r",\quad ".join(inputs[i:i + PER_ROW]) for i in range(0, len(inputs), PER_ROW)]
    forward = [line(notation, graph, notation.matrix(n), graph.expression(n), env, worked.values[n], sizes)
               for n in expanded(graph, decl.values)]
    loss = worked.values[graph.order[-1]][0, 0]
    forward.append(f"L = {notation.tex(loss)}")
    backward = []
    for name in expanded(graph, decl.gradients, backward=True):
        form = decl.shown_forms(graph, name) if decl.shown_forms else None
        backward.append(line(notation, graph, notation.matrix(f"dL_d{name}"), form if form is not None
                             else one_step(graph, name), env, worked.grads[name], sizes))
    out = {"id": worked.id, "sizes": dict(sizes), "case": worked.case.id if worked.case else None,
           "L": notation.tex(loss),
           "inputs": display(environment("gathered", rows) if len(rows) > 1 else rows[0]),
           "forward": display(environment("gathered", forward)),
           "gradients": display(environment("gathered", backward, r" \\[1ex]"))}
    out.update(decl.example_context(worked) if decl.example_context else {})
    return out
