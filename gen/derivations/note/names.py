"""How the note names each matrix's entries (its first index of w is the layer: w₁₂ is row 2 of W₁)."""

ENTRY_NAMES = {
    "X": "x{i}{j}",
    "W1": "w1{i}",
    "W2": "w2{j}",
    "z": "z{i}",
    "h": "h{i}",
    "y": "y{i}{j}",
}
"""Node → the pattern of its entries' symbol names (1-based i, j)."""
