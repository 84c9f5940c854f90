"""The numbers a figure draws, taken from one example's record (see gen.records.record).

A figure never computes a gradient: a record without them is refused.  The only numbers
derived here are the local derivatives' inputs: ∂L/∂L = 1, 2y, and 1[z>0].
"""

from gen.numbers import number_text

FORWARD_KEYS = ("X", "W1", "W2", "z", "h", "y", "L")
GRADIENT_KEYS = ("dL_dy", "dL_dW2", "dL_dh", "dL_dz", "dL_dW1")


def require(record):
    """Refuse a record that lacks any forward value or gradient (ValueError names the key)."""
    ident = record.get("id", "?") if isinstance(record, dict) else "?"
    for key in ("id", "case", *FORWARD_KEYS, *GRADIENT_KEYS):
        if not isinstance(record, dict) or record.get(key) is None:
            raise ValueError(f"record {ident!r} has no {key!r}: figures draw only values and "
                             f"gradients the forward and backward passes computed")
    return record


def matrix(record, key):
    """The rows of a record value or of a derived local value, as a list of lists."""
    if key == "dL_dL":  # the seed of the backward pass: ∂L/∂L = 1
        return [[1]]
    if key == "two_y":  # local derivative of ‖y‖²: 2y
        return [[2 * v for v in row] for row in record["y"]]
    if key == "mask_z":  # local derivative of ReLU: 1[z > 0]
        return [[1 if v > 0 else 0 for v in row] for row in record["z"]]
    value = record[key]
    return value if isinstance(value, list) else [[value]]


def off_units(record):
    """Indices i of the ReLU units that are off (z_i ≤ 0)."""
    return tuple(i for i, row in enumerate(record["z"]) if row[0] <= 0)


def matrix_text(rows):
    """A matrix as one line of text: [4, -8; 5, -10] (rows separated by `;`); a 1×1 as its number."""
    if len(rows) == 1 and len(rows[0]) == 1:
        return number_text(rows[0][0])
    return "[" + "; ".join(", ".join(number_text(v) for v in row) for row in rows) + "]"
