"""Bad convolution examples: one message naming the file, the example and the field (a stride that does not fit,
a kernel larger than the padded input, G of another shape than the output, a negative pad, a stride of 0), with
the sizes; exit 2 and nothing written; a good file through the command line, pad and stride left at their defaults."""

import json

import pytest

from gen.declare import compute
from gen.derivations.conv import DECLARATION
from genrun import refused_example, run_gen

GOOD = """\
examples:
  - id: one
    X: [[1, 2, 0, 1], [0, -1, 3, 2], [2, 1, 0, -2], [1, 0, 1, 1]]
    K: [[1, -1], [2, 0.5]]
    b: 1
    pad: 0
    stride: 2
    G: [[1, 0], [-1, 2]]
"""


def refused(tmp_path, old, new):
    return refused_example(lambda path: compute(DECLARATION, path), tmp_path, GOOD.replace(old, new))


@pytest.mark.parametrize("old, new, field, words", [
    ("stride: 2", "stride: 3", "stride", ["stride 3 does not fit", "H + 2·pad − k_h = 4 + 0 − 2 = 2", "not a multiple of 3"]),
    ("    K: [[1, -1], [2, 0.5]]", "    K: [[1, -1, 0, 1, 2], [2, 0.5, 0, 1, 1]]", "K",
     ["the kernel K (2×5) is larger than X (4×4) padded by 0 (4×4)"]),
    ("G: [[1, 0], [-1, 2]]", "G: [[1, 0, 1], [-1, 2, 0]]", "G", ["shape 2×3 is not the output's shape 2×2"]),
    ("pad: 0", "pad: -1", "pad", ["at least 0"]),
    ("stride: 2", "stride: 0", "stride", ["at least 1"]),
    ("stride: 2", "stride: 1.5", "stride", ["expected an integer"]),
])
def test_bad_field_is_named(tmp_path, old, new, field, words):
    error = refused(tmp_path, old, new)
    assert (error.item, error.field) == ("one", field), str(error)
    assert all(w in str(error) for w in words), str(error)


def test_padding_makes_a_kernel_fit(tmp_path):
    """A kernel larger than X but not than X padded is accepted (the output is then 1×1 here)."""
    text = GOOD.replace("    K: [[1, -1], [2, 0.5]]", "    K: [[1, 0, 0, 0, 0, 1]] ").replace("pad: 0", "pad: 1").replace(
        "stride: 2", "stride: 1").replace("G: [[1, 0], [-1, 2]]", "G: [[1], [2], [3], [4], [5], [6]]")
    path = tmp_path / "examples.yml"
    path.write_text(text, encoding="utf-8")
    (worked,) = compute(DECLARATION, path).workeds
    assert worked.values["Y"].shape == (6, 1)


def test_command_line_writes_only_conv(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text(GOOD.replace("    pad: 0\n", "").replace("stride: 2", "stride: 1").replace(
        "G: [[1, 0], [-1, 2]]", "G: [[1, 0, 0], [-1, 2, 0], [0, 0, 1]]"), encoding="utf-8")
    proc = run_gen("--derivation", "conv", "--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    (example,) = json.loads((tmp_path / "out" / "data" / "conv.json").read_text(encoding="utf-8"))["examples"]
    assert (example["pad"], example["stride"], example["dL_db"]) == (0, 1, 3)
    # Y_11 = 1·1 + 2·(−1) + 0·2 + (−1)·0.5 + 1, and the next windows one column on
    assert example["Y"][0] == [1 - 2 + 0 - 0.5 + 1, 2 - 0 - 2 + 1.5 + 1, 0 - 1 + 6 + 1 + 1]
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == ["conv.json"]


def test_bad_file_exits_2_and_writes_nothing(tmp_path):
    path = tmp_path / "examples.yml"
    path.write_text(GOOD.replace("stride: 2", "stride: 3"), encoding="utf-8")
    proc = run_gen("--derivation", "conv", "--examples", path, "--out", tmp_path / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"error: {path}:7:13:") and "example 'one', field 'stride': stride 3 does not fit" in line, line
    assert not (tmp_path / "out").exists()
