"""Bad examples files are refused: exit status 2, one `error:` line on stderr naming the file,
the example and the field, no traceback, and the output folder left byte for byte as it was.

Each case runs what `python -m gen --derivation note --examples BAD --out OUT` runs (`gen.cli.main`), in this
process, where OUT holds a good earlier output; a few run the real command in a new process too.
"""

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOOD = {"id": "first", "X": "[[1, 2], [3, -1]]", "W1": "[[2], [1]]", "W2": "[[1, -2]]"}


def entry(**fields):
    """One example as a YAML list item: the good one with `fields` replaced (None drops a key)."""
    merged = {**GOOD, "id": "bad", **fields}
    lines = [f"{k}: {v}" for k, v in merged.items() if v is not None]
    return "  - " + "\n    ".join(lines) + "\n"


def doc(*entries):
    """An examples file: a good first example, then `entries`."""
    return "examples:\n" + entry(**GOOD) + "".join(entries)


def run_gen(examples, out, process=False):
    """The command's exit status and output: `gen.cli.main` here (an exception it lets through fails the test),
    or with `process`, `python -m gen` itself."""
    argv = ["--derivation", "note", "--examples", str(examples), "--out", str(out)]
    if process:
        return subprocess.run([sys.executable, "-m", "gen", *argv], cwd=REPO, capture_output=True, text=True, timeout=300)
    import gen.cli

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = gen.cli.main(argv)
    return subprocess.CompletedProcess(argv, status, stdout.getvalue(), stderr.getvalue())


