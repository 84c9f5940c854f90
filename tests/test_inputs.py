"""Examples files, read in-process: every problem at once with line and column, exponent forms,
YAML 1.1 forms refused, magnitude limits, the flat-list message."""

import pytest
import sympy as sp

from gen.derivations.note.network import network
from gen.derivations.note.worked import load
from gen.errors import InputErrors
from genrun import run_gen

GOOD = "  - id: first\n    X: [[1, 2], [3, -1]]\n    W1: [[2], [1]]\n    W2: [[1, -2]]\n"
MANY = ("examples:\n" + GOOD +                 # lines 2-5
        "  - id: bad\n"                        # 6
        "    X: [[1:30, 0x1F], [.inf, true]]\n"  # 7
        "    W1: [2, 1]\n"                     # 8
        "    W2: [[1e400, 012]]\n"             # 9
        "    b: 3\n"                           # 10
        "  - id: kink\n"                       # 11
        "    X: [[1, -1], [1, 2]]\n"           # 12
        "    W1: [[1], [1]]\n"                 # 13
        "    W2: [[1, 2]]\n"                   # 14
        "  - 42\n")                            # 15
EXPECTED = [  # (line, column, example, field, part of the problem), in file order
    (7, 10, "bad", "X", "(got '1:30': YAML 1.1 reads a:b as a base-60 number (1:30 is 90)"),
    (7, 16, "bad", "X", "(got '0x1F': hexadecimal, octal and binary"),
    (7, 24, "bad", "X", "(got '.inf': NaN and infinity are not allowed"),
    (7, 30, "bad", "X", "(got 'true': YAML reads this word as a boolean"),
    (8, 9, "bad", "W1", "this is a flat list of 2 number(s); write each row as its own list"),
    (9, 11, "bad", "W2", "out of range (got '1e400'"),
    (9, 18, "bad", "W2", "(got '012': hexadecimal, octal and binary"),
    (10, 8, "bad", "b", "unknown key"),
    (15, 5, "#4", None, "each example must be a mapping"),
]


def lines_for(path):
    out = []
    for line, col, item, field, part in EXPECTED:
        head = f"{path}:{line}:{col}: example {item!r}" + (f", field {field!r}" if field else "")
        out.append((head, part))
    return out


def test_every_problem_is_reported_with_line_and_column(tmp_path):
    path = tmp_path / "many.yml"
    path.write_text(MANY, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load(network(), path)
    got = str(caught.value).splitlines()
    assert len(got) == len(EXPECTED), got
    for text, (head, part) in zip(got, lines_for(path)):
        assert text.startswith(head + ": ") and part in text, (text, head, part)


def test_the_command_line_prints_them_all_and_writes_nothing(tmp_path, warm_cache):
    path = tmp_path / "many.yml"
    path.write_text(MANY, encoding="utf-8")
    proc = run_gen("--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    got = proc.stderr.splitlines()
    assert [g.split(": ", 1)[0] for g in got] == ["error"] * len(EXPECTED)
    assert [g.startswith(f"error: {head}: ") for g, (head, _) in zip(got, lines_for(path))] == [True] * len(EXPECTED)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, value", [
    ("1e-3", sp.Rational(1, 1000)), ("2.5E2", sp.Integer(250)), ("-1.5e+1", sp.Integer(-15)),
    (".5", sp.Rational(1, 2)), ("1_000", sp.Integer(1000)), ("0", sp.Integer(0)), ("1e6", sp.Integer(10**6)),
    ("1e-6", sp.Rational(1, 10**6)), ("0.0", sp.Integer(0)),
])
def test_number_forms_are_read_exactly(tmp_path, text, value):
    path = tmp_path / "ok.yml"
    path.write_text(GOOD.replace("X: [[1, 2]", f"X: [[{text}, 2]").join(["examples:\n", ""]), encoding="utf-8")
    (worked,) = load(network(), path)
    assert worked.values["X"][0, 0] == value and isinstance(worked.values["X"][0, 0], sp.Rational)


@pytest.mark.parametrize("text, part", [
    ("1:30", "base-60"), ("0o17", "octal"), ("0x1F", "hexadecimal"), ("012", "012"), ("0b101", "binary"),
    (".inf", "NaN and infinity"), ("-.inf", "NaN and infinity"), (".nan", "NaN and infinity"),
    ("true", "boolean"), ("yes", "boolean"), ("off", "boolean"), ("1e400", "out of range"),
    ("1e-400", "out of range"), ("1e13", "out of range"), ("1e-13", "out of range"),
    ("1.0000000000000000000000000000001", "too many digits"), ("'3'", "(got '3')"), ("null", "(got None)"),
])
def test_unmeant_forms_are_refused_with_a_reason(tmp_path, text, part):
    path = tmp_path / "bad.yml"
    path.write_text(GOOD.replace("X: [[1, 2]", f"X: [[1, {text}]").join(["examples:\n", ""]), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load(network(), path)
    (line,) = str(caught.value).splitlines()
    assert line.startswith(f"{path}:3:") and "example 'first', field 'X'" in line and part in line, line
