"""The command line: --check, change-only writes, --examples/--out, determinism, --help.

Full generations are slow (every derivation is verified): one real `python -m gen` (hash seed 1) is made for
the module and copied. The other runs call the command line in this process (another hash seed) with the
session's verified results (`gen.cli.main(argv, memo)`), so only what a test changes is verified again. That
docs/ is fresh is shown twice without another generation: the module's equals it byte for byte (below), and so
does the in-process one (tests/test_pages.py)."""

import os
import shutil
from pathlib import Path

import pytest

import gen.cli
from genrun import ROOT, run_gen


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def bytes_of(folder):
    return {name: content for name, (content, _) in snapshot(folder).items()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory, warm_cache):
    """One real `python -m gen --out DIR` (hash seed 1), for the tests below to copy (the verified counts from the
    run's cache: tests/conftest.py)."""
    out = tmp_path_factory.mktemp("generated") / "out"
    result = run_gen("--out", out, env={"PYTHONHASHSEED": "1"})
    assert result.returncode == 0, result.stderr
    return out


def test_output_does_not_depend_on_the_folder(generated):
    """Generated into another folder by another process, the output is docs/ byte for byte (no absolute
    paths, nothing from the run), so docs/ can be copied and checked anywhere."""
    assert bytes_of(generated) == bytes_of(ROOT / "docs")


def test_check_reports_a_stale_file_with_a_diff(generated, tmp_path, capsys, verify_memo):
    out = tmp_path / "out"
    shutil.copytree(generated, out)
    before = snapshot(out)
    page = out / "en" / "errata.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Errata", "Erata", 1), encoding="utf-8")
    (out / "ko" / "stray.md").write_text("# stray\n", encoding="utf-8")
    assert gen.cli.main(["--check", "--out", str(out)], verify_memo) == 1
    stdout, stderr = capsys.readouterr()
    assert "--- a/en/errata.md" in stdout and "+# Errata" in stdout and "-# Erata" in stdout
    assert "a/ko/stray.md" in stdout
    assert "python -m gen" in stderr
    # Nothing written, nothing removed: the stale page keeps its edit, the stray file stays.
    assert "# Erata" in page.read_text(encoding="utf-8") and set(snapshot(out)) == set(before) | {"ko/stray.md"}


def test_second_run_is_deterministic_and_writes_nothing(generated, tmp_path, capsys, verify_memo):
    """This process (its own random hash seed; the module's generation had seed 1) finds every file already as
    it would write it, and touches none."""
    assert os.environ.get("PYTHONHASHSEED") != "1", "this test compares a run with hash seed 1 against this process"
    out = tmp_path / "out"
    shutil.copytree(generated, out)
    before = snapshot(out)
    assert gen.cli.main(["--out", str(out)], verify_memo) == 0
    assert "0 written, 0 removed" in capsys.readouterr().out
    assert snapshot(out) == before and len(before) >= 11


def test_examples_and_out_leave_docs_alone(tmp_path, verify_memo):
    before = snapshot(ROOT / "docs")
    examples = tmp_path / "ex.yml"
    examples.write_text("examples:\n  - id: only-one\n    X: [[1, 0.5], [2, -1]]\n"
                        "    W1: [[1], [3]]\n    W2: [[0.25, -3]]\n", encoding="utf-8")
    assert gen.cli.main(["--examples", str(examples), "--out", str(tmp_path / "o")], verify_memo) == 0
    assert snapshot(ROOT / "docs") == before
    text = (tmp_path / "o" / "data" / "worked-examples.json").read_text(encoding="utf-8")
    assert '"id": "only-one"' in text and '"W2": [[0.25, -3]]' in text
    assert (tmp_path / "o" / "ko" / "examples.md").is_file()


def test_help_explains_everything():
    result = run_gen("--help")
    assert result.returncode == 0
    for word in ("--check", "--examples", "--out", "build", "serve", "Exit status"):
        assert word in result.stdout


def test_verification_failure_is_one_line(tmp_path, monkeypatch, outputs, verify_memo):
    """A failed equation stops generation naming it, exit 3, nothing written. The note is verified here (not
    kept by the session, not taken from the cache: --no-cache); the other derivations come from the session."""
    import gen.derivations.note as note
    from gen.derivations import discover
    from gen.errors import VerificationError

    def broken(*_):
        raise VerificationError("(32)", "line 3 differs")

    monkeypatch.setattr(note, "verify_steps", broken)
    out = tmp_path / "o"
    others = {name: kept for name, kept in verify_memo.items() if name != "note"}
    assert others.keys() == {d.name for d in discover()} - {"note"}
    assert gen.cli.main(["--out", str(out), "--no-cache"], others) == 3
    assert not out.exists()
