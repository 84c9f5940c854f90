"""Bad batch-normalization examples: one message naming the file, the example and the field (shapes
named with both shapes, ε ≤ 0 refused), exit 2 and nothing written; a good file through the command line."""

import json

import pytest

from gen.derivations.batchnorm import DECLARATION
from gen.worked import compute_all
from genrun import assert_refused_on_command_line, refused_example, run_gen

GOOD = """\
examples:
  - id: one
    X: [[1, 2], [3, 6], [0, 1]]
    gamma: [1, 2]
    beta: [0, -1]
    eps: 0.01
    G: [[1, -1], [2, 0.5], [0, 1]]
"""


def refused(tmp_path, old, new):
    return refused_example(lambda path: compute_all(DECLARATION.graph, DECLARATION.fields, path), tmp_path,
                           GOOD.replace(old, new))


@pytest.mark.parametrize("old, new, field, words", [
    ("gamma: [1, 2]", "gamma: [1, 2, 3]", "gamma", ["length 3", "D = 2", "X (3×2)"]),
    ("beta: [0, -1]", "beta: [0]", "beta", ["length 1", "D = 2"]),
    ("G: [[1, -1], [2, 0.5], [0, 1]]", "G: [[1, -1], [2, 0.5]]", "G", ["2×2", "X (3×2)", "3×2"]),
    ("G: [[1, -1], [2, 0.5], [0, 1]]", "G: [[1], [2], [0]]", "G", ["3×1", "3×2"]),
    ("eps: 0.01", "eps: 0", "eps", ["greater than 0"]),
    ("eps: 0.01", "eps: -1e-5", "eps", ["greater than 0"]),
    ("eps: 0.01", "eps: [0.01]", "eps", ["integer or a decimal"]),
    ("X: [[1, 2], [3, 6], [0, 1]]", "X: [[1, 2], [3], [0, 1]]", "X", ["rows of equal length"]),
])
def test_bad_field_is_named(tmp_path, old, new, field, words):
    error = refused(tmp_path, old, new)
    assert (error.item, error.field) == ("one", field), str(error)
    for word in words:
        assert word in str(error), (word, str(error))


def test_missing_and_unknown_keys(tmp_path):
    assert refused(tmp_path, "    eps: 0.01\n", "").field == "eps"
    error = refused(tmp_path, "    eps: 0.01\n", "    eps: 0.01\n    dout: [[1]]\n")
    assert error.field == "dout" and "unknown key" in str(error)


def test_command_line_writes_only_batchnorm(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text(GOOD, encoding="utf-8")
    proc = run_gen("--derivation", "batchnorm", "--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    (example,) = json.loads((tmp_path / "out" / "data" / "batchnorm.json").read_text(encoding="utf-8"))["examples"]
    assert example["id"] == "one" and len(example["dL_dX"]) == 3
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == ["batchnorm.json"]
    assert (tmp_path / "out" / "ko" / "batchnorm" / "derivation.md").is_file()


def test_bad_file_exits_2_and_writes_nothing(tmp_path):
    assert_refused_on_command_line(tmp_path, "batchnorm", GOOD.replace("eps: 0.01", "eps: 0"), "one", "eps")
