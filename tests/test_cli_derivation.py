"""`--derivation NAME`: one derivation from another examples file into another folder, its data at
DIR/data/<name>.json; bad input names file, example and field, exits 2 and writes nothing."""

import json

from genrun import run_gen

TWO_LAYER = """examples:
  - id: tiny
    loss: squared
    X: [[1, 2]]
    W1: [[1], [0.5]]
    b1: [0.25]
    W2: [[2, -1]]
    b2: [0, 1]
    T: [[1, 0]]
"""


def test_two_layer_alone_into_another_folder(tmp_path):
    examples, out = tmp_path / "examples.yml", tmp_path / "out"
    examples.write_text(TWO_LAYER, encoding="utf-8")
    result = run_gen("--derivation", "two-layer", "--examples", examples, "--out", out)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "data/two-layer.json" in written and "data/worked-examples.json" not in written
    assert all(p.startswith(("ko/two-layer/", "en/two-layer/", "data/")) for p in written), written
    record = json.loads((out / "data" / "two-layer.json").read_text(encoding="utf-8"))["examples"][0]
    # z = X W1 + b1 = 1·1 + 2·0.5 + 0.25 = 2.25; y = h W2 + b2 = [4.5, -1.25]; L = 3.5² + 1.25² = 13.8125
    assert record["id"] == "tiny" and record["z"] == [[2.25]] and record["y"] == [[4.5, -1.25]]
    assert record["L"] == 13.8125 and record["dL_dy"] == [[7, -2.5]]
    assert "tiny" in (out / "en" / "two-layer" / "examples.md").read_text(encoding="utf-8")


def test_two_layer_bad_input_writes_nothing(tmp_path):
    examples, out = tmp_path / "examples.yml", tmp_path / "out"
    examples.write_text(TWO_LAYER.replace("W2: [[2, -1]]", "W2: [[2, -1, 3]]"), encoding="utf-8")
    result = run_gen("--derivation", "two-layer", "--examples", examples, "--out", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(examples) in result.stderr and "example 'tiny', field 'b2'" in result.stderr
    assert "W2 (1×3)" in result.stderr  # the other shape it disagrees with
    assert not out.exists()


def test_unknown_derivation_is_refused(tmp_path):
    result = run_gen("--derivation", "three-layer", "--out", tmp_path / "out")
    assert result.returncode == 2 and "unknown derivation 'three-layer'" in result.stderr
    assert "note" in result.stderr and "two-layer" in result.stderr
    assert not (tmp_path / "out").exists()
