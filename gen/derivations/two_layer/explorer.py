"""The two-layer explorer page ("try your own numbers"): what its template and script need.

The page computes in the browser; here we only say what it shows: the input fields up to the
largest size (4), prefilled with the first worked example, and the outputs by the JSON's names.
"""

from gen.declare import records
from gen.numbers import number_text

MAX_SIZE = 4
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SYMBOLS = {"X": "X", "W1": "W₁", "b1": "b₁", "W2": "W₂", "b2": "b₂", "T": "T", "labels": "labels",
           "z": "z", "h": "h", "y": "y", "L": "L"}

# Input key → (rows, columns) in sizes N, D, H, C; None for a vector's single row.
INPUTS = (("X", ("N", "D")), ("W1", ("D", "H")), ("b1", (None, "H")), ("W2", ("H", "C")),
          ("b2", (None, "C")), ("T", ("N", "C")), ("labels", ("N", None)))
# z = X W₁ + 𝟏b₁, h = ReLU(z), y = h W₂ + 𝟏b₂, then the loss and every gradient (the JSON's names).
OUTPUTS = (("z", ("N", "H")), ("h", ("N", "H")), ("y", ("N", "C")), ("L", (None, None)),
           ("dL_dy", ("N", "C")), ("dL_dW2", ("H", "C")), ("dL_db2", (None, "C")), ("dL_dh", ("N", "H")),
           ("dL_dz", ("N", "H")), ("dL_dW1", ("D", "H")), ("dL_db1", (None, "H")), ("dL_dX", ("N", "D")))


def symbol(key):
    """W₁ for `W1`, ∂L/∂W₁ for `dL_dW1`."""
    return f"∂L/∂{SYMBOLS[key[4:]]}" if key.startswith("dL_d") else SYMBOLS[key]


def _text(value, i, j, rows, cols):
    """The first example's entry (i, j) as text, or "" outside its shape."""
    if rows is None:
        return number_text(value[j]) if j < len(value) else ""
    if cols is None:
        return str(value[i]) if i < len(value) else ""
    return number_text(value[i][j]) if i < len(value) and j < len(value[i]) else ""


def _name(key, i, j, rows, cols):
    """`X.i.j`, `b1.j`, `labels.i`: the JSON's entry names."""
    return f"{key}.{j}" if rows is None else f"{key}.{i}" if cols is None else f"{key}.{i}.{j}"


def _label(key, i, j, rows, cols):
    """The entry's 1-based subscripts: W₁ ₁₂."""
    sub = str(j + 1) if rows is None else str(i + 1) if cols is None else f"{i + 1}{j + 1}"
    return SYMBOLS[key] + " " + sub.translate(SUBSCRIPTS) if key != "labels" else sub.translate(SUBSCRIPTS)


def _input(first, key, dims):
    """One input's fields at the largest size, each knowing its row and column."""
    rows, cols = dims
    value = first.get(key, [])
    grid = [[{"name": _name(key, i, j, rows, cols), "label": _label(key, i, j, rows, cols),
              "value": _text(value, i, j, rows, cols), "i": i, "j": j}
             for j in range(MAX_SIZE if cols else 1)] for i in range(MAX_SIZE if rows else 1)]
    return {"key": key, "symbol": symbol(key), "rows": rows or "", "cols": cols or "", "grid": grid}


SOFTMAX_DIGITS = 12
"""Significant digits of the softmax loss and gradients the page shows (computed in double precision)."""


def explorer_context(verified):
    """The explorer page's context: first example, its sizes and loss, the inputs, the outputs."""
    worked, first = verified.workeds[0], records(verified)[0]
    n, d, h, c = (worked.sizes[s] for s in "NDHC")
    return {"first": first["id"], "loss": first["loss"], "sizes": {"N": n, "D": d, "H": h, "C": c},
            "max": MAX_SIZE, "digits": SOFTMAX_DIGITS, "inputs": [_input(first, k, dims) for k, dims in INPUTS],
            "outputs": [{"key": k, "symbol": symbol(k), "rows": r or "", "cols": cc or ""} for k, (r, cc) in OUTPUTS]}
