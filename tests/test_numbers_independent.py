"""The worked numbers in `worked-examples.json`, checked against three oracles that share no
code with `gen/`: exact sympy differentiation, numpy central differences and PyTorch autograd.

The generator is only ever run through its command line; nothing from `gen` is imported.
Checked: the committed `docs/data/worked-examples.json` (the default examples) and the output
of a run on seeded random examples (integers and 1–2 place decimals, all four ReLU cases).
"""

import json
import random
import re
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "docs" / "data" / "worked-examples.json"
EXAMPLES_YML = REPO / "gen" / "derivations" / "note" / "examples.yml"

# JSON key → shape (rows, cols) in the page's layout; L is a plain number.
SHAPES = {"X": (2, 2), "W1": (2, 1), "W2": (1, 2), "z": (2, 1), "h": (2, 1), "y": (2, 2),
          "dL_dy": (2, 2), "dL_dW2": (1, 2), "dL_dh": (2, 1), "dL_dz": (2, 1), "dL_dW1": (2, 1)}
KEYS = ["id", "case", "X", "W1", "W2", "z", "h", "y", "L",
        "dL_dy", "dL_dW2", "dL_dh", "dL_dz", "dL_dW1"]
CASES = ("z1>0,z2>0", "z1>0,z2<=0", "z1<=0,z2>0", "z1<=0,z2<=0")
FORWARD = ("z", "h", "y", "L")
GRADIENTS = ("dL_dy", "dL_dW2", "dL_dh", "dL_dz", "dL_dW1")
# Inputs have at most 2 decimal places, so every exact value has at most 6·2 = 12 (L = Σ y²).
MAX_PLACES = 12


# ---------------------------------------------------------------- reading the JSON

def exact(value):
    """JSON numbers (int or Decimal) → Fraction, recursively; floats must not occur."""
    if isinstance(value, list):
        return [exact(v) for v in value]
    assert isinstance(value, (int, Decimal)) and not isinstance(value, bool), value
    return Fraction(value)


def read_examples(text):
    """`worked-examples.json` text → {id: example} with every number an exact Fraction."""
    data = json.loads(text, parse_float=Decimal)
    out = {}
    for item in data["examples"]:
        assert list(item) == KEYS, f"{item.get('id')}: keys {list(item)}"
        out[item["id"]] = {k: (v if k in ("id", "case") else exact(v)) for k, v in item.items()}
    return out


def raw_tokens(text):
    """`worked-examples.json` text → {id: example} with every number as its literal JSON text."""
    data = json.loads(text, parse_float=str, parse_int=str)
    return {item["id"]: item for item in data["examples"]}


def case_of(z):
    """The ReLU case label of z = [[z1], [z2]]."""
    (z1,), (z2,) = z
    return f"z1{'>0' if z1 > 0 else '<=0'},z2{'>0' if z2 > 0 else '<=0'}"


# ---------------------------------------------------------------- the examples under test

def decimal_text(q):
    """A terminating Fraction as its shortest decimal text: 1/2 → '0.5', -5/4 → '-1.25'."""
    if q.denominator == 1:
        return str(q.numerator)
    return format(Decimal(q.numerator) / Decimal(q.denominator), "f").rstrip("0")


def _draw(rng, decimals):
    if decimals and rng.random() < 0.75:
        places = rng.choice((1, 2))
        return Fraction(rng.randint(-300, 300), 10**places)
    return Fraction(rng.randint(-4, 4))


def random_examples(seed=20240611, per_case=3):
    """Seeded inputs {id: {X, W1, W2}} (Fractions): 'tenths', where z1 = 0.1 + 0.2
    (0.30000000000000004 in floats), then `per_case` draws for each ReLU case, one in three
    all-integer, the rest with 1–2 place decimals; draws with some z_i = 0 skipped.

    'tenths' comes first on purpose: the generator crashes when the first example (or the first
    z1>0,z2>0 one) makes an erratum's two sides equal (see test_first_example_may_be_degenerate).
    """
    rng = random.Random(seed)
    examples = {"tenths": {"X": [[Fraction(1, 10), Fraction(2, 10)], [Fraction(7, 10), Fraction(-3, 10)]],
                           "W1": [[Fraction(1)], [Fraction(1)]],
                           "W2": [[Fraction(1, 10), Fraction(-2, 10)]]}}
    for k in range(per_case * len(CASES)):
        target, decimals = CASES[k % len(CASES)], k % 3 != 0
        while True:
            X = [[_draw(rng, decimals) for _ in range(2)] for _ in range(2)]
            W1 = [[_draw(rng, decimals)] for _ in range(2)]
            W2 = [[_draw(rng, decimals) for _ in range(2)]]
            z = [[row[0] * W1[0][0] + row[1] * W1[1][0]] for row in X]
            if all(v != 0 for (v,) in z) and case_of(z) == target:
                break
        examples[f"r{k:02d}-{'dec' if decimals else 'int'}"] = {"X": X, "W1": W1, "W2": W2}
    return examples


