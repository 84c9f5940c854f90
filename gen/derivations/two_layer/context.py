"""What the two-layer pages say beyond the engine's context: the softmax's P in the forward pass, each
example's description (its loss, sizes, which units are off), and ∂L/∂y shown as 2(y − T)."""

import sympy as sp

from gen.declare import forward_tex
from gen.derivations.two_layer import batch_mean, overflow
from gen.derivations.two_layer.explorer import explorer_context
from gen.derivations.two_layer.gradpage import gradient_check_context, jacobian_context
from gen.derivations.two_layer.network import GRADIENTS, NOTATION, grad_tex, network, tex
from gen.equations import display, environment
from gen.worked import at_kinks


def forward_equations(loss):
    """z = X W₁ + 𝟏b₁, h = ReLU(z), y = h W₂ + 𝟏b₂ and the loss; for softmax also P."""
    graph = network(loss)
    rows = forward_tex(graph, NOTATION).split("\n")[2:-2]
    if loss == "softmax":
        lhs, rhs = graph.nodes["L"].op.probabilities_expr(graph.sizes["C"])
        rows[-1] += r" \\"
        rows.append(f"{tex(lhs)} &= {tex(rhs)}")
    return display(environment("aligned", [r.removesuffix(r" \\") for r in rows]))


def page_extra(verified):
    """Both losses' forward passes, the gradients' names, the softmax notes' numbers, the explorer page's
    context, the gradient checks and the size of a Jacobian."""
    return {"forward": {loss: forward_equations(loss) for loss in ("squared", "softmax")},
            "grad": {name: grad_tex(name) for name in GRADIENTS}, "explorer": explorer_context(verified),
            "gradcheck": gradient_check_context(verified), "jacobian": jacobian_context(verified),
            **notes_context(verified)}


def notes_context(verified):
    """The overflow of one row in float64 and the examples' batches stacked twice, each checked here."""
    labels = {s.name: s.label for s in verified.steps}
    found = overflow.compute()
    overflow.check(found, labels["softmax_shift"])
    _, shown = batch_mean.prove_batches(verified.workeds, labels["dy_scaled"])
    return {"overflow": overflow.context(found), "batch": batch_mean.batch_context(shown)}


def shown_forms(graph, name):
    """∂L/∂y as the examples show it: 2(y − T) for the squared error (the walk's one step is ∂L/∂r)."""
    if name == "y" and "r" in graph.nodes:
        return sp.MatMul(2, graph.expression("r"), evaluate=False)
    return None


def example_extra(worked):
    """How the examples page describes one example."""
    values, sizes = worked.values, worked.sizes
    return {"loss": worked.example.values["loss"], **sizes, "tall": sizes["N"] > sizes["D"],
            "labels": ", ".join(str(v) for v in worked.example.values.get("labels", ())),
            "n_labels": len(worked.example.values.get("labels", ())),
            "mask_matters": worked.grads["h"] != worked.grads["z"],
            "off": sum(1 for v in values["z"] if v <= 0), "entries": sizes["N"] * sizes["H"],
            "kinks": [(row, col) for _, row, col in at_kinks(worked)]}
