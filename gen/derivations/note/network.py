"""The note's network, declared from the engine's op table: z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖²,
with X 2×2, W₁ 2×1, W₂ 1×2 and the note's entry names; walked entry by entry (`gen.entrywise`)."""

from gen.derivations.note.names import ENTRY_NAMES
from gen.entrywise import EntryForm
from gen.graph import graph, relu, squared_norm


def network():
    """CS231n Lecture 4's graph, built once per run and handed to every stage."""
    g = graph(entry_names=ENTRY_NAMES)
    X, W1, W2 = g.input("X", "2,2"), g.input("W1", "2,1"), g.input("W2", "1,2")
    z = g.node("z", X @ W1)
    h = g.node("h", relu(z))
    y = g.node("y", h @ W2)
    g.loss(squared_norm(y))
    return EntryForm(g)
