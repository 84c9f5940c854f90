"""The note's network, built once per run and handed to every stage (no module-level graph):
z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖², with X 2×2, W₁ 2×1, W₂ 1×2."""

from dataclasses import dataclass
from functools import cached_property

from gen.derivations.note.names import ENTRY_NAMES
from gen.graph import Graph
from gen.notation import entry_tex, generic_entry_tex, index_tex
from gen.ops import MatMul, ReLU, SquaredNorm


@dataclass(frozen=True)
class Net:
    """The graph with the names every stage of the note uses."""

    graph: Graph
    """CS231n Lecture 4's graph."""

    @property
    def E(self):
        """Node → matrix of named entries (x11, w12, z1, …)."""
        return self.graph.entries

    @property
    def M(self):
        """Node → matrix symbol (X, W_1, …)."""
        return self.graph.symbols

    @property
    def Z(self):
        """The entries z_1, z_2 of the ReLU's input."""
        return self.graph.entries["z"]

    @cached_property
    def cases(self):
        """The four sign patterns of (z₁, z₂), all-on first."""
        return self.graph.cases("z")

    def entry_tex(self, node, i, j):
        """LaTeX of one entry, e.g. w_{21}."""
        return entry_tex(ENTRY_NAMES[node], i, j)

    def generic_entry_tex(self, node, index):
        """A generic entry with a letter index, e.g. w_{2j}."""
        return generic_entry_tex(ENTRY_NAMES[node], index)

    def index_tex(self, node, shape):
        """y_{ij} for a matrix, z_{i} for a vector."""
        return index_tex(ENTRY_NAMES[node], shape)


def network():
    """CS231n Lecture 4's graph: z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖²."""
    return Net(Graph(
        leaves={"X": (2, 2), "W1": (2, 1), "W2": (1, 2)},
        ops=[("z", MatMul(), ("X", "W1")),
             ("h", ReLU(), ("z",)),
             ("y", MatMul(), ("h", "W2")),
             ("L", SquaredNorm(), ("y",))],
        entry_names=ENTRY_NAMES,
    ))
