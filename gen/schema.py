"""An examples file read against a declared schema: each field's kind and shape in the graph's sizes.

    fields = {"X": matrix("N,D"), "gamma": vector("D"), "eps": number(above=0),
              "loss": choice("squared", "softmax"), "T": matrix("N,C", when=("loss", "squared")),
              "labels": labels("N", classes="C", into="Y", when=("loss", "softmax"))}

A size (N, D, …) is fixed by the first field that has it and checked in every later one; a message
names the field that fixed it.  Every problem of a file is reported at once, one line each,
`FILE:LINE:COL: example 'id', field 'X': problem`; nothing is evaluated (`gen.inputs`).
"""

from dataclasses import dataclass, field

import sympy as sp

from gen.errors import InputError
from gen.inputs import Problems, check_keys, exact_matrix, exact_number, mark_of, position, read_examples


@dataclass(frozen=True)
class Field:
    """One key of an example."""

    kind: str
    """`matrix`, `matrices` (a list of them), `vector` (a row written as a flat list), `number`, `integer`, `labels`
    or `choice`."""
    shape: tuple = ()
    """Sizes (names or numbers): (rows, columns) of a matrix, (length, rows, columns) of a list of matrices,
    (length,) of a vector or of labels."""
    when: tuple | None = None
    """(field, value): the field belongs to the example only when that field has that value."""
    options: dict = field(default_factory=dict)
    """`above`/`at_least` (numbers), `default`, `choices`, `classes` and `into` (labels)."""


def _sizes(text):
    return tuple(int(s) if s.strip().isdigit() else s.strip() for s in text.split(","))


def matrix(shape, when=None):
    """A matrix written as a list of rows, e.g. "N,D"."""
    return Field("matrix", _sizes(shape), when)


def matrices(length, shape, when=None, at_most=None):
    """A list of `length` matrices of one shape (one per time step), e.g. ("T", "N,D"): fills X1 … XT; `at_most`
    refuses a longer list."""
    return Field("matrices", (*_sizes(length), *_sizes(shape)), when, {"at_most": at_most} if at_most else {})


def vector(size, when=None):
    """A row of `size` numbers written as a flat list (a bias, γ)."""
    return Field("vector", _sizes(size), when)


def number(when=None, **options):
    """One number; `above=0` refuses ≤ 0, `at_least=0` refuses < 0, `default` when it is left out."""
    return Field("number", (), when, options)


def integer(when=None, **options):
    """One integer (`at_least`, `default` as for numbers)."""
    return Field("integer", (), when, options)


def labels(rows, classes, into, when=None):
    """One class label per row, 0-based integers below the size `classes`; fills the one-hot `into`."""
    return Field("labels", _sizes(rows), when, {"classes": classes, "into": into})


def choice(*choices):
    """One of the given words."""
    return Field("choice", (), None, {"choices": choices})


@dataclass(frozen=True)
class Example:
    """One example read from the file: exact values by field, and the sizes they fixed."""

    id: str
    """Stable id: the anchor of its section and the name of its figure."""
    values: dict
    """Field → value: matrices (a vector as 1×n), Rationals, ints, label tuples, words."""
    sizes: dict
    """Size name → its number in this example."""
    marks: dict
    """Field → where its value starts (for messages about it)."""


def _rows_shape(value):
    """(rows, columns) of a list of equal non-empty rows, or None."""
    if not isinstance(value, list) or not value or not all(isinstance(r, list) and r for r in value):
        return None
    return (len(value), len(value[0])) if len({len(r) for r in value}) == 1 else None


