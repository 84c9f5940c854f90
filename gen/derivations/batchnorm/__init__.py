"""Batch normalization's backward pass, CS231n assignment 2 (`batchnorm_forward`, training mode, and
`batchnorm_backward`): every gradient from the engine's walk, simplified, and the compact ∂L/∂X."""

from pathlib import Path

from gen import schema
from gen.declare import Declaration, derivation as engine_derivation
from gen.derivations.batchnorm.network import NOTATION, network
from gen.derivations.batchnorm.steps import LOCALS, steps

SIMPLEST = {s.name[4:]: s.parts[0].lines[-1] for s in steps() if s.name.startswith("dL_d") and s.name != "dL_dX_compact"}
"""Each gradient's simplest line (what an example shows with its numbers)."""

def local_names(verified):
    """The local gradients' step names, for the derivation page."""
    return {"locals": [f"local_{of}_{wrt}" for of, wrt in LOCALS]}


def simplest(graph, name):
    """An example shows each gradient by its simplest line."""
    return SIMPLEST[name]


DECLARATION = Declaration(
    name="batchnorm",
    folder=Path(__file__).parent,
    order=30,
    network=network,
    fields={"X": schema.matrix("N,D"), "gamma": schema.vector("D"), "beta": schema.vector("D"),
            "eps": schema.number(above=0), "G": schema.matrix("N,D")},
    steps=steps,
    proofs={None: ({"N": 1, "D": 1}, {"N": 2, "D": 1}, {"N": 3, "D": 2}, {"N": 2, "D": 3})},
    values=("mu", "var", "xhat", "y"),
    gradients=("y", "beta", "gamma", "xhat", "var", "mu", "X"),
    notation=NOTATION,
    label="BN",
    listing="listing.py",
    context=local_names,
    shown_forms=simplest,
)


def derivation():
    """Batch normalization, as the engine runs it."""
    return engine_derivation(DECLARATION)
