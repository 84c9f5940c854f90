"""The errata: what an entry says of the site's equations and conventions is checked, and the page labels a
literal reading as a reading and lists notation apart from errors."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from gen.checking import verify_errata
from gen.derivations.note.errata import errata, verify_cites
from gen.derivations.note.network import network
from gen.derivations.note.steps import derivation
from gen.errors import VerificationError
from gen.oracle import Claim, Oracle

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOTE_LABEL = {"ko": "노트의 식:", "en": "The note:"}
READ = {"ko": "문장이 말하는 미분으로 그대로 읽으면:", "en": "Read literally as the derivative the sentence announces:"}
EDITS = {"ko": "## 표기와 그 밖의 편집", "en": "## Notation and other edits"}


@pytest.fixture(scope="module")
def net():
    return network()


def by_id(net):
    return {e.id: e for e in errata(net)}


def test_cited_equations_are_what_the_entries_say(net):
    steps = derivation(net)
    assert verify_cites(errata(net), steps) >= 10
    wrong = replace(by_id(net)["dh-dz-named"], cites=(("relu_local", Claim("grad", "z")),))
    with pytest.raises(VerificationError, match="relu_local"):
        verify_cites([wrong], steps)
    wrong = replace(by_id(net)["upstream-reference"], cites=(("dL_dz", Claim("grad", "h")),))
    with pytest.raises(VerificationError, match="dL_dz"):
        verify_cites([wrong], steps)


def test_a_stated_convention_is_checked(net):
    """L = Σ yᵢⱼ² holds; Σ yᵢⱼ (no squares) is refused."""
    oracle = Oracle(net.graph)
    norm = by_id(net)["squared-norm"]
    assert norm.original is None and verify_errata([norm], oracle) == 1
    with pytest.raises(VerificationError, match="squared-norm"):
        verify_errata([replace(norm, corrected=sp.Add(*net.E["y"]))], oracle)


def sections(text):
    """Entry id → its text, up to the next heading."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^#+ [^\n]*\{ #([a-z0-9-]+) \}$(.*?)(?=^#|\Z)", text, re.M | re.S)}


def label_problems(text, lang, entries):
    """Where a reading is labelled as the note's formula (or a formula of the note as a reading), and where an
    entry stands in the wrong group."""
    problems = []
    errors, edits = text.split(EDITS[lang], 1)
    for e in entries:
        if e.original is not None and (NOTE_LABEL[lang] in sections(text)[e.id]) == e.reading:
            problems.append(f"{e.id}: labelled as {'the note' if e.reading else 'a reading'}")
        if f"{{ #{e.id} }}" not in (edits if e.group == "edits" else errors):
            problems.append(f"{e.id}: not in its group")
    return problems


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_readings_are_labelled_and_notation_is_apart(net, lang):
    text = (DOCS / lang / "errata.md").read_text(encoding="utf-8")
    entries = errata(net)
    assert {e.id for e in entries if e.reading} == {"chain-factor-order", "relu-derivative-display"}
    assert label_problems(text, lang, entries) == []
    relabelled = text.replace(READ[lang], NOTE_LABEL[lang], 1)
    assert label_problems(relabelled, lang, entries) == ["relu-derivative-display: labelled as the note"]
    relabelled = text.replace(NOTE_LABEL[lang], READ[lang], 1)
    assert label_problems(relabelled, lang, entries) == ["h-vector-notation: labelled as a reading"]
    first = text.index("{ #chain-factor-order }")
    section = text[text.rindex("\n", 0, first):text.index("\n### ", first)]
    back = text.replace(section, "").replace(EDITS[lang], section.replace("### ", "## ") + "\n\n" + EDITS[lang])
    assert label_problems(back, lang, entries) == ["chain-factor-order: not in its group"]


def names_dh_entries_as_upstream(text, lang):
    """Whether the derivation page's sentence before (18) gives (10) as the upstream gradient, as the errata say."""
    return {"ko": "상류 기울기는 [(10)](#eq-10)이고", "en": "The upstream gradient is [(10)](#eq-10) and"}[lang] in text


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_derivation_names_the_upstream_the_errata_name(lang):
    text = (DOCS / lang / "derivation.md").read_text(encoding="utf-8")
    assert names_dh_entries_as_upstream(text, lang)
    assert not names_dh_entries_as_upstream(text.replace("[(10)](#eq-10)", "[(11)](#eq-11)"), lang)
