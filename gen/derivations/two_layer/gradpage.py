"""What the gradient-check page and the derivation page's note on Jacobians print: the checks' numbers as text
(a fixed number of significant digits, so the pages are the same on every run), the listing, and the size of the
Jacobian ∂y/∂W₂ that backpropagation never builds."""

import math

import numpy as np

from gen.derivations.two_layer.gradcheck import (BOUND, DECADES, KINK_LEAST, STEP, check_examples, check_quadratic,
                                                 study_steps)
from gen.derivations.two_layer.gradkink import clear_examples, clear_of_kinks, kink_example, within_a_step
from gen.derivations.two_layer.network import tex
from gen.errors import VerificationError
from gen.derivations.two_layer.truncation import differences
from gen.numbers import number_text

SIGNIFICANT = 2
"""Significant digits of a relative error on the page (the digits after them are round-off)."""
ROUND_OFF = 1e-6
"""Below this an error is round-off, whose digits depend on the machine's exp, log and matrix products: the page
gives only the power of ten it is below, so that every machine prints the same page."""


def power(x, digits=SIGNIFICANT):
    r"""A float in LaTeX: 9.5 \times 10^{-10}; an exact power of ten as 10^{-5}."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    if float(mantissa) == 1:
        return f"10^{{{int(exponent)}}}"
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def below(x):
    """The power of ten strictly above x > 0: 10^{-9} for 9.5e-10, 10^{-4} for 1e-5."""
    return f"10^{{{math.floor(math.log10(x)) + 1}}}"


def error_text(x):
    r"""A relative error as the page prints it: 0, 2 significant digits (0.20, 1.2 \times 10^{-4}), or, for
    round-off, the power of ten it is below (< 10^{-9})."""
    if x == 0 or x >= ROUND_OFF:
        return power(x)
    return f"< {below(x)}"


def _errors(found):
    return {p: error_text(e) for p, e in found.items()}


def gradient_check_context(verified):
    """The checks run (each raises VerificationError if what the page says of it is false), as text."""
    near, clear = within_a_step(verified.workeds), clear_examples(verified.workeds)
    rows, both_zero = check_examples(clear)
    clear_of_kinks(clear)
    check_quadratic(clear)
    # The study of the step needs a softmax example (the squared error has no truncation error to show).
    studied, table = study_steps(clear) if any(w.example.values["loss"] == "softmax" for w in clear) else (None, None)
    decl = verified.declaration
    kink = _kink_or_none(decl, clear)
    return {
        "step": power(float(STEP)), "smaller_step": power(float(STEP / 10)), "bound": power(BOUND), "kink_least": power(KINK_LEAST),
        "cube_root_eps": power(float(np.finfo(float).eps) ** (1 / 3)), "eps": power(float(np.finfo(float).eps)),
        "rows": [{"id": ident, "errors": _errors(found)} for ident, found in rows], "near": near,
        "worst": below(max(e for _, found in rows for e in found.values())), "both_zero": both_zero,
        "study": table and {"id": studied, "rows": [{"h": power(10.0 ** -k), "one_sided": error_text(o), "centred": error_text(c)}
                                                    for k, o, c in table], "first": power(10.0 ** -DECADES[0])},
        "kink": kink and _kink_text(kink),
        "differences": differences(),
        "listing": (decl.folder / "gradcheck_listing.py").read_text(encoding="utf-8"),
    }


def _kink_or_none(decl, workeds):
    """The step across a kink made from the author's examples, or None where they cannot show what the page says of
    it (the site's own examples must: tests/test_gradient_check.py)."""
    try:
        return kink_example(decl.graph, decl.fields, workeds)
    except (VerificationError, ValueError):  # ValueError: no unit with z > 0 and an upstream
        return None


def _kink_text(kink):
    return {**kink, "z": number_text(kink["z"]), "b1": number_text(kink["b1"]),
             "moved_b1": number_text(kink["moved_b1"]), "z_at": number_text(kink["z_at"]),
             "z_plus": number_text(kink["z_at"] + STEP), "z_minus": number_text(kink["z_at"] - STEP),
             "analytic": f"{kink['analytic']:.6g}", "numeric": f"{kink['numeric']:.6g}",
             "errors": _errors(kink["errors"])}


def jacobian_context(verified):
    """The Jacobian ∂y/∂W₂ of y = h W₂ (N×C by H×C: N·C·H·C entries) at the largest worked example, beside the
    H·C entries of ∂L/∂W₂ that the vector–Jacobian product gives directly (the step dW2's matrix form)."""
    worked = max(verified.workeds, key=lambda w: w.sizes["N"] * w.sizes["H"] * w.sizes["C"] ** 2)  # the first largest
    n, h, c = (worked.sizes[k] for k in "NHC")
    step = next(s for s in verified.steps if s.name == "dW2")
    return {"id": worked.id, "N": n, "H": h, "C": c, "entries": n * c * h * c, "gradient_entries": h * c,
            "vjp": tex(step.parts[0].lines[-1])}
