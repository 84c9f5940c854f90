"""The convolution's numbers against independent references: PyTorch's conv2d (float64, with its padding
and stride) on the published examples and on seeded random examples of several sizes, pads and strides;
central differences in NumPy; and the assignment-style listing run on every published example."""

import json
import random

import numpy as np
import pytest
import sympy as sp

from gen.derivations.conv import DECLARATION, listing
from gen.derivations.conv.figures import drawn
from gen.schema import Example
from gen.worked import compute
from compare import close

torch = pytest.importorskip("torch")

CASES = [(1, 1, 1, 1, 0, 1), (4, 3, 2, 2, 0, 1), (3, 4, 3, 3, 1, 1), (5, 5, 3, 3, 0, 2), (6, 4, 2, 2, 1, 2),
         (2, 2, 3, 3, 1, 1), (7, 6, 3, 2, 1, 3), (3, 3, 1, 1, 2, 2)]
"""(H, W, k_h, k_w, pad, stride); every one fits."""


def random_example(rng, h, w, kh, kw, pad, stride):
    """Decimal entries with one place; G shaped like the output."""
    rows, cols = (h + 2 * pad - kh) // stride + 1, (w + 2 * pad - kw) // stride + 1
    matrix = lambda r, c: sp.ImmutableMatrix(r, c, lambda *_: sp.Rational(rng.randint(-20, 20), 10))  # noqa: E731
    values = {"X": matrix(h, w), "K": matrix(kh, kw), "b": sp.Rational(rng.randint(-9, 9), 4), "pad": sp.Integer(pad),
              "stride": sp.Integer(stride), "G": matrix(rows, cols)}
    return Example("random", values, {"H": h, "W": w, "k_h": kh, "k_w": kw, "H_out": rows, "W_out": cols}, {})


def floats(m):
    return np.array(sp.ImmutableMatrix(m).tolist(), dtype=float)


