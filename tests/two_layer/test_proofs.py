"""The sympy proofs run, and they can fail: a wrong matrix form is caught and named."""

import pytest
import sympy as sp

from gen.derivations.two_layer.graph import network
from gen.derivations.two_layer.notation import tex
from gen.derivations.two_layer.steps import steps
from gen.derivations.two_layer.verify import PROOF_SHAPES, check_index_lines, prove, prove_reduction
from gen.errors import VerificationError


def test_proof_shapes_cover_one_and_more_than_one():
    for loss, shapes in PROOF_SHAPES.items():
        for axis in range(4):
            sizes = {s[axis] for s in shapes}
            assert 1 in sizes and max(sizes) > 1, (loss, axis)


def test_counts(verified):
    counts = verified.counts
    assert counts["proofs"]["squared"]["checks"] == 8 * counts["proofs"]["squared"]["patterns"]
    assert counts["proofs"]["softmax"]["checks"] == 8 * counts["proofs"]["softmax"]["patterns"]
    assert counts["index"] > 100 and counts["reduction"] == 12 and counts["examples"] == 8 * len(verified.workeds)


@pytest.mark.parametrize("loss", ["squared", "softmax"])
def test_wrong_matrix_form_is_caught(loss):
    sizes = (1, 2, 2, 2)
    graph = network(loss, sizes)
    s = graph.symbols()
    right = graph.backward(s)
    assert prove(loss, sizes, right) == 8 * 4
    for name, wrong in (("W1", s["X"].T * right["h"]),  # the ReLU mask left out
                        ("b2", 2 * right["b2"]),  # a factor too many
                        ("X", right["z"] * s["W1"])):  # W1 not transposed
        with pytest.raises(VerificationError, match=f"dL/d{name} "):
            prove(loss, sizes, {**right, name: wrong})


def test_wrong_reduction_is_caught():
    graph = network("squared", (2, 2, 1, 2))
    s = graph.symbols()
    same = s["X"].T * (2 * s["h"] * s["W2"] * s["W2"].T)  # with b2 = 0, y = h W2: another way to write (S2)
    assert prove_reduction({"(S2)": ("W1", same)}) == 4
    wrong = s["X"].T * (s["y"] * s["W2"].T)  # the factor 2 lost
    with pytest.raises(VerificationError, match="S2"):
        prove_reduction({"(S2)": ("W1", wrong)})


def test_wrong_index_line_is_caught():
    all_steps = list(steps())
    n = next(k for k, s in enumerate(all_steps) if s.name == "dW1_index")
    step = all_steps[n]
    broken = step.lines[:-2] + (step.lines[-2].xreplace({sp.IndexedBase("X^T"): sp.IndexedBase("X")}),) + step.lines[-1:]
    all_steps[n] = type(step)(step.name, step.lhs, broken, step.loss)
    with pytest.raises(VerificationError, match="dW1_index"):
        check_index_lines(all_steps)


def test_reduction_prints_as_the_note(verified, site):
    """The reduced forms print exactly as the note's ∂L/∂W₂ (6) and its summary's two forms of ∂L/∂W₁ do."""
    from gen.notation import tex as note_tex
    note = {s.name: s for s in site[1]["note"].steps}
    ours = {s.name: s for s in verified.steps}
    assert tex(ours["note_S1"].lines[-1]) == note_tex(note["summary_masked"].parts[0].lines[0])
    assert tex(ours["note_S2"].lines[-1]) == note_tex(note["summary_unmasked"].parts[0].lines[0])
    assert tex(ours["note_W2"].lines[-1]) == note_tex(note["dL_dW2"].parts[0].lines[0])


@pytest.mark.parametrize("loss", ["squared", "softmax"])
def test_wrong_example_number_is_caught(verified, loss):
    """Each gradient of an example is checked entry by entry: one entry off is named."""
    from dataclasses import replace

    from gen.derivations.two_layer.graph import GRADIENTS
    from gen.derivations.two_layer.verify import check_example

    worked = next(w for w in verified.workeds if w.example.loss == loss)
    assert check_example(worked) == len(GRADIENTS)
    for name in GRADIENTS:
        grad = worked.grads[name]
        off = grad.as_mutable()
        off[-1] += sp.Rational(1, 10**6) if loss == "squared" else sp.Float("1e-20", 40)
        with pytest.raises(VerificationError, match=f"dL/d{name}"):
            check_example(replace(worked, grads={**worked.grads, name: sp.ImmutableMatrix(off)}))