def yaml_text(examples):
    """The examples file, numbers written as their decimal text (YAML floats, kept exact by gen)."""
    lines = ["examples:"]
    for ident, ex in examples.items():
        lines.append(f"  - id: {ident}")
        for key in ("X", "W1", "W2"):
            rows = ", ".join("[" + ", ".join(decimal_text(v) for v in row) + "]" for row in ex[key])
            lines.append(f"    {key}: [{rows}]")
    return "\n".join(lines) + "\n"


RANDOM = random_examples()
COMMITTED_IDS = list(read_examples(COMMITTED.read_text(encoding="utf-8")))
PARAMS = [("committed", i) for i in COMMITTED_IDS] + [("random", i) for i in RANDOM]


@pytest.fixture(scope="module")
def committed():
    """The committed docs/data/worked-examples.json, exact."""
    return read_examples(COMMITTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def random_run(tmp_path_factory):
    """`python -m gen` on the random examples: (output folder, JSON text, exact examples)."""
    tmp = tmp_path_factory.mktemp("random")
    examples_file = tmp / "examples.yml"
    examples_file.write_text(yaml_text(RANDOM), encoding="utf-8")
    out = tmp / "out"
    proc = subprocess.run([sys.executable, "-m", "gen", "--derivation", "note", "--examples", str(examples_file), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = (out / "data" / "worked-examples.json").read_text(encoding="utf-8")
    return out, text, read_examples(text)


@pytest.fixture(params=PARAMS, ids=[f"{s}-{i}" for s, i in PARAMS])
def example(request):
    """One example of the JSON under test, exact."""
    source, ident = request.param
    examples = (request.getfixturevalue("committed") if source == "committed"
                else request.getfixturevalue("random_run")[2])
    return examples[ident]


# ---------------------------------------------------------------- oracle a: exact sympy

x11, x12, x21, x22, w11, w12, w21, w22 = sp.symbols("x11 x12 x21 x22 w11 w12 w21 w22", real=True)
XS, W1S, W2S = sp.Matrix([[x11, x12], [x21, x22]]), sp.Matrix([[w11], [w12]]), sp.Matrix([[w21, w22]])
YS = sp.Matrix(2, 2, sp.symbols("y11 y12 y21 y22", real=True))
HS = sp.Matrix(2, 1, sp.symbols("h1 h2", real=True))
ZS = sp.Matrix(2, 1, sp.symbols("z1 z2", real=True))


def relu(m):
    return m.applyfunc(lambda v: sp.Max(0, v))


def squared_norm(m):
    return sum(v**2 for v in m)


@cache
def symbolic():
    """L written in each set of variables, and its derivatives by sympy.diff."""
    z = XS * W1S                                  # z = X W1
    y = relu(z) * W2S                             # y = ReLU(z) W2
    L_inputs = squared_norm(y)                    # L(X, W1, W2) = ‖y‖²
    L_y = squared_norm(YS)                        # L(y)
    L_h = squared_norm(HS * W2S)                  # L(h, W2)
    L_z = squared_norm(relu(ZS) * W2S)            # L(z, W2)
    grad = lambda L, m: m.applyfunc(lambda s: sp.diff(L, s))  # noqa: E731
    return {"z": z, "h": relu(z), "y": y, "L": L_inputs,
            "dL_dW1": grad(L_inputs, W1S), "dL_dW2": grad(L_inputs, W2S),
            "dL_dy": grad(L_y, YS), "dL_dh": grad(L_h, HS), "dL_dz": grad(L_z, ZS)}


def evaluate(expr, subs):
    """An expression at exact numbers, Heaviside(a) → 1 if a > 0 else 0 (ReLU'(0) = 0),
    a decided from its exact value after substitution."""
    steps = {}
    for heaviside in expr.atoms(sp.Heaviside):
        arg = heaviside.args[0].xreplace(subs)
        assert arg.is_Rational, arg
        steps[heaviside] = sp.Integer(1) if arg > 0 else sp.Integer(0)
    value = expr.xreplace(steps).xreplace(subs)
    assert value.is_Rational, value
    return Fraction(int(value.p), int(value.q))


def sympy_reference(ex):
    """Every forward value and gradient of one example, exact, from the inputs alone."""
    S = symbolic()
    rat = lambda q: sp.Rational(q.numerator, q.denominator)  # noqa: E731
    subs = {}
    for syms, key in ((XS, "X"), (W1S, "W1"), (W2S, "W2")):
        subs.update({s: rat(v) for s, v in zip(syms, (v for row in ex[key] for v in row))})
    as_lists = lambda m, ss: [[evaluate(v, ss) for v in m.row(i)] for i in range(m.rows)]  # noqa: E731
    out = {key: as_lists(S[key], subs) for key in ("z", "h", "y", "dL_dW1", "dL_dW2")}
    out["L"] = evaluate(S["L"], subs)
    # dL/dy, dL/dh, dL/dz: L as a function of y, h, z, at this example's own y, h, z.
    for key, syms, node in (("dL_dy", YS, "y"), ("dL_dh", HS, "h"), ("dL_dz", ZS, "z")):
        local = dict(subs)
        local.update({s: rat(v) for s, v in zip(syms, (v for row in out[node] for v in row))})
        out[key] = as_lists(S[key], local)
    return out


def test_exact_sympy(example):
    ref = sympy_reference(example)
    for key in FORWARD + GRADIENTS:
        assert example[key] == ref[key], f"{example['id']}: {key} = {example[key]}, sympy says {ref[key]}"
    assert example["case"] == case_of(ref["z"])


def test_shapes_and_case(example):
    for key, (rows, cols) in SHAPES.items():
        assert len(example[key]) == rows and all(len(r) == cols for r in example[key]), key
    assert isinstance(example["L"], Fraction)
    assert example["case"] in CASES


# ---------------------------------------------------------------- oracle b: numpy central differences

def as_float(m):
    return np.array([[float(v) for v in row] for row in m], dtype=np.float64)


def loss64(X, W1, W2):
    """L = ‖ReLU(X W1) W2‖² in float64."""
    return float(((np.maximum(X @ W1, 0.0) @ W2) ** 2).sum())


def central_differences(f, W):
    """∂f/∂W by (f(W + δ) − f(W − δ)) / 2δ per entry, δ = 1e-6 · max(1, |w|)."""
    grad = np.zeros_like(W)
    for idx in np.ndindex(*W.shape):
        step = 1e-6 * max(1.0, abs(W[idx]))
        plus, minus = W.copy(), W.copy()
        plus[idx] += step
        minus[idx] -= step
        grad[idx] = (f(plus) - f(minus)) / (2 * step)
    return grad


def test_finite_differences(example):
    X, W1, W2 = (as_float(example[k]) for k in ("X", "W1", "W2"))
    # FD is only valid if no step crosses the kink: moving one w1j by δ moves z_i by |x_ij| δ. An example with
    # z_i exactly 0 (the convention ReLU'(0) = 0 decides it) is checked in W₂ only here, and wholly by torch.
    biggest_step = 1e-6 * max(1.0, np.abs(W1).max())
    z = X @ W1
    at_kink = bool(np.any(z == 0))
    assert at_kink or np.abs(z).min() > 1e3 * np.abs(X).max() * biggest_step, f"{example['id']}: z = {z.ravel()} too near 0"
    L = loss64(X, W1, W2)
    # Tolerance: away from the kink L is a quadratic polynomial in each single weight, so the
    # central difference has no truncation error; only rounding remains, ≈ (a few ulps of L)/δ
    # ≤ ~10·2.2e-16·|L| / 2e-6 ≈ 1e-9·|L|.  1e-7·max(1, |L|) leaves a ~100× margin while still
    # catching any real error (a wrong entry is off by O(|gradient|), not 1e-7).
    atol = 1e-7 * max(1.0, abs(L))
    fd_W2 = central_differences(lambda w: loss64(X, W1, w), W2)
    if not at_kink:
        fd_W1 = central_differences(lambda w: loss64(X, w, W2), W1)
        np.testing.assert_allclose(as_float(example["dL_dW1"]), fd_W1, rtol=1e-7, atol=atol)
    np.testing.assert_allclose(as_float(example["dL_dW2"]), fd_W2, rtol=1e-7, atol=atol)
    assert float(example["L"]) == pytest.approx(L, rel=1e-12, abs=1e-12)


# ---------------------------------------------------------------- oracle c: PyTorch autograd

def test_torch_autograd(example):
    torch = pytest.importorskip("torch")
    t = lambda k, grad=False: torch.tensor(as_float(example[k]), dtype=torch.float64,  # noqa: E731
                                           requires_grad=grad)
    X, W1, W2 = t("X"), t("W1", True), t("W2", True)
    z = X @ W1
    h = torch.relu(z)           # torch.relu'(0) = 0, the same convention as the site
    y = h @ W2
    for node in (z, h, y):
        node.retain_grad()
    loss = (y**2).sum()
    loss.backward()
    got = {"z": z, "h": h, "y": y, "L": loss, "dL_dy": y.grad, "dL_dh": h.grad, "dL_dz": z.grad,
           "dL_dW1": W1.grad, "dL_dW2": W2.grad}
    # float64 from ≤ 2-place decimals: a handful of roundings, so 1e-12 relative is ample.
    for key, tensor in got.items():
        want = float(example[key]) if key == "L" else as_float(example[key])
        scale = max(1.0, float(np.abs(want).max()))
        np.testing.assert_allclose(tensor.detach().numpy(), want, rtol=1e-12, atol=1e-12 * scale,
                                   err_msg=f"{example['id']}: {key}")


# ---------------------------------------------------------------- the examples themselves

def test_committed_covers_all_four_cases(committed):
    assert sorted({ex["case"] for ex in committed.values()}) == sorted(CASES)


def test_committed_has_an_example_at_the_kink(committed):
    """One example has a z_i of exactly 0: torch (relu'(0) = 0) checks what the convention gives there."""
    assert any(any(row[0] == 0 for row in ex["z"]) for ex in committed.values())


def test_committed_inputs_are_those_of_examples_yml(committed):
    import yaml
    listed = yaml.safe_load(EXAMPLES_YML.read_text(encoding="utf-8"))["examples"]
    assert [e["id"] for e in listed] == list(committed)
    for entry in listed:
        for key in ("X", "W1", "W2"):
            assert committed[entry["id"]][key] == [[Fraction(v) for v in row] for row in entry[key]], key


def test_random_examples_cover_all_four_cases_and_decimals(random_run):
    _, _, examples = random_run
    assert list(examples) == list(RANDOM)
    assert sorted({ex["case"] for ex in examples.values()}) == sorted(CASES)
    for ident, ex in examples.items():
        assert ex["case"] == case_of(ex["z"]) and all(v != 0 for (v,) in ex["z"])
    places = {len(decimal_text(v).partition(".")[2]) for ex in RANDOM.values()
              for k in ("X", "W1", "W2") for row in ex[k] for v in row}
    assert places == {0, 1, 2}


def test_random_inputs_come_back_exactly(random_run):
    _, text, _ = random_run
    tokens = raw_tokens(text)
    for ident, ex in RANDOM.items():
        for key in ("X", "W1", "W2"):
            written = [[decimal_text(v) for v in row] for row in ex[key]]
            assert tokens[ident][key] == written, f"{ident}: {key} came back as {tokens[ident][key]}"
    # 0.1 + 0.2 is 0.30000000000000004 in floats; the exact z1 is 0.3.
    assert tokens["tenths"]["z"] == [["0.3"], ["0.4"]]
    assert tokens["tenths"]["X"] == [["0.1", "0.2"], ["0.7", "-0.3"]]


DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")


def test_no_float_artefacts(random_run):
    out, text, _ = random_run
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.md"))}
    assert {"ko/examples.md", "en/examples.md"} <= set(pages)
    assert not re.search(r"\d[eE][-+]?\d", text), "exponent notation in the JSON"
    for name, content in {"data/worked-examples.json": text, **pages}.items():
        assert "0.30000000000000004" not in content, name
        long = [t for t in DECIMAL.findall(content) if len(t.split(".")[1]) > MAX_PLACES]
        assert not long, f"{name}: more decimal places than any exact value has: {long[:5]}"
    inputs = {decimal_text(abs(v)) for ex in RANDOM.values() for k in ("X", "W1", "W2")
              for row in ex[k] for v in row if v.denominator != 1}
    for lang in ("ko", "en"):
        shown = set(DECIMAL.findall(pages[f"{lang}/examples.md"]))
        assert inputs <= shown, f"{lang}/examples.md lacks inputs {sorted(inputs - shown)}"
        assert {"0.3", "0.4"} <= shown  # the 'tenths' z, exact


# Each is a valid examples file: no z_i is 0.  The generator stops with a traceback (exit 1):
# gen/context.py `erratum_context` raises AssertionError when an erratum's original and
# corrected sides evaluate equal on the first example of its case: eq2-misread-sum when the
# first example has h = 0 or w22 = 0; eq32-middle-line when the first z1>0,z2>0 example has
# x21 = x22 = 1 or W2 = 0.
DEGENERATE_FIRST = {
    "both-off-first": "X: [[-1, 1], [-2, -1]]\n    W1: [[2], [1]]\n    W2: [[1, 2]]",
    "x2-ones": "X: [[1, 2], [1, 1]]\n    W1: [[1], [1]]\n    W2: [[1, 2]]",
}


@pytest.mark.parametrize("name", DEGENERATE_FIRST)
def test_first_example_may_be_degenerate(name, tmp_path):
    examples_file = tmp_path / "examples.yml"
    examples_file.write_text(f"examples:\n  - id: {name}\n    {DEGENERATE_FIRST[name]}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "gen", "--derivation", "note", "--examples", str(examples_file),
                           "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-300:]
    assert (tmp_path / "out" / "data" / "worked-examples.json").is_file()
