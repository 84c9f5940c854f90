"""The language-neutral context of the two-layer pages: equations as LaTeX, numbers as text."""

from pathlib import Path

import sympy as sp

from gen.derivations.two_layer.compute import DIGITS
from gen.derivations.two_layer.graph import GRADIENTS, network
from gen.derivations.two_layer.notation import NAMES, SHOWN_DIGITS, grad_name, grad_tex, number, tex
from gen.derivations.two_layer.steps import number as step_numbers
from gen.derivations.two_layer.verify import CHECK_DIGITS
from gen.equations import anchor, chain_tex, display, environment, ref

LISTING = Path(__file__).parent / "listing.py"


def forward_equations(loss):
    """z = X W₁ + 𝟏b₁, h = ReLU(z), y = h W₂ + 𝟏b₂ and the loss, from each op's forward expression."""
    graph = network(loss)
    s = graph.symbols()
    rows = []
    for node in graph.nodes.values():
        if node.op is not None and node.name in ("z", "h", "y", "r", "L"):
            rhs = node.op.expr(*(s[i] for i in node.inputs))
            rows.append(f"{NAMES[node.name]} &= {tex(rhs)}")
    if loss == "softmax":
        lhs, rhs = graph.nodes["L"].op.probabilities_expr()
        rows.append(f"{tex(lhs)} &= {tex(rhs)}")
    return display(environment("aligned", rows))


def equations(steps):
    """Step name → its display block, tagged with its number and anchored; and → a link `[(n)](#eq-n)` for references."""
    numbers = step_numbers(steps)
    eq = {s.name: anchor(f"({numbers[s.name]})") + "\n\n"
          + display(chain_tex(tex(s.lhs), [tex(line) for line in s.lines]), f"({numbers[s.name]})") for s in steps}
    return eq, {name: ref(f"({n})") for name, n in numbers.items()}


def env_of(worked, graph):
    """Matrix symbol → its numbers, for substituting an example into a matrix form."""
    values = dict(worked.values)
    values.update(worked.example.inputs)
    values["mask_z"], values["ones"] = worked.mask, sp.ones(values["X"].rows, 1)
    if "T" in values:
        values["r"] = values["y"] - values["T"]
    env = {sym: values[name] for name, sym in graph.symbols().items() if name in values and name != "L"}
    for extra in ("mask_z", "ones", "P"):
        if extra in values:
            env[sp.MatrixSymbol(extra, *values[extra].shape)] = values[extra]
    for name in GRADIENTS:
        env[sp.MatrixSymbol(grad_name(name), *worked.grads[name].shape)] = worked.grads[name]
    return env


def worked_line(lhs, form, env, value):
    """`lhs = form = form with numbers = value`."""
    return chain_tex(lhs, [tex(form), tex(form, env), tex(value)])


def example_context(worked, steps_by_name):
    """Everything a template shows of one example."""
    ex = worked.example
    n, d, h, c = ex.sizes
    graph = network(ex.loss, ex.sizes)
    env = env_of(worked, graph)
    s = graph.symbols()
    inputs = [f"{NAMES[k]} = {tex(ex.inputs[k])}" for k in ("X", "W1", "b1", "W2", "b2", "T", "Y") if k in ex.inputs]
    forward = []
    for name in ("z", "h", "y"):
        node = graph.nodes[name]
        rule = node.op.expr(*(s[i] for i in node.inputs))
        forward.append(worked_line(NAMES[name], rule, env, worked.values[name]))
    forward.append(f"L = {number(worked.values['L'][0, 0])}")
    y_form = steps_by_name[f"dy_{ex.loss}"].lines[-1]
    first = graph.backward(s)["y"] if ex.loss == "softmax" else sp.MatMul(2, sp.MatAdd(s["y"], -s["T"]), evaluate=False)
    grads = [worked_line(grad_tex("y"), first, env, worked.grads["y"])]
    grads += [worked_line(grad_tex(name), graph.one_step(name), env, worked.grads[name]) for name in GRADIENTS[1:]]
    return {
        "id": ex.id, "loss": ex.loss, "N": n, "D": d, "H": h, "C": c, "tall": n > d,
        "labels": ", ".join(str(v) for v in ex.labels),
        "mask_matters": worked.grads["h"] != worked.grads["z"],
        "off": sum(1 for v in worked.values["z"] if v < 0),
        "entries": n * h,
        "inputs": display(environment("gathered", [r",\quad ".join(inputs[:3]), r",\quad ".join(inputs[3:])])),
        "forward": display(environment("gathered", forward)),
        "gradients": display(environment("gathered", grads, r" \\[1ex]")),
        "dy_form": tex(y_form),
    }


def page_context(verified):
    """All pages' data."""
    steps_by_name = {s.name: s for s in verified.steps}
    eq, ref = equations(verified.steps)
    counts = verified.counts
    proofs = counts["proofs"]
    return {
        "eq": eq, "ref": ref,
        "forward": {loss: forward_equations(loss) for loss in ("squared", "softmax")},
        "grad": {name: grad_tex(name) for name in GRADIENTS},
        "examples": [example_context(w, steps_by_name) for w in verified.workeds],
        "digits": {"computed": DIGITS, "shown": SHOWN_DIGITS, "checked": CHECK_DIGITS},
        "counts": {**counts, "proof_checks": sum(p["checks"] for p in proofs.values()),
                   "proof_shapes": sum(p["shapes"] for p in proofs.values())},
        "listing": LISTING.read_text(encoding="utf-8"),
        "data_link": "../data/two-layer.json",
    }
