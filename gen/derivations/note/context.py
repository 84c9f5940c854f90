"""The language-neutral context of every page: equations as LaTeX, numbers as text.

Templates (one set per language) receive exactly this, so equations and numbers cannot drift
between languages.
"""

import sympy as sp

from gen.derivations.note.records import record
from gen.derivations.note.steps import restrict
from gen.derivations.note.summary import not_needed
from gen.derivations.note.shapes import (element_tex, expanded, index_sums, named_weights, node_entry_tex, positions,
                                         shape_table, sum_notation, with_upstream)
from gen.derivations.note.worked import GRADIENTS, line_value, shown_steps
from gen.equations import cases_tex, chain_tex, condition_tex, display, environment, layout_tex, rhs_tex, step_tex
from gen.errors import VerificationError
from gen.derivations.note.names import NOTATION, tex, tex_with
from gen.notation import Indicator, matrix_tex, partial
from gen.numbers import number_text
from gen.walk import one_step
from gen.checking import near_kink
from gen.worked import at_kinks


def forward_equations(net):
    """z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖², from each op's forward expression."""
    lines = []
    for name in net.graph.order:
        node = net.graph.nodes[name]
        if node.op is not None:
            rhs = net.graph.expression(name)
            lines.append(f"{matrix_tex(name)} &= {tex(rhs)}")
    return display(environment("aligned", lines))


def definitions(net):
    """Every matrix written out entry by entry, with the named entries z_i, h_i, y_ij."""
    leaves = r",\quad ".join(f"{matrix_tex(n)} = {tex(net.E[n])}" for n in ("X", "W1", "W2"))
    rows = [leaves]
    for name in ("z", "h", "y"):
        node = net.graph.nodes[name]
        inner = node.op.forward(*(net.E[i] for i in node.inputs))
        rows.append(f"{matrix_tex(name)} = {tex(entrywise_max(net, inner, name))} = {tex(net.E[name])}")
    rows.append(f"L = {tex(net.graph.expression('L'))} = {tex(squares(net))}")
    return display(environment("gathered", rows))


def entrywise_max(net, inner, name):
    """y's entries as the note writes them first: max(0, z_i) w_2j."""
    if name != "y":
        return inner
    relu_z = net.graph.nodes["h"].op.forward(net.E["z"])
    return sp.ImmutableMatrix(2, 2, lambda i, j: sp.Mul(relu_z[i], net.E["W2"][j], evaluate=False))


def relu_definition():
    """ReLU and its derivative (with ReLU'(0) = 0) for one entry t."""
    t = sp.Symbol("t", real=True)
    on, off = sp.StrictGreaterThan(t, 0), sp.LessThan(t, 0, evaluate=False)
    relu = [(tex(t), tex(on)), (tex(sp.S.Zero), tex(off))]
    step = [(tex(sp.S.One), tex(on)), (tex(sp.S.Zero), tex(off))]
    rows = [rf"\operatorname{{ReLU}}(t) &= {tex(sp.Max(0, t))} = {cases_tex(relu)}",
            rf"\operatorname{{ReLU}}'(t) &= {tex(Indicator(t))} = {cases_tex(step)}"]
    return display(environment("aligned", rows))


def squares(net):
    """y₁₁² + y₁₂² + … : ‖y‖² entry by entry."""
    return sp.Add(*(sp.Pow(v, 2, evaluate=False) for v in net.E["y"]), evaluate=False)


def worked_forward(net, worked):
    """The forward pass of one example: each node's rule, with numbers, then its value."""
    env = worked.env
    rows = ["&" + r",\quad ".join(f"{matrix_tex(n)} = {tex(worked.values[n])}" for n in ("X", "W1", "W2"))]
    for name in ("z", "h", "y", "L"):
        node = net.graph.nodes[name]
        rule = net.graph.expression(name)
        shown = [tex(rule), tex_with(rule, env)]
        value = worked.values[name]
        if name == "L":
            shown.append(tex_with(squares(net), env))
            value = value[0, 0]
        rows.append(f"{matrix_tex(name)} &= " + " = ".join([*shown, tex(value)]))
    return display(environment("aligned", rows))


