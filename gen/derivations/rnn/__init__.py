"""A vanilla RNN through time, CS231n assignment 3 (`rnn_forward`/`rnn_backward`): the net unrolled over T
steps, every gradient by the engine's walk (backpropagation through time is its fan-out rule), and the
same lines at every t, proven at T = 1 … 4."""

from pathlib import Path

import sympy as sp

from gen import schema
from gen.declare import Declaration, derivation as engine_derivation
from gen.derivations.rnn.network import NOTATION, SIZES, network
from gen.derivations.rnn.recurrence import CHECKED_STEPS, MIDDLE, MOST_STEPS, check, forward, general, shown
from gen.derivations.rnn.steps import SHOWN_STEPS, steps
from gen.equations import display, environment

PROOF_SIZES = ((1, 1, 1), (2, 2, 1), (1, 1, 2))
"""(N, D, H) at which every line of the page's T = 3 is proven (each size 1 and more than 1)."""


def context(verified):
    """The general lines, one display each, and tanh' = 1 − tanh² as sympy writes it."""
    a = sp.Symbol("a")
    return {"general": {k: display(v) for k, v in shown(general()).items()},
            "forward_general": display(environment("aligned", forward())),
            "tanh_rule": display(f"{NOTATION.tex(sp.Derivative(sp.tanh(a), a))} = {NOTATION.tex(1 - sp.tanh(a) ** 2)}"),
            "shown_steps": SHOWN_STEPS, "middle": MIDDLE, "checked_steps": ", ".join(map(str, CHECKED_STEPS))}


DECLARATION = Declaration(
    name="rnn",
    folder=Path(__file__).parent,
    order=60,
    network=network,
    fields={"X": schema.matrices("T", "N,D", at_most=MOST_STEPS), "h0": schema.matrix("N,H"), "Wx": schema.matrix("D,H"),
            "Wh": schema.matrix("H,H"), "b": schema.vector("H"), "G": schema.matrices("T", "N,H")},
    steps=steps,
    proofs={SHOWN_STEPS: tuple(dict(zip(SIZES, s)) for s in PROOF_SIZES)},
    values=("a", "h"),
    gradients=("h", "a", "X", "h0", "Wx", "Wh", "b"),
    notation=NOTATION,
    choose=lambda example: example.sizes["T"],  # the net unrolled over the example's steps
    label="RNN",
    listing="listing.py",
    checks=check,
    context=context,
)


def derivation():
    """The RNN through time, as the engine runs it."""
    return engine_derivation(DECLARATION)