def torch_conv(x, k, b, g, pad, stride):
    """Y, L and ∂L/∂X, ∂L/∂K, ∂L/∂b by autograd through conv2d (one image, one channel, one filter)."""
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    k = torch.tensor(k, dtype=torch.float64, requires_grad=True)
    b = torch.tensor([float(b)], dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.conv2d(x[None, None], k[None, None], b, stride=stride, padding=pad)[0, 0]
    loss = (torch.tensor(g, dtype=torch.float64) * y).sum()
    loss.backward()
    return y.detach().numpy(), loss.item(), x.grad.numpy(), k.grad.numpy(), b.grad.item()



@pytest.mark.parametrize("case", CASES, ids=lambda c: "H{}W{}k{}x{}p{}s{}".format(*c))
def test_random_examples_agree_with_torch(case):
    rng = random.Random(f"conv{case}")
    for _ in range(2):
        example = random_example(rng, *case)
        worked = compute(DECLARATION.graph(example), DECLARATION.fields, example)
        v = example.values
        y, loss, dx, dk, db = torch_conv(floats(v["X"]), floats(v["K"]), v["b"], floats(v["G"]), *case[4:])
        assert close(worked.values["Y"].tolist(), y) and close([[worked.values["L"][0, 0]]], [[loss]])
        assert close(worked.grads["X"].tolist(), dx) and close(worked.grads["K"].tolist(), dk)
        assert close([[worked.grads["b"][0, 0]]], [[db]])


def test_published_examples_agree_with_torch(outputs):
    data = json.loads(outputs["data/conv.json"])["examples"]
    assert {(ex["pad"], ex["stride"]) for ex in data} >= {(0, 1), (1, 1), (0, 2)}
    for ex in data:
        y, loss, dx, dk, db = torch_conv(ex["X"], ex["K"], ex["b"], ex["G"], ex["pad"], ex["stride"])
        for key, value in (("Y", y), ("L", loss), ("dL_dX", dx), ("dL_dK", dk), ("dL_db", db)):
            assert close(ex[key], value), (ex["id"], key)


def test_central_differences(outputs):
    """L is linear in each input, so a central difference of h = 10⁻³ is exact up to rounding."""
    def loss(ex, x, k, b):
        out, _ = listing.conv_forward_naive(x, k, b, {"pad": ex["pad"], "stride": ex["stride"]})
        return float(np.sum(np.array(ex["G"], dtype=float) * out))
    for ex in json.loads(outputs["data/conv.json"])["examples"]:
        point = [np.array(ex["X"], dtype=float), np.array(ex["K"], dtype=float), np.array(float(ex["b"]))]
        for n, key in enumerate(("dL_dX", "dL_dK", "dL_db")):
            estimate = np.zeros_like(point[n])
            for at in np.ndindex(point[n].shape):
                moved = [[p.copy() for p in point] for _ in range(2)]
                moved[0][n][at] += 1e-3
                moved[1][n][at] -= 1e-3
                estimate[at] = (loss(ex, *moved[0]) - loss(ex, *moved[1])) / 2e-3
            assert np.allclose(estimate, np.array(ex[key], dtype=float), atol=1e-9), (ex["id"], key)


def test_listing_reproduces_published_numbers(outputs):
    data = json.loads(outputs["data/conv.json"])
    assert len(data["examples"]) >= 3
    for ex in data["examples"]:
        x, w = np.array(ex["X"], dtype=float), np.array(ex["K"], dtype=float)
        out, cache = listing.conv_forward_naive(x, w, float(ex["b"]), {"pad": ex["pad"], "stride": ex["stride"]})
        dx, dw, db = listing.conv_backward_naive(np.array(ex["G"], dtype=float), cache)
        for key, value in (("Y", out), ("dL_dX", dx), ("dL_dK", dw), ("dL_db", db)):
            assert np.allclose(value, np.array(ex[key], dtype=float), rtol=1e-12, atol=1e-12), (ex["id"], key)


def test_published_fields(outputs):
    data = json.loads(outputs["data/conv.json"])["examples"]
    keys = ["id", "X", "K", "b", "pad", "stride", "G", "Y", "L", "dL_dX", "dL_dK", "dL_db"]
    assert all(list(ex) == keys for ex in data)
    assert all(isinstance(ex[k], (int, float)) for ex in data for k in ("b", "pad", "stride", "L", "dL_db"))


def test_every_number_is_exact(verified):
    """The examples page says so: decimal inputs and sums of products keep every value and gradient rational."""
    for worked in verified.workeds:
        for matrix in (*worked.values.values(), *worked.grads.values()):
            assert all(isinstance(v, sp.Rational) for v in matrix), worked.id


def test_bias_gradient_is_the_sum_of_g(verified):
    for worked in verified.workeds:
        assert worked.grads["b"][0, 0] == sum(worked.values["G"])


def test_figure_of_one_input_shows_the_turned_kernel():
    """Fig. 3 as the page describes it: at stride 1 without padding, the outputs that read the middle input of a 5×5 X
    meet it with K turned by 180°; Fig. 4: with a stride of 2 it is read by fewer outputs, each with a corner of K."""
    _, _, (_, (_, plain)), _ = drawn("readers_plain", "en")
    assert [[text for text, _ in row] for row in plain] == [[f"K{a}{b}".translate(str.maketrans("123", "₁₂₃"))
                                                             for b in "321"] for a in "321"]
    _, _, (_, (_, strided)), _ = drawn("readers", "en")
    assert sorted(text for row in strided for text, _ in row if text) == ["K₁₁", "K₁₃", "K₃₁", "K₃₃"]


def test_operands_shown_are_numpy_s(verified):
    """The examples page multiplies out each correlation's operands: X padded as np.pad pads it, G with s − 1 zeros
    between its entries, K turned by np.rot90 twice."""
    from gen.derivations.conv import NOTATION, example_extra
    for worked in verified.workeds:
        block, v = example_extra(worked)["operands"], worked.example.values
        pad, stride = int(v["pad"]), int(v["stride"])
        spread = np.zeros(((v["G"].rows - 1) * stride + 1, (v["G"].cols - 1) * stride + 1), dtype=object)
        spread[::stride, ::stride] = np.array(v["G"].tolist(), dtype=object)
        shown = [np.rot90(np.array(v["K"].tolist(), dtype=object), 2)] + ([spread] if stride > 1 else []) + (
            [np.pad(np.array(v["X"].tolist(), dtype=object), pad)] if pad else [])
        for matrix in shown:
            assert f"= {NOTATION.tex(sp.ImmutableMatrix(matrix.tolist()))}" in block, worked.id
