"""Exact JSON for worked numbers: integers as integers, decimals with all their digits; a number that is
not a terminating decimal (1/3, √2, e^y) with 30 significant digits, as a JSON number (read it with a
decimal parser to keep them); a float64, where one is given, as the shortest text that reads back the same."""

import json
import math

import sympy as sp

from gen.numbers import decimal_text


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
    if isinstance(value, float):  # a float64 result: the shortest text that reads back the same float
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as JSON")
        return repr(value)
    if isinstance(value, (int, sp.Basic)) and sp.sympify(value).is_number:
        return decimal_text(value)  # exact when it terminates, else 30 significant digits
    raise TypeError(f"cannot write {value!r} as exact JSON")
