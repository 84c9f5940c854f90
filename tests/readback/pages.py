"""Which network and which points each generated page is read against, and the read-back of one page.

    a page of symbols     random rational points of each scenario of its derivation
    a worked example      the example's inputs as the page states them (its first block), per `## ` section
"""

import re
from pathlib import Path

from tests.readback import models, tex
from tests.readback.blocks import chains
from tests.readback.check import Result, check, evaluate, read
from tests.readback.evaluate import ShapeError, Unreadable

DOCS = Path(__file__).resolve().parents[2] / "docs"
DERIVATIONS = ("two-layer", "batchnorm", "svm", "conv", "rnn")


def _case(first, second):
    def holds(point):
        z = point.values["z"]
        return (z[0, 0].sign() > 0) == first and (z[1, 0].sign() > 0) == second and 0 not in [x.sign() for x in z.flat]
    return holds


def scenarios(derivation):
    """(label, points) for a derivation's pages of symbols."""
    if derivation == "note":
        return [(f"z₁ {'>' if a else '≤'} 0, z₂ {'>' if b else '≤'} 0", _points(models.note(), _case(a, b)))
                for a, b in ((True, True), (True, False), (False, True), (False, False))]
    if derivation == "two-layer":
        sizes = {"N": 3, "D": 2, "H": 2, "C": 3}
        return [(loss + (" with reg" if reg else ""), _points(models.two_layer(sizes, loss, reg)))
                for loss in ("squared", "softmax") for reg in (False, True)] + [
            ("the note's net", _points(models.two_layer({"N": 2, "D": 2, "H": 1, "C": 2}, "note")))]
    if derivation == "batchnorm":
        return [("N = 3, D = 2", _points(models.batchnorm({"N": 3, "D": 2})))]
    if derivation == "svm":
        return [("N = 3, D = 2, C = 3", _points(models.svm({"N": 3, "D": 2, "C": 3})))]
    if derivation == "conv":
        return [(f"p = {p}, s = {s}", _points(models.conv({"H": h, "W": w, "k_h": kh, "k_w": kw, "p": p, "s": s})))
                for h, w, kh, kw, p, s in ((4, 5, 2, 3, 0, 1), (5, 5, 3, 3, 1, 2))]
    return [("T = 3", _points(models.rnn({"T": 3, "N": 2, "D": 2, "H": 2})))]


def _points(model, condition=None):
    return [(p, p.values) for p in models.sample(model, condition)]


def derivation_of(path):
    rel = path.relative_to(DOCS)
    return rel.parts[1] if len(rel.parts) == 3 else "note"


def model_for(derivation, inputs, prose):
    """The network of a worked example, its sizes read off the inputs the page gives (p and s from its text)."""
    shape = {name: value.shape for name, value in inputs.items()}
    if derivation == "note":
        return models.note()
    if derivation == "two-layer":
        (n, d), hid, c = shape["X"], shape["W_1"][1], shape["W_2"][1]
        return models.two_layer({"N": n, "D": d, "H": hid, "C": c}, "softmax" if "Y" in inputs else "squared",
                                reg=r"\lambda" in inputs)
    if derivation == "batchnorm":
        return models.batchnorm(dict(zip("ND", shape["X"])))
    if derivation == "svm":
        return models.svm({"N": shape["X"][0], "D": shape["X"][1], "C": shape["W"][1]})
    if derivation == "conv":
        stated = {k: int(v) for k, v in re.findall(r"\$([ps]) = (\d+)\$", prose)}
        return models.conv({"H": shape["X"][0], "W": shape["X"][1], "k_h": shape["K"][0], "k_w": shape["K"][1],
                            "p": stated["p"], "s": stated["s"]})
    steps = sum(1 for name in inputs if name.startswith("X_"))
    return models.rnn({"T": steps, "N": shape["X_1"][0], "D": shape["X_1"][1], "H": shape["W_h"][0]})


