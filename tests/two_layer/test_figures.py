"""The worked examples' figures: a wide drawing (in rows) for the desktop and print column and a
stacked one for a phone, readable in theirs, drawing the same text."""

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from gen.derivations.two_layer.figures import example_figures
from gen.declare import records
from tests.test_figures import check_drawings

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg):
    return Counter(t.text for t in ET.fromstring(svg).iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_drawings_fit_and_agree(verified, lang):
    pairs = 0
    for rec in records(verified):
        drawings = example_figures(rec, lang)
        check_drawings(rec["id"], drawings)
        assert len({frozenset(texts(d).items()) for d in drawings}) == 1, rec["id"]
        pairs += len(drawings) == 2
    assert pairs, "the chain of a small example is too wide for a phone in one row"
