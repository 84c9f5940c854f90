"""Test-suite benchmark (not a test): the README's `python -m pytest` of a baseline commit beside this tree.

    python bench/bench_suite.py [--runs 2] [--baseline dc97755]

Both trees are exported with `git archive` into a scratch folder and their whole suites run there,
alternating, `--runs` times each (about ten to fifteen minutes a run). Per run: wall seconds, the machine's busy
core-seconds over the run (from /proc/stat: the suite, its workers and every browser they start, and
anything else running), and the 1-minute load average before and after. Medians; writes
bench/RESULTS-suite.md. Run it on an otherwise idle machine: the busy core-seconds count everything.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_build import ROOT, export, loads, median


def busy_seconds() -> float:
    """Core-seconds the whole machine has spent busy since boot (user, nice, system, irq, softirq)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def run(tree: Path) -> dict:
    """The suite in `tree`: wall seconds, busy core-seconds, load before/after, pytest's last line."""
    load_before, busy, start = os.getloadavg()[0], busy_seconds(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tree,
                            env=dict(os.environ, PYTHONPATH=str(tree)), capture_output=True, text=True)
    wall, busy = time.perf_counter() - start, busy_seconds() - busy
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return {"wall": wall, "busy": busy, "load": (load_before, os.getloadavg()[0]), "summary": summary,
            "ok": result.returncode == 0}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--baseline", default="dc97755")
    opts = ap.parse_args()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"baseline": export(opts.baseline, Path(tmp) / "baseline"),
                 "this tree": export("HEAD", Path(tmp) / "head")}
        rows = {name: [] for name in trees}
        for _ in range(opts.runs):
            for name, tree in trees.items():
                rows[name].append(run(tree))
                print(name, rows[name][-1], flush=True)

    lines = ["# Test-suite benchmark", "",
             f"`python bench/bench_suite.py --runs {opts.runs}`: the README's test command (`python -m pytest`, one "
             f"worker per core) in {opts.baseline} (the baseline) and in this tree ({head}), each exported with "
             f"`git archive`, alternating, on {os.cpu_count()} cores. Medians of the runs; busy core-seconds are the "
             "whole machine's over each run; load is the 1-minute load average before and after each run.", "",
             "| tree | runs | wall, s | busy core-s | load (min–max) | pytest |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for name, values in rows.items():
        lines.append(f"| {name} | {len(values)} | {median(values, 'wall'):.0f} | {median(values, 'busy'):.0f} | "
                     f"{loads(values)} | {'; '.join(r['summary'] for r in values)} |")
    base, this = rows["baseline"], rows["this tree"]
    lines += ["", f"This tree / baseline: **{median(this, 'wall') / median(base, 'wall'):.2f}×** wall, "
              f"**{median(this, 'busy') / median(base, 'busy'):.2f}×** busy core-seconds (the goal: the suite "
              "under 8 minutes on 2 cores)."]
    if not all(r["ok"] for r in base + this):
        lines += ["", "**A run failed**: see the pytest column."]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS-suite.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
