"""The language-neutral context of every page: equations as LaTeX, numbers as text.

Templates (one set per language) receive exactly this, so equations and numbers cannot drift
between languages.
"""

import sympy as sp

from gen.derivation import CASES, E, GRAPH, M, Z, derivation
from gen.equations import chain_tex, condition_tex, display, rhs_tex, step_tex
from gen.errata import errata
from gen.notation import MATRIX_TEX, Indicator, number_text, partial, tex, tex_with
from gen.ops import ReLUFunction, SquaredNormFunction
from gen.records import record
from gen.verify import Oracle
from gen.worked import GRADIENTS, line_value, shown_steps


def forward_equations():
    """z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖², from each op's forward expression."""
    lines = []
    for name in GRAPH.order:
        node = GRAPH.nodes[name]
        if node.op is not None:
            rhs = node.op.forward_expr(*(M[i] for i in node.inputs))
            lines.append(f"{MATRIX_TEX[name]} &= {tex(rhs)}")
    return display(r"\begin{aligned}" + "\n" + " \\\\\n".join(lines) + "\n" + r"\end{aligned}")


def definitions():
    """Every matrix written out entry by entry, with the named entries z_i, h_i, y_ij."""
    leaves = r",\quad ".join(f"{MATRIX_TEX[n]} = {tex(E[n])}" for n in ("X", "W1", "W2"))
    rows = [leaves]
    for name in ("z", "h", "y"):
        node = GRAPH.nodes[name]
        inner = node.op.forward(*(E[i] for i in node.inputs))
        rows.append(f"{MATRIX_TEX[name]} = {tex(entrywise_max(inner, name))} = {tex(E[name])}")
    squares = sp.Add(*(sp.Pow(v, 2, evaluate=False) for v in E["y"]), evaluate=False)
    rows.append(f"L = {tex(GRAPH.nodes['L'].op.forward_expr(M['y']))} = {tex(squares)}")
    return display(r"\begin{gathered}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{gathered}")


def entrywise_max(inner, name):
    """y's entries as the note writes them first: max(0, z_i) w_2j."""
    if name != "y":
        return inner
    relu_z = GRAPH.nodes["h"].op.forward(E["z"])
    return sp.ImmutableMatrix(2, 2, lambda i, j: sp.Mul(relu_z[i], E["W2"][j], evaluate=False))


def relu_definition():
    """ReLU and its derivative (with ReLU'(0) = 0) for one entry t."""
    t = sp.Symbol("t", real=True)
    on, off = sp.StrictGreaterThan(t, 0), sp.LessThan(t, 0, evaluate=False)
    rows = [rf"\operatorname{{ReLU}}(t) &= {tex(sp.Max(0, t))} = {cases_tex([(t, on), (0, off)])}",
            rf"\operatorname{{ReLU}}'(t) &= {tex(Indicator(t))} = {cases_tex([(1, on), (0, off)])}"]
    return display(r"\begin{aligned}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{aligned}")


def cases_tex(branches):
    """A cases block from (value, condition) pairs."""
    rows = [f"{tex(sp.sympify(value))} & {tex(cond)}" for value, cond in branches]
    return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"


def worked_forward(worked):
    """The forward pass of one example: each node's rule, with numbers, then its value."""
    env, rows = worked.env, []
    rows.append(r",\quad ".join(f"{MATRIX_TEX[n]} = {tex(worked.values[n])}" for n in ("X", "W1", "W2")))
    for name in ("z", "h", "y", "L"):
        node = GRAPH.nodes[name]
        rule = node.op.forward_expr(*(M[i] for i in node.inputs))
        value = worked.values[name]
        shown = tex(value[0, 0]) if name == "L" else tex(value)
        rows.append(f"{MATRIX_TEX[name]} &= {tex(rule)} = {tex_with(rule, env)} = {shown}")
    squares = sp.Add(*(sp.Pow(v, 2, evaluate=False) for v in E["y"]), evaluate=False)
    rows[-1] = rows[-1].replace(" = " + tex(worked.values["L"][0, 0]),
                                f" = {tex_with(squares, env)} = {tex(worked.values['L'][0, 0])}", 1)
    body = r"\begin{aligned}" + "\n" + f"&{rows[0]}" + " \\\\\n" + " \\\\\n".join(rows[1:]) + "\n" + r"\end{aligned}"
    return display(body)


