"""The summary: (S1)–(S3) in reading order, and the mask-drop condition proven in sympy."""

import re
from pathlib import Path

import sympy as sp

from gen.derivations.note.network import network
from gen.derivations.note.summary import _masked_minus_plain, prove_mask_drop

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_mask_drop_is_proven_and_not_vacuous():
    net = network()
    assert prove_mask_drop(net).needed_in_general == 3
    g = sp.ImmutableMatrix(2, 2, lambda i, j: sp.Symbol(f"g_{i + 1}{j + 1}"))
    first_only = next(c for c in net.cases if c.on == (True, False))
    difference = _masked_minus_plain(net, g, first_only)
    assert difference != sp.zeros(2, 1)
    assert difference.subs({g[1, 0]: 0, g[1, 1]: 0}) == sp.zeros(2, 1)


def test_tags_appear_in_reading_order():
    for lang in ("ko", "en"):
        text = (DOCS / lang / "derivation.md").read_text(encoding="utf-8")
        tags = re.findall(r"\\tag\{([^}]*)\}", text)
        plain = [int(t) for t in tags if t.isdigit()]
        summary = [t for t in tags if t.startswith("S")]
        assert plain == list(range(1, 36))
        assert summary == ["S1", "S2", "S3"]
        assert tags == [str(n) for n in range(1, 36)] + summary


def test_summary_shows_the_entries_of_y():
    text = (DOCS / "en" / "derivation.md").read_text(encoding="utf-8")
    block = text[text.index('id="eq-S2"'):]
    block = block[: block.index(r"\tag{S2}")]
    assert "h_{1} w_{21}" in block and "h_{2} w_{22}" in block
