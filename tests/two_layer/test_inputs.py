"""Bad examples files: one message naming the file, the example and the field; nothing computed."""

import pytest

from gen.derivations.two_layer import DECLARATION
from gen.errors import InputError
from gen.worked import compute_all
from genrun import refused_example


def load_examples(path):
    """The file read and computed as generation does (a kink is refused there too)."""
    return compute_all(DECLARATION.graph, DECLARATION.fields, path)

GOOD = """\
examples:
  - id: one
    loss: squared
    X: [[1, 2], [3, -1], [0.5, 1]]
    W1: [[1, -1], [0.5, 2]]
    b1: [0.25, 0.5]
    W2: [[1], [-1]]
    b2: [0]
    T: [[1], [0], [2]]
"""


def load(tmp_path, text):
    path = tmp_path / "examples.yml"
    path.write_text(text, encoding="utf-8")
    return path, load_examples(path)


def refused(tmp_path, old, new):
    return refused_example(load_examples, tmp_path, GOOD.replace(old, new))


def test_good_file_loads(tmp_path):
    _, (example,) = load(tmp_path, GOOD)
    assert example.sizes == dict(zip("NDHC", (3, 2, 2, 1)))
    assert example.values["X"][2, 0] == __import__("sympy").Rational(1, 2)


@pytest.mark.parametrize("old, new, field, words", [
    ("W1: [[1, -1], [0.5, 2]]", "W1: [[1, -1], [0.5, 2], [1, 1]]", "W1", ["3×2", "2 row"]),
    ("W2: [[1], [-1]]", "W2: [[1], [-1], [2]]", "W2", ["3×1", "2×2"]),
    ("b1: [0.25, 0.5]", "b1: [0.25]", "b1", ["length 1", "H = 2"]),
    ("b2: [0]", "b2: [0, 1]", "b2", ["length 2", "C = 1"]),
    ("T: [[1], [0], [2]]", "T: [[1], [0]]", "T", ["2×1", "3×1"]),
    ("T: [[1], [0], [2]]", "T: [[1, 2], [0, 1], [2, 2]]", "T", ["3×2", "3×1"]),
])
def test_shape_mismatch_names_field_and_both_shapes(tmp_path, old, new, field, words):
    error = refused(tmp_path, old, new)
    assert (error.item, error.field) == ("one", field)
    for word in words:
        assert word in str(error), (word, str(error))


def test_an_entry_at_the_kink_is_off(tmp_path):
    """z[1,1] = 1·1 + 2·0.5 − 2 = 0 exactly: accepted, and ReLU'(0) = 0 makes its entry of ∂L/∂z 0 where ∂L/∂h is not."""
    path = tmp_path / "examples.yml"
    path.write_text(GOOD.replace("b1: [0.25, 0.5]", "b1: [-2, 0.5]"), encoding="utf-8")
    (worked,) = load_examples(path)
    assert worked.values["z"][0, 0] == 0 and worked.values["h"][0, 0] == 0
    assert worked.grads["h"][0, 0] != 0 and worked.grads["z"][0, 0] == 0


def test_labels_out_of_range(tmp_path):
    softmax = GOOD.replace("loss: squared", "loss: softmax").replace("T: [[1], [0], [2]]", "labels: [0, 1, 0]")
    path = tmp_path / "examples.yml"
    path.write_text(softmax, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_examples(path)
    assert err.value.field == "labels" and "0..0" in str(err.value) and "got 1" in str(err.value)


@pytest.mark.parametrize("labels", ["[0, 0]", "[0, 0, true]", "[0, 0, 0.5]", "[[0], [0], [0]]", "[0, 0, -1]"])
def test_bad_labels(tmp_path, labels):
    softmax = GOOD.replace("loss: squared", "loss: softmax").replace("T: [[1], [0], [2]]", f"labels: {labels}")
    path = tmp_path / "examples.yml"
    path.write_text(softmax, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_examples(path)
    assert (err.value.item, err.value.field) == ("one", "labels")


def test_missing_target_and_labels(tmp_path):
    assert refused(tmp_path, "    T: [[1], [0], [2]]\n", "").field == "T"
    text = GOOD.replace("loss: squared", "loss: softmax").replace("    T: [[1], [0], [2]]\n", "")
    path = tmp_path / "examples.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_examples(path)
    assert err.value.field == "labels" and "missing" in str(err.value)


def test_wrong_target_key_for_loss(tmp_path):
    error = refused(tmp_path, "T: [[1], [0], [2]]", "labels: [0, 0, 0]")
    assert any(e.field == "labels" and "unknown key" in str(e) for e in getattr(error, "errors", [error]))


def test_unknown_loss(tmp_path):
    error = refused(tmp_path, "loss: squared", "loss: hinge")
    assert error.field == "loss" and "'hinge'" in str(error)


@pytest.mark.parametrize("old, new, field", [
    ("X: [[1, 2], [3, -1], [0.5, 1]]", "X: [[1, 2], [3], [0.5, 1]]", "X"),
    ("X: [[1, 2], [3, -1], [0.5, 1]]", "X: [[1, 2], [3, .nan], [0.5, 1]]", "X"),
    ("b2: [0]", "b2: [[0]]", "b2"),
    ("b2: [0]", "b2: ['0']", "b2"),
    ("W2: [[1], [-1]]", "W2: 3", "W2"),
])
def test_malformed_fields(tmp_path, old, new, field):
    assert refused(tmp_path, old, new).field == field


@pytest.mark.parametrize("value, words", [("-0.5", "at least 0"), ("abc", "number"), ("'1'", "number"), (".nan", "")])
def test_bad_reg_refused(tmp_path, value, words):
    error = refused(tmp_path, "    T: [[1], [0], [2]]\n", f"    T: [[1], [0], [2]]\n    reg: {value}\n")
    assert (error.item, error.field) == ("one", "reg")
    assert words in str(error), str(error)


def test_reg_adds_the_penalty(tmp_path):
    _, (plain,) = load(tmp_path, GOOD)
    _, (penalized,) = load(tmp_path, GOOD + "    reg: 0.5\n")
    w1, w2 = plain.values["W1"], plain.values["W2"]  # 2 · 0.5 · W added to each weight's gradient
    assert penalized.values["L"][0, 0] - plain.values["L"][0, 0] == sum(v ** 2 for v in (*w1, *w2)) / 2
    assert penalized.grads["W2"] - plain.grads["W2"] == w2 and penalized.grads["W1"] - plain.grads["W1"] == w1
