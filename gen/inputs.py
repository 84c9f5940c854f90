"""Reading worked-example files, for every derivation: YAML read safely, numbers kept exact.

Numbers are integers or decimals; a decimal keeps its written digits (0.1 is exactly 1/10).
Nothing in a file is evaluated: YAML's safe loader, floats taken from their text.
"""

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import sympy as sp
import yaml

from gen.errors import InputError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class _Number:
    """A YAML float kept as its text, so that it becomes an exact decimal."""

    def __init__(self, text):
        self.text = text


class _Loader(yaml.SafeLoader):
    """The safe loader, with floats kept as text and duplicate keys refused."""


def _construct_float(loader, node):
    return _Number(loader.construct_scalar(node))


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, (str, int)):
            raise yaml.constructor.ConstructorError(None, None, f"unsupported key {key!r} (keys are names)",
                                                    key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def exact_number(value, where):
    """An int or a decimal text → sympy Rational; anything else is refused."""
    path, item, field = where
    if isinstance(value, bool) or not isinstance(value, (int, _Number)):
        raise InputError(path, item, field, f"expected an integer or a decimal number (got {_shown(value)})")
    if isinstance(value, int):
        return sp.Integer(value)
    text = value.text.replace("_", "")
    if ":" in text:
        raise InputError(path, item, field, f"expected a plain decimal number (got {value.text!r})")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise InputError(path, item, field, f"expected a finite number (got {value.text!r}: NaN and infinity are not allowed)")
    return sp.Rational(str(number))


def _shown(value):
    return repr(value.text) if isinstance(value, _Number) else repr(value)


def exact_matrix(value, shape, where):
    """A nested list of numbers of the given shape → exact matrix."""
    path, item, field = where
    rows, cols = shape
    wanted = f"a {rows}×{cols} matrix written as {rows} row(s) of {cols} number(s), e.g. {_example_literal(shape)}"
    if not isinstance(value, list) or len(value) != rows:
        raise InputError(path, item, field, f"expected {wanted} (got {_shape_text(value)})")
    for row in value:
        if not isinstance(row, list) or len(row) != cols:
            raise InputError(path, item, field, f"expected {wanted} (got {_shape_text(value)})")
    return sp.ImmutableMatrix([[exact_number(v, where) for v in row] for row in value])


def _example_literal(shape):
    rows, cols = shape
    return "[" + ", ".join("[" + ", ".join("1" for _ in range(cols)) + "]" for _ in range(rows)) + "]"


def _shape_text(value):
    if not isinstance(value, list):
        return _shown(value)
    lengths = [len(r) if isinstance(r, list) else "not a list" for r in value]
    return f"{len(value)} row(s) of lengths {lengths}"


def read_examples(path):
    """The list under `examples:` of a YAML file, read safely; InputError for anything else."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, None, None, f"cannot be read ({err.__class__.__name__}: {err})") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        raise InputError(path, None, None, f"is not valid YAML: {_yaml_problem(err)}") from None
    if data is None:
        raise InputError(path, None, None, "is empty: expected a mapping with a list under 'examples'")
    if not isinstance(data, dict) or set(data) != {"examples"}:
        raise InputError(path, None, "examples", "expected a mapping with exactly one key, 'examples'")
    items = data["examples"]
    if not isinstance(items, list) or not items:
        raise InputError(path, None, "examples", "expected a non-empty list of examples")
    return items


def check_keys(entry, index, path, keys, seen, optional=()):
    """The example's id after checking it is a mapping with exactly the allowed keys."""
    label = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{index + 1}"
    if not isinstance(entry, dict):
        raise InputError(path, label, None, f"each example must be a mapping with keys {', '.join(keys)}")
    allowed = (*keys, *optional)
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise InputError(path, label, unknown[0], f"unknown key (allowed: {', '.join(allowed)})")
    for key in keys:
        if key not in entry:
            raise InputError(path, label, key, "missing")
    ident = entry["id"]
    if not isinstance(ident, str) or not ID_PATTERN.match(ident):
        raise InputError(path, label, "id", "expected lowercase letters, digits and hyphens, "
                         f"starting with a letter or digit, at most 64 characters (got {ident!r})")
    if ident in seen:
        raise InputError(path, ident, "id", "duplicate id (ids name sections and figures, so they must differ)")
    seen.add(ident)
    return ident


def _yaml_problem(err):
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


