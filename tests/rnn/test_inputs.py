"""Bad RNN examples: one message naming the file, the example and the field (a list of the wrong length, a
matrix of the wrong shape, which matrix of the list), exit 2 and nothing written; a good file through the
command line."""

import json

import pytest

from gen.derivations.rnn import DECLARATION
from gen.worked import compute_all
from genrun import assert_refused_on_command_line, refused_example, run_gen

GOOD = """\
examples:
  - id: one
    X: [[[1, 0]], [[0, 1]]]
    h0: [[0, 0]]
    Wx: [[0.5, 0], [0, 0.5]]
    Wh: [[0, 0], [0, 0]]
    b: [0, 0]
    G: [[[1, 0]], [[0, 1]]]
"""


def refused(tmp_path, old, new):
    return refused_example(lambda path: compute_all(DECLARATION.graph, DECLARATION.fields, path), tmp_path,
                           GOOD.replace(old, new))


@pytest.mark.parametrize("old, new, field, words", [
    ("G: [[[1, 0]], [[0, 1]]]", "G: [[[1, 0]]]", "G", "1 matrices do not agree with X (2 × (1×2)): expected T = 2"),
    ("G: [[[1, 0]], [[0, 1]]]", "G: [[[1, 0]], [[0, 1, 2]]]", "G", "matrix 2 of 2: shape 1×3"),
    ("X: [[[1, 0]], [[0, 1]]]", "X: [[[1, 0]], [[0, 1], [1, 1]]]", "X", "matrix 2 of 2: shape 2×2"),
    ("X: [[[1, 0]], [[0, 1]]]", "X: [[1, 0], [0, 1]]", "X", "expected a list of T matrices"),
    ("X: [[[1, 0]], [[0, 1]]]", "X: []", "X", "expected a list of T matrices"),
    ("b: [0, 0]", "b: [0]", "b", "expected 2"),
    ("X: [[[1, 0]], [[0, 1]]]", "X: [[[1, 0]], [[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]]]", "X", "5 matrices: at most 4"),
    ("Wh: [[0, 0], [0, 0]]", "Wh: [[0, 0]]", "Wh", "expected 2×2"),
    ("X: [[[1, 0]], [[0, 1]]]", "X: [[[1, 0]], [[0, x]]]", "X", ""),
])
def test_bad_field_is_named(tmp_path, old, new, field, words):
    error = refused(tmp_path, old, new)
    assert (error.item, error.field) == ("one", field) and words in str(error), str(error)


def test_the_wrong_matrix_of_a_list_is_pointed_at(tmp_path):
    """The position is that of the matrix at fault, not of the field."""
    error = refused(tmp_path, "G: [[[1, 0]], [[0, 1]]]", "G: [[[1, 0]],\n       [[0, 1, 2]]]")
    assert ":9:" in str(error), str(error)


def test_command_line_writes_only_rnn(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text(GOOD, encoding="utf-8")
    proc = run_gen("--derivation", "rnn", "--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    (example,) = json.loads((tmp_path / "out" / "data" / "rnn.json").read_text(encoding="utf-8"))["examples"]
    assert len(example["h"]) == len(example["dL_dX"]) == 2
    assert example["dL_dh0"] == [[0, 0]] and example["h"][0][0][1] == 0  # Wh = 0: nothing comes back to h0
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == ["rnn.json"]


def test_bad_file_exits_2_and_writes_nothing(tmp_path):
    assert_refused_on_command_line(tmp_path, "rnn", GOOD.replace("G: [[[1, 0]], [[0, 1]]]", "G: [[[1, 0]]]"), "one", "G")
