"""The rendered files' cache (gen/pagecache.py): a run in which nothing a derivation's files are made from
changed takes them from the entry, neither computing, verifying nor rendering; each kind of input is in the
key; an entry that cannot be trusted whole is rendered again and rewritten.

The note is the derivation used where one is generated for real."""

import dataclasses
import json
import shutil

import pytest

import gen.cli
import gen.pipeline
from gen import pagecache, verifycache
from gen.derivations import discover, named
from gen.pipeline import generate, site_context
from gen.verifycache import VerifyCache


@pytest.fixture
def rendered(monkeypatch):
    """The names of the derivations rendered by `generate`, in order."""
    calls, real = [], gen.pipeline.render_derivation

    def counting(derivation, verified, site, memo=None):
        calls.append(derivation.name)
        return real(derivation, verified, site, memo)
    monkeypatch.setattr(gen.pipeline, "render_derivation", counting)
    return calls


def test_a_second_run_renders_nothing_and_gives_the_same_files(tmp_path, rendered):
    cache = VerifyCache(tmp_path)
    first = generate(discover(), only={"note"}, cache=cache)
    assert rendered == ["note"] and len(list(tmp_path.glob("pages-note-*.json"))) == 1
    told = []
    second = generate(discover(), only={"note"}, cache=cache, report=lambda name, how: told.append((name, how)))
    assert rendered == ["note"] and second == first
    assert told == [("note", "reused (pages kept from an earlier run)")]
    assert first == {name: (gen.cli.ROOT / "docs" / name).read_text(encoding="utf-8") for name in first}


def test_without_a_cache_every_run_renders(rendered):
    generate(discover(), only={"note"})
    generate(discover(), only={"note"})
    assert rendered == ["note", "note"]


def test_every_kind_of_input_is_in_the_key(tmp_path, monkeypatch):
    """The verification's inputs, the derivation's templates, every derivation's catalog entry, the site's
    equations, gen/site/, the examples file's path and the packages' versions change the key; another
    derivation's pages and compiled code do not."""
    tree = tmp_path / "gen"
    shutil.copytree(verifycache.GEN, tree, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(verifycache, "GEN", tree)
    moved = {d.name: dataclasses.replace(d, folder=tree / "derivations" / d.folder.name) for d in discover()}
    note, site = moved["note"], site_context(list(moved.values()))
    examples = tmp_path / "examples.yml"
    shutil.copyfile(note.default_examples, examples)
    base = pagecache.key(note, examples, site)
    assert pagecache.key(note, examples, site) == base

    def changed(path, text="\n{# changed #}\n"):
        old = path.read_bytes()
        path.write_bytes(old + text.encode())
        try:
            return pagecache.key(note, examples, site)
        finally:
            path.write_bytes(old)

    two_layer = tree / "derivations" / "two_layer" / "templates"
    mattering = [examples, tree / "derivations" / "note" / "steps.py", tree / "glossary.yml",
                 tree / "derivations" / "note" / "templates" / "en" / "derivation.md.j2",
                 two_layer / "ko" / "about.md.j2", tree / "site" / "linewidth.py"]
    keys = [changed(path) for path in mattering]
    assert base not in keys and len(set(keys)) == len(keys), [p.name for p, k in zip(mattering, keys) if k == base]
    for path in (two_layer / "en" / "two-layer" / "derivation.md.j2", tree / "derivations" / "two_layer" / "steps.py"):
        assert changed(path) == base, path
    other_site = json.loads(json.dumps(site, default=str))
    other_site["equations"]["two-layer"]["dL_dW1"] = ["(99)", "two-layer/derivation.md"]
    elsewhere = tmp_path / "other.yml"
    shutil.copyfile(examples, elsewhere)
    real_version = pagecache._version
    with monkeypatch.context() as m:
        m.setattr(pagecache, "_version", lambda package: "0" if package == "jinja2" else real_version(package))
        newer_jinja = pagecache.key(note, examples, site)
    assert len({base, pagecache.key(note, examples, other_site), pagecache.key(note, elsewhere, site),
                newer_jinja, *keys}) == len(keys) + 4


@pytest.mark.parametrize("damage", ["half-written", "not-text", "other-key"])
def test_an_entry_that_cannot_be_trusted_is_rendered_again_and_rewritten(tmp_path, rendered, damage):
    cache = VerifyCache(tmp_path)
    first = generate(discover(), only={"note"}, cache=cache)
    (entry,) = tmp_path.glob("pages-note-*.json")
    good = entry.read_text(encoding="utf-8")
    data = json.loads(good)
    entry.write_text({"half-written": good[:len(good) // 2],
                      "not-text": json.dumps({**data, "payload": {"ko/index.md": 1}}),
                      "other-key": json.dumps({**data, "key": "f" * 64})}[damage], encoding="utf-8")
    assert generate(discover(), only={"note"}, cache=cache) == first and rendered == ["note", "note"]
    assert entry.read_text(encoding="utf-8") == good
    generate(discover(), only={"note"}, cache=cache)
    assert rendered == ["note", "note"]


def test_a_template_edit_renders_only_its_derivation(tmp_path, monkeypatch, rendered):
    """Two derivations cached; after an edit of one's template only that one is rendered again (and its page
    says the new words)."""
    tree = tmp_path / "svm"
    shutil.copytree(named("svm").folder, tree, ignore=shutil.ignore_patterns("__pycache__"))
    derivations = [dataclasses.replace(d, folder=tree) if d.name == "svm" else d for d in discover()]
    cache = VerifyCache(tmp_path / "cache")
    generate(derivations, only={"note", "svm"}, cache=cache)
    page = tree / "templates" / "en" / "svm" / "index.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    files = generate(derivations, only={"note", "svm"}, cache=cache)
    assert rendered == ["note", "svm", "svm"]
    assert files["en/svm/index.md"].endswith("A new closing line.\n")
