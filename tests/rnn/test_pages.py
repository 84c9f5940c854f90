"""The RNN's pages: both languages carry the same equations, every step is numbered (RNN n) in order, the
general lines and tanh' = 1 − tanh² are shown, the unrolled graph is drawn, the listing is the file."""

import re
from pathlib import Path

from compare import assert_same_equations

ROOT = Path(__file__).resolve().parents[2]


def test_same_equations_in_both_languages(outputs):
    assert_same_equations(outputs, "rnn")


def test_every_step_shown_once_in_order(outputs, verified):
    text = outputs["en/rnn/derivation.md"]
    assert re.findall(r"\\tag\{RNN (\d+)\}", text) == [str(n) for n in range(1, len(verified.steps) + 1)]
    assert [s.name for s in verified.steps][:3] == ["dL_dh3", "dL_da3", "dL_dX3"]


def test_general_lines_and_tanh(outputs):
    for lang in ("ko", "en"):
        text = outputs[f"{lang}/rnn/derivation.md"]
        assert r"\frac{\partial L}{\partial h_{t}} = G_{t} + \frac{\partial L}{\partial a_{t+1}} W_{h}^{T}" in text
        assert r"\frac{\partial L}{\partial W_{h}} = \sum_{t=1}^{T} h_{t-1}^{T} \frac{\partial L}{\partial a_{t}}" in text
        assert r"\frac{d}{d a} \tanh{\left(a \right)} = 1 - \tanh^{2}{\left(a \right)}" in text


def test_unrolled_graph_and_listing(outputs):
    source = (ROOT / "gen/derivations/rnn/listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in outputs[f"{lang}/rnn/examples.md"]
        svg = outputs[f"{lang}/rnn/figures/graph-3.svg"]
        assert all(f">{name}</text>" in svg for name in ("h₀", "h₁", "h₂", "h₃", "X₃", "G₃", "Wₓ", "Wₕ"))
        assert svg.count(">Wₕ</text>") == 3  # read at every step, drawn at every read
