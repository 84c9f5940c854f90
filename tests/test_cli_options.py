"""Every combination of the global options with each subcommand, options before or after it.

In-process, with generation computed once (the session's `outputs`) and the site build/serve replaced by recorders, so the
48 combinations take well under a second each; tests/test_cli.py runs the real thing."""

import itertools
import shutil

import pytest

import gen.cli
import gen.pipeline
import gen.site
from genrun import ROOT

OPTIONS = {"check": ["--check"], "quiet": ["-q"], "out": ["--out", "{tmp}/out"]}
COMMANDS = (None, "build", "serve")


@pytest.fixture
def project(tmp_path, monkeypatch, outputs):
    """A project root whose docs/ lacks one page (stale), with generation and the site stubbed."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "docs", tmp_path / "out")
    for folder in ("docs", "out"):
        (tmp_path / folder / "en" / "errata.md").unlink()
    calls = []
    monkeypatch.setattr(gen.cli, "ROOT", tmp_path)
    monkeypatch.setattr(gen.pipeline, "generate", lambda *a, **k: dict(outputs))
    monkeypatch.setattr(gen.site, "build", lambda root, **k: calls.append(("build", root, k)) or root / "site")
    monkeypatch.setattr(gen.site, "serve", lambda root, **k: calls.append(("serve", root, k)))
    return tmp_path, calls


def argv(chosen, command, after, tmp):
    opts = [a.replace("{tmp}", str(tmp)) for name in chosen for a in OPTIONS[name]]
    cmd = [command] if command else []
    return cmd + opts if after else opts + cmd


def expected(chosen, command):
    """(exit status, folder written or None, site call or None)."""
    if command and "out" in chosen or command == "serve" and "check" in chosen:
        return 2, None, None
    folder = "out" if "out" in chosen else "docs"
    if "check" in chosen:  # both folders are stale: exit 1, nothing written, no site
        return 1, None, None
    return 0, folder, command


CASES = [(chosen, command, after) for n in range(4) for chosen in itertools.combinations(OPTIONS, n)
         for command in COMMANDS for after in (False, True) if command or not after]


@pytest.mark.parametrize("chosen, command, after", CASES, ids=lambda v: str(v))
def test_option_combination(project, capsys, chosen, command, after):
    tmp, calls = project
    status, written, site = expected(chosen, command)
    assert gen.cli.main(argv(chosen, command, after, tmp)) == status
    out, err = capsys.readouterr()
    for folder in ("docs", "out"):
        assert (tmp / folder / "en" / "errata.md").is_file() == (folder == written)
    assert [c[0] for c in calls] == ([site] if site else [])
    if status == 2:
        assert err.startswith("error: --") and out == ""
    if status == 1:
        assert out.startswith("1 file(s) stale") and "added    en/errata.md" in out
    if status == 0 and "quiet" in chosen:
        assert out == err == ""
    # A build says on stderr what it is doing as it starts; nothing else does.
    starts = err.startswith(f"{'checking' if 'check' in chosen else 'generating'} {written or 'docs'}/: verifying")
    assert starts == (command == "build" and "quiet" not in chosen and status != 2)


def test_check_build_builds_only_a_fresh_docs_folder(project, outputs):
    tmp, calls = project
    (tmp / "docs" / "en" / "errata.md").write_text(outputs["en/errata.md"], encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in (tmp / "docs").rglob("*")}
    assert gen.cli.main(["build", "--check", "-q"]) == 0
    assert [c[0] for c in calls] == ["build"]
    assert {p: p.stat().st_mtime_ns for p in (tmp / "docs").rglob("*")} == before


def test_check_diff_is_capped_after_a_summary(project, outputs, capsys):
    tmp, _ = project
    for rel in ("ko/examples.md", "en/examples.md"):
        (tmp / "docs" / rel).write_text("old\n", encoding="utf-8")
    assert gen.cli.main(["--check"]) == 1
    out = capsys.readouterr().out
    summary, diff = out.split("\n\n", 1)
    lines = summary.splitlines()
    assert lines[0].startswith("3 file(s) stale, ") and lines[1:] == [
        f"  added    en/errata.md (+{len(outputs['en/errata.md'].splitlines())} -0)",
        f"  changed  en/examples.md (+{len(outputs['en/examples.md'].splitlines())} -1)",
        f"  changed  ko/examples.md (+{len(outputs['ko/examples.md'].splitlines())} -1)"]
    assert len(diff.splitlines()) == gen.cli.DIFF_LINES + 1
    assert diff.splitlines()[-1].startswith(f"... diff cut at {gen.cli.DIFF_LINES} of ") and "--full-diff" in diff
    assert gen.cli.main(["--check", "--full-diff"]) == 1
    full = capsys.readouterr().out.split("\n\n", 1)[1]
    assert "diff cut" not in full and len(full.splitlines()) > gen.cli.DIFF_LINES
