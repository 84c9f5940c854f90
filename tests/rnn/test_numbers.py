"""The RNN's numbers against independent references: PyTorch autograd (float64) on seeded random sequences
of several lengths and sizes, and the assignment-style NumPy listing run on every published example; the
general lines of the derivation page hold at every t (checked at T = 1 … 4 by the verification)."""

import json
import random

import numpy as np
import pytest
import sympy as sp

from gen.derivations.rnn import DECLARATION, listing
from gen.schema import Example
from gen.worked import compute
from compare import close

torch = pytest.importorskip("torch")

SIZES = [(1, 1, 1, 1), (2, 2, 1, 2), (3, 1, 2, 3), (4, 2, 3, 2)]
"""(T, N, D, H)."""


def random_example(rng, steps, n, d, h):
    matrix = lambda r, k: sp.ImmutableMatrix(r, k, lambda *_: sp.Rational(rng.randint(-10, 10), 10))  # noqa: E731
    values = {"X": tuple(matrix(n, d) for _ in range(steps)), "h0": matrix(n, h), "Wx": matrix(d, h),
              "Wh": matrix(h, h), "b": matrix(1, h), "G": tuple(matrix(n, h) for _ in range(steps))}
    return Example("random", values, {"T": steps, "N": n, "D": d, "H": h}, {})


def floats(m):
    return np.array(sp.ImmutableMatrix(m).tolist(), dtype=float)


def torch_rnn(values):
    """h_t, L and every gradient by autograd, the net written out with torch.tanh."""
    leaf = lambda m: torch.tensor(floats(m), dtype=torch.float64, requires_grad=True)  # noqa: E731
    xs, h0, wx, wh, b = [leaf(x) for x in values["X"]], leaf(values["h0"]), leaf(values["Wx"]), leaf(values["Wh"]), \
        leaf(values["b"])
    h, states, loss = h0, [], 0
    for x, g in zip(xs, values["G"]):
        h = torch.tanh(x @ wx + h @ wh + b)
        states.append(h)
        loss = loss + (torch.tensor(floats(g), dtype=torch.float64) * h).sum()
    loss.backward()
    return {"h": [s.detach().numpy() for s in states], "L": loss.item(), "X": [x.grad.numpy() for x in xs],
            "h0": h0.grad.numpy(), "Wx": wx.grad.numpy(), "Wh": wh.grad.numpy(), "b": b.grad.numpy()}



@pytest.mark.parametrize("sizes", SIZES, ids=lambda s: "T{}N{}D{}H{}".format(*s))
def test_random_examples_agree_with_torch(sizes):
    rng = random.Random(f"rnn{sizes}")
    steps = sizes[0]
    for _ in range(2):
        example = random_example(rng, *sizes)
        worked = compute(DECLARATION.graph(example), DECLARATION.fields, example)
        want = torch_rnn(example.values)
        assert close([[worked.values["L"][0, 0]]], [[want["L"]]])
        for t in range(1, steps + 1):
            assert close(worked.values[f"h{t}"].tolist(), want["h"][t - 1])
            assert close(worked.grads[f"X{t}"].tolist(), want["X"][t - 1])
        for name in ("h0", "Wx", "Wh", "b"):
            assert close(worked.grads[name].tolist(), want[name]), name


def test_listing_reproduces_published_numbers(outputs):
    data = json.loads(outputs["data/rnn.json"])
    assert len(data["examples"]) >= 3
    for ex in data["examples"]:
        x = np.stack([np.array(m, dtype=float) for m in ex["X"]], axis=1)  # (N, T, D), as in the assignment
        dh = np.stack([np.array(m, dtype=float) for m in ex["G"]], axis=1)
        weights = [np.array(ex[k], dtype=float) for k in ("h0", "Wx", "Wh", "b")]
        h, cache = listing.rnn_forward(x, *weights)
        dx, dh0, d_wx, d_wh, d_b = listing.rnn_backward(dh, cache)
        assert np.allclose(np.sum(dh * h), float(ex["L"]), rtol=1e-12)
        for key, value in (("h", np.moveaxis(h, 1, 0)), ("dL_dX", np.moveaxis(dx, 1, 0)), ("dL_dh0", dh0),
                           ("dL_dWx", d_wx), ("dL_dWh", d_wh), ("dL_db", d_b)):
            assert np.allclose(value, np.array(ex[key], dtype=float), rtol=1e-12, atol=1e-12), (ex["id"], key)


def test_published_fields(outputs):
    data = json.loads(outputs["data/rnn.json"])["examples"]
    keys = ["id", "X", "h0", "Wx", "Wh", "b", "G", "a", "h", "L", "dL_dh", "dL_da", "dL_dX", "dL_dh0", "dL_dWx",
            "dL_dWh", "dL_db"]
    assert all(list(ex) == keys for ex in data)
    for ex in data:  # lists of T matrices, T from X; b and its gradient flat
        steps = len(ex["X"])
        assert all(len(ex[k]) == steps for k in ("G", "a", "h", "dL_dh", "dL_da", "dL_dX"))
        assert all(not isinstance(v, list) for v in (*ex["b"], *ex["dL_db"]))
    assert sorted({len(ex["X"]) for ex in data}) == [1, 3]


def test_numbers_are_published_to_30_digits(outputs):
    """tanh is not rational: a JSON number has the checked digits (more than a float keeps)."""
    text = outputs["data/rnn.json"]
    wh = json.loads(text, parse_float=str)["examples"][1]["dL_dWh"]
    assert all(len(v.lstrip("-0.").replace(".", "")) >= 28 for row in wh for v in row), wh


def test_backpropagation_through_time_adds_every_step(verified):
    """∂L/∂W_h is the sum over t of h_{t−1}ᵀ ∂L/∂a_t, and ∂L/∂h_t = G_t + ∂L/∂a_{t+1} W_hᵀ, at the numbers."""
    for worked in verified.workeds:
        steps, v, g = worked.sizes["T"], worked.values, worked.grads
        terms = [sp.Matrix(v[f"h{t - 1}"]).T * sp.Matrix(g[f"a{t}"]) for t in range(1, steps + 1)]
        assert all(abs(x - y) < 1e-30 for x, y in zip(sum(terms[1:], terms[0]), g["Wh"]))
        for t in range(1, steps):
            want = sp.Matrix(v[f"G{t}"]) + sp.Matrix(g[f"a{t + 1}"]) * sp.Matrix(v["Wh"]).T
            assert all(abs(x - y) < 1e-30 for x, y in zip(want, g[f"h{t}"]))
        assert g[f"h{steps}"] == v[f"G{steps}"]


def test_the_last_step_alone_graded(verified):
    """With G_t = 0 before T, every earlier gradient came back through W_h: none of them is 0."""
    worked = {w.id: w for w in verified.workeds}["only-the-last-step"]
    steps = worked.sizes["T"]
    assert all(worked.values[f"G{t}"].is_zero_matrix for t in range(1, steps))
    assert all(not worked.grads[f"h{t}"].is_zero_matrix for t in range(steps))
