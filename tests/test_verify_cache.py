"""The verification cache (gen/verifycache.py): what was verified is reused while nothing it depends on has
changed; each kind of change is a new key; an entry that cannot be trusted whole is verified again and
rewritten; several writers at once leave whole entries; `--no-cache` verifies everything.

The note is the derivation used where one is verified for real (it verifies fastest)."""

import dataclasses
import multiprocessing
import shutil

import pytest

import gen.cli
import gen.derivations
from gen import verifycache
from gen.derivations import discover, named
from gen.pipeline import generate, verify_all
from gen.verifycache import VerifyCache


def counting(derivation, calls):
    """The derivation with its verify stage counted."""
    def verify(computed):
        calls.append(derivation.name)
        return derivation.verify(computed)
    return dataclasses.replace(derivation, verify=verify)


@pytest.fixture
def note_counted():
    calls = []
    return counting(named("note"), calls), calls


def test_a_second_run_accepts_the_entry_and_gives_the_same_pages(tmp_path, note_counted):
    note, calls = note_counted
    derivations = [note if d.name == "note" else d for d in discover()]
    cache = VerifyCache(tmp_path / "cache")
    first = generate(derivations, only={"note"}, cache=cache)
    assert calls == ["note"] and len(list((tmp_path / "cache").glob("note-*.json"))) == 1
    second = generate(derivations, only={"note"}, cache=cache)
    assert calls == ["note"]  # not verified again
    assert second == first
    # docs/ as committed (tests/test_pages.py: what a verification from scratch gives)
    assert first == {name: (gen.cli.ROOT / "docs" / name).read_text(encoding="utf-8") for name in first}


