"""The convolution's pages: both languages carry the same equations, every step is numbered (C n) in order, the
general lines hold p and s and the plain ones do not, the figures are drawn from the op and said as drawn, the
listing is the file."""

import re
from pathlib import Path

from compare import assert_same_equations

ROOT = Path(__file__).resolve().parents[2]


def test_built_paths(outputs, conv):
    """The pages, the data, the graph's figure for each window proven, and the three figures of the windows."""
    from gen.derivations.conv import PROOF_SIZES
    expected = {"data/conv.json"} | {f"{lang}/{p}" for lang in ("ko", "en") for p in conv.pages}
    expected |= {f"{lang}/conv/figures/{f}.svg" for lang in ("ko", "en")
                 for f in ("window", "readers-plain", "readers", *(f"graph-{w}" for w in PROOF_SIZES))}
    assert sorted(outputs) == sorted(expected)


def test_same_equations_in_both_languages(outputs):
    assert_same_equations(outputs, "conv")


def test_every_step_shown_once_in_order(outputs, verified):
    text = outputs["en/conv/derivation.md"]
    assert re.findall(r"\\tag\{C (\d+)\}", text) == [str(n) for n in range(1, len(verified.steps) + 1)]
    assert all(text.count(f'<span id="eq-c-{n}"></span>') == 1 for n in range(1, len(verified.steps) + 1))


def test_the_plain_and_the_general_gradients(verified):
    """At stride 1 without padding ∂L/∂K is X ⋆ G and ∂L/∂X the padded G against the turned kernel; the general
    lines have p and s, and were proven at every window of the declaration."""
    from gen.notation import tex
    lines = {s.name: [tex(line) for line in s.parts[0].lines] for s in verified.steps}
    assert lines["dL_dK_plain"][-1] == r"X \star G"
    assert r"\operatorname{rot}_{180^\circ}\left(K\right)" in lines["dL_dX_plain"][-1] and "crop" not in lines["dL_dX_plain"][-1]
    assert all(w in lines["dL_dX"][-1] for w in (r"\operatorname{crop}_{p}", r"\operatorname{dil}_{s}\left(G\right)"))
    assert lines["dL_db"][-1] == r"\mathbf{1}^{T} G \mathbf{1}"
    assert len(verified.counts["proofs"]) >= 4 and all(p["checks"] > 0 for p in verified.counts["proofs"].values())


def test_figures_are_drawn_and_described(outputs):
    for lang in ("ko", "en"):
        page = outputs[f"{lang}/conv/derivation.md"]
        for name in ("window", "readers-plain", "readers"):
            svg = outputs[f"{lang}/conv/figures/{name}.svg"]
            assert f'id="fig-conv-{name}"' in svg and svg.rstrip() in page
        assert "X_{33}" in page and "X_{22}" in page and "Y_{12}" in page
    words = " ".join(outputs["en/conv/derivation.md"].split())
    assert "4 outputs read $X_{22}$" in words and "the 9 outputs that read $X_{33}$" in words


def test_examples_show_pad_and_stride(outputs, verified):
    for lang in ("ko", "en"):
        text = outputs[f"{lang}/conv/examples.md"]
        for worked in verified.workeds:
            section = text.split(f"{{ #{worked.id} }}")[1].split("\n## ")[0]
            values = worked.example.values
            assert f"$p = {values['pad']}$" in section and f"$s = {values['stride']}$" in section


def test_graph_and_listing(outputs):
    source = (ROOT / "gen/derivations/conv/listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in outputs[f"{lang}/conv/examples.md"]
        assert "X ⋆ K" in outputs[f"{lang}/conv/figures/graph-pad0-stride1.svg"]