class _Reader:
    """Reads one example, field by field, fixing and checking sizes."""

    def __init__(self, path, ident, entry, fields):
        self.path, self.ident, self.entry, self.fields = path, ident, entry, fields
        self.sizes, self.fixed_by, self.values = {}, {}, {}

    def where(self, key, mark=None):
        return (self.path, self.ident, key, mark or mark_of(self.entry, key))

    def refuse(self, key, problem, mark=None):
        return InputError(self.path, self.ident, key, problem, position(mark or mark_of(self.entry, key)))

    def size(self, name):
        """A size's number, or None if no field has fixed it yet."""
        return name if isinstance(name, int) else self.sizes.get(name)

    def fix(self, key, names, found):
        """Fix the unknown sizes from a value's shape; return the expected shape, or raise if it disagrees."""
        for name, n in zip(names, found):
            if not isinstance(name, int) and name not in self.sizes:
                self.sizes[name], self.fixed_by[name] = n, key
        return tuple(self.size(n) for n in names)

    def agrees_text(self, key, names, found):
        """Why a shape is wrong: the first size that differs and the field that fixed it."""
        for axis, (name, n) in enumerate(zip(names, found)):
            want = self.size(name)
            if n != want:
                fixer = self.fixed_by.get(name)
                unit = ("row(s)", "column(s)")[axis] if len(names) == 2 else "entries"
                shown = self.values.get(fixer)
                origin = f"{fixer} ({_shape_text(shown)})" if shown is not None else "the example"
                return f"{origin}: {key} needs {name} = {want} {unit}" if fixer else f"{key} needs {want} {unit}"
        return ""

    def read(self, key, spec):
        if spec.kind == "matrix":
            return self.matrix(key, spec.shape)
        if spec.kind == "matrices":
            return self.matrices(key, spec.shape, spec.options.get("at_most"))
        if spec.kind == "vector":
            return self.vector(key, spec.shape[0])
        if spec.kind in ("number", "integer"):
            return self.number(key, spec)
        if spec.kind == "labels":
            return self.labels(key, spec)
        if self.entry[key] not in spec.options["choices"]:
            raise self.refuse(key, f"expected {' or '.join(repr(c) for c in spec.options['choices'])} "
                              f"(got {self.entry[key]!r})")
        return self.entry[key]

    def matrix(self, key, names, item=None):
        """A matrix field, or (`item` = (t, T)) the t-th matrix of a list field."""
        value = self.entry[key] if item is None else self.entry[key][item[0] - 1]
        mark = None if item is None else mark_of(self.entry[key], item[0] - 1)
        which = "" if item is None else f"matrix {item[0]} of {item[1]}: "
        if all(isinstance(n, int) for n in names):
            return exact_matrix(value, names, self.where(key, mark))
        found = _rows_shape(value)
        known = "×".join(str(self.size(n) or n) for n in names)
        if found is None:
            raise self.refuse(key, f"{which}expected a matrix written as a list of rows of equal length, {known} "
                              f"(got {value!r})", mark)
        want = self.fix(key, names, found)
        if found != want:
            raise self.refuse(key, f"{which}shape {found[0]}×{found[1]} does not agree with "
                              f"{self.agrees_text(key, names, found)}: expected {want[0]}×{want[1]}", mark)
        return exact_matrix(value, want, self.where(key, mark))

    def matrices(self, key, names, at_most=None):
        """A list of matrices: its length fixes the first size (T), each item is a matrix of the others."""
        value, (length, *shape) = self.entry[key], names
        if not isinstance(value, list) or not value or not all(isinstance(m, list) and m and
                                                               all(isinstance(r, list) for r in m) for m in value):
            raise self.refuse(key, f"expected a list of {self.size(length) or length} matrices, each a list of rows "
                              f"(e.g. [[[1, 2]], [[3, 4]]] for two 1×2 matrices) (got {value!r})")
        if at_most and len(value) > at_most:
            raise self.refuse(key, f"{len(value)} matrices: at most {at_most} ({length} ≤ {at_most}; every example is "
                              "verified by differentiating the whole unrolled graph symbolically)")
        (want,) = self.fix(key, (length,), (len(value),))
        if len(value) != want:
            raise self.refuse(key, f"{len(value)} matrices do not agree with {self.fixed_by[length]} "
                              f"({_shape_text(self.values[self.fixed_by[length]])}): expected {length} = {want}")
        problems, out = Problems(), []
        for t in range(1, len(value) + 1):
            with problems.collect():
                out.append(self.matrix(key, shape, (t, len(value))))
        problems.raise_any()
        return tuple(out)

    def vector(self, key, name):
        value = self.entry[key]
        length = self.size(name)
        if not isinstance(value, list) or any(isinstance(v, list) for v in value) or not value:
            example = ", ".join(["1"] * (length or 2))
            raise self.refuse(key, f"expected a flat list of {length or name} number(s), e.g. [{example}]")
        (length,) = self.fix(key, (name,), (len(value),))
        if len(value) != length:
            raise self.refuse(key, f"length {len(value)} does not agree with "
                              f"{self.agrees_text(key, (name,), (len(value),))}: expected {length}")
        problems, cells = Problems(), []
        for n, v in enumerate(value):
            with problems.collect():
                cells.append(exact_number(v, (self.path, self.ident, key, mark_of(value, n) or mark_of(self.entry, key))))
        problems.raise_any()
        return sp.ImmutableMatrix([cells])

    def number(self, key, spec):
        value = self.entry[key]
        if spec.kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.refuse(key, f"expected an integer (got {value!r})")
            number = sp.Integer(value)
        else:
            number = exact_number(value, self.where(key))
        if "above" in spec.options and not number > spec.options["above"]:
            raise self.refuse(key, f"must be greater than {spec.options['above']} (got {value!r})")
        if "at_least" in spec.options and not number >= spec.options["at_least"]:
            raise self.refuse(key, f"must be at least {spec.options['at_least']} (got {value!r})")
        return number

    def labels(self, key, spec):
        value, (rows,) = self.entry[key], spec.shape
        n, classes = self.size(rows), self.size(spec.options["classes"])
        if not isinstance(value, list) or len(value) != n or any(isinstance(v, list) for v in value):
            raise self.refuse(key, f"expected a flat list of {n} integer label(s), one per row of "
                              f"{self.fixed_by.get(rows, 'X')} ({rows} = {n})")
        for label in value:
            if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < classes:
                raise self.refuse(key, f"each label must be an integer in 0..{classes - 1} ({spec.options['classes']} "
                                  f"= {classes}, from {self.fixed_by.get(spec.options['classes'])}) "
                                  f"(got {getattr(label, 'text', label)!r})")
        return tuple(value)


