"""The errata quote the source note verbatim: each quoted fragment is found in the note."""

import re
from pathlib import Path

import pytest

from gen.derivations.note.errata import errata
from gen.derivations.note.network import network

SEED = sorted((Path(__file__).resolve().parents[2] / "shared" / "seed").glob("*.txt"))


def squeeze(text):
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(not SEED, reason="the source note (../shared/seed) is not beside this checkout")
@pytest.mark.parametrize("erratum", errata(network()), ids=lambda e: e.id)
def test_quote_is_in_the_note(erratum):
    note = squeeze(SEED[0].read_text(encoding="utf-8"))
    assert squeeze(erratum.quote) in note


@pytest.mark.skipif(not SEED, reason="the source note (../shared/seed) is not beside this checkout")
def test_note_middle_line_of_32_lacks_x21():
    """The note's (32) really has the second term without x_{21} (what the first erratum says)."""
    note = SEED[0].read_text(encoding="utf-8")
    block = note[:note.index(r"\tag{32}")]
    block = block[block.rindex("$$"):]
    assert r"+ (2 * y_{21} * w_{21} + 2 * y_{22} * w_{22}) \\" in block
    assert "x_{21}" in block  # present only in the X^T matrix of the next line
    assert r"(2 * y_{21} * w_{21} + 2 * y_{22} * w_{22}) * x_{21}" not in block
