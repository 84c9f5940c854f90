"""A step that crosses the kink of ReLU, made from a worked example: its on unit closest to the kink is moved to
z = h/2 by lowering that unit's bias, so the centred difference of the bias steps z to 3h/2 and to −h/2, where
ReLU is off.  The difference then sees only part of the unit's slope; the exact gradient at the point sees all."""

from dataclasses import replace

import sympy as sp

from gen.derivations.two_layer.gradcheck import BOUND, KINK_LEAST, STEP, errors, numeric
from gen.errors import VerificationError
from gen.worked import compute


def closest_unit(workeds):
    """(worked, i, j) of the smallest z_ij > 0 whose upstream ∂L/∂h_ij is not 0 (the first, in file order)."""
    found = [(w.values["z"][i, j], n, i, j) for n, w in enumerate(workeds)
             for i in range(w.values["z"].rows) for j in range(w.values["z"].cols)
             if w.values["z"][i, j] > 0 and w.grads["h"][i, j] != 0]
    _, n, i, j = min(found)
    return workeds[n], i, j


def within_a_step(workeds, h=STEP):
    """The ids of the examples with an entry of z within a step of the kink (one exactly on it, z = 0, included):
    the check cannot be made there, and the page leaves them out of its table."""
    return [w.id for w in workeds if any(abs(w.values["z"][i, j]) <= h * max(1, *(abs(x) for x in w.values["X"].row(i)))
                                         for i in range(w.values["z"].rows) for j in range(w.values["z"].cols))]


def clear_examples(workeds, h=STEP):
    """The examples no step of the check crosses a kink in."""
    near = within_a_step(workeds, h)
    return [w for w in workeds if w.id not in near]


def clear_of_kinks(workeds, h=STEP):
    """No step of the check crosses a kink in any of `workeds` (`within_a_step` finds none)."""
    near = within_a_step(workeds, h)
    if near:
        raise VerificationError("gradient check", f"example {near[0]!r}: an entry of z is within a step of the kink")


def kink_example(graph_of, fields, workeds, h=STEP):
    """The moved example and what the page says of it: its bias's error is large, the second layer's small, and a
    tenth of the step (which no longer crosses) passes."""
    worked, i, j = closest_unit(workeds)
    z, b1 = worked.values["z"][i, j], worked.example.values["b1"]
    moved_b1 = sp.Matrix(b1)
    moved_b1[0, j] = b1[0, j] - z + h / 2  # z_ij = h/2: the steps ±h reach 3h/2 and −h/2
    moved_b1 = sp.ImmutableMatrix(moved_b1)
    example = replace(worked.example, id=f"{worked.id}-kink", values={**worked.example.values, "b1": moved_b1})
    moved = compute(graph_of(example), fields, example)
    assert moved.values["z"][i, j] == h / 2
    found, smaller = errors(moved), errors(moved, h / 10)
    if found["b1"] < KINK_LEAST or max(found["W2"], found["b2"], *smaller.values()) >= BOUND:
        raise VerificationError("gradient check", f"a step across the kink of example {example.id!r}: relative errors "
                                f"{found}, and with a tenth of the step {smaller}")
    analytic, estimate = numeric(moved)["b1"]
    return {"source": worked.id, "i": i + 1, "j": j + 1, "z": z, "b1": b1[0, j], "moved_b1": moved_b1[0, j],
            "z_at": h / 2, "analytic": float(analytic[j]), "numeric": float(estimate[j]), "errors": found}
