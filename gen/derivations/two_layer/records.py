"""The worked numbers as JSON: inputs, forward values and every gradient, shaped like the inputs.

Squared loss: exact decimals.  Softmax: the loss and gradients as the nearest float64
(written with up to 17 significant digits, the shortest text that reads back the same float).
"""

from gen.exactjson import to_json

GRADIENT_KEYS = {f"dL_d{n}": n for n in ("y", "W2", "b2", "h", "z", "W1", "b1", "X")}
VECTORS = ("b1", "b2", "dL_db1", "dL_db2")
"""Row vectors 1×k written as flat lists, as in the examples file."""


def _number(value, loss):
    return float(value) if loss == "softmax" else value


def _matrix(matrix, key, loss):
    rows = [[_number(v, loss) for v in row] for row in matrix.tolist()]
    return rows[0] if key in VECTORS else rows


def record(worked):
    """One example as a dict in the JSON's key order."""
    ex, values = worked.example, worked.values
    out = {"id": ex.id, "loss": ex.loss}
    for key in ("X", "W1", "b1", "W2", "b2"):
        out[key] = _matrix(ex.inputs[key], key, "exact")
    if ex.loss == "squared":
        out["T"] = _matrix(ex.inputs["T"], "T", "exact")
    else:
        out["labels"] = list(ex.labels)
    for key in ("z", "h", "y"):
        out[key] = _matrix(values[key], key, "exact")
    loss = values["L"][0, 0]
    out["L"] = float(loss) if ex.loss == "softmax" else loss
    for key, node in GRADIENT_KEYS.items():
        out[key] = _matrix(worked.grads[node], key, ex.loss)
    return out


def document(workeds):
    """The whole `data/two-layer.json` text."""
    return to_json({"examples": [record(w) for w in workeds]}) + "\n"
