"""The two-layer explorer page in Chromium: every displayed number against Python arithmetic.

One browser, one tab. Squared loss: exact fractions, compared as text. Softmax: z, h, y exact;
the loss and gradients with `decimal` at 40 digits, compared to 1e-11 relative (the page shows
12 significant digits of double-precision values). Committed examples against docs/data/two-layer.json.
"""

import json
import random
from decimal import Decimal, getcontext
from fractions import Fraction

import pytest

from tests.site.conftest import REPO
from tests.site.test_explorer import decimal_text

PAGE = "two-layer/explorer/index.html"
VECTORS = ("b1", "b2", "dL_db1", "dL_db2")


def names(key, value):
    """Entry name → value: `key.i.j`, `key.j` for vectors, `L`."""
    if not isinstance(value, list):
        return {key: value}
    if key in VECTORS or key == "labels":
        return {f"{key}.{j}": v for j, v in enumerate(value)}
    return {f"{key}.{i}.{j}": v for i, row in enumerate(value) for j, v in enumerate(row)}


def mm(A, B):
    return [[sum((A[i][k] * B[k][j] for k in range(len(B))), start=type(A[0][0])(0) if A and A[0] else 0)
             for j in range(len(B[0]))] for i in range(len(A))]


def tr(A):
    return [list(r) for r in zip(*A)]


def network(ex):
    """Every value and gradient: Fractions (squared), Decimals for L and gradients (softmax)."""
    X, W1, W2 = ex["X"], ex["W1"], ex["W2"]
    b1, b2 = ex["b1"], ex["b2"]
    z = [[sum(X[i][k] * W1[k][j] for k in range(len(W1))) + b1[j] for j in range(len(b1))] for i in range(len(X))]
    h = [[max(v, Fraction(0)) for v in row] for row in z]
    y = [[sum(h[i][k] * W2[k][j] for k in range(len(W2))) + b2[j] for j in range(len(b2))] for i in range(len(h))]
    n = len(X)
    if ex["loss"] == "squared":
        r = [[y[i][j] - ex["T"][i][j] for j in range(len(b2))] for i in range(n)]
        L = sum(v * v for row in r for v in row)
        dy = [[2 * v for v in row] for row in r]
        cast = lambda A: A  # noqa: E731
    else:
        getcontext().prec = 40
        yd = [[Decimal(v.numerator) / Decimal(v.denominator) for v in row] for row in y]
        L, dy = Decimal(0), []
        for i, row in enumerate(yd):
            e = [v.exp() for v in row]
            s = sum(e)
            L += (s.ln() - row[ex["labels"][i]]) / n
            dy.append([(e[j] / s - (1 if j == ex["labels"][i] else 0)) / n for j in range(len(row))])
        cast = lambda A: [[Decimal(v.numerator) / Decimal(v.denominator) for v in row] for row in A]  # noqa: E731
    zero = dy[0][0] * 0
    dh = [[sum((dy[i][j] * cast(W2)[k][j] for j in range(len(b2))), zero) for k in range(len(W2))] for i in range(n)]
    dz = [[dh[i][k] if z[i][k] > 0 else zero for k in range(len(b1))] for i in range(n)]
    out = {"z": z, "h": h, "y": y, "L": L, "dL_dy": dy, "dL_dh": dh, "dL_dz": dz,
           "dL_dW2": mm(tr(cast(h)), dy), "dL_db2": [sum((row[j] for row in dy), zero) for j in range(len(b2))],
           "dL_dW1": mm(tr(cast(X)), dz), "dL_db1": [sum((row[j] for row in dz), zero) for j in range(len(b1))],
           "dL_dX": mm(dz, tr(cast(W1)))}
    flat = {}
    for k, v in out.items():
        flat.update(names(k, v))
    return flat


