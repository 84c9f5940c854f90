"""Reading worked-example files, for every derivation: YAML read safely, numbers kept exact, every
problem reported at once with its line and column.

Numbers are integers or decimals, exponents allowed (1e-3); a decimal keeps its written digits (0.1 is
exactly 1/10).  Nothing in a file is evaluated: YAML's safe loader with YAML 1.2 number forms; the YAML 1.1
forms an author rarely means (1:30 read as 90, 0o17, 0x1F, 012, .inf, .nan, yes/no/on/off/true/false) are
refused with a message instead of being read silently.

A derivation's loader collects problems with `Problems` and raises them together (`InputErrors`).
"""

import contextlib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import sympy as sp
import yaml

from gen.errors import InputError, InputErrors

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
LIMIT = 12
"""Numbers must be 0 or between 10^-LIMIT and 10^LIMIT in size, so the float64 cross-check means something."""
MAX_DIGITS = 30
"""At most this many significant digits in one number."""


class _Number:
    """A YAML float kept as its text, so that it becomes an exact decimal."""

    def __init__(self, text):
        self.text = text


class _Refused:
    """A YAML 1.1 scalar form the author probably did not mean, kept with the reason it is refused."""

    def __init__(self, text, reason):
        self.text, self.reason = text, reason


class _List(list):
    """A YAML sequence that remembers where it and each of its items start."""

    mark = None
    marks = ()


class _Dict(dict):
    """A YAML mapping that remembers where it starts, and where each key's value starts."""

    mark = None
    marks = {}


# (tag, pattern, first characters): YAML 1.2 core numbers, then the YAML 1.1 traps.
_REFUSED = {
    "sexagesimal": (r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?",
                    "YAML 1.1 reads a:b as a base-60 number (1:30 is 90); quote it if it is text"),
    "prefixed": (r"[-+]?0(?:[xXoObB][0-9a-fA-F_]+|[0-7_]+)",
                 "hexadecimal, octal and binary forms (0x1F, 0o17, 012) are not accepted; write the decimal value"),
    "special": (r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
                "NaN and infinity are not allowed: write a finite number"),
    "boolean": (r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
                "YAML reads this word as a boolean; write a number (or quote it if it is text)"),
}


class _Loader(yaml.SafeLoader):
    """The safe loader: YAML 1.2 numbers kept as text, YAML 1.1 traps refused, duplicate keys refused,
    positions remembered."""


