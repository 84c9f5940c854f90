"""What is printed is what is proven: every page's display math read back from the Markdown the generator wrote and
checked, with code that shares nothing with the generator (tests/readback).

Every `=` chain of every page, in both languages, is split into its members; each member is read and evaluated at
points of the derivation's network, written out afresh (tests/readback/models.py): a page of symbols at random
rational points of each scenario (loss, ReLU case, padding and stride), a worked example at its own inputs as the
page states them. Each member must equal the chain's reference, the left side where the network gives it a value
(∂L/∂·, ∂A/∂B and every named value are computed, not read): exactly where exact, and a number shown rounded
must be the value rounded to 6 significant digits. The errata page's quotations of the note must be wrong, its
corrections right.

What cannot be read (a case brace, a prime, d/da, the chain rule written as a product of Jacobians) is skipped,
counted and listed; each page must have at least its fixed number of chains checked and at most a small share of
its members skipped, so that the test cannot pass by reading nothing.
"""

import re
import subprocess
from functools import lru_cache

import pytest

from tests.readback.pages import DOCS, read_back

SKIPPED_SHARE = 0.15
"""At most this share of a page's members may be unreadable."""

MINIMUM = {
    "derivation.md": 60, "examples.md": 110, "shapes.md": 18, "errata.md": 12,
    "two-layer/derivation.md": 42, "two-layer/examples.md": 54, "two-layer/index.md": 4,
    "batchnorm/derivation.md": 18, "batchnorm/examples.md": 42, "batchnorm/index.md": 4,
    "svm/derivation.md": 9, "svm/examples.md": 18, "svm/index.md": 4,
    "conv/derivation.md": 9, "conv/examples.md": 30, "conv/index.md": 2,
    "rnn/derivation.md": 25, "rnn/examples.md": 44, "rnn/index.md": 2,
}
"""Chains that must be checked (hold, or for the errata page be refuted) on each page, in each language: a little
under what the pages have, so that a page that loses its math, or whose math stops being read, fails."""


def pages(lang):
    found = [p for p in sorted((DOCS / lang).rglob("*.md")) if "\n$$\n" in p.read_text(encoding="utf-8")]
    assert {key(p) for p in found} == set(MINIMUM), "a page with display math and no minimum, or one gone"
    return found


def key(path):
    return path.relative_to(DOCS).as_posix().split("/", 1)[1]


@lru_cache(maxsize=None)
def results(path):
    return read_back(path)


def counts(found):
    """(chains, chains checked, members compared, members skipped) of a page's results."""
    checked = [r for r in found if r.verdict in ("holds", "refuted")]
    members = sum(len(r.chain.members) for r in found if r.verdict != "given")
    return len(found), len(checked), sum(r.checked for r in found), sum(len(r.skipped) for r in found), members


def problems(path, found):
    """Everything wrong with a page's read-back: a chain that does not hold, too little checked, too much skipped."""
    out = [f"{path.name}:{r.chain.line} ({r.chain.tag or 'no tag'}): {r.why}: "
           f"{' = '.join(m[:80] for m in r.chain.members)}" for r in found if r.verdict == "wrong"]
    chains, checked, _, skipped, members = counts(found)
    if checked < MINIMUM[key(path)]:
        out.append(f"{key(path)}: {checked} chains checked, fewer than {MINIMUM[key(path)]}")
    if members and skipped > SKIPPED_SHARE * members:
        out.append(f"{key(path)}: {skipped} of {members} members skipped")
    return out


def report(path, found):
    chains, checked, compared, skipped, _ = counts(found)
    print(f"\n{path.relative_to(DOCS)}: {chains} chains, {checked} checked, {compared} members compared, "
          f"{skipped} skipped")
    for r in found:
        for tex, why in r.skipped:
            print(f"    skipped {path.name}:{r.chain.line}: {tex[:70]} ({why})")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chain_of_every_page_holds(lang):
    """Each page of the language read back; every chain holds (each failing page named with its problems)."""
    failing = {}
    for path in pages(lang):
        found = results(path)
        report(path, found)
        if problems(path, found):
            failing[key(path)] = problems(path, found)
    assert failing == {}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_in_all(lang):
    totals(pages(lang))


