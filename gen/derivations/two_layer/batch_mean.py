"""Why the cross-entropy carries 1/N and the squared error carries neither 1/N nor ½, decided:

    mean     at every softmax example, the gradients are the mean of the rows' own gradients, and a batch
             stacked on itself (2N rows) has the same gradients: the step does not grow with N
    sum      at every squared-error example the batch stacked on itself has twice the gradients
    scaled   L̃ = (1/(2N))‖y − T‖² gives ∂L̃/∂y = (1/(2N)) 2(y − T) = (1/N)(y − T) (entries at two sizes), and
             at every squared-error example each gradient of L̃ is the page's divided by 2N
"""

import sympy as sp

from gen.derivations.two_layer.network import NOTATION, SIZES, network
from gen.errors import VerificationError
from gen.graph import graph, relu, squared_norm
from gen.matexpr import explicit
from gen.notation import partial
from gen.numbers import evaluate
from gen.statements import Part, Step
from gen.walk import backward, forward

PARAMETERS = ("W1", "b1", "W2", "b2")
SCALED_SIZES = ((1, 1), (2, 3))
"""(N, C) at which ∂L̃/∂y is proven entry by entry."""
TOLERANCE = sp.Rational(1, 10**30)


def scaled_network():
    """The squared-error net with L̃ = κ‖y − T‖², κ a given number (1/(2N) here)."""
    g = graph(sizes=SIZES)
    X, W1, b1 = g.input("X", "N,D"), g.input("W1", "D,H"), g.input("b1", "1,H")
    W2, b2, T = g.input("W2", "H,C"), g.input("b2", "1,C"), g.given("T", "N,C")
    y = g.node("y", relu(g.node("z", X @ W1 + b1)) @ W2 + b2)
    g.loss(g.param("kappa") * squared_norm(g.node("r", y - T)))
    return g


def scaled_loss_tex():
    """L̃ = (1/(2N))‖y − T‖², as the page defines it."""
    sq = network("squared")
    norm = sq.written(sq.expression("L"))
    return NOTATION.tex(sp.Mul(1 / (2 * sq.sizes["N"]), norm.func(sq.expression("r")), evaluate=False))


def scaled_step():
    """∂L̃/∂y = (1/(2N)) 2(y − T) = (1/N)(y − T)."""
    sq = network("squared")
    n, r = sq.sizes["N"], sq.expression("r")
    lines = (sp.MatMul(1 / (2 * n), 2, r, evaluate=False), sp.MatMul(1 / n, r, evaluate=False))
    return Step("dy_scaled", (Part(partial(r"\tilde{L}", "y"), lines, None),), variant="squared", check="own")


def prove_scaled(step, sizes=SCALED_SIZES):
    """Each line of ∂L̃/∂y against direct differentiation of (1/(2N)) Σ (y_ij − T_ij)² at each (N, C)."""
    for rows, cols in sizes:
        y, t = (sp.Matrix(rows, cols, lambda a, b, n=n: sp.Symbol(f"{n}{a}{b}")) for n in "yT")
        loss = sum((y[a] - t[a]) ** 2 for a in range(rows * cols)) / (2 * rows)
        direct = sp.Matrix(rows, cols, lambda a, b: sp.diff(loss, y[a, b]))
        sizes = network("squared").sizes
        for line in step.parts[0].lines:
            line = line.xreplace({sizes["N"]: rows, sizes["C"]: cols})
            shown = explicit(line, {s: {"y": y, "T": t}[s.name] for s in line.atoms(sp.MatrixSymbol)})
            if sp.expand(sp.Matrix(shown) - direct) != sp.zeros(rows, cols):
                raise VerificationError(step.label, f"differs from ∂L̃/∂y at N = {rows}, C = {cols}")
    return len(sizes) * len(step.parts[0].lines)


def data_inputs(worked, copies=1, rows=None):
    """An example's inputs without the penalty, its batch (or the rows `rows`) stacked `copies` times."""
    values = worked.values
    target = "Y" if "Y" in values else "T"
    picked = range(values["X"].rows) if rows is None else rows
    out = {n: values[n] for n in ("W1", "b1", "W2", "b2")}
    for name in ("X", target):
        out[name] = sp.ImmutableMatrix.vstack(*[values[name].row(a) for a in picked] * copies)
    return out


def gradients(loss, inputs, g=None):
    """∂L/∂W₁, ∂L/∂b₁, ∂L/∂W₂, ∂L/∂b₂ by the walk."""
    g = g or network(loss)
    found = backward(g, forward(g, inputs))
    return {n: sp.ImmutableMatrix(found[n]) for n in PARAMETERS}


def _close(a, b):
    """Whether two matrices of exact values agree to 30 digits (the softmax's exponentials are not rational)."""
    return all(abs(evaluate(x - y)) <= TOLERANCE * (1 + abs(evaluate(y))) for x, y in zip(a, b))


def prove_example(worked, label):
    """The batch claims at one example; returns the gradients of the batch and of it stacked twice (for the page)."""
    loss = worked.example.values["loss"]
    once, twice = gradients(loss, data_inputs(worked)), gradients(loss, data_inputs(worked, 2))
    n = worked.values["X"].rows
    if loss == "softmax":
        rows = [gradients(loss, data_inputs(worked, rows=[a])) for a in range(n)]
        mean = {k: sum((g[k] for g in rows), sp.zeros(*once[k].shape)) / n for k in PARAMETERS}
        if not all(_close(twice[k], once[k]) and _close(mean[k], once[k]) for k in PARAMETERS):
            raise VerificationError(label, f"example {worked.id!r}: the mean's gradient changes with the batch")
        # (P − Y)/N < 0 exactly at the label: descent raises the label's score and lowers the others
        signs = [(evaluate(g) < 0) == (t == 1) for g, t in zip(worked.grads["y"], worked.values["Y"])]
        if not all(signs):
            raise VerificationError(label, f"example {worked.id!r}: ∂L/∂y is not negative exactly at the labels")
    else:
        inputs = {**data_inputs(worked), "kappa": sp.ImmutableMatrix([[sp.Rational(1, 2 * n)]])}
        scaled = gradients(loss, inputs, scaled_network())
        if any(twice[k] != 2 * once[k] or scaled[k] != once[k] / (2 * n) for k in PARAMETERS):
            raise VerificationError(label, f"example {worked.id!r}: the summed loss's gradient does not double, "
                                           "or L̃'s is not the page's divided by 2N")
    return once, twice


def prove_batches(workeds, label):
    """Every example; returns (checks, {loss: (example id, N, ∂L/∂b₂, ∂L/∂b₂ stacked twice)}), the first of each loss."""
    shown = {}
    for worked in workeds:
        once, twice = prove_example(worked, label)
        loss = worked.example.values["loss"]
        shown.setdefault(loss, (worked.id, worked.values["X"].rows, once["b2"], twice["b2"]))
    return len(workeds), shown


def batch_context(shown):
    """The page's numbers: each loss's example, N, 2N and ∂L/∂b₂ of the batch and of it stacked twice."""
    def tex(m):
        return NOTATION.tex(m.applyfunc(evaluate))
    out = {loss: {"id": name, "N": n, "twice_N": 2 * n, "once": tex(once), "twice": tex(twice),
                  "entries": [[NOTATION.tex(evaluate(v)) for v in m] for m in (once, twice)]}
           for loss, (name, n, once, twice) in shown.items()}
    return {**out, "scaled_loss": scaled_loss_tex()}
