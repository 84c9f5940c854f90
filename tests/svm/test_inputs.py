"""Bad SVM examples: one message naming the file, the example and the field (labels out of range or of
the wrong count, reg < 0), exit 2 and nothing written; a good file through the command line."""

import json

import pytest

from gen.derivations.svm import DECLARATION
from gen.worked import compute_all
from genrun import assert_refused_on_command_line, refused_example, run_gen

GOOD = """\
examples:
  - id: one
    X: [[1, 2], [3, -1]]
    W: [[1, 0, -1], [2, 1, 0]]
    labels: [0, 2]
    reg: 0.1
"""


def refused(tmp_path, old, new):
    return refused_example(lambda path: compute_all(DECLARATION.graph, DECLARATION.fields, path), tmp_path,
                           GOOD.replace(old, new))


@pytest.mark.parametrize("old, new, field", [
    ("labels: [0, 2]", "labels: [0, 3]", "labels"),
    ("labels: [0, 2]", "labels: [0]", "labels"),
    ("labels: [0, 2]", "labels: [0, 1.5]", "labels"),
    ("reg: 0.1", "reg: -0.1", "reg"),
    ("W: [[1, 0, -1], [2, 1, 0]]", "W: [[1, 0, -1]]", "W"),
])
def test_bad_field_is_named(tmp_path, old, new, field):
    error = refused(tmp_path, old, new)
    assert (error.item, error.field) == ("one", field), str(error)


def test_command_line_writes_only_svm(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text(GOOD, encoding="utf-8")
    proc = run_gen("--derivation", "svm", "--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    (example,) = json.loads((tmp_path / "out" / "data" / "svm.json").read_text(encoding="utf-8"))["examples"]
    assert example["dL_dS"] == [[0, 0, 0], [0.5, 0.5, -1]] and example["L"] == 4.7
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == ["svm.json"]


def test_bad_file_exits_2_and_writes_nothing(tmp_path):
    assert_refused_on_command_line(tmp_path, "svm", GOOD.replace("labels: [0, 2]", "labels: [0, 3]"), "one", "labels")
