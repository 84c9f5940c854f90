"""`serve` keeps each derivation's verified results while what they come from is unchanged: a template edit
re-renders without verifying again; a changed examples file verifies again."""

import dataclasses
import shutil

from gen.derivations import discover, named
from gen.pipeline import generate
from genrun import ROOT


def counting(derivation, calls):
    """The derivation with its verify stage counted."""
    def verify(computed):
        calls.append(derivation.name)
        return derivation.verify(computed)
    return dataclasses.replace(derivation, verify=verify)


def test_unchanged_inputs_are_not_verified_again(outputs):
    """The note alone (the memo is the engine's, the same for every derivation; the note verifies fastest)."""
    calls = []
    derivations = [counting(d, calls) for d in discover()]
    memo = {}
    first = generate(derivations, only={"note"}, memo=memo)
    assert first and first.items() <= outputs.items() and calls == ["note"]
    assert generate(derivations, only={"note"}, memo=memo) == first  # the same pages, from the kept results
    assert calls == ["note"]


def test_a_changed_examples_file_is_verified_again(tmp_path):
    calls = []
    derivations = [counting(d, calls) if d.name == "note" else d for d in discover()]
    examples = tmp_path / "examples.yml"
    shutil.copyfile(named("note", derivations).default_examples, examples)
    memo = {}
    first = generate(derivations, {"note": examples}, {"note"}, memo=memo)
    examples.write_text(examples.read_text(encoding="utf-8").replace("W2: [[1, -2]]", "W2: [[1, -3]]", 1),
                        encoding="utf-8")
    second = generate(derivations, {"note": examples}, {"note"}, memo=memo)
    assert calls == ["note", "note"]
    assert first != second


def test_serve_re_renders_the_first_edit_from_what_its_start_verified(tmp_path, monkeypatch):
    """`python -m gen serve` generates once at the start; the first change (a template edit, say) and every
    later one re-render from those verified results unless the numbers' files changed."""
    import gen.cli
    import gen.derivations
    import gen.site

    calls, rebuilt = [], []
    real = gen.derivations.discover
    monkeypatch.setattr(gen.derivations, "discover", lambda: [counting(d, calls) for d in real()])
    monkeypatch.setattr(gen.cli, "ROOT", tmp_path)
    monkeypatch.setenv("GEN_VERIFY_CACHE", str(tmp_path / "cache"))  # an empty cache: the start verifies
    monkeypatch.setattr(gen.site, "serve", lambda root, regenerate, **k: rebuilt.extend([regenerate(), regenerate()]))
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    assert gen.cli.main(["serve", "--derivation", "note", "-q"]) == 0
    assert rebuilt == [[], []] and calls == ["note"]  # nothing changed in docs/, and nothing verified again
