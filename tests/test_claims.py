"""Claims the pages make, decided by the generator: each check passes, and fails on the old claim."""

import pytest

from gen.derivations.note.network import network as note_network
from gen.derivations.note.summary import prove_mask_drop
from gen.derivations.two_layer.method import prove_method
from gen.derivations.two_layer.steps import steps
from gen.derivations.two_layer.unmasked import COUNTEREXAMPLES, counterexample, prove_holds
from gen.errors import VerificationError
from gen.statements import numbered

STEPS = numbered(steps())


def test_transpose_rule_is_checked_and_the_old_rule_fails():
    assert prove_method(STEPS) == 13
    with pytest.raises(VerificationError, match="rule predicts"):
        prove_method(STEPS, rule=lambda side, summed: summed == "row")  # "the first index" enters transposed


def test_mask_drops_with_one_unit_and_no_b2_only():
    assert prove_holds(STEPS) == 16
    with pytest.raises(VerificationError):
        prove_holds(STEPS, zero=("T",))  # b2 free
    with pytest.raises(VerificationError):
        prove_holds(STEPS, shapes=((1, 1, 2, 1),))  # two hidden units
    for name in COUNTEREXAMPLES:
        c = counterexample(STEPS, name)
        assert c.masked != c.unmasked


def test_exact_mask_drop_condition():
    assert prove_mask_drop(note_network()).needed_in_general == 3


def test_pages_no_longer_state_the_old_rule():
    from pathlib import Path
    docs = Path(__file__).resolve().parents[1] / "docs"
    en = (docs / "en/two-layer/derivation.md").read_text(encoding="utf-8")
    ko = (docs / "ko/two-layer/derivation.md").read_text(encoding="utf-8")
    assert "*first* index" not in en and "left factor summed over its row index" in en
    assert "*첫 번째*" not in ko and "왼쪽 인수의 행 첨자" in ko
    assert "in its [summary]" not in en