def inputs_of(ex):
    """The page's fields and fragment for one example: sizes, loss and entry texts."""
    n, d, h, c = len(ex["X"]), len(ex["W1"]), len(ex["b1"]), len(ex["b2"])
    entries = {}
    for key in ("X", "W1", "b1", "W2", "b2", "T" if ex["loss"] == "squared" else "labels"):
        entries.update({k: str(v) if key == "labels" else decimal_text(Fraction(str(v))) for k, v in names(key, ex[key]).items()})
    return {"N": n, "D": d, "H": h, "C": c}, ex["loss"], entries


def random_examples(count=60, seed=10):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        n, d, h, c = (rng.randint(1, 4) for _ in range(4))
        places = rng.choice((0, 1, 2))
        num = lambda: Fraction(rng.randint(-99, 99), 10**places) if places else Fraction(rng.randint(-5, 5))  # noqa: E731
        ex = {"loss": ("squared", "softmax")[len(out) % 2], "X": [[num() for _ in range(d)] for _ in range(n)],
              "W1": [[num() for _ in range(h)] for _ in range(d)], "b1": [num() for _ in range(h)],
              "W2": [[num() for _ in range(c)] for _ in range(h)], "b2": [num() for _ in range(c)]}
        if ex["loss"] == "squared":
            ex["T"] = [[num() for _ in range(c)] for _ in range(n)]
        else:
            ex["labels"] = [rng.randrange(c) for _ in range(n)]
        if any(sum(ex["X"][i][k] * ex["W1"][k][j] for k in range(d)) + ex["b1"][j] == 0 for i in range(n) for j in range(h)):
            continue
        out.append(ex)
    return out


@pytest.fixture(scope="module")
def tab(browser, site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / PAGE).as_uri())
    page.wait_for_selector("#bp-explorer[data-ready]")
    yield page
    assert not [e for e in errors if "search_index" not in e], errors
    page.close()


def enter(tab, sizes, loss, entries):
    tab.evaluate("""([sizes, loss, entries]) => {
        for (const [k, v] of Object.entries(sizes)) document.querySelector(`[data-size="${k}"]`).value = String(v);
        document.querySelector("[data-loss]").value = loss;
        const form = document.getElementById("bp-explorer");
        form.dispatchEvent(new Event("change", {bubbles: true}));
        for (const [name, v] of Object.entries(entries)) document.querySelector(`[data-entry="${name}"]`).value = v;
        form.dispatchEvent(new Event("input", {bubbles: true}));
    }""", [sizes, loss, entries])


