"""The worked numbers against independent oracles: PyTorch autograd (float64) on seeded random
examples of every size 1–4 and both losses, central finite differences, and the NumPy listing
run against the published JSON."""

import json
import random
from decimal import Decimal

import numpy as np
import pytest
import sympy as sp

from gen.derivations.two_layer import DECLARATION, listing
from gen.derivations.two_layer.network import GRADIENTS
from gen.schema import Example
from gen.worked import compute
from compare import close

torch = pytest.importorskip("torch")

SIZE_CASES = [(1, 1, 1, 1), (4, 4, 4, 4), (4, 1, 3, 2), (1, 4, 2, 3), (3, 2, 4, 1), (2, 3, 1, 4)]


def random_example(rng, loss, sizes, ident, reg=0):
    """Decimal entries with one or two places, resampled until no z is exactly 0."""
    n, d, h, c = sizes
    number = lambda: sp.Rational(rng.randint(-40, 40), rng.choice((10, 20)))  # noqa: E731
    matrix = lambda r, k: sp.ImmutableMatrix(r, k, lambda *_: number())  # noqa: E731
    while True:
        m = {"X": matrix(n, d), "W1": matrix(d, h), "b1": matrix(1, h), "W2": matrix(h, c), "b2": matrix(1, c)}
        if all(v != 0 for v in m["X"] * m["W1"] + sp.ones(n, 1) * m["b1"]):
            break
    if loss == "squared":
        m["T"] = matrix(n, c)
    else:
        m["labels"] = tuple(rng.randrange(c) for _ in range(n))
    return Example(ident, {"loss": loss, **m, "reg": sp.Rational(reg)}, dict(zip("NDHC", sizes)), {})


def worked_of(example):
    """The example computed by the engine, on the graph of its loss."""
    return compute(DECLARATION.graph(example), DECLARATION.fields, example)


def loss_of(example):
    return example.values["loss"]


def labels_of(example):
    return list(example.values.get("labels", ()))


def arrays(example):
    """The example's inputs as float64 arrays (a vector as a 1×n row; the labels one-hot as Y)."""
    worked = worked_of(example)
    return {k: np.array(v.tolist(), dtype=float) for k, v in worked.values.items()
            if worked.graph.nodes[k].op is None}


def torch_gradients(example):
    """Every gradient by PyTorch autograd in float64, intermediates kept with retain_grad."""
    a = {k: torch.tensor(v, dtype=torch.float64, requires_grad=k not in ("T", "Y", "reg")) for k, v in arrays(example).items()}
    z = a["X"] @ a["W1"] + a["b1"]
    h = torch.relu(z)
    y = h @ a["W2"] + a["b2"]
    for t in (z, h, y):
        t.retain_grad()
    if loss_of(example) == "squared":
        loss = ((y - a["T"]) ** 2).sum()
    else:
        loss = torch.nn.functional.cross_entropy(y, torch.tensor(labels_of(example)))
    loss = loss + float(example.values["reg"]) * ((a["W1"] ** 2).sum() + (a["W2"] ** 2).sum())
    loss.backward()
    got = {"y": y.grad, "h": h.grad, "z": z.grad, **{k: a[k].grad for k in ("X", "W1", "b1", "W2", "b2")}}
    return loss.item(), {k: v.numpy() for k, v in got.items()}



@pytest.mark.parametrize("reg", ["0", "0.05"])
@pytest.mark.parametrize("loss", ["squared", "softmax"])
@pytest.mark.parametrize("sizes", SIZE_CASES)
def test_random_examples_agree_with_torch(loss, sizes, reg):
    rng = random.Random(f"{loss}{sizes}")
    example = random_example(rng, loss, sizes, "random", reg)
    worked = worked_of(example)
    value, grads = torch_gradients(example)
    assert close([[worked.values["L"][0, 0]]], [[value]])
    for name in GRADIENTS:
        assert close(worked.grads[name].tolist(), grads[name].reshape(worked.grads[name].shape)), name


def test_worked_examples_agree_with_torch(verified):
    """Every worked example, the one at the kink included (torch's relu'(0) = 0 is the site's convention)."""
    assert any(any(v == 0 for v in w.values["z"]) for w in verified.workeds)
    for worked in verified.workeds:
        value, grads = torch_gradients(worked.example)
        assert close([[worked.values["L"][0, 0]]], [[value]]), worked.id
        for name in GRADIENTS:
            assert close(worked.grads[name].tolist(), grads[name].reshape(worked.grads[name].shape)), (worked.id, name)


def test_size_cases_cover_one_to_four():
    for axis in range(4):
        assert {s[axis] for s in SIZE_CASES} >= {1, 4}


def numpy_loss(example, a):
    z = a["X"] @ a["W1"] + a["b1"]
    y = np.maximum(z, 0) @ a["W2"] + a["b2"]
    penalty = float(example.values["reg"]) * (np.sum(a["W1"] ** 2) + np.sum(a["W2"] ** 2))
    if loss_of(example) == "squared":
        return np.sum((y - a["T"]) ** 2) + penalty
    shifted = y - y.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -np.mean(logp[np.arange(len(y)), labels_of(example)]) + penalty


