"""Benchmark of `python -m gen` (not a test): medians of several runs, measured in one go.

    python bench/bench_gen.py [--runs 7] [--baseline REV]

Reports: a full generation into an empty folder, a run with nothing changed (which must write
nothing), `--check`, and the in-process time of the pipeline's stages.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(cmd, tree=ROOT):
    start = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(tree))
    result = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr}")
    return time.perf_counter() - start, result.stdout


def stage_times():
    """In-process, per derivation: compute and verify, then every context (as the pipeline orders them: the
    math typesetter that measures wide lines starts a thread, after which nothing is verified in a second
    process); then the whole pipeline again (warm).

    Each stage's wall time and this process's CPU time (a derivation's proofs run in a second process
    meanwhile, whose CPU is not counted here)."""
    clock = lambda: (time.perf_counter(), time.process_time())  # noqa: E731
    since = lambda t: (time.perf_counter() - t[0], time.process_time() - t[1])  # noqa: E731
    start = clock()
    from gen.derivations import discover
    from gen.pipeline import generate
    derivations = discover()
    times = {"import": since(start)}
    verified = {}
    for d in derivations:
        t0 = clock()
        computed = d.compute(d.default_examples)
        times[f"{d.name}: compute"], t1 = since(t0), clock()
        verified[d.name] = d.verify(computed)
        times[f"{d.name}: verify"] = since(t1)
    for d in derivations:
        t2 = clock()
        d.context(verified[d.name])
        times[f"{d.name}: context"] = since(t2)
    t_all = clock()
    generate(derivations)
    times["whole pipeline (again, warm)"] = since(t_all)
    return times


def export(commit, where):
    where.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def load():
    return f"{os.getloadavg()[0]:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--baseline", metavar="REV", help="also measure this commit (exported with git archive), alternating")
    opts = ap.parse_args()
    runs = opts.runs
    gen = [sys.executable, "-m", "gen", "-q"]
    with tempfile.TemporaryDirectory() as scratch:
        trees = {"": ROOT}
        if opts.baseline:
            trees[f" ({opts.baseline})"] = export(opts.baseline, Path(scratch) / "baseline")
        measured = {label: ([], [], []) for label in trees}
        load_before = load()
        for _ in range(runs):
            for label, tree in trees.items():
                full, same, check = measured[label]
                with tempfile.TemporaryDirectory() as tmp:
                    out = str(Path(tmp) / "out")
                    full.append(timed(gen + ["--out", out], tree)[0])
                    seconds, _ = timed([sys.executable, "-m", "gen", "--out", out], tree)
                    same.append(seconds)
                    check.append(timed(gen + ["--check", "--out", out], tree)[0])
    full, same, check = measured[""]
    _, last = timed([sys.executable, "-m", "gen", "--out", str(ROOT / "docs")])
    rows = [(f"{name}{label}", values) for label, (f, u, c) in measured.items()
            for name, values in (("full generation (empty folder)", f), ("run with nothing changed", u), ("--check", c))]
    load_after = load()
    lines = ["# Generation benchmark", "", f"`python bench/bench_gen.py --runs {runs}`; seconds, one machine, one run, "
             f"{os.cpu_count()} cores, 1-minute load average {load_before} before and {load_after} after.", "",
             "| command | median | min | max |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {statistics.median(v):.2f} | {min(v):.2f} | {max(v):.2f} |" for name, v in rows]
    lines += ["", f"Unchanged run / full run: {statistics.median(same) / statistics.median(full):.2f}. "
              f"A run on the committed docs/ reported: `{last.strip().split(': ', 1)[-1]}`", "",
              "| stage (in process) | wall | CPU of this process |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in stage_times().items()]
    lines += ["", "A declared derivation (two-layer, batchnorm) proves its lines in a second process while it checks the rest; "
              "that process's CPU is not in the last column. The command line also verifies every derivation but the last "
              "in a process of its own, meanwhile."]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS-gen.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
