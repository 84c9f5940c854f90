"""A derivation added through the public API only (tests/fixtures/affine, written as the README says):
the engine reads its examples, verifies its steps, renders both languages and writes its data."""

import dataclasses
import json

import pytest
import sympy as sp

from gen.errors import VerificationError
from gen.pipeline import generate
from gen.statements import Part
from tests.fixtures.affine import DECLARATION, derivation


@pytest.fixture(scope="module")
def outputs():
    return generate([derivation()])


def test_every_file_of_a_declared_derivation(outputs):
    pages = {f"{lang}/affine/{p}.md" for lang in ("ko", "en") for p in ("index", "derivation", "examples")}
    figures = {f"{lang}/affine/figures/graph.svg" for lang in ("ko", "en")}
    assert set(outputs) == pages | figures | {"data/affine.json"}


def test_the_engine_supplies_equations_numbers_and_links(outputs):
    text = outputs["en/affine/derivation.md"]
    assert r"\frac{\partial L}{\partial W} = X^{T} \frac{\partial L}{\partial y}" in text
    assert r"\frac{\partial L}{\partial b} = \mathbf{1}^{T} \frac{\partial L}{\partial y}" in text
    assert [f"\\tag{{{n}}}" in text for n in range(1, 5)] == [True] * 4
    assert "[data](../data/affine.json)" in outputs["ko/affine/examples.md"]
    (example,) = json.loads(outputs["data/affine.json"])["examples"]
    # y = X W + b = [[0.5 - 4 + 1], [1.5 + 2 + 1]]; ∂L/∂W = Xᵀ G = [[1 - 3], [2 + 1]]; ∂L/∂b = Σ G = 0
    assert example["y"] == [[-2.5], [4.5]] and example["dL_dW"] == [[-2], [3]] and example["dL_db"] == [0]
    assert int(outputs["en/affine/index.md"].split()[-1]) > 0


def test_a_wrong_step_stops_it():
    d = derivation()
    good = d.compute(d.default_examples)
    step = next(s for s in good.steps if s.name == "dL_dW")
    part = step.parts[0]
    wrong = dataclasses.replace(step, parts=(Part(part.lhs, (sp.MatMul(2, part.lines[0]),), part.claim),))
    bad = dataclasses.replace(good, steps=tuple(wrong if s is step else s for s in good.steps))
    with pytest.raises(VerificationError, match=r"equation \(2\) failed"):
        d.verify(bad)
    with pytest.raises(VerificationError, match=r"equation \(2\) of affine failed verification: line 1 of "
                                                r".* at N = 1, D = 1, C = 1$"):
        generate([dataclasses.replace(d, compute=lambda path: bad)])


def test_declaration_is_all_the_derivation_holds():
    assert DECLARATION.pages == ("index.md", "derivation.md", "examples.md")
    assert derivation().pages == tuple(f"affine/{p}" for p in DECLARATION.pages)


def test_the_readme_declares_the_same_derivation(tmp_path):
    """The README's example, run as it stands (in the fixture's folder), verifies the fixture's examples."""
    import re
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a derivation", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = "\n".join(line[3:] if line.startswith("   ") else line for line in code.splitlines())
    scope = {"__file__": str(DECLARATION.folder / "__init__.py")}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the project's own README
    d = scope["derivation"]()
    verified = d.verify(d.compute(d.default_examples))
    assert verified.counts["proofs"][None]["checks"] > 0 and verified.counts["examples"] == 4