def worked_part(part, worked):
    """`lhs = symbolic = with numbers = value` for one part, checked against the example's gradient."""
    line = part.lines[part.worked]
    value = line_value(line, worked.env)
    _check_value(part, value, worked)
    shown = [rhs_tex(line)]
    substituted = rhs_tex(line, worked.env)
    if substituted != shown[0] and not isinstance(line, sp.Symbol):
        shown.append(substituted)
    if tex(value) != shown[-1]:
        shown.append(tex(value))
    return part.lhs, shown


def _check_value(part, value, worked):
    claim = part.claim
    if claim is None or claim.quantity != "grad":
        return
    expected = worked.grads[claim.wrt]
    expected = expected[claim.at] if claim.at is not None else expected
    if sp.ImmutableMatrix(value) != sp.ImmutableMatrix(expected) if isinstance(expected, sp.MatrixBase) \
            else value != expected:
        raise AssertionError(f"worked value of {part.lhs} for {worked.example.id}: {value} != {expected}")


def worked_step(step, worked):
    """A numbered equation of the note with one example's numbers in it."""
    parts = [worked_part(p, worked) for p in step.parts]
    if step.layout == "list":
        items = [f"{lhs} = {' = '.join(shown)}" for lhs, shown in parts]
        rows = [r",\quad ".join(items[i:i + 4]) for i in range(0, len(items), 4)]
        body = rows[0] if len(rows) == 1 else r"\begin{gathered}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{gathered}"
    else:
        chains = [chain_tex(lhs, shown) for lhs, shown in parts]
        body = chains[0] if len(chains) == 1 else r"\begin{gathered}" + "\n" + " \\\\[1ex]\n".join(chains) + "\n" + r"\end{gathered}"
    return {"key": step.key, "tex": display(body, step.label)}


def worked_context(worked, steps):
    """Everything a template shows of one example."""
    return {
        "id": worked.example.id,
        "case": worked.case.id,
        "conditions": condition_tex(worked.case),
        "on": list(worked.case.on),
        "off_units": [i + 1 for i, o in enumerate(worked.case.on) if not o],
        "z": [number_text(v) for v in worked.values["z"]],
        "L": number_text(worked.values["L"][0, 0]),
        "forward": worked_forward(worked),
        "steps": [worked_step(s, worked) for s in shown_steps(steps, worked.case)],
        "record": record(worked),
    }


def erratum_context(erratum, workeds):
    """One erratum with the note's and the corrected expression, evaluated on the first example
    of its case where the two differ (None if no example shows a difference)."""
    numbers = None
    for worked in workeds:
        if erratum.case not in (None, worked.case):
            continue
        original = tex(line_value(erratum.original, worked.env))
        corrected = tex(line_value(erratum.corrected, worked.env))
        if original != corrected:
            numbers = {"example": worked.example.id, "original": original, "corrected": corrected}
            break
    return {"id": erratum.id, "where": erratum.where, "quote": erratum.quote, "lhs": erratum.lhs,
            "original": display(f"{erratum.lhs} = {tex(erratum.original)}"),
            "corrected": display(f"{erratum.lhs} = {tex(erratum.corrected)}"),
            "case": condition_tex(erratum.case) if erratum.case else None, "numbers": numbers}


def shapes():
    """Each node's shape beside the shape of ∂L/∂node (always the same)."""
    return [{"name": MATRIX_TEX[n], "rows": GRAPH.nodes[n].shape[0], "cols": GRAPH.nodes[n].shape[1],
             "grad": partial("L", MATRIX_TEX[n])} for n in GRAPH.order if n != GRAPH.loss]


def page_context(workeds, verified):
    """All pages' data."""
    steps = derivation()
    return {
        "eq": {s.key: step_tex(s) for s in steps},
        "forward_equations": forward_equations(),
        "definitions": definitions(),
        "relu_definition": relu_definition(),
        "cases": [{"id": c.id, "conditions": condition_tex(c)} for c in CASES],
        "examples": [worked_context(w, steps) for w in workeds],
        "errata": [erratum_context(e, workeds) for e in errata()],
        "shapes": shapes(),
        "verified": verified,
        "grad_names": {n: partial("L", MATRIX_TEX[n]) for n in GRADIENTS},
    }
