"""The two-layer page's notes on the softmax cross-entropy: the stable softmax and log-sum-exp, the Jacobian route to
∂L/∂y, and the batch's 1/N. Each check passes on what the page prints and fails on a wrong version of it."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

import gen.derivations.two_layer as two_layer
from gen.declare import compute
from gen.derivations.two_layer import batch_mean, overflow, softmax_notes
from gen.derivations.two_layer.context import notes_context
from gen.derivations.two_layer.network import network
from gen.derivations.two_layer.softmax_proofs import prove_softmax_notes
from gen.errors import VerificationError
from gen.indexform import k, p, q

DOCS = Path(__file__).resolve().parents[1] / "docs"
COMPUTED = compute(two_layer.DECLARATION, two_layer.DECLARATION.folder / "examples.yml")
STEPS = COMPUTED.steps
N, C = softmax_notes._sizes()
NOTE_STEPS = ("softmax_shift", "logsumexp", "softmax_jacobian_index", "softmax_jacobian", "dP_softmax",
              "dy_jacobian", "dy_scaled")


def with_line(name, at, line):
    """The steps with line `at` of step `name` replaced."""
    def changed(step):
        if step.name != name:
            return step
        part = step.parts[0]
        lines = list(part.lines)
        lines[at] = line
        return replace(step, parts=(replace(part, lines=tuple(lines)),))
    return tuple(changed(s) for s in STEPS)


def test_the_notes_equations_are_proven():
    assert prove_softmax_notes(STEPS) == 81


y, P, Y = softmax_notes.y, softmax_notes.P, softmax_notes.Y
c = softmax_notes.c
WRONG = {
    # the shift cancels only when both sides carry it
    "shift": ("softmax_shift", 1, sp.exp(-c) * sp.exp(y[p, q]) / sp.Sum(sp.exp(y[p, k]), (k, 1, C))),
    # log-sum-exp without the c put back
    "logsumexp": ("logsumexp", 1, sp.log(sp.Sum(sp.exp(y[p, k] - c), (k, 1, C)))),
    # the Jacobian's diagonal only (the outer product forgotten)
    "jacobian_entry": ("softmax_jacobian_index", 0, P[p, softmax_notes.j] * sp.KroneckerDelta(softmax_notes.j, q)),
    "jacobian_form": ("softmax_jacobian", 0, sp.MatAdd(softmax_notes.Diag(softmax_notes.ROW.T),
                                                       sp.MatMul(softmax_notes.ROW.T, softmax_notes.ROW))),
    # the upstream without its 1/N
    "upstream": ("dP_softmax", 0, -Y[p, softmax_notes.j] / P[p, softmax_notes.j]),
    # the result with Y − P, or without 1/N
    "sign": ("dy_jacobian", 4, (Y[p, q] - P[p, q]) / N),
    "mean": ("dy_jacobian", 4, P[p, q] - Y[p, q]),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_line_of_the_notes_fails(name):
    step, at, line = WRONG[name]
    with pytest.raises(VerificationError):
        prove_softmax_notes(with_line(step, at, line))


def test_the_page_own_gradient_is_cross_checked():
    """The Jacobian route is compared with the page's (∂L/∂y)_pq: a wrong page line is caught too."""
    with pytest.raises(VerificationError, match=r"\(2L 3\)"):
        prove_softmax_notes(with_line("dy_softmax_index", 1, (Y[p, q] - P[p, q]) / N))


def test_the_scaled_squared_error():
    scaled = next(s for s in STEPS if s.name == "dy_scaled")
    assert batch_mean.prove_scaled(scaled) == 8
    r = network("squared").expression("r")
    for wrong in (sp.MatMul(1 / N, 2, r, evaluate=False), sp.MatMul(1 / (2 * N), r, evaluate=False)):
        bad = next(s for s in with_line("dy_scaled", 1, wrong) if s.name == "dy_scaled")
        with pytest.raises(VerificationError):
            batch_mean.prove_scaled(bad)


def test_overflow_in_float64():
    found = overflow.compute()
    assert overflow.check(found, "(x)") == 8
    assert found.naive_exp == (float("inf"),) * 3 and max(found.shifted_exp) == 1.0
    with pytest.raises(VerificationError, match="does not overflow"):
        overflow.check(overflow.compute((1, 2, 3)), "(x)")  # small scores: nothing to fix
    with pytest.raises(VerificationError, match="shown limit"):
        overflow.check(replace(found, limit=700.0), "(x)")
    with pytest.raises(VerificationError, match="largest 1"):
        overflow.check(replace(found, shifted_exp=tuple(v / 2 for v in found.shifted_exp)), "(x)")
    with pytest.raises(VerificationError, match="exact"):
        overflow.check(replace(found, stable_P=(0.09, 0.245, 0.665)), "(x)")  # rounded, not computed