def worked_part(part, worked):
    """`lhs = symbolic = with numbers = value` for one part, checked against the example's gradient."""
    line = part.lines[part.worked]
    value = line_value(line, worked.env)
    _check_value(part, value, worked)
    shown = [rhs_tex(line, notation=NOTATION)]
    substituted = rhs_tex(line, worked.env, NOTATION)
    if substituted != shown[0] and not isinstance(line, sp.Symbol):
        shown.append(substituted)
    if tex(value) != shown[-1]:
        shown.append(tex(value))
    return part.lhs, shown


def _check_value(part, value, worked):
    """The number shown at the end of a worked line must be the example's gradient."""
    claim = part.claim
    if claim is None or claim.quantity != "grad":
        return
    expected = worked.grads[claim.wrt]
    if claim.at is not None:
        expected = expected[claim.at]
    if sp.sympify(value) != sp.sympify(expected):
        raise VerificationError(part.lhs, f"example {worked.example.id!r}: the worked line gives {value}, "
                                f"the gradient is {expected}")


def worked_step(step, worked):
    """A numbered equation of the note with one example's numbers in it."""
    parts = [worked_part(p, worked) for p in step.parts]
    return {"key": step.key, "tex": display(layout_tex(step.layout, parts), step.label)}


def worked_context(net, worked, steps):
    """Everything a template shows of one example."""
    return {
        "id": worked.example.id,
        "case": worked.case.id,
        "conditions": condition_tex(worked.case, NOTATION),
        "on": list(worked.case.on),
        "off_units": [i + 1 for i, o in enumerate(worked.case.on) if not o],
        "kinks": [row for _, row, _ in at_kinks(worked)],
        "z": [number_text(v) for v in worked.values["z"]],
        "L": number_text(worked.values["L"][0, 0]),
        "forward": worked_forward(net, worked),
        "steps": [worked_step(s, worked) for s in shown_steps(steps, worked.case)],
        "record": record(worked),
    }


def erratum_context(erratum, workeds):
    """One erratum with the note's and the corrected expression, evaluated on the first example
    of its case where the two differ (None if no example shows a difference)."""
    numbers = None
    for worked in workeds if erratum.original is not None else ():
        if erratum.case not in (None, worked.case):
            continue
        original = tex(line_value(erratum.original, worked.env))
        corrected = tex(line_value(erratum.corrected, worked.env))
        if original != corrected:
            numbers = {"example": worked.example.id, "original": original, "corrected": corrected}
            break
    shown = erratum.original is not None
    stated = erratum.corrected is not None and not shown
    return {"id": erratum.id, "where": list(erratum.where), "quote": erratum.quote, "lhs": erratum.lhs,
            "group": erratum.group, "reading": erratum.reading,
            "original": display(f"{erratum.lhs} = {tex(erratum.original)}") if shown else None,
            "corrected": display(f"{erratum.lhs} = {tex(erratum.corrected)}") if shown else None,
            "stated": f"{erratum.lhs} = {tex(erratum.corrected)}" if stated else None,
            "shapes": {k: shape_tex(v) for k, v in (("original", erratum.original), ("corrected", erratum.corrected))},
            "case": condition_tex(erratum.case, NOTATION) if erratum.case else None, "numbers": numbers}


def shape_tex(value):
    """`2 \\times 1` for a matrix, None for a scalar or nothing."""
    shape = getattr(value, "shape", None)
    return r"{} \times {}".format(*shape) if shape else None


def case_keys(net, steps, case):
    """The equations of one case by what they give: the ReLU local, ∂L/∂z, ∂L/∂w₁ₖ, ∂L/∂W₁."""
    claims = [(s.name, s.parts[0].claim) for s in steps if s.case == case]
    return {"relu_local": next(k for k, c in claims if c.quantity == "local"),
            "dz": next(k for k, c in claims if c.quantity == "grad" and c.wrt == "z"),
            "w1_entries": [k for k, c in claims if c.wrt == "W1" and c.at is not None],
            "w1": next(k for k, c in claims if c.wrt == "W1" and c.at is None)}


