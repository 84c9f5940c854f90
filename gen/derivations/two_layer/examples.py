"""Reading the two-layer examples file: shapes taken from X, W1 and W2, everything else checked.

Keys: `id`, `loss` (`squared` or `softmax`), `X` (N×D), `W1` (D×H), `b1` (H), `W2` (H×C), `b2` (C),
and `T` (N×C, squared) or `labels` (N integers in 0..C−1, softmax).  Numbers are exact.
"""

from dataclasses import dataclass

import sympy as sp

from gen.errors import InputError
from gen.inputs import check_keys, exact_matrix, exact_number, read_examples

KEYS = ("id", "loss", "X", "W1", "b1", "W2", "b2")
TARGET = {"squared": "T", "softmax": "labels"}


@dataclass(frozen=True)
class Example:
    """One worked example's inputs, exact."""

    id: str
    """Stable id: the anchor of its section and the name of its figure."""
    loss: str
    """`squared` or `softmax`."""
    inputs: dict
    """X, W1, b1 (1×H), W2, b2 (1×C), and T or Y (one-hot of the labels), as exact matrices."""
    labels: tuple
    """The class of each row (softmax), or () (squared)."""

    @property
    def sizes(self):
        """(N, D, H, C)."""
        (n, d), (_, h), (_, c) = self.inputs["X"].shape, self.inputs["W1"].shape, self.inputs["W2"].shape
        return n, d, h, c


def _rows_shape(value):
    """(rows, columns) of a list of equal rows, or None."""
    if not isinstance(value, list) or not value or not all(isinstance(r, list) and r for r in value):
        return None
    return (len(value), len(value[0])) if len({len(r) for r in value}) == 1 else None


def _columns(value):
    """The column count a matrix field sets (1 if it is malformed: its own check then names it)."""
    shape = _rows_shape(value)
    return shape[1] if shape else 1


def _matrix(entry, key, shape, where, agrees_with):
    """A matrix field whose shape must be `shape`; the message names the field that fixed it."""
    found = _rows_shape(entry[key])
    if found is None:
        raise InputError(*where, f"expected a matrix written as a list of rows of equal length, {agrees_with} "
                         f"(got {entry[key]!r})")
    if found != shape:
        raise InputError(*where, f"shape {found[0]}×{found[1]} does not agree with {agrees_with}: "
                         f"expected {shape[0]}×{shape[1]}")
    return exact_matrix(entry[key], shape, where)


def _vector(entry, key, length, where, agrees_with):
    """A flat list of `length` numbers, as a 1×length row."""
    value = entry[key]
    if not isinstance(value, list) or any(isinstance(v, list) for v in value):
        raise InputError(*where, f"expected a flat list of {length} number(s), e.g. [{', '.join(['1'] * length)}]")
    if len(value) != length:
        raise InputError(*where, f"length {len(value)} does not agree with {agrees_with}: expected {length}")
    return sp.ImmutableMatrix([[exact_number(v, where) for v in value]])


def _labels(entry, n, c, where):
    """N integer labels in 0..C−1 → the labels and the one-hot matrix Y."""
    value = entry["labels"]
    if not isinstance(value, list) or len(value) != n:
        raise InputError(*where, f"expected a flat list of {n} integer label(s), one per row of X (N = {n})")
    for label in value:
        if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < c:
            raise InputError(*where, f"each label must be an integer in 0..{c - 1} (C = {c}, the columns "
                             f"of W2) (got {label!r})")
    return tuple(value), sp.ImmutableMatrix(n, c, lambda a, b: int(value[a] == b))


def parse_example(entry, index, path, seen):
    """One mapping of the file → Example, with every problem named."""
    loss = entry.get("loss") if isinstance(entry, dict) else None
    target = TARGET.get(loss)
    ident = check_keys(entry, index, path, KEYS + ((target,) if target else ()), seen,
                       optional=() if target else tuple(TARGET.values()))
    where = lambda field: (path, ident, field)  # noqa: E731
    if target is None:
        raise InputError(*where("loss"), f"expected 'squared' or 'softmax' (got {loss!r})")
    x = _matrix(entry, "X", _rows_shape(entry["X"]), where("X"), "N×D")
    n, d = x.shape
    w1 = _matrix(entry, "W1", (d, _columns(entry["W1"])), where("W1"), f"X ({n}×{d}): W1 needs {d} row(s)")
    h = w1.cols
    w2 = _matrix(entry, "W2", (h, _columns(entry["W2"])), where("W2"), f"W1 ({d}×{h}): W2 needs {h} row(s)")
    c = w2.cols
    inputs = {"X": x, "W1": w1, "W2": w2,
              "b1": _vector(entry, "b1", h, where("b1"), f"W1 ({d}×{h}): b1 needs H = {h} entries"),
              "b2": _vector(entry, "b2", c, where("b2"), f"W2 ({h}×{c}): b2 needs C = {c} entries")}
    labels = ()
    if loss == "squared":
        inputs["T"] = _matrix(entry, "T", (n, c), where("T"), f"y = h W2 + b2 ({n}×{c})")
    else:
        labels, inputs["Y"] = _labels(entry, n, c, where("labels"))
    return Example(ident, loss, inputs, labels)


def check_kink(example, path):
    """Refuse z_ij = 0 exactly: ReLU has no derivative there (the site uses ReLU'(0) = 0)."""
    m = example.inputs
    z = m["X"] * m["W1"] + sp.ones(m["X"].rows, 1) * m["b1"]
    zeros = [(a, b) for a in range(z.rows) for b in range(z.cols) if z[a, b] == 0]
    if zeros:
        a, b = zeros[0]
        raise InputError(path, example.id, "W1", f"z[{a + 1},{b + 1}] = (X W1 + b1)[{a + 1},{b + 1}] is exactly 0, "
                         "the kink of ReLU where it has no derivative; the site follows the convention "
                         "ReLU'(0) = 0 but does not show examples at the kink: change X, W1 or b1")


def load_examples(path):
    """Read and validate an examples file; raise InputError naming file, example and field."""
    seen = set()
    examples = [parse_example(entry, n, path, seen) for n, entry in enumerate(read_examples(path))]
    for example in examples:
        check_kink(example, path)
    return examples