def test_batch_claims_hold_at_every_example():
    checks, shown = batch_mean.prove_batches(COMPUTED.workeds, "(x)")
    assert checks == len(COMPUTED.workeds) and set(shown) == {"squared", "softmax"}
    _, _, once, twice = shown["softmax"]
    assert once == twice
    _, _, once, twice = shown["squared"]
    assert twice == 2 * once


@pytest.mark.parametrize("loss, factor", [("softmax", "rows"), ("squared", "1/rows")])
def test_batch_claims_fail_for_the_other_scaling(monkeypatch, loss, factor):
    """A summed cross-entropy (N × the mean) or a squared error averaged (÷ N) breaks the claims."""
    real = batch_mean.gradients

    def scaled(kind, inputs, g=None):
        rows = inputs["X"].rows
        return {n: v * (rows if factor == "rows" else sp.Rational(1, rows)) for n, v in real(kind, inputs, g).items()}
    monkeypatch.setattr(batch_mean, "gradients", scaled)
    worked = next(w for w in COMPUTED.workeds if w.example.values["loss"] == loss)
    with pytest.raises(VerificationError):
        batch_mean.prove_example(worked, "(x)")


def test_p_minus_y_is_negative_exactly_at_the_label():
    worked = next(w for w in COMPUTED.workeds if w.example.values["loss"] == "softmax")
    batch_mean.prove_example(worked, "(x)")
    flipped = replace(worked, grads={**worked.grads, "y": -worked.grads["y"]})
    with pytest.raises(VerificationError, match="negative exactly at the labels"):
        batch_mean.prove_example(flipped, "(x)")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_page_prints_the_notes(lang):
    """Both languages show every note's equation and the generator's numbers, in the loss section."""
    text = (DOCS / lang / "two-layer" / "derivation.md").read_text(encoding="utf-8")
    context = notes_context(COMPUTED)
    tags = {s.name: s.label for s in STEPS}
    loss = text[:text.index("\n## ", text.index(r"\tag{" + tags["dy_softmax"][1:-1] + "}"))]
    for name in NOTE_STEPS:
        assert r"\tag{" + tags[name][1:-1] + "}" in loss, name
    table = context["overflow"]
    for key in ("naive_exp", "naive_P", "shifted_exp", "stable_P"):
        assert "|" + "".join(f" ${v}$ |" for v in table[key]) in loss, key
    assert f"${table['limit']}$" in loss and f"${table['stable_lse']}$" in loss
    shown = context["batch"]["squared"]
    assert f"{shown['once']}$" in loss and f"${shown['twice']}$" in loss and f"$N = {shown['N']}$" in loss
    shown = context["batch"]["softmax"]  # a table: N, then each entry of ∂L/∂b₂, for the batch and for it twice
    for n, entries in ((shown["N"], shown["entries"][0]), (shown["twice_N"], shown["entries"][1])):
        assert f"| $N = {n}$ |" + "".join(f" ${v}$ |" for v in entries) in loss
    assert f"\\tilde{{L}} = {context['batch']['scaled_loss']}$" in loss


def test_the_two_languages_show_the_same_equations():
    def displays(lang):
        text = (DOCS / lang / "two-layer" / "derivation.md").read_text(encoding="utf-8")
        return re.findall(r"^\$\$\n(.*?)\n\$\$$", text, re.S | re.M)
    assert displays("en") == displays("ko")


@pytest.mark.parametrize("old, new", [
    (r"= P_{pj} \left(\delta_{jq} - P_{pq}\right)", r"= P_{pj} \left(\delta_{jq} - P_{pj}\right)"),  # the Jacobian
    (r"= - \frac{Y_{pj}}{N P_{pj}}", r"= - \frac{Y_{pj}}{P_{pj}}"),                                # the upstream
    (r"&= - \frac{\sum_{j=1}^{C} Y_{pj} \left(\delta_{jq} - P_{pq}\right)}{N}",
     r"&= - \frac{\sum_{j=1}^{C} Y_{pj} \left(\delta_{jq} - P_{pj}\right)}{N}"),                     # a line of the chain
])
def test_the_read_back_checks_the_jacobian_route_as_printed(old, new):
    """The page's Jacobian, upstream and chain are read back from its text at random points of the softmax net
    (tests/readback, nothing shared with the generator): as printed they hold, and a wrong one is caught."""
    from tests.readback.pages import read_back
    path = DOCS / "en" / "two-layer" / "derivation.md"
    block = next(b for b in re.findall(r"^\$\$\n.*?\n\$\$$", path.read_text(encoding="utf-8"), re.S | re.M) if old in b)
    assert [r.verdict for r in read_back(path, block)] == ["holds"]
    assert [r.verdict for r in read_back(path, block.replace(old, new))] == ["wrong"]
