"""The language-neutral data of the worked examples, and its exact JSON form."""

from gen.exactjson import to_json

# JSON key → (kind, node): the note's shapes, row-major.
FIELDS = (("X", "value", "X"), ("W1", "value", "W1"), ("W2", "value", "W2"), ("z", "value", "z"),
          ("h", "value", "h"), ("y", "value", "y"), ("L", "value", "L"), ("dL_dy", "grad", "y"),
          ("dL_dW2", "grad", "W2"), ("dL_dh", "grad", "h"), ("dL_dz", "grad", "z"), ("dL_dW1", "grad", "W1"))


def record(worked):
    """One example as a dict: id, case, then every value and gradient (exact sympy numbers)."""
    out = {"id": worked.example.id, "case": worked.case.id}
    for key, kind, node in FIELDS:
        matrix = (worked.values if kind == "value" else worked.grads)[node]
        out[key] = matrix[0, 0] if key == "L" else [list(row) for row in matrix.tolist()]
    return out


def document(workeds):
    """The whole `worked-examples.json` text."""
    return to_json({"examples": [record(w) for w in workeds]}) + "\n"


