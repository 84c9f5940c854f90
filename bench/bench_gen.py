"""Benchmark of `python -m gen` (not a test): medians of several runs, measured in one go.

    python bench/bench_gen.py [--runs 7]

Reports: a full generation into an empty folder, a run with nothing changed (which must write
nothing), `--check`, and the in-process time of the pipeline's stages.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(cmd):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr}")
    return time.perf_counter() - start, result.stdout


def stage_times():
    """In-process, per derivation: compute, verify, context; then the whole pipeline again (warm)."""
    start = time.perf_counter()
    from gen.derivations import discover
    from gen.pipeline import generate
    derivations = discover()
    times = {"import": time.perf_counter() - start}
    for d in derivations:
        t0 = time.perf_counter()
        computed = d.compute(d.default_examples)
        t1 = time.perf_counter()
        verified = d.verify(computed)
        t2 = time.perf_counter()
        d.context(verified)
        t3 = time.perf_counter()
        times.update({f"{d.name}: compute": t1 - t0, f"{d.name}: verify": t2 - t1, f"{d.name}: context": t3 - t2})
    t_all = time.perf_counter()
    generate(derivations)
    times["whole pipeline (again, warm)"] = time.perf_counter() - t_all
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    gen = [sys.executable, "-m", "gen", "-q"]
    full, same, check = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "out")
            full.append(timed(gen + ["--out", out])[0])
            seconds, _ = timed([sys.executable, "-m", "gen", "--out", out])
            same.append(seconds)
            check.append(timed(gen + ["--check", "--out", out])[0])
    _, last = timed([sys.executable, "-m", "gen", "--out", str(ROOT / "docs")])
    rows = [("full generation (empty folder)", full), ("run with nothing changed", same), ("--check", check)]
    lines = ["# Generation benchmark", "", f"`python bench/bench_gen.py --runs {runs}`; seconds, one machine, one run.", "",
             "| command | median | min | max |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {statistics.median(v):.2f} | {min(v):.2f} | {max(v):.2f} |" for name, v in rows]
    lines += ["", f"Unchanged run / full run: {statistics.median(same) / statistics.median(full):.2f}. "
              f"A run on the committed docs/ reported: `{last.strip().split(': ', 1)[-1]}`", "",
              "| stage (in process) | seconds |", "| --- | ---: |"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in stage_times().items()]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS-gen.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