def totals(paths):
    rows = [counts(results(p)) for p in paths]
    chains, checked, compared, skipped, members = (sum(column) for column in zip(*rows))
    print(f"\n{len(paths)} pages: {chains} chains, {checked} checked, {compared} members compared, {skipped} of "
          f"{members} members skipped")
    assert checked >= sum(MINIMUM.values()) and skipped <= 0.05 * members


# The read-back catches what it is for. Each test changes a page's text the way a printer could go wrong.

def mutated(path, old, new, near=None):
    """The page's text with `old` replaced by `new` once (in the first line containing `near`, if given)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(k for k, line in enumerate(lines) if old in line and (near is None or near in line))
    lines[at] = lines[at].replace(old, new, 1)
    return "\n".join(lines), at + 1


def wrong_lines(path, text):
    return {r.chain.line for r in read_back(path, text) if r.verdict == "wrong"}


def block_of(text, line):
    """The line where the display block holding `line` opens (its opening `$$`)."""
    marks = [k + 1 for k, row in enumerate(text.split("\n")) if row == "$$"]
    return max(opening for opening in marks[::2] if opening < line)


def test_the_read_back_catches_a_weight_named_by_its_matrix_position():
    """shapes.md once named W₂'s entries w_{11}, w_{12} where the note's convention has w_{21}, w_{22}: one such
    name in the line of ∂L/∂h₁ is reported, and only that chain."""
    path = DOCS / "ko" / "shapes.md"
    text, line = mutated(path, "w_{21}", "w_{12}", near=r"\left(\frac{\partial L}{\partial y}\right)_{11} w_{21}")
    assert wrong_lines(path, text) == {block_of(text, line)}
    assert wrong_lines(path, path.read_text(encoding="utf-8")) == set()


def test_the_read_back_catches_every_wrong_line_of_the_page_as_once_committed():
    """The page before the fix (commit 2157d75) named W₁'s entry w_{21} in the lines of x and W₂'s w_{11}, w_{12}
    in those of h: each of those chains (and the general lines ∂L/∂h_i, ∂L/∂x_{ik} they sit under) is reported."""
    path = DOCS / "ko" / "shapes.md"
    old = subprocess.run(["git", "show", "2157d75:docs/ko/shapes.md"], cwd=DOCS.parent, capture_output=True,
                         text=True, encoding="utf-8")
    if old.returncode:
        pytest.skip("the history before the fix is not in this checkout")
    wrong = [r.chain.members[0] for r in read_back(path, old.stdout) if r.verdict == "wrong"]
    assert sorted(wrong) == sorted([r"\frac{\partial L}{\partial h_{%s}}" % i for i in ("i", 1, 2)]
                                   + [r"\frac{\partial L}{\partial x_{%s}}" % i for i in ("ik", 12, 22)])


def test_a_negated_product_keeps_the_brackets_of_its_entrywise_factor():
    """The printer's fix for (BN 13): −𝟏ᵀ (A ⊙ B), not −𝟏ᵀ A ⊙ B (which reads as (−𝟏ᵀ A) ⊙ B)."""
    import sympy as sp
    from gen.matexpr import ones
    from gen.notation import Printer
    a, b = sp.MatrixSymbol("A", 3, 2), sp.MatrixSymbol("B", 3, 2)
    product = sp.MatMul(ones(3).T, sp.HadamardProduct(a, b))
    assert Printer().doprint(-product) == r"- \mathbf{1}^{T} \left(A \odot B\right)"
    assert Printer().doprint(product) == r"\mathbf{1}^{T} \left(A \odot B\right)"


