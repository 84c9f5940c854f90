"""The search index reads as text: math as compact text, figures' drawn numbers out, tab labels apart."""

import json
import re

import pytest

from gen.site import layout
from gen.site.searchpass import readable


def _texts(root):
    index = json.loads((root / "search" / "search_index.json").read_text("utf-8"))
    return [doc["text"] for doc in index["docs"]]


@pytest.fixture(scope="module", params=[lang.code for lang in layout.LANGUAGES])
def texts(request, site):
    lang = layout.language(request.param)
    return _texts(site / lang.path if lang.path else site)


def test_no_gaps_where_math_was(texts):
    gaps = [t[max(0, m.start() - 40):m.end() + 40] for t in texts for m in re.finditer(r", , ,|\(\s*\)", t)]
    assert not gaps, gaps[:5]


def test_math_reads_as_text_not_tex(texts):
    joined = " ".join(texts)
    # The network's first line, as the index page states it.
    assert "z = X W_1" in joined
    assert "∂L/∂W_2" in joined.replace(" / ", "/")
    left = re.findall(r"\\[()\[\]]|\\(?:frac|partial|begin|end|left|right|mathbf|top)\b|&amp;", joined)
    assert not left, left[:10]


def test_tab_labels_and_figure_numbers_apart(texts):
    joined = " ".join(texts)
    assert not re.search(r"∂L/∂\w+\d단계|∂L/∂\w+Step \d", joined)
    # The numbers drawn in a graph (y's values 8 -16 10 -20) are not indexed as a run; the figure's
    # description, which states them as a matrix, is.
    assert not re.search(r"(?<![\[;,] )-?\d+ -?\d+ -?\d+ -?\d+ ", joined), re.search(r".{40}-?\d+ -?\d+ -?\d+ -?\d+ .{20}", joined)


def test_offline_index_is_rewritten_too(offline_site):
    script = (offline_site / "search" / "search_index.js").read_text("utf-8")
    assert script.startswith("var __index = ")
    assert "z = X W_1" in json.loads(script[len("var __index = "):])["docs"][0]["text"] or "z = X W_1" in script
    assert "\\\\(" not in script


@pytest.mark.parametrize("tex, text", [
    (r"z = X W_1", "z = X W_1"),
    (r"\frac{\partial y}{\partial w_{21}} = \begin{bmatrix} h_{1} &amp; 0 \\ h_{2} &amp; 0 \end{bmatrix} \tag{2}",
     "∂y/∂w_21 = [h_1, 0; h_2, 0] (2)"),
    (r"\frac{\partial L}{\partial W_1} &amp;= X^\top \frac{\partial L}{\partial z}", "∂L/∂W_1 = Xᵀ ∂L/∂z"),
    (r"L = \left\| y \right\|^{2}", "L = ‖ y ‖^2"),
])
def test_readable(tex, text):
    assert readable(tex) == text
