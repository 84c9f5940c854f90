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


def test_note_summary_states_the_proven_condition_and_not_the_old_claims():
    """The summary calls the exact condition necessary and sufficient (what prove_exact decides), zero rows only
    sufficient (with not_needed's numbers, as printed), and (S3) general only under H = 1, b₂ = 0."""
    from pathlib import Path
    from gen.derivations.note.summary import not_needed
    from gen.derivations.note.names import tex
    docs = Path(__file__).resolve().parents[1] / "docs"
    en = (docs / "en/derivation.md").read_text(encoding="utf-8")
    ko = (docs / "ko/derivation.md").read_text(encoding="utf-8")
    example = not_needed(note_network())
    for page in (en, ko):
        assert f"${tex(example.row)}$" in page and f"W_2 = {tex(example.W2)}$" in page and example.entry == 0
        assert "$H = 1$" in page and "$b_2 = 0$" in page
    assert "if and only if the entries of $u$" in en and "enough, but\nnot necessary" in en
    assert "필요충분조건은 꺼진 유닛에 해당하는 $u$의 원소가 0" in ko and "충분하지만 필요하지는 않습니다" in ko
    assert "The exact condition is this" not in en and "정확한 조건은 이것입니다" not in ko
