"""The explorer page in Chromium: every displayed number against exact Python arithmetic.

One browser, one tab: many examples are entered by filling the inputs. Expected values are
computed here with fractions (independent of the page's script and of the generator's code),
and the committed worked examples are checked against docs/data/worked-examples.json.
"""

import json
import random
from fractions import Fraction

import pytest

from tests.site.conftest import REPO

PAGE = {"ko": "explorer/index.html", "en": "en/explorer/index.html"}
ENTRIES = ("X.0.0", "X.0.1", "X.1.0", "X.1.1", "W1.0.0", "W1.1.0", "W2.0.0", "W2.0.1")
OUTPUTS = ("z", "h", "y", "L", "dL_dy", "dL_dW2", "dL_dh", "dL_dz", "dL_dW1")


def decimal_text(q: Fraction) -> str:
    """A terminating fraction as a plain decimal: -12.5, 0.0625, 7."""
    sign, q = ("-" if q < 0 else ""), abs(q)
    places = 0
    while (q * 10**places).denominator != 1:
        places += 1
        assert places < 80, q
    scaled = int(q * 10**places)
    digits = str(scaled).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def network(X, W1, W2):
    """Every value and gradient by the note's rules, in fractions; entry name → Fraction."""
    z = [X[i][0] * W1[0] + X[i][1] * W1[1] for i in range(2)]
    h = [max(v, Fraction(0)) for v in z]
    y = [[h[i] * W2[j] for j in range(2)] for i in range(2)]
    L = sum(v * v for row in y for v in row)
    dy = [[2 * v for v in row] for row in y]
    dW2 = [sum(h[i] * dy[i][j] for i in range(2)) for j in range(2)]
    dh = [sum(dy[i][j] * W2[j] for j in range(2)) for i in range(2)]
    dz = [dh[i] if z[i] > 0 else Fraction(0) for i in range(2)]
    dW1 = [sum(X[i][k] * dz[i] for i in range(2)) for k in range(2)]
    out = {"L": L}
    for i in range(2):
        out.update({f"z.{i}.0": z[i], f"h.{i}.0": h[i], f"dL_dh.{i}.0": dh[i], f"dL_dz.{i}.0": dz[i],
                    f"dL_dW1.{i}.0": dW1[i], f"dL_dW2.0.{i}": dW2[i]})
        for j in range(2):
            out.update({f"y.{i}.{j}": y[i][j], f"dL_dy.{i}.{j}": dy[i][j]})
    case = ",".join(f"z{i + 1}{'>0' if z[i] > 0 else '<=0'}" for i in range(2))
    return out, case


def random_examples(n=60, seed=10):
    """Seeded integers and decimals (up to 3 places), all four cases in turn, no z entry 0."""
    rng = random.Random(seed)
    cases = ["z1>0,z2>0", "z1>0,z2<=0", "z1<=0,z2>0", "z1<=0,z2<=0"]
    out = []
    while len(out) < n:
        want = cases[len(out) % 4]
        places = rng.choice((0, 0, 1, 2, 3))
        texts = [decimal_text(Fraction(rng.randint(-999, 999), 10**places)) if places
                 else str(rng.randint(-9, 9)) for _ in ENTRIES]
        vals = [Fraction(t) for t in texts]
        X, W1, W2 = [vals[0:2], vals[2:4]], vals[4:6], vals[6:8]
        if any(X[i][0] * W1[0] + X[i][1] * W1[1] == 0 for i in range(2)):
            continue
        expected, case = network(X, W1, W2)
        if case == want:
            out.append((dict(zip(ENTRIES, texts)), expected, case))
    return out


def committed_examples():
    """The worked examples as the generator wrote them: inputs and every number."""
    doc = json.loads((REPO / "docs" / "data" / "worked-examples.json").read_text(encoding="utf-8"))
    out = []
    for rec in doc["examples"]:
        inputs = {e: rec[e.split(".")[0]][int(e.split(".")[1])][int(e.split(".")[2])] for e in ENTRIES}
        expected = {"L": rec["L"]}
        for key in OUTPUTS[:3] + OUTPUTS[4:]:
            for i, row in enumerate(rec[key]):
                for j, v in enumerate(row):
                    expected[f"{key}.{i}.{j}"] = v
        out.append(({k: str(v) for k, v in inputs.items()}, expected, rec["case"]))
    return out


def as_text(v) -> str:
    """An exact number of the JSON (a decimal string or integer) as the page must show it."""
    return decimal_text(Fraction(str(v)))


@pytest.fixture(scope="module")
def explorer(browser, site):
    """One tab on the Korean explorer page over file:// (as in the offline copy)."""
    tab = browser.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto((site / PAGE["ko"]).as_uri())
    tab.wait_for_selector("#bp-explorer[data-ready]")
    yield tab
    # Search's index cannot load over file:// in a directory-URL build; that is not this page.
    assert not [e for e in errors if "search_index" not in e], errors
    tab.close()


def enter(tab, inputs):
    """Set every input at once and fire one input event, as typing the last digit does."""
    tab.evaluate("""values => {
        for (const [name, v] of Object.entries(values))
            document.querySelector(`[data-entry="${name}"]`).value = v;
        document.getElementById("bp-explorer").dispatchEvent(new Event("input", {bubbles: true}));
    }""", inputs)