INPUTS = {"note": {"X", "W_1", "W_2"}, "two-layer": {"X", "W_1", "b_1", "W_2", "b_2", "T", "Y", r"\lambda"},
          "batchnorm": {"X", r"\gamma", r"\beta", r"\varepsilon", "G"}, "svm": {"X", "W", "Y", r"\lambda"},
          "conv": {"X", "K", "b", "G"}, "rnn": {"h_0", "W_x", "W_h", "b"}}


def given(chain, derivation):
    """(name, value) if the chain states an input of a worked example (X = [1 2; 3 −1]), else None."""
    names = INPUTS[derivation]
    match = re.fullmatch(r"([A-Za-z]|\\[a-z]+)(?:_\{?(\w+)\}?)?", chain.members[0])
    if len(chain.members) != 2 or not match:
        return None
    name = match.group(1) + (f"_{match.group(2)}" if match.group(2) else "")
    if name not in names and not (derivation == "rnn" and re.fullmatch(r"[XG]_\d+", name)):
        return None
    node, _ = read(chain.members[1])
    if node is None:
        return None

    value, _ = evaluate(models.Point(models.Model({}, [], {}), {}), {}, node, False, {})
    return name, value


def read_back(path, text=None):
    """The result of every chain of a page (its text as written, or `text` in its place)."""
    derivation = derivation_of(path)
    found = chains(path.read_text(encoding="utf-8") if text is None else text)
    if path.name == "errata.md":
        return errata(found)
    if path.name != "examples.md":
        sets = scenarios(derivation)
        return [check(chain, in_stated_case(chain, found, sets)) for chain in found]
    out, inputs, point, section = [], {}, None, None
    for chain in found:
        if chain.section != section:
            inputs, point, section = {}, None, chain.section
        stated = given(chain, derivation)
        if stated and point is None:
            inputs[stated[0]] = stated[1]
            out.append(Result(chain, "given"))
            continue
        if point is None:
            try:
                point = models.Point(model_for(derivation, inputs, chain.prose), inputs)
            except (KeyError, Unreadable, ShapeError) as error:
                raise AssertionError(f"{path}:{chain.line}: no worked example's inputs before it ({error})")
        out.append(check(chain, [("the example", [(point, point.values)])]))
    return out


CASE = r"(?:Case|경우) \d+: \$([^$]+)\$"
LISTED = re.compile(rf"^- {CASE} — (?:equation|식) \[\(([^)]+)\)\]", re.M)
LEADING = re.compile(rf"^{CASE}", re.M)


def in_stated_case(chain, found, sets):
    """The scenarios a chain is read in: those of the case the page states for it (a list item `Case 2: … —
    equation (13)`, or a line `Case 2: …` since the last heading), else all."""
    listed = {tag: cond for cond, tag in LISTED.findall("".join({c.prose for c in found}))}
    cases = LEADING.findall(chain.lead)
    condition = listed.get(chain.tag) or (cases[-1] if cases else None)
    if condition is None:
        return sets
    node = tex.condition(tex.tokens(condition))
    chosen = [(label, points) for label, points in sets if _holds(node, points[0][0])]
    assert chosen, f"no scenario is the case {condition} the page states"
    return chosen


def _holds(node, point):
    """Whether a condition (z₁ > 0, z₂ ≤ 0) holds at a point."""
    def number(side):
        return evaluate(point, point.values, side, False, {})[0][0, 0]
    return all({">": number(a).m > number(b).m, "<=": number(a).m <= number(b).m,
                "<": number(a).m < number(b).m, ">=": number(a).m >= number(b).m}[rel] for a, rel, b in node[1])


def errata(found):
    """The errata page quotes the note's line, then the corrected one, block after block; both are read at the
    case of example both-on (z₁ > 0, z₂ > 0), the case the page evaluates them in. The note's line must not
    hold there ('refuted'), the corrected one must."""
    both_on = scenarios("note")[:1]
    out = []
    for chain in found:
        result = check(chain, both_on)
        if chain.block % 2 == 0:
            result.verdict = {"wrong": "refuted", "holds": "wrong"}.get(result.verdict, result.verdict)
            result.why = result.why if result.verdict != "wrong" else "the note's line, quoted as wrong, holds"
        out.append(result)
    return out
