"""CS231n's two-layer net with biases and two losses (squared error, softmax cross-entropy): every
gradient from index notation to matrix form, proven by sympy, with worked examples."""

from pathlib import Path

from gen import schema
from gen.declare import Declaration
from gen.declare import derivation as engine_derivation
from gen.derivations.two_layer.context import example_extra, page_extra, shown_forms
from gen.derivations.two_layer.batch_mean import prove_scaled
from gen.derivations.two_layer.figures import figures
from gen.derivations.two_layer.method import prove_method
from gen.derivations.two_layer.network import GRADIENTS, NOTATION, SIZES, network, variant_of
from gen.derivations.two_layer.softmax_proofs import prove_softmax_notes
from gen.derivations.two_layer.steps import prove_penalty, prove_reduction, steps
from gen.derivations.two_layer.unmasked import prove_unmasked

PROOF_SHAPES = {"squared": ((1, 1, 1, 1), (2, 1, 2, 1), (1, 2, 1, 2), (2, 2, 2, 2), (3, 2, 1, 2)),
                "softmax": ((1, 1, 1, 1), (2, 1, 1, 2), (1, 2, 2, 3))}
"""(N, D, H, C) at which every matrix form is proven: each size is 1 in one shape and greater than 1 in another."""

def own_counts(all_steps):
    """The derivation's own checks: the reduction to the note, when its mask drops out, the method's rule, the
    gradients with the L2 penalty, the softmax's notes and the scaled squared error."""
    scaled = next(s for s in all_steps if s.name == "dy_scaled")
    return {"reduction": prove_reduction(all_steps), "unmasked": prove_unmasked(all_steps),
            "method": prove_method(all_steps), "penalty": prove_penalty(all_steps),
            "softmax_notes": prove_softmax_notes(all_steps), "scaled": prove_scaled(scaled)}


DECLARATION = Declaration(
    name="two-layer",
    folder=Path(__file__).parent,
    order=20,
    network=network,
    fields={"loss": schema.choice("squared", "softmax"), "X": schema.matrix("N,D"), "W1": schema.matrix("D,H"),
            "b1": schema.vector("H"), "W2": schema.matrix("H,C"), "b2": schema.vector("C"),
            "T": schema.matrix("N,C", when=("loss", "squared")),
            "labels": schema.labels("N", classes="C", into="Y", when=("loss", "softmax")),
            "reg": schema.number(at_least=0, default=0)},
    steps=steps,
    proofs={loss: tuple(dict(zip(SIZES, s)) for s in shapes) for loss, shapes in PROOF_SHAPES.items()},
    values=("z", "h", "y"),
    gradients=GRADIENTS,
    notation=NOTATION,
    pages=("index.md", "derivation.md", "examples.md", "gradient-check.md", "explorer.md"),
    variant="loss",
    index_sizes=dict(zip(SIZES, (2, 3, 2, 3))),
    label="2L",
    listing="listing.py",
    checks=own_counts,
    context=page_extra,
    example_context=example_extra,
    shown_forms=shown_forms,
    figures=figures,
    graph_figure=False,
    choose=variant_of,
)


def derivation():
    """This derivation, as the engine runs it."""
    return engine_derivation(DECLARATION)
