"""An interrupted generation leaves the output folder entirely old or entirely new.

A writer process (gen.write.write_outputs on precomputed outputs, so that the run is almost all writing)
is killed with SIGKILL at random moments; after each kill the folder must be one of the two complete
states, and the next run must finish the job and leave nothing beside it."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

import gen.cli
from genrun import ROOT

WRITER = """
import json, sys
from gen.write import write_outputs
write_outputs(sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8")))
"""


def state(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_states(tmp_path_factory):
    """(old outputs, new outputs): the committed docs/, and the same with every page changed and one more file."""
    tmp = tmp_path_factory.mktemp("states")
    old = {k: v.decode("utf-8") for k, v in state(ROOT / "docs").items()}
    new = {k: v + "\nchanged\n" for k, v in old.items() if k.endswith(".md")}
    new["ko/added.md"] = "# added\n"
    for name, outputs in (("old", old), ("new", new)):
        (tmp / f"{name}.json").write_text(json.dumps(outputs), encoding="utf-8")
    return tmp, old, new


def write(out, outputs_file, kill_after=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(outputs_file)], env=env, cwd=ROOT)
    if kill_after is None:
        assert proc.wait(timeout=60) == 0
        return
    time.sleep(kill_after)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def test_kill_at_random_moments_leaves_old_or_new(two_states, tmp_path):
    tmp, old, new = two_states
    want_old = {k: v.encode() for k, v in old.items()}
    want_new = {k: v.encode() for k, v in new.items()}  # stale generated files (figures, data) are removed
    out = tmp_path / "out"
    write(out, tmp / "old.json")
    start = time.monotonic()
    write(tmp_path / "timing", tmp / "new.json")
    duration = time.monotonic() - start
    rng = random.Random(11)
    seen = set()
    for _ in range(16):
        write(out, tmp / "new.json", kill_after=rng.uniform(0, duration * 1.2))
        now = state(out)
        assert now in (want_old, want_new), sorted(set(now) ^ set(want_old))[:5]
        seen.add("old" if now == want_old else "new")
        write(out, tmp / "old.json")  # recovers and goes back to the old state for the next round
        assert state(out) == want_old and sorted(os.listdir(tmp_path)) == ["out", "timing"]
    write(out, tmp / "new.json")
    assert state(out) == want_new and sorted(os.listdir(tmp_path)) == ["out", "timing"]
    print("states left by the kills:", sorted(seen))  # which one depends on timing; both are whole


def test_killed_generator_then_next_run_recovers(tmp_path, verify_memo):
    """The real `python -m gen`, killed mid-way, then run again (the command line in this process, with the
    session's verified results): the same folder as a clean run."""
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "gen", "--out", str(out)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(random.Random(7).uniform(1.0, 3.0))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert not out.exists() or state(out) == state(ROOT / "docs")
    assert gen.cli.main(["--out", str(out), "-q"], verify_memo) == 0
    assert state(out) == state(ROOT / "docs") and sorted(os.listdir(tmp_path)) == ["out"]
