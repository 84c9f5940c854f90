"""The note's worked examples: `id`, `X` (2×2), `W1` (2×1), `W2` (1×2), exact numbers; every value and
gradient by the engine's walk, each example's numbers put in the note's equations.  Checked two more ways
than the engine's own checks: the entry-by-entry walk against the matrix form, at the example's numbers."""

from dataclasses import dataclass, field

import sympy as sp

from gen import schema
from gen.checking import check_finite_differences, check_numbers
from gen.errors import VerificationError
from gen.matexpr import explicit
from gen.worked import Worked as EngineWorked
from gen.worked import compute_all, record

FIELDS = {"X": schema.matrix("2,2"), "W1": schema.matrix("2,1"), "W2": schema.matrix("1,2")}
# Equations that restate another one's result (entry-wise before the matrix form) or hold for no case in particular.
GENERAL_ONLY = {"dL_dW2_entries", "dL_dh_entries", "relu_local_cases", "relu_local", "dL_dz"}
GRADIENTS = ("y", "W2", "h", "z", "W1")


@dataclass(frozen=True)
class Worked(EngineWorked):
    """One example, computed, with its numbers for every entry and matrix symbol."""

    env: dict = field(default_factory=dict)
    """Every entry symbol and matrix symbol → its number or matrix (for substitution)."""


def load(net, path):
    """Every example of the file, computed (InputError names file, example and field)."""
    workeds = compute_all(lambda example: net.graph, FIELDS, path)
    return tuple(Worked(**vars(w), env=_env(net, w.values)) for w in workeds)


def _env(net, values):
    env = {}
    for name, entries in net.E.items():
        env.update(zip(entries, values[name]))
    env.update(net.matrix_env({n: values[n] for n in net.E}))
    return env


def cross_check(net, worked):
    """The gradients entry by entry (Σ upstream · local at the numbers) against the matrix form's, then
    against direct differentiation at the numbers and against finite differences."""
    for name in GRADIENTS:
        entries = sp.ImmutableMatrix(net.gradient(name).xreplace(worked.env))
        if entries != worked.grads[name]:
            raise VerificationError(f"dL/d{name}", f"example {worked.id!r}: entry-wise {entries.tolist()} "
                                    f"≠ matrix form {worked.grads[name].tolist()}")
    grads = {n: worked.grads[n] for n in ("W1", "W2", "X", "y", "h", "z")}
    inputs = {n: worked.values[n] for n in FIELDS}
    label = f"example {worked.id!r}"
    return check_numbers(net.graph, inputs, grads, {}, label) + check_finite_differences(net.graph, inputs, grads, label)


def shown_steps(steps, case):
    """The note's equations that apply to an example of `case`, in order."""
    return [s for s in steps if not s.series and s.name not in GENERAL_ONLY
            and s.case in (None, case)]


def line_value(line, env):
    """A displayed line evaluated at the example's numbers."""
    return explicit(line, env)


def note_record(worked):
    """One example as the JSON has it: id, case, the inputs, z, h, y, L and every gradient."""
    out = record(worked, FIELDS, ("z", "h", "y"), GRADIENTS)
    return {"id": out.pop("id"), "case": worked.case.id, **out}
