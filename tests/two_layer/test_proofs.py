"""The sympy proofs run, and they can fail: a wrong matrix form, reduction, index line or number is caught
and named."""

from dataclasses import replace

import pytest
import sympy as sp

from gen.checking import check_numbers, verify_forms
from gen.derivations.two_layer import DECLARATION, PROOF_SHAPES
from gen.derivations.two_layer.network import GRADIENTS, SIZES, network, tex
from gen.derivations.two_layer.steps import prove_reduction, steps
from gen.errors import VerificationError
from gen.indexform import check_index_lines
from gen.statements import Part, numbered
from gen.walk import backward


def test_proof_shapes_cover_one_and_more_than_one():
    for loss, shapes in PROOF_SHAPES.items():
        for axis in range(4):
            sizes = {s[axis] for s in shapes}
            assert 1 in sizes and max(sizes) > 1, (loss, axis)


def test_counts(verified):
    """Every matrix-form line of every step of a loss, in every pattern of every proof shape."""
    counts = verified.counts
    for loss in ("squared", "softmax"):
        lines = sum(len(s.parts[0].lines) for s in verified.steps
                    if s.check == "oracle" and s.variant in (None, loss))
        assert counts["proofs"][loss]["checks"] == lines * counts["proofs"][loss]["patterns"], loss
    assert counts["index"] > 100 and counts["reduction"] == 12 and counts["examples"] == 8 * len(verified.workeds)
    assert counts["differences"] > 0


@pytest.mark.parametrize("loss", ["squared", "softmax"])
def test_wrong_matrix_form_is_caught(loss):
    sizes = dict(zip(SIZES, (1, 2, 2, 2)))
    graph = network(loss)
    s = graph.symbols
    right = {n: f for n, f in backward(graph, s).items() if n in GRADIENTS}
    assert verify_forms(graph, right, [sizes])["checks"] == 8 * 4
    for name, wrong in (("W1", s["X"].T * right["h"]),  # the ReLU mask left out
                        ("b2", 2 * right["b2"]),  # a factor too many
                        ("X", right["z"] * s["W1"])):  # W1 not transposed
        with pytest.raises(VerificationError, match=f"∂L/∂{name}"):
            verify_forms(graph, {**right, name: wrong}, [sizes])


def _with_line(all_steps, name, line, position=-1):
    """The steps with one line of step `name` replaced."""
    out = []
    for step in all_steps:
        if step.name == name:
            part = step.parts[0]
            lines = list(part.lines)
            lines[position] = line
            step = replace(step, parts=(Part(part.lhs, tuple(lines), part.claim),))
        out.append(step)
    return out


def test_wrong_reduction_is_caught():
    all_steps = numbered(steps())
    s = network("squared").symbols
    same = s["X"].T * (2 * s["h"] * s["W2"] * s["W2"].T)  # with b2 = 0, y = h W2: another way to write (S2)
    assert prove_reduction(_with_line(all_steps, "note_S2", same)) == 12
    wrong = s["X"].T * (s["y"] * s["W2"].T)  # the factor 2 lost
    with pytest.raises(VerificationError, match=r"\(\d+\)"):
        prove_reduction(_with_line(all_steps, "note_S2", wrong))


def test_wrong_index_line_is_caught():
    step = next(s for s in numbered(steps()) if s.name == "dW1_index")
    lines = step.parts[0].lines
    broken = lines[:-2] + (lines[-2].xreplace({sp.IndexedBase("X^T"): sp.IndexedBase("X")}),) + lines[-1:]
    sizes = DECLARATION.index_sizes
    assert check_index_lines(network("squared"), [(step.label, "W1", lines)], sizes) > 0
    with pytest.raises(VerificationError, match=step.label.replace("(", r"\(").replace(")", r"\)")):
        check_index_lines(network("squared"), [(step.label, "W1", broken)], sizes)


def test_reduction_prints_as_the_note(verified, site):
    """The reduced forms print exactly as the note's ∂L/∂W₂ (6) and its summary's two forms of ∂L/∂W₁ do."""
    from gen.derivations.note.names import tex as note_tex
    note = {s.name: s for s in site[1]["note"].steps}
    ours = {s.name: s.parts[0] for s in verified.steps}
    assert tex(ours["note_S1"].lines[-1]) == note_tex(note["summary_masked"].parts[0].lines[0])
    assert tex(ours["note_S2"].lines[-1]) == note_tex(note["summary_unmasked"].parts[0].lines[0])
    assert tex(ours["note_W2"].lines[-1]) == note_tex(note["dL_dW2"].parts[0].lines[0])


@pytest.mark.parametrize("loss", ["squared", "softmax"])
def test_wrong_example_number_is_caught(verified, loss):
    """Each gradient of an example is checked entry by entry: one entry off is named."""
    worked = next(w for w in verified.workeds if w.example.values["loss"] == loss)
    inputs = {n: v for n, v in worked.values.items() if worked.graph.nodes[n].op is None}
    grads = {n: worked.grads[n] for n in GRADIENTS}
    assert check_numbers(worked.graph, inputs, grads, worked.sizes, "x") == len(GRADIENTS)
    for name in GRADIENTS:
        off = grads[name].as_mutable()
        off[-1] += sp.Rational(1, 10**6) if loss == "squared" else sp.Float("1e-20", 40)
        with pytest.raises(VerificationError, match=f"∂L/∂{name}"):
            check_numbers(worked.graph, inputs, {**grads, name: sp.ImmutableMatrix(off)}, worked.sizes, "x")
