"""Batch normalization's pages: both languages carry the same equations and numbers, every step the page
names is verified and numbered in order, the graph is drawn from the graph, the listing is the file."""

import re
from pathlib import Path

DISPLAY = re.compile(r"\$\$\n.*?\n\$\$", re.S)
ROOT = Path(__file__).resolve().parents[2]


def test_built_paths(outputs, batchnorm):
    expected = {"data/batchnorm.json"}
    for lang in ("ko", "en"):
        expected |= {f"{lang}/{p}" for p in batchnorm.pages} | {f"{lang}/batchnorm/figures/graph.svg"}
    assert sorted(outputs) == sorted(expected)
    assert batchnorm.pages == ("batchnorm/index.md", "batchnorm/derivation.md", "batchnorm/examples.md")


def test_same_equations_in_both_languages(outputs):
    for page in ("index", "derivation", "examples"):
        ko, en = outputs[f"ko/batchnorm/{page}.md"], outputs[f"en/batchnorm/{page}.md"]
        assert DISPLAY.findall(ko) == DISPLAY.findall(en), page
        assert len(DISPLAY.findall(ko)) >= {"index": 1, "derivation": 17, "examples": 12}[page], page


def test_every_step_shown_once_in_order(outputs, verified):
    text = outputs["en/batchnorm/derivation.md"]
    assert re.findall(r"\\tag\{BN (\d+)\}", text) == [str(n) for n in range(1, len(verified.steps) + 1)]
    for step in verified.steps:
        assert step.label.startswith("(BN ") and text.count(f'<span id="eq-bn-{step.key[3:]}"></span>') == 1, step.name


def test_the_three_paths_and_the_compact_form(verified):
    """∂L/∂X is the sum of one term per value that reads X (μ, σ², x̂), and the compact form is one more line."""
    steps = {s.name: s for s in verified.steps}
    three = steps["dL_dX"].parts[0].lines[-1]
    assert len(three.args) == 3
    assert {a.name for t in three.args for a in t.atoms(__import__("sympy").MatrixSymbol)} >= {"dL_dxhat", "dL_dvar", "dL_dmu"}
    assert len(steps["dL_dX_compact"].parts[0].lines) == 3


def test_graph_figure_in_both_languages(outputs):
    for lang, title in (("ko", "계산 그래프"), ("en", "Computational graph")):
        svg = outputs[f"{lang}/batchnorm/figures/graph.svg"]
        assert f">{title}</title>" in svg and "x̂ = (X − μ)/√(σ² + ε)" in svg
        assert svg in outputs[f"{lang}/batchnorm/derivation.md"] or svg.split("\n", 1)[1] in \
            outputs[f"{lang}/batchnorm/derivation.md"]


def test_listing_is_the_file_verbatim(outputs):
    source = (ROOT / "gen/derivations/batchnorm/listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in outputs[f"{lang}/batchnorm/examples.md"]


def test_counts_on_the_index_page(outputs, verified):
    counts = verified.counts
    for lang in ("ko", "en"):
        text = outputs[f"{lang}/batchnorm/index.md"]
        assert str(counts["proofs"][None]["checks"]) in text and str(counts["differences"]) in text


def test_committed_docs_are_fresh(outputs):
    for path, text in outputs.items():
        assert (ROOT / "docs" / path).read_text(encoding="utf-8") == text, \
            f"{path} is stale: regenerate with `python -m gen --derivation batchnorm`"