def test_every_kind_of_input_is_in_the_key(tmp_path, monkeypatch):
    """The examples file, the derivation's own files, the engine's code, sympy's and numpy's versions change
    the key; another derivation's files, templates and compiled code do not."""
    tree = tmp_path / "gen"
    shutil.copytree(verifycache.GEN, tree, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(verifycache, "GEN", tree)
    note = dataclasses.replace(named("note"), folder=tree / "derivations" / "note")
    examples = tmp_path / "examples.yml"
    shutil.copyfile(note.default_examples, examples)
    base = verifycache.key(note, examples)
    assert verifycache.key(note, examples) == base

    def changed(path, text="\n# changed\n"):
        """The key with `text` added to `path`, then `path` as it was."""
        old = path.read_bytes()
        path.write_bytes(old + text.encode())
        try:
            return verifycache.key(note, examples)
        finally:
            path.write_bytes(old)

    mattering = [examples, tree / "derivations" / "note" / "steps.py", tree / "derivations" / "note" / "examples.yml",
                 tree / "checking.py", tree / "ops" / "__init__.py", tree / "glossary.yml"]
    keys = [changed(path) for path in mattering]
    assert base not in keys and len(set(keys)) == len(keys), [p.name for p, k in zip(mattering, keys) if k == base]
    template = next((tree / "derivations" / "note" / "templates").rglob("*.j2"))
    (tree / "derivations" / "note" / "__pycache__").mkdir()
    (tree / "derivations" / "note" / "__pycache__" / "steps.cpython-311.pyc").write_bytes(b"compiled")
    for path in (tree / "derivations" / "two_layer" / "steps.py", template, tree / "site" / "build.py"):
        assert changed(path) == base, path
    assert verifycache.key(note, examples) == base
    import numpy
    import sympy
    for module in (sympy, numpy):
        with monkeypatch.context() as m:
            m.setattr(module, "__version__", module.__version__ + ".post1")
            assert verifycache.key(note, examples) not in (base, *keys), module.__name__


ENTRY_KEY = "0" * 64
COUNTS = {"steps": 38, "proofs": {None: {"checks": 92}, "squared": {"shapes": 5}}, "name": "x"}


def test_an_entry_reads_back_exactly(tmp_path):
    cache = VerifyCache(tmp_path / "deep" / "cache")
    assert cache.get("note", ENTRY_KEY) is None  # no folder yet
    cache.put("note", ENTRY_KEY, COUNTS)
    assert cache.get("note", ENTRY_KEY) == COUNTS
    assert cache.get("svm", ENTRY_KEY) is None and cache.get("note", "1" * 64) is None
    assert [p.name for p in (tmp_path / "deep" / "cache").iterdir()] == [f"note-{ENTRY_KEY}.json"]


def test_counts_that_are_not_plain_data_are_not_kept(tmp_path):
    cache = VerifyCache(tmp_path)
    cache.put("note", ENTRY_KEY, {"steps": object()})
    assert cache.get("note", ENTRY_KEY) is None and not list(tmp_path.iterdir())


def test_counts_keyed_by_named_tuples_are_kept_and_found_by_them(tmp_path):
    """conv keys its proofs by Window(pad, stride): kept as plain tuples, which are equal to the named ones."""
    from collections import namedtuple
    Window = namedtuple("Window", "pad stride")
    counts = {"proofs": {Window(0, 1): {"checks": 44}, Window(1, 2): {"checks": 21}}, "examples": 12}
    cache = VerifyCache(tmp_path)
    cache.put("conv", ENTRY_KEY, counts)
    kept = cache.get("conv", ENTRY_KEY)
    assert kept == counts and kept["proofs"][Window(1, 2)] == {"checks": 21}


def test_an_unwritable_folder_only_means_no_entry(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    cache = VerifyCache(tmp_path / "file" / "cache")
    cache.put("note", ENTRY_KEY, COUNTS)  # raises nothing
    assert cache.get("note", ENTRY_KEY) is None


def entry(**fields):
    """An entry's text: the whole one for COUNTS, with `fields` replaced (None drops one)."""
    import json
    whole = {"format": verifycache.FORMAT, "kind": "note", "key": ENTRY_KEY, "payload": repr(COUNTS), **fields}
    return json.dumps({k: v for k, v in whole.items() if v is not None})


BAD = {
    "half-written": entry()[:len(entry()) // 2],
    "empty": "",
    "not-json": "\x00\x01 garbage",
    "a-list": "[1, 2]",
    "other-format": entry(format=verifycache.FORMAT + 1),
    "other-key": entry(key="f" * 64),
    "other-derivation": entry(kind="svm"),
    "counts-not-literal": entry(payload="__import__('os').getcwd()"),
    "counts-not-a-dict": entry(payload="[1, 2]"),
    "counts-cut": entry(payload=repr(COUNTS)[:-3]),
    "no-counts": entry(payload=None),
}


def test_an_entry_that_is_not_utf8_is_a_miss(tmp_path):
    (tmp_path / f"note-{ENTRY_KEY}.json").write_bytes(b"\xff\xfe" + entry().encode("utf-8"))
    assert VerifyCache(tmp_path).get("note", ENTRY_KEY) is None


@pytest.mark.parametrize("kind", BAD)
def test_an_entry_that_cannot_be_trusted_is_a_miss(tmp_path, kind):
    cache = VerifyCache(tmp_path)
    path = tmp_path / f"note-{ENTRY_KEY}.json"
    path.write_text(BAD[kind], encoding="utf-8")
    assert cache.get("note", ENTRY_KEY) is None
    cache.put("note", ENTRY_KEY, COUNTS)  # rewritten whole
    assert cache.get("note", ENTRY_KEY) == COUNTS


def test_a_corrupt_entry_is_verified_again_and_rewritten(tmp_path, note_counted):
    note, calls = note_counted
    cache = VerifyCache(tmp_path)
    first = verify_all([note], cache=cache)["note"]
    (entry,) = tmp_path.glob("note-*.json")
    good = entry.read_text(encoding="utf-8")
    entry.write_text(good[:len(good) // 2], encoding="utf-8")  # as if the writer had stopped half-way
    again = verify_all([note], cache=cache)["note"]
    assert calls == ["note", "note"] and again.counts == first.counts
    assert entry.read_text(encoding="utf-8") == good
    assert verify_all([note], cache=cache)["note"].counts == first.counts and calls == ["note", "note"]


def _writer(folder, rounds, start):
    start.wait()
    cache = VerifyCache(folder)
    for n in range(rounds):
        cache.put("note", ENTRY_KEY, {**COUNTS, "pad": "x" * 200_000})


def test_writers_at_once_leave_a_whole_entry(tmp_path):
    """Four processes write the same large entry over and over while this one reads it: every read is
    either no entry yet or the whole entry; nothing is left beside it."""
    context = multiprocessing.get_context("fork")
    start = context.Event()
    writers = [context.Process(target=_writer, args=(tmp_path, 60, start)) for _ in range(4)]
    for w in writers:
        w.start()
    cache, seen = VerifyCache(tmp_path), []
    start.set()
    while any(w.is_alive() for w in writers):
        seen.append(cache.get("note", ENTRY_KEY))
    for w in writers:
        w.join()
        assert w.exitcode == 0
    want = {**COUNTS, "pad": "x" * 200_000}
    assert all(s is None or s == want for s in seen) and want in seen
    assert cache.get("note", ENTRY_KEY) == want
    assert [p.name for p in tmp_path.iterdir()] == [f"note-{ENTRY_KEY}.json"]


def test_the_command_line_keeps_entries_and_no_cache_verifies(tmp_path, monkeypatch):
    calls = []
    real = gen.derivations.discover
    monkeypatch.setattr(gen.derivations, "discover", lambda: [counting(d, calls) for d in real()])
    monkeypatch.setenv(verifycache.ENV, str(tmp_path / "cache"))
    argv = ["--derivation", "note", "--check", "-q"]
    assert gen.cli.main(argv) == 0 and calls == ["note"]
    assert len(list((tmp_path / "cache").glob("note-*.json"))) == 1
    assert gen.cli.main(argv) == 0 and calls == ["note"]  # from the entry
    assert gen.cli.main([*argv, "--no-cache"]) == 0 and calls == ["note", "note"]


def test_the_folder_is_the_projects_unless_the_environment_names_one(tmp_path, monkeypatch):
    monkeypatch.delenv(verifycache.ENV, raising=False)
    assert verifycache.folder(tmp_path) == tmp_path / ".verify-cache"
    gitignore = (gen.cli.ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"/{verifycache.FOLDER}/" in gitignore
    monkeypatch.setenv(verifycache.ENV, str(tmp_path / "elsewhere"))
    assert verifycache.folder(tmp_path) == tmp_path / "elsewhere"


def test_this_run_verifies_from_scratch(_run_verify_cache, verify_memo):
    """The suite uses a cache of this run only (tests/conftest.py), started empty: no entry of the project's
    folder or of an earlier run is ever accepted by a test; the session's results are those it keeps."""
    import os
    assert os.environ[verifycache.ENV] == str(_run_verify_cache)
    assert _run_verify_cache.resolve() != (gen.cli.ROOT / verifycache.FOLDER).resolve()
    assert verify_memo.keys() == {d.name for d in discover()}
    for d in discover():
        entry = VerifyCache(_run_verify_cache).get(d.name, verifycache.key(d, d.default_examples))
        assert entry == verify_memo[d.name][1].counts, d.name
