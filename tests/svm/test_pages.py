"""The SVM's pages: both languages carry the same equations, every step is numbered (SVM n) in order, the
0-based labels are said on the page, the graph is drawn, the listing is the file."""

import re
from pathlib import Path

from compare import assert_same_equations

ROOT = Path(__file__).resolve().parents[2]


def test_same_equations_in_both_languages(outputs):
    assert_same_equations(outputs, "svm")


def test_every_step_shown_once_in_order(outputs, verified):
    text = outputs["en/svm/derivation.md"]
    assert re.findall(r"\\tag\{SVM (\d+)\}", text) == [str(n) for n in range(1, len(verified.steps) + 1)]
    assert all(text.count(f'<span id="eq-svm-{n}"></span>') == 1 for n in range(1, len(verified.steps) + 1))


def test_labels_are_said_to_be_zero_based(outputs):
    assert "0-based" in outputs["en/svm/derivation.md"] and "0-based" in outputs["en/svm/examples.md"]
    assert "0부터 세는" in outputs["ko/svm/derivation.md"] and "0부터 세는" in outputs["ko/svm/examples.md"]


def test_the_kink_example_is_explained(outputs, verified):
    kinked = [w.id for w in verified.workeds if any(a == 0 and y == 0 for a, y in zip(w.values["A"], w.values["Y"]))]
    assert kinked == ["margin-exactly-zero"]
    for lang, words in (("en", "does not count"), ("ko", "세지 않습니다")):
        section = outputs[f"{lang}/svm/examples.md"].split("{ #margin-exactly-zero }")[1].split("## ")[0]
        assert words in section and "A_{12} = 0" in section


def test_graph_and_listing(outputs):
    source = (ROOT / "gen/derivations/svm/listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in outputs[f"{lang}/svm/examples.md"]
        assert "max(0, A)" in outputs[f"{lang}/svm/figures/graph.svg"]
