"""The derivation's equations: all verified, numbered like the note, and the check can fail."""

import pytest
import sympy as sp

from gen.checking import verify_steps as check_steps
from gen.derivations.note.network import network
from gen.oracle import Oracle
from gen.derivations.note.steps import derivation
from gen.errors import VerificationError
from gen.statements import Claim, Part, Step

NET = network()
CASES, E = NET.cases, NET.E
STEPS = derivation(NET)


def verify_steps(steps):
    return check_steps(steps, Oracle(NET.graph))


def test_numbers_match_the_note():
    assert [s.key for s in STEPS if not s.series] == [str(n) for n in range(1, 36)]
    assert [s.key for s in STEPS if s.series] == ["S1", "S2", "S3"]
    assert len({s.name for s in STEPS}) == len(STEPS)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.label)
def test_each_equation_verified(step):
    counts = verify_steps([step])
    assert counts["lines"] >= 1
    assert counts["checks"] >= counts["lines"]


def test_each_case_has_its_equations():
    by_case = {c.id: [s.key for s in STEPS if s.case == c] for c in CASES}
    assert by_case == {
        "z1>0,z2>0": ["12", "19", "24", "25", "32"],
        "z1>0,z2<=0": ["13", "20", "26", "27", "33"],
        "z1<=0,z2>0": ["14", "21", "28", "29", "34"],
        "z1<=0,z2<=0": ["15", "22", "30", "31", "35"],
    }


def _note_eq32_middle_line():
    """The note's (32), line 3, transcribed: x21 and x22 missing."""
    a, b = (NET.gradient_entry("h", (k, 0)) for k in range(2))
    x = E["X"]
    return sp.ImmutableMatrix([[a * x[0, 0] + b], [a * x[0, 1] + b]])


def test_note_error_in_32_is_caught():
    bad = Step("dL_dW1_on-on", (Part("dL/dW1", (_note_eq32_middle_line(),), Claim("grad", "W1")),), CASES[0],
               key="32")
    with pytest.raises(VerificationError, match=r"equation \(32\)"):
        verify_steps([bad])


@pytest.mark.parametrize("mutation", ["transpose", "drop-factor-2", "local-instead-of-sum"])
def test_plausible_mistakes_are_caught(mutation):
    h, y = E["h"], E["y"]
    if mutation == "transpose":  # ∂L/∂W2 = 2 hᵀ yᵀ: same shape, wrong entries
        line, claim, case = 2 * h.T * y.T, Claim("grad", "W2"), None
    elif mutation == "drop-factor-2":
        line, claim, case = h.T * y, Claim("grad", "W2"), None
    else:  # ∂L/∂w11 = upstream of z1 times x11 only (the z2 path forgotten), all units on
        line = NET.gradient_entry("h", (0, 0)) * E["X"][0, 0]
        claim, case = Claim("grad", "W1", (0, 0)), CASES[0]
    with pytest.raises(VerificationError):
        verify_steps([Step("x", (Part("lhs", (line,), claim),), case)])


def test_each_case_takes_its_side_of_the_kink():
    """In a case with z1 ≤ 0 the oracle's ∂L/∂z1 is 0 (ReLU'(0) = 0), with no Heaviside (whose 0 is 1/2) left."""
    oracle = Oracle(NET.graph)
    off_on = next(c for c in CASES if c.on == (False, True))
    assert oracle.reference(Claim("grad", "z", (0, 0)), off_on) == 0
    on = oracle.reference(Claim("grad", "z", (0, 0)), CASES[0])
    assert on != 0 and not on.has(sp.Heaviside)
