"""The note's worked examples: `id`, `X` (2×2), `W1` (2×1), `W2` (1×2), exact numbers."""

from dataclasses import dataclass

import sympy as sp

from gen.errors import InputError
from gen.inputs import Problems, check_keys, exact_matrix, mark_of, position, read_examples

SHAPES = {"X": (2, 2), "W1": (2, 1), "W2": (1, 2)}
KEYS = ("id", "X", "W1", "W2")


@dataclass(frozen=True)
class Example:
    """One worked example's inputs, exact."""

    id: str
    """Stable id: the anchor of its section and the name of its figure."""
    X: sp.ImmutableMatrix
    """Input, 2×2."""
    W1: sp.ImmutableMatrix
    """First-layer weights, 2×1."""
    W2: sp.ImmutableMatrix
    """Second-layer weights, 1×2."""


def parse_example(entry, index, path, seen):
    """One mapping of the file → Example; every problem of it raised together (InputErrors)."""
    problems = Problems()
    ident, mats = None, {}
    with problems.collect():
        ident = check_keys(entry, index, path, KEYS, seen)
    label = ident or (entry.get("id") if isinstance(entry.get("id"), str) else f"#{index + 1}")
    for key, shape in SHAPES.items():
        if key in entry:
            with problems.collect():
                mats[key] = exact_matrix(entry[key], shape, (path, label, key, mark_of(entry, key)))
    problems.raise_any()
    return Example(ident, mats["X"], mats["W1"], mats["W2"])


def check_kink(example, entry, path):
    """Refuse z_i = 0 exactly: ReLU has no derivative there (the site uses ReLU'(0) = 0)."""
    z = example.X * example.W1
    for i, value in enumerate(z):
        if value == 0:
            raise InputError(path, example.id, "W1", f"z{i + 1} = (X W1)_{i + 1} is exactly 0, the kink of ReLU "
                             "where it has no derivative; the site follows the convention ReLU'(0) = 0 "
                             "but does not show examples at the kink: change X or W1 so that no z_i is 0",
                             position(mark_of(entry, "W1")))


def load_examples(path):
    """Read and validate an examples file; every problem raised together, each naming file, line, column,
    example and field."""
    problems, seen, examples = Problems(), set(), []
    entries = read_examples(path)
    for n, entry in enumerate(entries):
        with problems.collect():
            if not isinstance(entry, dict):
                check_keys(entry, n, path, KEYS, seen, mark=mark_of(entries, n))
            example = parse_example(entry, n, path, seen)
            check_kink(example, entry, path)
            examples.append(example)
    problems.raise_any()
    return examples