def shown(tab):
    return tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-value]")]
        .map(e => [e.dataset.value, e.textContent]))""")


def compare(got, want, loss, where):
    assert sorted(got) == sorted(want), where
    for name, v in want.items():
        exact = loss == "squared" or name.split(".")[0] in ("z", "h", "y")
        if exact:
            assert got[name] == decimal_text(Fraction(str(v))), (where, name)
        else:
            w, g = float(v), float(got[name])
            assert abs(g - w) <= 1e-11 * abs(w) + 1e-13, (where, name, got[name], v)
            assert len(got[name].lstrip("-").replace(".", "").split("e")[0].lstrip("0")) <= 12, (where, name)


def test_first_example_prefilled(tab):
    doc = json.loads((REPO / "docs" / "data" / "two-layer.json").read_text(encoding="utf-8"))
    first = doc["examples"][0]
    want = {k: v for key in ("z", "h", "y", "L", "dL_dy", "dL_dW2", "dL_db2", "dL_dh", "dL_dz", "dL_dW1", "dL_db1", "dL_dX")
            for k, v in names(key, first[key]).items()}
    compare(shown(tab), want, first["loss"], first["id"])


def test_committed_examples(tab):
    doc = json.loads((REPO / "docs" / "data" / "two-layer.json").read_text(encoding="utf-8"))
    # The explorer has no reg input (yet): it shows the examples without the L2 penalty.
    plain = [rec for rec in doc["examples"] if rec["reg"] == 0]
    assert len(plain) >= 4 and len(plain) < len(doc["examples"])
    for rec in plain:
        enter(tab, *inputs_of(rec))
        want = {k: v for key in ("z", "h", "y", "L", "dL_dy", "dL_dW2", "dL_db2", "dL_dh", "dL_dz", "dL_dW1",
                                 "dL_db1", "dL_dX") for k, v in names(key, rec[key]).items()}
        # the JSON's softmax numbers are float64: compare as such, and against exact Python too
        compare(shown(tab), want, rec["loss"], rec["id"])
        ex = {k: [[Fraction(str(v)) for v in r] if isinstance(r, list) else (r if k == "labels" else Fraction(str(r)))
                  for r in rec[k]] for k in ("X", "W1", "b1", "W2", "b2", "T", "labels") if k in rec}
        ex["loss"] = rec["loss"]
        compare(shown(tab), network(ex), rec["loss"], rec["id"])


def test_random_examples(tab):
    examples = random_examples()
    assert len(examples) >= 50
    assert {e["loss"] for e in examples} == {"squared", "softmax"}
    assert {len(e["X"]) for e in examples} == {1, 2, 3, 4}
    for k, ex in enumerate(examples):
        enter(tab, *inputs_of(ex))
        compare(shown(tab), network(ex), ex["loss"], k)


def _no_numbers(got):
    return all(not any(c.isdigit() for c in t) for t in got.values())


def test_bad_input(tab):
    sizes, loss, entries = inputs_of({"loss": "softmax", "X": [[1, 2]], "W1": [[1], [1]], "b1": [1],
                                      "W2": [[1, -1]], "b2": [0, 0], "labels": [1]})
    for name, text, message in (("W1.1.0", "", "숫자를 입력하세요."), ("b2.0", "1,5", "숫자가 아닙니다"),
                                ("labels.0", "2", "0부터 1까지"), ("labels.0", "0.5", "0부터 1까지")):
        bad = dict(entries, **{name: text})
        enter(tab, sizes, loss, bad)
        assert message in tab.text_content(f'[data-msg-for="{name}"]'), name
        assert tab.get_attribute(f'[data-entry="{name}"]', "aria-invalid") == "true"
        assert _no_numbers(shown(tab))
    enter(tab, sizes, loss, dict(entries, **{"b1.0": "-3"}))  # z₁₁ = 1 + 2 − 3 = 0
    assert "z₁₁ = 0" in tab.text_content("[data-kink]") and "ReLU′(0) = 0" in tab.text_content("[data-kink]")
    got = shown(tab)  # every result shown; z₁₁ counts as off (ReLU′(0) = 0), so its entry of ∂L/∂z is 0
    assert got["dL_dz.0.0"] == "0" and got["dL_dh.0.0"] != "0" and all(got.values())
    enter(tab, sizes, loss, entries)
    assert tab.text_content("[data-kink]") == "" and not _no_numbers(shown(tab))


def test_fragment_and_phone(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((site / ("en/" + PAGE)).as_uri() + "#N=1&D=1&H=2&C=3&loss=softmax&X=2&W1=1,-0.5&b1=0.5,0.25&W2=1,2,3,-1,0,1&b2=0,0,0.5&labels=2")
    page.wait_for_selector("#bp-explorer[data-ready]")
    ex = {"loss": "softmax", "X": [[Fraction(2)]], "W1": [[Fraction(1), Fraction("-0.5")]], "b1": [Fraction("0.5"), Fraction("0.25")],
          "W2": [[Fraction(1), Fraction(2), Fraction(3)], [Fraction(-1), Fraction(0), Fraction(1)]],
          "b2": [Fraction(0), Fraction(0), Fraction("0.5")], "labels": [2]}
    compare(shown(page), network(ex), "softmax", "fragment")
    page.fill('[data-entry="X.0.0"]', "3")
    assert page.evaluate("location.hash") == "#N=1&D=1&H=2&C=3&loss=softmax&X=3&W1=1,-0.5&b1=0.5,0.25&W2=1,2,3,-1,0,1&b2=0,0,0.5&labels=2"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
