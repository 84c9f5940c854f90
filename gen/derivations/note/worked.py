"""Worked examples: every forward value and gradient of one example, exact, and the note's
equations with its numbers substituted.  Cross-checked here against the matrix-form chain rule
(exact) and a float64 numpy pass; a mismatch stops generation.
"""

from dataclasses import dataclass

import numpy as np
import sympy as sp

from gen.errors import VerificationError
from gen.graph import explicit

# Equations that restate another one's result (entry-wise before the matrix form) or hold for no case in particular.
GENERAL_ONLY = {"dL_dW2_entries", "dL_dh_entries", "relu_local_cases", "relu_local", "dL_dz"}
NODES = ("X", "W1", "W2", "z", "h", "y", "L")
GRADIENTS = ("y", "W2", "h", "z", "W1")


@dataclass(frozen=True)
class Worked:
    """One example, computed."""

    example: object
    """The inputs (`gen.examples.Example`)."""
    case: object
    """Its ReLU case (`gen.graph.Case`)."""
    values: dict
    """Node name → exact matrix (L is 1×1)."""
    grads: dict
    """Node name → exact ∂L/∂node."""
    env: dict
    """Every entry symbol and matrix symbol → its number or matrix (for substitution)."""


def compute(net, example):
    """Forward and backward for one example, exact (checked two more ways by `cross_check`)."""
    values = net.graph.forward({"X": example.X, "W1": example.W1, "W2": example.W2})
    env = {}
    for name, entries in net.E.items():
        env.update(zip(entries, values[name]))
    env.update(net.graph.matrix_env({n: values[n] for n in net.E}))
    case = next(c for c in net.cases if c.on == tuple(bool(v > 0) for v in values["z"]))
    grads = {n: sp.ImmutableMatrix(net.graph.gradient(n).xreplace(env)) for n in GRADIENTS}
    return Worked(example, case, values, grads, env)


def cross_check(net, worked):
    """The exact gradients, again by the matrix-form chain rule and by a float64 numpy pass."""
    _check_matrix_form(net, worked)
    _check_float(worked)


def _check_matrix_form(net, worked):
    """Entry-by-entry gradients = the matrix-form chain rule (e.g. Xᵀ((2yW₂ᵀ) ⊙ 1[z > 0]))."""
    for name in GRADIENTS:
        matrix = explicit(net.graph.matrix_gradient(name), worked.env)
        if matrix != worked.grads[name]:
            raise VerificationError(f"dL/d{name}", f"example {worked.example.id!r}: entry-wise "
                                    f"{worked.grads[name].tolist()} ≠ matrix form {matrix.tolist()}")


def _check_float(worked):
    """The same numbers by a float64 numpy forward/backward pass (agree to 1e-9 relative)."""
    f = {k: np.array(getattr(worked.example, k).tolist(), dtype=float) for k in ("X", "W1", "W2")}
    z = f["X"] @ f["W1"]
    h = np.maximum(z, 0)
    y = h @ f["W2"]
    dy = 2 * y
    dh = dy @ f["W2"].T
    dz = dh * (z > 0)
    floats = {"y": dy, "W2": h.T @ dy, "h": dh, "z": dz, "W1": f["X"].T @ dz}
    for name, approx in floats.items():
        exact = np.array(worked.grads[name].tolist(), dtype=float)
        if not np.allclose(exact, approx, rtol=1e-9, atol=1e-9 * (1 + np.abs(exact).max())):
            raise VerificationError(f"dL/d{name}", f"example {worked.example.id!r}: exact {exact.tolist()} "
                                    f"≠ float {approx.tolist()}")


def shown_steps(steps, case):
    """The note's equations that apply to an example of `case`, in order."""
    return [s for s in steps if not s.series and s.name not in GENERAL_ONLY
            and s.case in (None, case)]


def line_value(line, env):
    """A displayed line evaluated at the example's numbers."""
    return explicit(line, env)