_Loader.yaml_implicit_resolvers = {}
for _name, (_pattern, _reason) in _REFUSED.items():
    _Loader.add_implicit_resolver(f"tag:gen,refused:{_name}", re.compile(f"^(?:{_pattern})$"),
                                  list("-+0123456789.yYnNtTfFoO"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
                              list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _construct_int(loader, node):
    return int(loader.construct_scalar(node).replace("_", ""))


def _construct_float(loader, node):
    return _Number(loader.construct_scalar(node))


def _construct_refused(reason):
    return lambda loader, node: _Refused(loader.construct_scalar(node), reason)


def _construct_sequence(loader, node):
    data = _List()
    data.mark, data.marks = node.start_mark, [child.start_mark for child in node.value]
    yield data
    data.extend(loader.construct_sequence(node, deep=True))


def _construct_mapping(loader, node):
    data = _Dict()
    data.mark = node.start_mark
    yield data
    loader.flatten_mapping(node)
    marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            raise yaml.constructor.ConstructorError(None, None, f"unsupported key {_shown(key)} (keys are names)",
                                                    key_node.start_mark)
        if key in marks:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        marks[key] = value_node.start_mark
    data.update(yaml.SafeLoader.construct_mapping(loader, node, deep=True))
    data.marks = marks


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
for _name, (_pattern, _reason) in _REFUSED.items():
    _Loader.add_constructor(f"tag:gen,refused:{_name}", _construct_refused(_reason))


def position(mark):
    """A YAML mark → (line, column), both from 1; None stays None."""
    return None if mark is None else (mark.line + 1, mark.column + 1)


def mark_of(container, key):
    """Where `container[key]` starts in the file (None when unknown)."""
    marks = getattr(container, "marks", None)
    if isinstance(marks, dict):
        return marks.get(key)
    if isinstance(marks, list) and isinstance(key, int) and 0 <= key < len(marks):
        return marks[key]
    return None


class Problems:
    """Collects InputErrors so that a loader reports every problem of a file in one run."""

    def __init__(self):
        self.errors = []

    @contextlib.contextmanager
    def collect(self):
        """Run a block; its InputError(s) are kept instead of stopping the loader."""
        try:
            yield
        except InputErrors as errs:
            self.errors.extend(errs.errors)
        except InputError as err:
            self.errors.append(err)

    def raise_any(self):
        """Raise every collected problem together (nothing when there is none)."""
        if self.errors:
            raise InputErrors(self.errors)


def _where(where):
    path, item, field, *rest = where
    return path, item, field, (rest[0] if rest else None)


def exact_number(value, where):
    """An int or a decimal text → sympy Rational; anything else is refused."""
    path, item, field, mark = _where(where)

    def refuse(problem):
        return InputError(path, item, field, problem, position(mark))

    if isinstance(value, _Refused):
        raise refuse(f"expected a number (got {value.text!r}: {value.reason})")
    if isinstance(value, bool) or not isinstance(value, (int, _Number)):
        raise refuse(f"expected an integer or a decimal number (got {_shown(value)})")
    text = str(value) if isinstance(value, int) else value.text.replace("_", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise refuse(f"expected a finite number (got {text!r}: NaN and infinity are not allowed)")
    _check_magnitude(number, text, refuse)
    return sp.Rational(str(number)) if isinstance(value, _Number) else sp.Integer(value)


def _check_magnitude(number, text, refuse):
    if number == 0:
        return
    digits = len(number.as_tuple().digits)
    if digits > MAX_DIGITS:
        raise refuse(f"too many digits (got {text!r}: at most {MAX_DIGITS} significant digits)")
    if not Decimal(10) ** -LIMIT <= abs(number) <= Decimal(10) ** LIMIT:
        raise refuse(f"out of range (got {text!r}: a number must be 0 or between 1e-{LIMIT} and 1e{LIMIT} in size, "
                     "so that the float64 cross-check of every worked number means something)")


def _shown(value):
    return repr(value.text) if isinstance(value, (_Number, _Refused)) else repr(value)


def exact_matrix(value, shape, where):
    """A nested list of numbers of the given shape → exact matrix (every bad entry reported)."""
    path, item, field, mark = _where(where)
    rows, cols = shape
    wanted = f"a {rows}×{cols} matrix written as {rows} row(s) of {cols} number(s), e.g. {_example_literal(shape)}"
    mark = getattr(value, "mark", None) or mark
    if isinstance(value, list) and value and not any(isinstance(r, list) for r in value):
        raise InputError(path, item, field, f"expected {wanted}: this is a flat list of {len(value)} number(s); "
                         "write each row as its own list inside the outer one", position(mark))
    if not isinstance(value, list) or len(value) != rows or any(not isinstance(r, list) or len(r) != cols
                                                                for r in value):
        raise InputError(path, item, field, f"expected {wanted} (got {_shape_text(value)})", position(mark))
    problems, cells = Problems(), []
    for i, row in enumerate(value):
        for j, cell in enumerate(row):
            with problems.collect():
                cells.append(exact_number(cell, (path, item, field, mark_of(row, j) or mark_of(value, i) or mark)))
    problems.raise_any()
    return sp.ImmutableMatrix(rows, cols, cells)


def _example_literal(shape):
    rows, cols = shape
    return "[" + ", ".join("[" + ", ".join("1" for _ in range(cols)) + "]" for _ in range(rows)) + "]"


def _shape_text(value):
    if not isinstance(value, list):
        return _shown(value)
    lengths = [len(r) if isinstance(r, list) else f"a single {_shown(r)}" for r in value]
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
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(path, None, None, f"is not valid YAML: {problem}", position(mark)) from None
    if data is None:
        raise InputError(path, None, None, "is empty: expected a mapping with a list under 'examples'")
    if not isinstance(data, dict) or set(data) != {"examples"}:
        raise InputError(path, None, "examples", "expected a mapping with exactly one key, 'examples'",
                         position(getattr(data, "mark", None)))
    items = data["examples"]
    if not isinstance(items, list) or not items:
        raise InputError(path, None, "examples", "expected a non-empty list of examples",
                         position(mark_of(data, "examples")))
    return items


def check_keys(entry, index, path, keys, seen, optional=(), mark=None):
    """The example's id after checking it is a mapping with exactly the allowed keys (all key problems
    raised together as InputErrors); `mark` is where the entry starts, for entries that are not mappings."""
    label = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{index + 1}"
    if not isinstance(entry, dict):
        raise InputError(path, label, None, f"each example must be a mapping with keys {', '.join(keys)}",
                         position(getattr(entry, "mark", None) or mark))
    here = position(getattr(entry, "mark", None))
    allowed = (*keys, *optional)
    problems = [InputError(path, label, str(k), f"unknown key (allowed: {', '.join(allowed)})",
                           position(mark_of(entry, k)) or here)
                for k in sorted(entry, key=str) if k not in allowed]
    problems += [InputError(path, label, key, "missing", here) for key in keys if key not in entry]
    ident = entry.get("id")
    if "id" in entry and (not isinstance(ident, str) or not ID_PATTERN.match(ident)):
        problems.append(InputError(path, label, "id", "expected lowercase letters, digits and hyphens, starting "
                                   f"with a letter or digit, at most 64 characters (got {_shown(ident)})",
                                   position(mark_of(entry, "id"))))
    elif ident in seen:
        problems.append(InputError(path, ident, "id", "duplicate id (ids name sections and figures, so they "
                                   "must differ)", position(mark_of(entry, "id"))))
    if problems:
        raise InputErrors(problems)
    seen.add(ident)
    return ident
