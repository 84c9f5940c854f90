"""The gradient-check page: the float64 checks the generator runs, each shown to fail on a wrong version, the
listing run on the published numbers, the pages' tables against the checks, and the Jacobian's count."""

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from gen.declare import compute
from gen.derivations.two_layer import DECLARATION, gradcheck, gradcheck_listing, gradkink, listing, truncation
from gen.derivations.two_layer.gradpage import error_text, gradient_check_context, jacobian_context, power
from gen.errors import VerificationError

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def computed():
    return compute(DECLARATION, DECLARATION.folder / "examples.yml")


def with_grad(worked, name, factor):
    """The worked example with ∂L/∂name scaled: a backward pass that is wrong in one parameter."""
    return dataclasses.replace(worked, grads={**worked.grads, name: worked.grads[name] * factor})


# The listing

def test_eval_numerical_gradient_is_the_centred_difference():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = gradcheck_listing.eval_numerical_gradient(lambda v: np.sum(v ** 3), x)
    assert gradcheck_listing.rel_error(grad, 3 * x ** 2) < 1e-9
    assert np.array_equal(x, [[1.0, -2.0], [0.5, 3.0]])  # every entry restored
    one_sided = gradcheck_listing.eval_numerical_gradient(lambda v: np.sum(v ** 3), x, centred=False)
    assert 1e-6 < gradcheck_listing.rel_error(one_sided, 3 * x ** 2) < 1e-3  # O(h): visibly worse


def test_rel_error_counts_two_zeros_as_agreeing_and_one_zero_as_wrong():
    assert gradcheck_listing.rel_error(np.array([0.0, 2.0]), np.array([0.0, 2.0])) == 0
    assert gradcheck_listing.rel_error(np.array([0.0, 2.0]), np.array([1e-3, 2.0])) == 1
    assert gradcheck_listing.rel_error(np.array([1.0]), np.array([1.1])) == pytest.approx(0.1 / 1.1)


