"""How the note names each matrix's entries (its first index of w is the layer: w₁₂ is row 2 of W₁)."""

from gen.notation import Notation

ENTRY_NAMES = {
    "X": "x{i}{j}",
    "W1": "w1{i}",
    "W2": "w2{j}",
    "z": "z{i}",
    "h": "h{i}",
    "y": "y{i}{j}",
}
"""Node → the pattern of its entries' symbol names (1-based i, j)."""

NOTATION = Notation(entries={"X": "x", "W1": "w", "W2": "w", "h": "h"})
"""Letter-indexed entries print with the entry's letter: x_{ik}, h_{i}, w_{kc}."""


def tex(expr):
    """LaTeX in the note's notation."""
    return NOTATION.tex(expr)


def tex_with(expr, values):
    """LaTeX with the numbers in `values` put in."""
    return NOTATION.tex(expr, values)