def _shape_text(value):
    """2×3 for a matrix, 3 × (2×3) for a list of matrices."""
    if isinstance(value, tuple):
        return f"{len(value)} × ({_shape_text(value[0])})"
    return "×".join(map(str, value.shape))


def _applies(spec, entry):
    return spec.when is None or entry.get(spec.when[0]) == spec.when[1]


def read_example(entry, index, path, fields, seen):
    """One mapping of the file → Example; every problem of it raised together."""
    problems = Problems()
    required = [k for k, f in fields.items() if _applies(f, entry) and "default" not in f.options]
    undecided = [k for k, f in fields.items() if f.when and entry.get(f.when[0]) not in fields[f.when[0]].options["choices"]]
    optional = [k for k, f in fields.items() if k not in required and (_applies(f, entry) or k in undecided)]
    ident = None
    with problems.collect():
        ident = check_keys(entry, index, path, ("id", *required), seen, optional=tuple(optional))
    label = ident or (entry.get("id") if isinstance(entry.get("id"), str) else f"#{index + 1}")
    reader = _Reader(path, label, entry, fields)
    for key, spec in fields.items():
        if not _applies(spec, entry):
            continue
        if key not in entry:
            if "default" in spec.options:
                reader.values[key] = sp.Integer(spec.options["default"]) if spec.kind == "integer" else \
                    sp.Rational(spec.options["default"])
            continue
        if spec.kind == "labels" and not all(reader.size(n) for n in (*spec.shape, spec.options["classes"])):
            continue  # the field that fixes its sizes has a problem of its own
        with problems.collect():
            reader.values[key] = reader.read(key, spec)
    problems.raise_any()
    return Example(ident, reader.values, dict(reader.sizes), {k: mark_of(entry, k) for k in entry})


def load(path, fields, each=None):
    """Read and check an examples file against `fields`; every problem raised together (InputErrors).

    `each(example)`, if given, is applied to every example that reads well, and its problems (an example
    exactly at a kink) are reported with the others; its results are returned instead of the examples."""
    problems, seen, examples = Problems(), set(), []
    entries = read_examples(path)
    for n, entry in enumerate(entries):
        with problems.collect():
            if not isinstance(entry, dict):
                check_keys(entry, n, path, ("id", *fields), seen, mark=mark_of(entries, n))
            example = read_example(entry, n, path, fields, seen)
            examples.append(each(example) if each else example)
    problems.raise_any()
    return examples
