"""The multiclass SVM loss of a linear classifier, CS231n assignment 1 (`svm_loss_vectorized`): the
scores, the hinge on every wrong class, and ∂L/∂S, ∂L/∂W from the engine's walk, with the count of
positive margins as the correct class's gradient."""

from pathlib import Path

from gen import schema
from gen.declare import Declaration, derivation as engine_derivation
from gen.derivations.svm.network import NOTATION, SIZES, network
from gen.derivations.svm.steps import ORDER, steps

PROOF_SIZES = ((1, 1, 1), (1, 1, 2), (2, 2, 2), (1, 2, 3), (2, 1, 3))
"""(N, D, C) at which every line is proven, in every sign pattern of the margins (each size 1 and more than 1)."""

SIMPLEST = {s.name[4:]: s.parts[0].lines[-1] for s in steps()}


def at_the_kink(worked):
    """The wrong classes whose margin before the hinge is exactly 0 (1-based row, column): the convention decides them."""
    a, y = worked.values["A"], worked.values["Y"]
    zeros = [(i + 1, j + 1) for i in range(a.rows) for j in range(a.cols) if a[i, j] == 0 and y[i, j] == 0]
    return {"kinks": zeros, "counts": [sum(1 for v in worked.values["margins"].row(i) if v > 0) for i in range(a.rows)]}


def simplest(graph, name):
    """An example shows each gradient with its upstreams put in."""
    return SIMPLEST[name]


DECLARATION = Declaration(
    name="svm",
    folder=Path(__file__).parent,
    order=40,
    network=network,
    fields={"X": schema.matrix("N,D"), "W": schema.matrix("D,C"), "labels": schema.labels("N", classes="C", into="Y"),
            "reg": schema.number(at_least=0)},
    steps=steps,
    proofs={None: tuple(dict(zip(SIZES, s)) for s in PROOF_SIZES)},
    values=("S", "s", "A", "margins"),
    gradients=("S", "W"),
    notation=NOTATION,
    label="SVM",
    listing="listing.py",
    example_context=at_the_kink,
    shown_forms=simplest,
)


def derivation():
    """The multiclass SVM, as the engine runs it."""
    return engine_derivation(DECLARATION)