def test_listing_checks_the_published_gradients():
    """The listing on the published JSON (nothing of the generator's objects): every gradient within 1e-7."""
    data = json.loads((DOCS / "data" / "two-layer.json").read_text(encoding="utf-8"))
    near = [ex["id"] for ex in data["examples"] if 0 in np.array(ex["z"], dtype=float)]
    assert near == ["at-the-kink"]  # every step of its first layer crosses the kink: the page leaves it out
    for ex in (e for e in data["examples"] if e["id"] not in near):
        params = {k: np.array(ex[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
        X = np.array(ex["X"], dtype=float)

        def f(_):
            _, _, y = listing.forward(X, params["W1"], params["b1"], params["W2"], params["b2"])
            L = (listing.squared_loss(y, np.array(ex["T"], dtype=float)) if ex["loss"] == "squared"
                 else listing.softmax_loss(y, np.array(ex["labels"])))[0]
            return listing.l2_penalty(L, 0, 0, params["W1"], params["W2"], ex["reg"])[0]
        for name, value in params.items():
            published = np.array(ex[f"dL_d{name}"], dtype=float)
            assert gradcheck_listing.rel_error(published, gradcheck_listing.eval_numerical_gradient(f, value)) < 1e-7
            wrong = published * 1.001
            assert gradcheck_listing.rel_error(wrong, gradcheck_listing.eval_numerical_gradient(f, value)) > 1e-4


def test_listing_on_the_page_is_the_file():
    source = (DECLARATION.folder / "gradcheck_listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in (DOCS / lang / "two-layer" / "gradient-check.md").read_text(encoding="utf-8")


# The generator's checks, right and wrong

def clear(computed):
    """The examples the check can be made on: all but those within a step of a kink (at-the-kink, z₁₂ = 0)."""
    kept = gradkink.clear_examples(computed.workeds)
    assert gradkink.within_a_step(computed.workeds) == ["at-the-kink"] and len(kept) == len(computed.workeds) - 1
    with pytest.raises(VerificationError, match="within a step"):
        gradkink.clear_of_kinks(computed.workeds)
    return kept


def test_every_example_passes_and_a_wrong_gradient_fails(computed):
    rows, both_zero = gradcheck.check_examples(clear(computed))
    assert [r[0] for r in rows] == [w.id for w in clear(computed)] and both_zero >= 0
    assert all(e < gradcheck.BOUND for _, found in rows for e in found.values())
    for name in gradcheck.PARAMETERS:
        with pytest.raises(VerificationError, match=name):
            gradcheck.check_examples([with_grad(clear(computed)[1], name, sp.Rational(1001, 1000))])
    with pytest.raises(VerificationError):
        gradcheck.check_examples(clear(computed), bound=1e-13)


def test_the_orders_are_derived_and_a_wrong_order_is_refused(monkeypatch):
    assert truncation.leading_error("centred")[0] == 2 and truncation.leading_error("one_sided")[0] == 1
    assert truncation.differences()["centred"]["error"] == r"\frac{L'''(w) h^{2}}{6}"
    monkeypatch.setattr(truncation, "ORDERS", {"centred": 1, "one_sided": 1})
    with pytest.raises(VerificationError, match="centred"):
        truncation.differences()


def test_the_study_of_the_step_and_a_wrong_claim_about_it(computed):
    ident, table = gradcheck.study_steps(clear(computed))
    assert ident == "softmax-three" and [row[0] for row in table] == list(gradcheck.DECADES)
    best = min(table, key=lambda row: row[2])
    assert best[0] == 5 and table[-1][2] > 1000 * best[2]
    with pytest.raises(VerificationError, match="one-sided"):  # the one-sided error is not O(h²)
        gradcheck.study_steps(clear(computed), rates={"one-sided": (50, 200), "centred": (50, 200)})
    with pytest.raises(VerificationError, match="centred"):  # nor the centred one O(h)
        gradcheck.study_steps(clear(computed), rates={"one-sided": (5, 20), "centred": (5, 20)})


def test_the_squared_error_has_no_truncation_error_and_a_crossing_step_fails(computed):
    assert gradcheck.check_quadratic(clear(computed)) == 3
    with pytest.raises(VerificationError):  # a step of 1 crosses kinks
        gradcheck.check_quadratic(clear(computed), h=sp.Integer(1))


def test_the_kink_example(computed, monkeypatch):
    kink = gradkink.kink_example(DECLARATION.graph, DECLARATION.fields, clear(computed))
    assert (kink["source"], kink["i"], kink["j"]) == ("softmax-three", 2, 1)
    assert kink["z_at"] == gradcheck.STEP / 2 and kink["errors"]["b1"] > gradcheck.KINK_LEAST
    assert abs(kink["analytic"] - kink["numeric"]) > 0.01
    gradkink.clear_of_kinks(clear(computed))
    worked = clear(computed)[3]
    moved_b1 = sp.ImmutableMatrix([[kink["moved_b1"], *worked.example.values["b1"][1:]]])
    example = dataclasses.replace(worked.example, values={**worked.example.values, "b1": moved_b1})
    from gen.worked import compute as compute_one
    moved = compute_one(DECLARATION.graph(example), DECLARATION.fields, example)
    with pytest.raises(VerificationError, match="within a step"):
        gradkink.clear_of_kinks([moved])
    monkeypatch.setattr(gradkink, "KINK_LEAST", 1)  # were the page to claim an error of 1 or more
    with pytest.raises(VerificationError, match="across the kink"):
        gradkink.kink_example(DECLARATION.graph, DECLARATION.fields, clear(computed))
    monkeypatch.setattr(gradkink, "KINK_LEAST", gradcheck.KINK_LEAST)
    monkeypatch.setattr(gradkink, "BOUND", 1e-12)  # or that the second layer and the tenth of a step pass 1e-12
    with pytest.raises(VerificationError, match="across the kink"):
        gradkink.kink_example(DECLARATION.graph, DECLARATION.fields, clear(computed))


# The pages

def page_numbers(text, heading):
    """The math of every table cell in the section under `heading`, row by row."""
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [re.findall(r"\$([^$]+)\$", row) for row in section.split("\n") if row.startswith("| [`")]


@pytest.mark.parametrize("lang, heading", [("en", "Every worked example"), ("ko", "모든 계산 예제")])
def test_the_pages_table_is_the_checks(computed, lang, heading):
    expected = [[error_text(found[p]) for p in gradcheck.PARAMETERS] for _, found in gradcheck.check_examples(clear(computed))[0]]
    text = (DOCS / lang / "two-layer" / "gradient-check.md").read_text(encoding="utf-8")
    assert page_numbers(text, heading) == expected
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    row = [line for line in section.split("\n") if line.startswith("| [`")][2]
    wrong = text.replace(row, row.replace(f"${expected[2][1]}$", "$1.0 \\times 10^{-11}$", 1), 1)
    assert page_numbers(wrong, heading) != expected


def test_context_numbers(computed):
    context = gradient_check_context(computed)
    assert context["step"] == "10^{-5}" and context["bound"] == "10^{-7}" and context["smaller_step"] == "10^{-6}"
    assert context["kink"]["z"] == "0.1" and context["kink"]["z_minus"] == "-0.000005"
    assert power(9.52e-10) == r"9.5 \times 10^{-10}" and power(0) == "0"
    assert error_text(9.52e-10) == "< 10^{-9}" and error_text(1e-10) == "< 10^{-9}" and error_text(0.2) == "2.0 \\times 10^{-1}"


def test_the_jacobians_count_is_its_entries(computed):
    """∂y/∂W₂ for y = h W₂ built by sympy at the example's sizes: its entries are the count the page prints."""
    jac = jacobian_context(computed)
    hid = sp.Matrix(jac["N"], jac["H"], lambda i, k: sp.Symbol(f"h{i}{k}"))
    W2 = sp.Matrix(jac["H"], jac["C"], lambda k, j: sp.Symbol(f"w{k}{j}"))
    jacobian = sp.derive_by_array(sp.Array(hid * W2), sp.Array(W2))
    assert jacobian.shape == (jac["H"], jac["C"], jac["N"], jac["C"]) and len(jacobian) == jac["entries"]
    assert jac["gradient_entries"] == len(W2) and jac["entries"] != jac["N"] * jac["H"] * jac["C"]
    for lang in ("ko", "en"):
        text = (DOCS / lang / "two-layer" / "derivation.md").read_text(encoding="utf-8")
        assert f"{jac['entries']}" in text and jac["vjp"] in text