@pytest.mark.parametrize("old, new, near", [
    ("&= 82", "&= 83", None),                                              # an exact result, one digit off
    ("\\begin{bmatrix}82 & -164\\end{bmatrix}", "\\begin{bmatrix}82 & -165\\end{bmatrix}", "&= "),
])
def test_the_read_back_catches_a_wrong_number_in_a_worked_example(old, new, near):
    path = DOCS / "en" / "examples.md"
    text, line = mutated(path, old, new, near)
    assert wrong_lines(path, text) == {block_of(text, line)}


def test_the_read_back_catches_a_rounded_number_off_in_its_last_digit():
    """A value that is not rational is shown to 6 significant digits: 0.419975 for 0.4199743… is caught."""
    path = DOCS / "ko" / "rnn" / "examples.md"
    text, line = mutated(path, "0.419974", "0.419975", near="&= ")
    assert wrong_lines(path, text) == {block_of(text, line)}


def test_the_read_back_catches_a_product_that_lost_its_brackets():
    """(BN 13) was printed −𝟏ᵀ A ⊙ B ⊙ C where the product is −𝟏ᵀ (A ⊙ B ⊙ C): read as printed it is wrong."""
    path = DOCS / "en" / "batchnorm" / "derivation.md"
    fixed = (r"- \mathbf{1}^{T} \left(\frac{1}{\left(\sqrt{\sigma^{2} + \varepsilon}\right)^{2}} \odot "
             r"\left(X - \mu\right) \odot \frac{\partial L}{\partial \hat{x}}\right)\right)")
    printed = (r"- \mathbf{1}^{T} \frac{1}{\left(\sqrt{\sigma^{2} + \varepsilon}\right)^{2}} \odot "
               r"\left(X - \mu\right) \odot \frac{\partial L}{\partial \hat{x}}\right)")
    text, line = mutated(path, fixed, printed)
    assert wrong_lines(path, text) == {block_of(text, line)}


def test_the_read_back_catches_a_lost_transpose_in_a_line_of_symbols():
    path = DOCS / "ko" / "two-layer" / "derivation.md"
    text, line = mutated(path, r"= h^{T} \frac{\partial L}{\partial y}", r"= h \frac{\partial L}{\partial y}")
    assert wrong_lines(path, text) == {block_of(text, line)}


def test_a_case_line_is_read_in_the_case_the_page_states():
    """(26) and (27) drop the term of z₂ and are right where z₂ ≤ 0; stated for z₂ > 0, both are reported. The same
    for (13), ∂h₂/∂z = [0; 0], when the list of cases names it for z₂ > 0."""
    path = DOCS / "en" / "derivation.md"
    page = path.read_text(encoding="utf-8")
    right, wrong = r"Case 2: $z_{1} > 0,\ z_{2} \leq 0$", r"Case 2: $z_{1} > 0,\ z_{2} > 0$"
    assert f"\n{right}\n" in page and f"- {right} — equation [(13)]" in page
    tags = {r.chain.tag for r in read_back(path, page.replace(f"\n{right}\n", f"\n{wrong}\n"))
            if r.verdict == "wrong"}
    assert tags == {"26", "27"}
    tags = {r.chain.tag for r in read_back(path, page.replace(f"- {right}", f"- {wrong}")) if r.verdict == "wrong"}
    assert tags == {"13"}


def test_the_errata_pages_quotations_must_be_wrong():
    """A quotation of the note that held would be reported: here the corrected line is put in its place."""
    path = DOCS / "en" / "errata.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(r"\left(2 y\right) h", r"2 h^{T} y", 1)
    assert len(wrong_lines(path, text)) == 1


def test_a_page_whose_math_is_not_read_fails():
    """If the reader met only notation it does not know, the page would check nothing: that is a failure."""
    path = DOCS / "en" / "svm" / "derivation.md"
    text = re.sub(r"\\frac", r"\\dfrac", path.read_text(encoding="utf-8"))
    found = read_back(path, text)
    assert any("fewer than" in p for p in problems(path, found))
    assert any("members skipped" in p for p in problems(path, found))
