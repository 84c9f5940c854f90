"""Batch normalization's numbers against independent references: PyTorch's batch_norm in training mode
(float64 autograd) on seeded random examples of every size, and the assignment-style NumPy listing run
on every published example."""

import json
import random

import numpy as np
import pytest
import sympy as sp

from gen.derivations.batchnorm import DECLARATION, listing
from gen.schema import Example
from gen.worked import compute
from compare import close


torch = pytest.importorskip("torch")

SIZES = [(1, 1), (2, 1), (1, 3), (3, 2), (4, 3), (2, 4)]


def random_example(rng, n, d):
    """Decimal entries with one or two places; ε a small decimal."""
    number = lambda: sp.Rational(rng.randint(-40, 40), rng.choice((10, 20)))  # noqa: E731
    matrix = lambda r, c: sp.ImmutableMatrix(r, c, lambda *_: number())  # noqa: E731
    values = {"X": matrix(n, d), "gamma": matrix(1, d), "beta": matrix(1, d),
              "eps": sp.Rational(rng.randint(1, 9), 10 ** rng.randint(1, 5)), "G": matrix(n, d)}
    return Example("random", values, {"N": n, "D": d}, {})


def floats(m):
    return np.array(sp.ImmutableMatrix(m).tolist(), dtype=float)


def torch_batchnorm(values):
    """y and every gradient by torch.nn.functional.batch_norm (training mode, biased variance) and autograd."""
    x = torch.tensor(floats(values["X"]), dtype=torch.float64, requires_grad=True)
    gamma = torch.tensor(floats(values["gamma"])[0], dtype=torch.float64, requires_grad=True)
    beta = torch.tensor(floats(values["beta"])[0], dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=float(values["eps"]))
    y.backward(torch.tensor(floats(values["G"]), dtype=torch.float64))
    return y.detach().numpy(), {"X": x.grad.numpy(), "gamma": gamma.grad.numpy()[None, :],
                                "beta": beta.grad.numpy()[None, :]}



@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: f"N{s[0]}D{s[1]}")
def test_random_examples_agree_with_torch(sizes):
    """N = 1 is left to the published example: torch refuses a batch of one in training mode."""
    rng = random.Random(f"batchnorm{sizes}")
    example = random_example(rng, *sizes)
    worked = compute(DECLARATION.graph(example), DECLARATION.fields, example)
    if sizes[0] == 1:
        with pytest.raises(ValueError):
            torch_batchnorm(example.values)
        assert worked.grads["X"] == sp.zeros(*sizes)  # σ² = 0 and x̂ = 0: X does not reach L
        return
    y, grads = torch_batchnorm(example.values)
    assert close(worked.values["y"].tolist(), y, rtol=1e-10)
    for name, got in grads.items():
        assert close(worked.grads[name].tolist(), got, rtol=1e-10), name


def test_sizes_cover_one_and_more():
    assert {n for n, _ in SIZES} >= {1, 4} and {d for _, d in SIZES} >= {1, 3}


def test_listing_reproduces_published_numbers(outputs):
    """The page's NumPy code on every published example: forward, the staged backward and the compact one."""
    data = json.loads(outputs["data/batchnorm.json"])
    assert len(data["examples"]) >= 4
    for ex in data["examples"]:
        a = {k: np.array(ex[k], dtype=float) for k in ("X", "gamma", "beta", "G")}
        out, cache = listing.batchnorm_forward(a["X"], a["gamma"], a["beta"], {"eps": float(ex["eps"])})
        assert np.allclose(out, np.array(ex["y"], dtype=float), rtol=1e-12, atol=1e-12), ex["id"]
        for backward in (listing.batchnorm_backward, listing.batchnorm_backward_alt):
            dx, dgamma, dbeta = backward(a["G"], cache)
            for key, value in (("dL_dX", dx), ("dL_dgamma", dgamma), ("dL_dbeta", dbeta)):
                assert np.allclose(value, np.array(ex[key], dtype=float), rtol=1e-10, atol=1e-10), \
                    (ex["id"], backward.__name__, key)


def test_published_fields_and_digits(outputs, verified):
    """Every field the data file promises, each exact or to 30 significant digits."""
    text = outputs["data/batchnorm.json"]
    data = json.loads(text)["examples"]
    keys = ["id", "X", "gamma", "beta", "eps", "G", "mu", "var", "xhat", "y", "L",
            "dL_dy", "dL_dbeta", "dL_dgamma", "dL_dxhat", "dL_dvar", "dL_dmu", "dL_dX"]
    assert all(list(ex) == keys for ex in data)
    for ex, worked in zip(data, verified.workeds):
        n, d = worked.sizes["N"], worked.sizes["D"]
        assert np.shape(ex["dL_dX"]) == (n, d) and np.shape(ex["dL_dgamma"]) == np.shape(ex["mu"]) == (d,)
    decimals = [t for t in __import__("re").findall(r"-?\d+\.\d+(?:e-?\d+)?", text) if len(t) > 12]
    assert decimals and all(len(t.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) == 30 for t in decimals)


def test_examples_show_the_kinds_of_number(verified):
    """An exact column beside an inexact one, a batch of one, more rows than columns."""
    by_id = {w.id: w for w in verified.workeds}
    first = by_id["two-by-two"].values["xhat"]
    assert isinstance(first[0, 0], sp.Rational) and not isinstance(first[0, 1], sp.Rational)
    assert by_id["one-row"].grads["X"] == sp.zeros(1, 3)
    assert any(w.sizes["N"] > w.sizes["D"] for w in verified.workeds)
