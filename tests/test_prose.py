"""Prose checks on the generated pages: equation references are links to the equation with that tag,
quotes of the note are the note's words, and no result formula is typed into a template."""

import re
from pathlib import Path

import pytest
import yaml

from gen.numwords import words

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TEMPLATES = ROOT / "gen" / "derivations" / "note" / "templates"
SEED = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
PAGES = sorted(p for lang in ("ko", "en") for p in (DOCS / lang).rglob("*.md"))
LINK = re.compile(r"\[\(([0-9A-Z]+)\)\]\(((?:\.\./)?[a-z/-]*\.md)?#eq-([0-9A-Za-z]+)\)")


def anchors(text):
    """Anchor id → the tag of the display that follows it."""
    found = {}
    for m in re.finditer(r'<span id="(eq-[^"]+)"></span>\s*\$\$(.*?)\$\$', text, re.S):
        tag = re.search(r"\\tag\{([^}]*)\}\s*$", m.group(2))
        found[m.group(1)] = tag.group(1) if tag else None
    return found


def references(text):
    return [(m.group(1), m.group(2), m.group(3)) for m in LINK.finditer(text)]


def bare_references(text):
    """`(24)`-style references in prose that are not links (math, quotes, headings and links removed; a function's
    argument, as in ReLU′(0), is not a reference)."""
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"<svg.*?</svg>", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]*\$", " ", text)
    text = re.sub(r"“[^”]*”", " ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"^#.*$", " ", text, flags=re.M)
    text = LINK.sub(" ", text)
    return re.findall(r"(?<![\w′'])\((?:[0-9]+|S[0-9])\)", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_reference_points_at_its_equation(page):
    for label, target, anchor in references(page.read_text(encoding="utf-8")):
        assert anchor == label, f"{page.name}: link text ({label}) points at #eq-{anchor}"
        destination = page.parent / target if target else page
        assert anchors(destination.read_text(encoding="utf-8")).get(f"eq-{anchor}") == label, (
            f"{page.name}: ({label}) → {target}#eq-{anchor} is not the equation tagged ({label})")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_unlinked_equation_references(page):
    assert bare_references(page.read_text(encoding="utf-8")) == []


def test_every_tagged_equation_has_an_anchor():
    for lang in ("ko", "en"):
        text = (DOCS / lang / "derivation.md").read_text(encoding="utf-8")
        found = anchors(text)
        assert len(found) == 38 and all(f"eq-{tag}" == key for key, tag in found.items())
        assert len(references(text)) > 30


def test_checks_catch_broken_references():
    page = '<span id="eq-6"></span>\n\n$$\nx\n\\tag{6}\n$$\n'
    assert anchors(page) == {"eq-6": "6"}
    assert references("see [(7)](#eq-6)") == [("7", None, "6")]
    assert bare_references("see (24) and [(6)](#eq-6), “(24), (25)사용”, $f(1)$") == ["(24)"]


@pytest.mark.skipif(not SEED, reason="the source note (../shared/seed) is not beside this checkout")
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_quotes_of_the_note_are_verbatim(lang):
    note = re.sub(r"\s+", " ", SEED[0].read_text(encoding="utf-8"))
    text = (DOCS / lang / "errata.md").read_text(encoding="utf-8")
    quotes = [q for q in re.findall(r"“([^”]*)”", text) if q.strip()]
    assert len(quotes) >= 8
    for quote in quotes:
        assert re.sub(r"\s+", " ", quote) in note, quote


def test_no_result_formula_typed_in_templates():
    """Formulas the generator prints (2 hᵀ y, Xᵀ(… ⊙ 1[z > 0]), …) come from the context, never the template."""
    from gen.derivations.note.context import formulas
    from gen.derivations.note.network import network
    typed = [v for v in formulas(network()).values() if len(v) > 3] + [r"2 X^{T} y W_2^{T}"]
    assert r"2 h^{T} y" in typed
    for template in sorted(TEMPLATES.rglob("*.j2")):
        text = template.read_text(encoding="utf-8")
        for formula in typed:
            assert formula not in text, f"{template.name} types {formula!r}"


def test_example_counts_come_from_the_data():
    examples = yaml.safe_load((ROOT / "gen" / "derivations" / "note" / "examples.yml").read_text(encoding="utf-8"))
    n = len(examples["examples"])
    en = (DOCS / "en" / "index.md").read_text(encoding="utf-8")
    ko = (DOCS / "ko" / "index.md").read_text(encoding="utf-8")
    assert f"{words(n)} examples" in en and "one example per case" not in en
    assert f"예제 {n}개" in ko


def test_korean_pages_gloss_the_notes_english_terms_once():
    terms = yaml.safe_load((ROOT / "gen" / "glossary.yml").read_text(encoding="utf-8"))
    text = (DOCS / "ko" / "derivation.md").read_text(encoding="utf-8")
    for key in ("upstream", "local", "downstream"):
        gloss = f'{terms[key]["ko"]}(<span lang="en">{terms[key]["en"]}</span>)'
        assert text.count(gloss) == 1
        assert text.index(gloss) <= text.index(terms[key]["ko"])


def test_figure_rules_are_printed_from_the_ops():
    from gen.derivations.note.figures.rules import backward_rule
    labels = yaml.safe_load((ROOT / "gen" / "derivations" / "note" / "figures" / "labels.yml").read_text(encoding="utf-8"))
    assert "rules" not in labels["symbols"]
    assert backward_rule("W1", "z") == "∂L/∂W₁ = Xᵀ · ∂L/∂z"
    assert backward_rule("h", "y") == "∂L/∂h = ∂L/∂y · W₂ᵀ"
    assert backward_rule("y", "L") == "∂L/∂y = ∂L/∂L · 2y"