def snapshot(root):
    """Every path under `root` → (bytes, mtime_ns) for files, None for folders."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
            for p in sorted(root.rglob("*"))}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """A good output folder, generated once."""
    tmp = tmp_path_factory.mktemp("good")
    (tmp / "examples.yml").write_text(doc(), encoding="utf-8")
    proc = run_gen(tmp / "examples.yml", tmp / "out")
    assert proc.returncode == 0, proc.stderr
    assert (tmp / "out" / "data" / "worked-examples.json").is_file()
    return tmp / "out"


@pytest.fixture
def out(good_output, tmp_path):
    """A private copy of the good output (bytes and mtimes preserved) to run a bad input into."""
    return Path(shutil.copytree(good_output, tmp_path / "out"))


# id → (file text, example label or None, field or None, distinctive part of the message).
# `{tmp}` in a text is replaced by the test's tmp_path.
CASES = {
    "yaml-syntax": ("examples:\n  - id: a\n    X: [[1, 2], [3, 4]\n", None, None, "is not valid YAML"),
    "empty-file": ("", None, None, "is empty"),
    "only-comment": ("# nothing here yet\n", None, None, "is empty"),
    "top-level-list": ("- id: a\n  X: [[1, 2], [3, 4]]\n", None, "examples", "exactly one key, 'examples'"),
    "top-level-scalar": ("just text\n", None, "examples", "exactly one key, 'examples'"),
    "missing-examples-key": ("example:\n" + entry(), None, "examples", "exactly one key, 'examples'"),
    "extra-top-level-key": (doc() + "more: 1\n", None, "examples", "exactly one key, 'examples'"),
    "empty-examples-list": ("examples: []\n", None, "examples", "non-empty list"),
    "examples-not-a-list": ("examples:\n  id: a\n", None, "examples", "non-empty list"),
    "example-not-a-mapping": (doc("  - 42\n"), "#2", None, "must be a mapping"),
    "missing-id": (doc(entry(id=None)), "#2", "id", "missing"),
    "missing-X": (doc(entry(X=None)), "bad", "X", "missing"),
    "missing-W1": (doc(entry(W1=None)), "bad", "W1", "missing"),
    "missing-W2": (doc(entry(W2=None)), "bad", "W2", "missing"),
    "unknown-key": (doc(entry(b1="[[0]]")), "bad", "b1", "unknown key"),
    "duplicate-id": (doc(entry(id="first")), "first", "id", "duplicate id"),
    "id-not-a-string": (doc(entry(id="7")), "#2", "id", "lowercase letters"),
    "id-bad-format": (doc(entry(id="Bad_Id")), ("#2", "Bad_Id"), "id", "lowercase letters"),
    "X-2x3": (doc(entry(X="[[1, 2, 3], [4, 5, 6]]")), "bad", "X", "2×2 matrix"),
    "W1-flat-list": (doc(entry(W1="[2, 1]")), "bad", "W1", "this is a flat list of 2 number(s)"),
    "W2-2x1": (doc(entry(W2="[[1], [-2]]")), "bad", "W2", "1×2 matrix"),
    "string-number": (doc(entry(X='[["3", 2], [3, -1]]')), "bad", "X", "(got '3')"),
    "boolean": (doc(entry(W2="[[true, 1]]")), "bad", "W2", "(got 'true': YAML reads this word as a boolean"),
    "null": (doc(entry(W1="[[null], [1]]")), "bad", "W1", "(got None)"),
    "nan": (doc(entry(X="[[.nan, 2], [3, -1]]")), "bad", "X", "NaN and infinity"),
    "inf": (doc(entry(W1="[[.inf], [1]]")), "bad", "W1", "NaN and infinity"),
    "minus-inf": (doc(entry(W2="[[1, -.inf]]")), "bad", "W2", "NaN and infinity"),
    "python-object-tag": (doc(entry(X='!!python/object/apply:os.system ["echo hacked > {tmp}/pwned"]')),
                          None, None, "python/object/apply:os.system"),
}
DUPLICATE_KEY = doc("  - id: bad\n    X: [[1, 2], [3, -1]]\n    X: [[1, 2], [3, 4]]\n"
                    "    W1: [[2], [1]]\n    W2: [[1, -2]]\n")
CASES["duplicate-mapping-key"] = (DUPLICATE_KEY, None, None, "duplicate key 'X'")


def check_refused(proc, path, label, field, fragment, before, out):
    """Exit 2, one `error:` line naming file/example/field, no traceback, output untouched."""
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and proc.stderr.endswith("\n"), proc.stderr
    line = re.sub(r"^(error: [^:]*):\d+:\d+:", r"\1:", lines[0])  # FILE:LINE:COL → FILE (checked apart)
    assert line.startswith(f"error: {path}"), line
    labels = label if isinstance(label, tuple) else (label,)
    if label is not None:
        assert any(f"example '{lab}'" in line for lab in labels), line
    if field is not None:
        assert f"field '{field}'" in line, line
    if label is not None and field is not None:
        assert any(line.startswith(f"error: {path}: example '{lab}', field '{field}': ") for lab in labels), line
    assert fragment in line, line
    assert snapshot(out) == before, "the output folder changed"


@pytest.mark.parametrize("case", CASES)
def test_bad_examples_file_is_refused(case, out, tmp_path, process=False):
    text, label, field, fragment = CASES[case]
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace("{tmp}", str(tmp_path)), encoding="utf-8")
    before = snapshot(out)
    proc = run_gen(bad, out, process)
    check_refused(proc, bad, label, field, fragment, before, out)
    if case in ("yaml-syntax", "duplicate-mapping-key"):
        assert re.match(rf"error: {re.escape(str(bad))}:\d+:\d+: ", proc.stderr)  # points at the place
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("case", ["yaml-syntax", "W1-flat-list", "nan", "python-object-tag"])
def test_refused_by_the_real_command(case, out, tmp_path):
    """The same through `python -m gen` in a new process: its exit status, its one line, no traceback."""
    test_bad_examples_file_is_refused(case, out, tmp_path, process=True)


def test_an_example_at_the_kink_is_accepted_and_the_convention_decides_it(tmp_path):
    """z₁ = 1·1 + (−1)·1 = 0 exactly: accepted, counted as off (ReLU'(0) = 0: the case z₁ ≤ 0, ∂L/∂z₁ = 0), and
    the page says the convention decides that entry. (In the note's network ∂L/∂h₁ is 0 too wherever h₁ is; the
    two-layer tests hold an example where only the convention makes ∂L/∂z zero.)"""
    examples = tmp_path / "kink.yml"
    examples.write_text(doc(entry(id="kink", X="[[1, -1], [1, 2]]", W1="[[1], [1]]")), encoding="utf-8")
    proc = run_gen(examples, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "data" / "worked-examples.json").read_text(encoding="utf-8"))
    kink = next(e for e in data["examples"] if e["id"] == "kink")
    assert kink["case"] == "z1<=0,z2>0" and Decimal(str(kink["z"][0][0])) == 0
    assert Decimal(str(kink["dL_dz"][0][0])) == 0 and Decimal(str(kink["h"][0][0])) == 0
    page = (tmp_path / "out" / "en" / "examples.md").read_text(encoding="utf-8")
    section = page[page.index("## Example `kink`"):]
    assert "At $z_1 = 0$ the ReLU has no derivative; the site's convention $\\operatorname{ReLU}'(0) = 0$" in section
    first = page[page.index("## Example `first`"):page.index("## Example `kink`")]
    assert "convention" not in first


@pytest.mark.parametrize("kind", ["missing-file", "directory"])
def test_unreadable_examples_path_is_refused(kind, out, tmp_path):
    path = tmp_path / "no-such-examples.yml"
    if kind == "directory":
        path.mkdir()
    before = snapshot(out)
    proc = run_gen(path, out)
    check_refused(proc, path, None, None, "cannot be read", before, out)


def test_unhashable_mapping_key_is_refused(out, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(doc(entry(), "    ? [1, 2]\n    : 3\n"), encoding="utf-8")
    before = snapshot(out)
    check_refused(run_gen(bad, out), bad, None, None, "", before, out)


def test_good_file_with_decimals_is_accepted(out, tmp_path):
    good = tmp_path / "good.yml"
    good.write_text(doc(entry(id="decimals", X="[[0.5, -1.25], [0.1, 2]]", W2="[[0.2, -0.05]]")), encoding="utf-8")
    before = snapshot(out)
    proc = run_gen(good, out)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    text = (out / "data" / "worked-examples.json").read_text(encoding="utf-8")
    assert snapshot(out) != before
    examples = {e["id"]: e for e in json.loads(text, parse_float=str)["examples"]}
    assert list(examples) == ["first", "decimals"]
    assert examples["decimals"]["X"] == [["0.5", "-1.25"], ["0.1", 2]]
    assert examples["decimals"]["W2"] == [["0.2", "-0.05"]]
    # z = X W1 = [[0.5·2 − 1.25·1], [0.1·2 + 2·1]] = [[−0.25], [2.2]], exact.
    assert [[Decimal(v) for v in row] for row in examples["decimals"]["z"]] == [[Decimal("-0.25")], [Decimal("2.2")]]