def spans(net, steps):
    """Equation ranges named in the prose, e.g. `(19)–(22)`, from the steps themselves."""
    label = {s.name: s.label for s in steps}

    def span(names):
        return {"first": label[names[0]], "last": label[names[-1]]}
    per_case = [case_keys(net, steps, c) for c in net.cases]
    note = [s.name for s in steps if not s.series]
    return {"note": span(note), "dz": span([k["dz"] for k in per_case]),
            "w1": span([k["w1"] for k in per_case])}


def page_context(verified):
    """All pages' data, from the verified results (nothing is derived again here)."""
    net, steps, workeds = verified.net, verified.steps, verified.workeds
    return {
        "eq": {s.name: step_tex(s, NOTATION) for s in steps},
        "tag": {s.name: s.label for s in steps},
        "forward_equations": forward_equations(net),
        "definitions": definitions(net),
        "relu_definition": relu_definition(),
        "cases": [{"id": c.id, "conditions": condition_tex(c, NOTATION), **case_keys(net, steps, c)} for c in net.cases],
        "spans": spans(net, steps),
        "examples": [worked_context(net, w, steps) for w in workeds],
        "errata": [erratum_context(e, workeds) for e in verified.errata],
        "shapes": shapes_context(net),
        "verified": verified.counts,
        "grad_names": {n: partial("L", matrix_tex(n)) for n in GRADIENTS},
        "formula": formulas(net),
        "examples_file": verified.source,
        "near_kink": [w.id for w in workeds if near_kink(net.graph, w.values)],
        "counts": {"examples": len(workeds), "cases": len(net.cases),
                   "forward": sum(node.op is not None for node in net.graph.nodes.values()),
                   "covered": len({w.case.id for w in workeds}),
                   "per_case": sorted({sum(w.case == c for w in workeds) for c in net.cases})},
    }


def formulas(net):
    """Result formulas named in prose (2 hᵀ y, …), printed from the graph's matrix rules."""
    out = {name: tex(net.matrix_gradient(name)) for name in ("W2", "h", "z", "W1", "X")}
    matrix = net.matrix_gradient("W1")
    out["W1_unmasked"] = tex(restrict(net, matrix, tuple(True for _ in net.E["z"])))
    out["dL_dy"] = tex(net.matrix_gradient("y"))
    out["dh_step"] = tex(one_step(net.graph, "h"))  # ∂L/∂y W₂ᵀ, before ∂L/∂y is put in
    out["not_needed"] = {k: tex(v) for k, v in vars(not_needed(net)).items()}
    return out


def shapes_context(net):
    """The shape table and, per weight, the chain rule's sum over i written three ways."""
    table = [{**row, "shape": r"{} \times {}".format(*row["shape"]),
              "grad_shape": r"{} \times {}".format(*row["grad_shape"])} for row in shape_table(net)]
    sums = []
    for item in index_sums(net):
        lhs = partial("L", node_entry_tex(net, item))
        chain = [sum_notation(net, item), tex(named_weights(net, item.summed)), tex(item.transposed),
                 element_tex(net, item, tex(item.matrix))]
        entries = [(partial("L", net.entry_tex(item.node, *at)),
                    [tex(named_weights(net, expanded(item, values))), tex(expanded(item, values, "transposed"))])
                   for values, at in positions(net, item)]
        filled = with_upstream(net, item)
        forms = list(dict.fromkeys([tex(item.matrix), tex(filled), tex(filled.doit())]))
        factor = next(a for a in item.matrix.args if isinstance(a, sp.Transpose)).arg
        summed = item.summed.limits[0]
        sums.append({"node": item.node, "upstream": item.upstream, "factor": tex(factor), "side": item.side,
                     "indices": "".join(tex(i) for i in item.indices), "summed_index": tex(summed[0]),
                     "summed_count": int(summed[2]),
                     "generic": display(chain_tex(lhs, chain)),
                     "entries": display(layout_tex("chain", entries)),
                     "matrix": display(chain_tex(partial("L", matrix_tex(item.node)), forms))})
    return {"table": table, "sums": sums}
