"""Comparisons the derivations' tests share: numbers against a float reference, and the equations of both languages."""

import re

import numpy as np

DISPLAY = re.compile(r"\$\$\n.*?\n\$\$", re.S)
"""A display block of a generated page."""


def close(exact, approx, rtol=1e-12):
    """Exact (or 30-digit) numbers against float64 ones, relative to the largest entry."""
    exact = np.array(exact, dtype=float)
    return np.allclose(approx, exact, rtol=rtol, atol=rtol * (1 + np.abs(exact).max()))


def assert_same_equations(outputs, name, pages=("index", "derivation", "examples")):
    """Every page of a derivation has display math, and the same in Korean and English."""
    for page in pages:
        ko, en = DISPLAY.findall(outputs[f"ko/{name}/{page}.md"]), DISPLAY.findall(outputs[f"en/{name}/{page}.md"])
        assert ko == en and ko, page