def test_worked_examples_agree_with_finite_differences(verified):
    """Every example off the kinks (at z = 0 a difference straddles the kink: the convention is checked by torch and
    test_worked_examples_agree_with_torch instead)."""
    eps = 1e-6
    away = [w for w in verified.workeds if all(v != 0 for v in w.values["z"])]
    assert 0 < len(away) < len(verified.workeds)
    for worked in away:
        ex = worked.example
        base = arrays(ex)
        for name in ("X", "W1", "b1", "W2", "b2"):
            numeric = np.zeros_like(base[name])
            for index in np.ndindex(base[name].shape):
                plus, minus = dict(base), dict(base)
                plus[name], minus[name] = base[name].copy(), base[name].copy()
                plus[name][index] += eps
                minus[name][index] -= eps
                numeric[index] = (numpy_loss(ex, plus) - numpy_loss(ex, minus)) / (2 * eps)
            assert close(worked.grads[name].tolist(), numeric, rtol=1e-6), (worked.id, name)


def test_listing_reproduces_published_numbers(outputs):
    """The NumPy code on the examples page, run on every example of the published JSON."""
    data = json.loads(outputs["data/two-layer.json"])
    assert len(data["examples"]) >= 4
    for ex in data["examples"]:
        a = {k: np.array(ex[k], dtype=float) for k in ("X", "W1", "b1", "W2", "b2")}
        z, h, y = listing.forward(a["X"], a["W1"], a["b1"], a["W2"], a["b2"])
        if ex["loss"] == "squared":
            L, dL_dy = listing.squared_loss(y, np.array(ex["T"], dtype=float))
        else:
            L, dL_dy = listing.softmax_loss(y, np.array(ex["labels"]))
        got = dict(zip(("dL_dW2", "dL_db2", "dL_dh", "dL_dz", "dL_dW1", "dL_db1", "dL_dX"),
                       listing.backward(a["X"], a["W1"], a["W2"], z, h, dL_dy)))
        L, got["dL_dW1"], got["dL_dW2"] = listing.l2_penalty(L, got["dL_dW1"], got["dL_dW2"], a["W1"], a["W2"], ex["reg"])
        got.update(z=z, h=h, y=y, L=L, dL_dy=dL_dy)
        for key, value in got.items():
            assert np.allclose(value, np.array(ex[key], dtype=float), rtol=1e-12, atol=1e-13), (ex["id"], key)


def test_json_keys_and_orientation(outputs, verified):
    text = outputs["data/two-layer.json"]
    data, precise = json.loads(text), json.loads(text, parse_float=Decimal)
    for ex, digits, worked in zip(data["examples"], precise["examples"], verified.workeds):
        target = "T" if ex["loss"] == "squared" else "labels"
        assert list(ex) == ["id", "loss", "X", "W1", "b1", "W2", "b2", target, "reg", "z", "h", "y", "L",
                            "dL_dy", "dL_dW2", "dL_db2", "dL_dh", "dL_dz", "dL_dW1", "dL_db1", "dL_dX"]
        n, d, h, c = (worked.sizes[k] for k in "NDHC")
        assert np.shape(ex["z"]) == np.shape(ex["dL_dz"]) == (n, h) and np.shape(ex["dL_dW1"]) == (d, h)
        assert np.shape(ex["dL_db1"]) == (h,) and np.shape(ex["dL_db2"]) == (c,) and np.shape(ex["dL_dX"]) == (n, d)
        published = [sp.Rational(str(v)) for row in digits["dL_dW1"] for v in row]
        if ex["loss"] == "squared":  # exact: the JSON text is the exact decimal
            assert published == list(worked.grads["W1"])
        else:  # 30 significant digits of every number that is not 0
            assert all(v == 0 or len(str(v).replace("-", "").replace(".", "").lstrip("0")) == 30
                       for row in digits["dL_dW1"] for v in row)
            assert all(abs(p - w) <= sp.Rational(1, 10**29) * abs(w) for p, w in zip(published, worked.grads["W1"]))


def test_softmax_json_correct_to_1e12(verified, outputs):
    data = {e["id"]: e for e in json.loads(outputs["data/two-layer.json"])["examples"]}
    for worked in verified.workeds:
        if worked.example.values["loss"] != "softmax":
            continue
        for key in (f"dL_d{n}" for n in GRADIENTS):
            exact = worked.grads[key[4:]]
            published = np.array(data[worked.id][key], dtype=float).reshape(exact.shape)
            for got, want in zip(published.flat, exact):
                assert abs(got - float(want)) <= 1e-12 * abs(float(want)) + 1e-300


def test_examples_cover_the_brief(verified):
    ids = {w.id: w for w in verified.workeds}
    assert any(w.grads["h"] != w.grads["z"] for w in ids.values() if w.example.values["loss"] == "squared")
    assert any(w.grads["h"] != w.grads["z"] for w in ids.values() if w.example.values["loss"] == "softmax")
    assert any(w.sizes["N"] > w.sizes["D"] for w in ids.values())
    note = ids["note-first-on"]
    assert any(w.example.values["reg"] > 0 for w in ids.values())
    assert note.sizes == dict(zip("NDHC", (2, 2, 1, 2)))
    assert all(v == 0 for k in ("b1", "b2", "T") for v in note.values[k])