def shown(tab):
    """data-value → text, the case, and the figure's numbers (record key.i.j → text)."""
    return tab.evaluate("""() => ({
        values: Object.fromEntries([...document.querySelectorAll("[data-value]")]
                                     .map(e => [e.dataset.value, e.textContent])),
        case: document.getElementById("bp-case").dataset.case,
        figure: Object.fromEntries([...document.querySelectorAll("#fig-explorer text[data-node]")]
            .map(e => [e.dataset.node + "." + e.dataset.index.replace(",", "."), e.textContent])),
        hatched: [...document.querySelectorAll("#fig-explorer rect[data-off]")]
            .map(e => e.dataset.off + "." + e.dataset.index.replace(",", ".")).sort(),
        offLines: [...document.querySelectorAll("#fig-explorer [data-off-unit]")]
            .filter(e => e.getAttribute("visibility") !== "hidden").map(e => e.dataset.offUnit).sort(),
    })""")


def check(tab, inputs, expected, case):
    enter(tab, inputs)
    got = shown(tab)
    want = {k: as_text(v) for k, v in expected.items()}
    assert got["values"] == want, inputs
    assert got["case"] == case, inputs
    for name, text in want.items():  # the figure shows the same numbers in its grids
        key = name if name != "L" else "L.0.0"
        assert got["figure"][key] == text, (inputs, name)
    for name, text in inputs.items():
        assert got["figure"][name] == as_text(text), (inputs, name)
    off = [i for i in range(2) if Fraction(str(expected[f"z.{i}.0"])) <= 0]
    assert got["hatched"] == sorted(f"{k}.{i}.0" for k in ("z", "h", "dL_dz") for i in off), inputs
    assert got["offLines"] == [str(i) for i in off], inputs


def test_committed_examples(explorer):
    examples = committed_examples()
    assert len(examples) >= 4
    for inputs, expected, case in examples:
        check(explorer, inputs, expected, case)


def test_random_examples(explorer):
    examples = random_examples()
    assert len(examples) >= 50
    assert {c for _, _, c in examples} == {"z1>0,z2>0", "z1>0,z2<=0", "z1<=0,z2>0", "z1<=0,z2<=0"}
    for inputs, expected, case in examples:
        check(explorer, inputs, expected, case)


def test_no_float_rounding(explorer):
    inputs = dict(zip(ENTRIES, ["0.1", "0.2", "1", "1", "1", "1", "1", "1"]))
    enter(explorer, inputs)
    assert shown(explorer)["values"]["z.0.0"] == "0.3"


def _no_numbers(got):
    return all(not any(c.isdigit() for c in t) for t in got["values"].values()) and \
        all(not any(c.isdigit() for c in t) for t in got["figure"].values())


@pytest.mark.parametrize("text, message", [("", "숫자를 입력하세요."), ("1,5", "숫자가 아닙니다"),
                                           ("abc", "숫자가 아닙니다")])
def test_bad_input_message_next_to_field(explorer, text, message):
    inputs = dict(zip(ENTRIES, ["1", "2", "3", "-1", "2", "1", "1", "-2"]))
    inputs["W1.1.0"] = text
    enter(explorer, inputs)
    assert message in explorer.text_content('[data-msg-for="W1.1.0"]')
    assert explorer.get_attribute('[data-entry="W1.1.0"]', "aria-invalid") == "true"
    got = shown(explorer)
    assert _no_numbers(got) and got["case"] == ""


def test_kink_message(explorer):
    # z₂ = 1·2 + (-2)·1 = 0 exactly
    enter(explorer, dict(zip(ENTRIES, ["1", "2", "1", "-2", "2", "1", "1", "-2"])))
    assert "z₂ = 0" in explorer.text_content('[data-kink="1"]')
    assert "ReLU′(0) = 0" in explorer.text_content('[data-kink="1"]')
    assert explorer.text_content('[data-kink="0"]') == ""
    got = shown(explorer)  # every result shown; the convention counts z₂ as off: the case z₂ ≤ 0, ∂L/∂z₂ = 0
    assert got["case"] == "z1>0,z2<=0" and got["values"]["dL_dz.1.0"] == "0" and got["values"]["h.1.0"] == "0"
    assert not any(text == "" for text in got["values"].values())


def test_numbers_in_address_and_language_switch(browser, site):
    tab = browser.new_page()
    tab.goto((site / PAGE["ko"]).as_uri() + "#X=0.5,2,-3,1&W1=2,1.5&W2=-1,4")
    tab.wait_for_selector("#bp-explorer[data-ready]")
    expected, case = network([[Fraction("0.5"), 2], [-3, 1]], [2, Fraction("1.5")], [-1, 4])
    got = shown(tab)
    assert got["values"] == {k: decimal_text(Fraction(v)) for k, v in expected.items()}
    assert got["case"] == case
    tab.fill('[data-entry="W2.0.1"]', "-4")
    assert tab.evaluate("location.hash") == "#X=0.5,2,-3,1&W1=2,1.5&W2=-1,-4"
    tab.evaluate("document.querySelector('a.md-select__link[hreflang=en]').click()")
    tab.wait_for_url("**/en/explorer/**")
    tab.wait_for_selector("#bp-explorer[data-ready]")
    assert tab.input_value('[data-entry="W2.0.1"]') == "-4"
    assert tab.get_attribute("#bp-case", "data-case") == case
    tab.close()


def test_keyboard_and_phone(browser, site):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto((site / PAGE["en"]).as_uri())
    tab.wait_for_selector("#bp-explorer[data-ready]")
    tab.focus('[data-entry="X.0.0"]')
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.dataset.entry") == "X.0.1"
    tab.keyboard.press("Control+A")
    tab.keyboard.type("-7")
    assert tab.text_content('[data-value="z.0.0"]') == "-5"  # z₁ = 1·2 + (-7)·1
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    tab.close()
