"""The errata quote the source note verbatim: each quoted fragment is found in the note."""

import re
from dataclasses import replace
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


def equation_numbers(note):
    """The note's equation numbers, from `\\tag{N}` and from `(N)` written at the end of a display."""
    return set(re.findall(r"\\tag\{(\d+)\}", note)) | set(re.findall(r"\\quad \((\d+)\)\$\$", note))


def not_in_note(entries, numbers):
    """The equation numbers entries cite that the note does not have."""
    return [w for e in entries for w in e.where if w.strip("()") not in numbers]


@pytest.mark.skipif(not SEED, reason="the source note (../shared/seed) is not beside this checkout")
def test_entries_cite_equations_the_note_numbers():
    numbers = equation_numbers(SEED[0].read_text(encoding="utf-8"))
    assert numbers == {str(n) for n in range(1, 36)}
    entries = errata(network())
    assert sum(len(e.where) for e in entries) > 10 and not_in_note(entries, numbers) == []
    assert not_in_note([replace(entries[0], where=("(36)",))], numbers) == ["(36)"]


@pytest.mark.skipif(not SEED, reason="the source note (../shared/seed) is not beside this checkout")
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_text_entries_quote_their_sentence_on_the_page(lang):
    """An entry about the note's prose (no formula) quotes that sentence on the page, as it is in the note."""
    page = (Path(__file__).resolve().parents[1] / "docs" / lang / "errata.md").read_text(encoding="utf-8")
    prose = [e for e in errata(network()) if e.original is None and re.search("[가-힣]", e.quote)]
    assert {e.id for e in prose} == {"dh-dz-named", "upstream-reference"}
    for erratum in prose:
        assert f"“{erratum.quote}”" in page, erratum.id
    assert f"“{prose[0].quote}”" not in page.replace("구해준다.”", "구해 준다.”")
