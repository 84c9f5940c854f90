"""The SVM's numbers against independent references: PyTorch autograd (float64) on seeded random
examples of every size, finite differences away from the kink, and the assignment-style NumPy listing
run on every published example; and the convention at a margin of exactly 0."""

import json
import random

import numpy as np
import pytest
import sympy as sp

from gen.derivations.svm import DECLARATION, listing
from gen.schema import Example
from gen.worked import compute
from compare import close

torch = pytest.importorskip("torch")

SIZES = [(1, 1, 2), (2, 1, 3), (1, 3, 2), (3, 2, 4), (4, 3, 3)]


def random_example(rng, n, d, c):
    """Decimal entries with one place, so that some margins land exactly on 0 as well."""
    matrix = lambda r, k: sp.ImmutableMatrix(r, k, lambda *_: sp.Rational(rng.randint(-20, 20), 10))  # noqa: E731
    labels = tuple(rng.randrange(c) for _ in range(n))
    values = {"X": matrix(n, d), "W": matrix(d, c), "labels": labels, "reg": sp.Rational(rng.randint(0, 5), 10)}
    return Example("random", values, {"N": n, "D": d, "C": c}, {})


def floats(m):
    return np.array(sp.ImmutableMatrix(m).tolist(), dtype=float)


def torch_svm(values):
    """S, L and ∂L/∂S, ∂L/∂W by autograd; torch.relu has derivative 0 at 0, the site's convention."""
    x = torch.tensor(floats(values["X"]), dtype=torch.float64)
    w = torch.tensor(floats(values["W"]), dtype=torch.float64, requires_grad=True)
    y = torch.tensor(values["labels"])
    scores = x @ w
    scores.retain_grad()
    rows = torch.arange(x.shape[0])
    margins = torch.relu(scores - scores[rows, y][:, None] + 1)
    margins = margins * (1 - torch.nn.functional.one_hot(y, w.shape[1]).to(torch.float64))
    loss = margins.sum() / x.shape[0] + float(values["reg"]) * (w * w).sum()
    loss.backward()
    return loss.item(), scores.grad.numpy(), w.grad.numpy()



@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "N{}D{}C{}".format(*s))
def test_random_examples_agree_with_torch(sizes):
    rng = random.Random(f"svm{sizes}")
    for _ in range(3):
        example = random_example(rng, *sizes)
        worked = compute(DECLARATION.graph(example), DECLARATION.fields, example)
        loss, d_scores, d_w = torch_svm(example.values)
        assert close([[worked.values["L"][0, 0]]], [[loss]])
        assert close(worked.grads["S"].tolist(), d_scores) and close(worked.grads["W"].tolist(), d_w)


def test_listing_reproduces_published_numbers(outputs):
    data = json.loads(outputs["data/svm.json"])
    assert len(data["examples"]) >= 3
    for ex in data["examples"]:
        x, w = np.array(ex["X"], dtype=float), np.array(ex["W"], dtype=float)
        loss, scores, margins, cache = listing.svm_forward(x, w, np.array(ex["labels"]), float(ex["reg"]))
        d_scores, d_w = listing.svm_backward(cache)
        for key, value in (("L", loss), ("S", scores), ("margins", margins), ("dL_dS", d_scores), ("dL_dW", d_w)):
            assert np.allclose(value, np.array(ex[key], dtype=float), rtol=1e-12, atol=1e-12), (ex["id"], key)


def test_published_fields(outputs):
    data = json.loads(outputs["data/svm.json"])["examples"]
    keys = ["id", "X", "W", "labels", "reg", "S", "s", "A", "margins", "L", "dL_dS", "dL_dW"]
    assert all(list(ex) == keys for ex in data)
    assert all(isinstance(label, int) and label >= 0 for ex in data for label in ex["labels"])


def test_every_number_is_exact(verified):
    """The examples page says so: decimal inputs and only rational ops (the hinge, products, sums) keep every value
    and gradient rational."""
    for worked in verified.workeds:
        for matrix in (*worked.values.values(), *worked.grads.values()):
            assert all(isinstance(v, sp.Rational) for v in matrix), worked.id


def test_count_of_positive_margins_is_the_correct_class_gradient(verified):
    """Row i of ∂L/∂S at yᵢ is −(number of wrong classes with a margin > 0)/N, and each such class gets 1/N."""
    for worked in verified.workeds:
        n = worked.sizes["N"]
        for i, label in enumerate(worked.example.values["labels"]):
            positive = [j for j, m in enumerate(worked.values["margins"].row(i)) if m > 0]
            assert worked.grads["S"][i, label] == -sp.Rational(len(positive), n)
            assert all(worked.grads["S"][i, j] == sp.Rational(1, n) for j in positive)


def test_a_margin_of_exactly_zero_does_not_count(verified):
    """The example on the kink: its entry of ∂L/∂S is 0 (the convention 0), where the right-hand derivative 1
    would give 1/N and one more count at the correct class; a step to either side shows both one-sided values."""
    worked = {w.id: w for w in verified.workeds}["margin-exactly-zero"]
    a, y = worked.values["A"], worked.values["Y"]
    kinks = [(i, j) for i in range(a.rows) for j in range(a.cols) if a[i, j] == 0 and y[i, j] == 0]
    assert kinks
    graph, values = worked.graph, dict(worked.example.values)
    for i, j in kinks:
        assert worked.grads["S"][i, j] == 0
        label = values["labels"][i]
        for shift, side in ((sp.Rational(1, 100), 1), (-sp.Rational(1, 100), 0)):
            w = sp.Matrix(values["W"])
            w[:, j] += shift * sp.Matrix(values["X"]).row(i).T / sum(v ** 2 for v in values["X"].row(i))
            moved = compute(graph, DECLARATION.fields, Example("moved", {**values, "W": sp.ImmutableMatrix(w)},
                                                               worked.sizes, {}))
            assert moved.grads["S"][i, j] == sp.Rational(side, worked.sizes["N"])
        assert worked.grads["S"][i, label] == -sp.Rational(sum(1 for m in worked.values["margins"].row(i) if m > 0),
                                                          worked.sizes["N"])
