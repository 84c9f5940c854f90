"""The language-neutral data of the worked examples, and its exact JSON form."""

import json

import sympy as sp

from gen.notation import number_text

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


def to_json(value, indent=0):
    """Exact JSON: integers as integers, decimals with all their digits (never a float).

    Mappings one key a line; lists of numbers or of number rows (matrices) on one line."""
    pad = "  " * indent
    if isinstance(value, dict):
        items = [f'{pad}  {json.dumps(k)}: {to_json(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list):
        if any(isinstance(v, dict) for v in value):
            return "[\n" + ",\n".join(f"{pad}  {to_json(v, indent + 1)}" for v in value) + f"\n{pad}]"
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, sp.Rational)):
        return number_text(sp.Rational(value))
    raise TypeError(f"cannot write {value!r} as exact JSON")


def document(workeds):
    """The whole `worked-examples.json` text."""
    return to_json({"examples": [record(w) for w in workeds]}) + "\n"


