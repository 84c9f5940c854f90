"""The command line: --check, change-only writes, --examples/--out, determinism, --help."""

import shutil
from pathlib import Path

from genrun import ROOT, run_gen


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def test_committed_docs_are_fresh():
    result = run_gen("--check")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr


def test_check_reports_a_stale_file_with_a_diff(tmp_path):
    out = tmp_path / "out"
    assert run_gen("--out", out).returncode == 0
    page = out / "en" / "errata.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Errata", "Erata", 1), encoding="utf-8")
    (out / "ko" / "stray.md").write_text("# stray\n", encoding="utf-8")
    result = run_gen("--check", "--out", out)
    assert result.returncode == 1
    assert "--- a/en/errata.md" in result.stdout and "+# Errata" in result.stdout and "-# Erata" in result.stdout
    assert "a/ko/stray.md" in result.stdout
    assert "python -m gen" in result.stderr


def test_second_run_writes_nothing(tmp_path):
    out = tmp_path / "out"
    assert run_gen("--out", out).returncode == 0
    before = snapshot(out)
    result = run_gen("--out", out)
    assert result.returncode == 0 and "0 written, 0 removed" in result.stdout
    assert snapshot(out) == before


def test_deterministic(tmp_path):
    assert run_gen("--out", tmp_path / "a").returncode == 0
    assert run_gen("--out", tmp_path / "b").returncode == 0
    a = {k: v[0] for k, v in snapshot(tmp_path / "a").items()}
    b = {k: v[0] for k, v in snapshot(tmp_path / "b").items()}
    assert a == b and len(a) >= 11


def test_examples_and_out_leave_docs_alone(tmp_path):
    before = snapshot(ROOT / "docs")
    examples = tmp_path / "ex.yml"
    examples.write_text("examples:\n  - id: only-one\n    X: [[1, 0.5], [2, -1]]\n"
                        "    W1: [[1], [3]]\n    W2: [[0.25, -3]]\n", encoding="utf-8")
    result = run_gen("--examples", examples, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stderr
    assert snapshot(ROOT / "docs") == before
    text = (tmp_path / "o" / "data" / "worked-examples.json").read_text(encoding="utf-8")
    assert '"id": "only-one"' in text and '"W2": [[0.25, -3]]' in text
    assert (tmp_path / "o" / "ko" / "examples.md").is_file()


def test_help_explains_everything():
    result = run_gen("--help")
    assert result.returncode == 0
    for word in ("--check", "--examples", "--out", "build", "serve", "Exit status"):
        assert word in result.stdout


def test_verification_failure_is_one_line(tmp_path, monkeypatch):
    """A failed equation stops generation naming it, exit 3, nothing written."""
    import gen.cli
    import gen.derivations.note as note
    from gen.errors import VerificationError

    def broken(*_):
        raise VerificationError("(32)", "line 3 differs")

    monkeypatch.setattr(note, "verify_steps", broken)
    out = tmp_path / "o"
    assert gen.cli.main(["--out", str(out)]) == 3
    assert not out.exists()


def test_docs_folder_is_copyable(tmp_path):
    """--check works on a copy of docs/ too (no absolute paths in the output)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    assert run_gen("--check", "--out", tmp_path / "docs").returncode == 0
