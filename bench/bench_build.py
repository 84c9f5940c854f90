"""Build-time benchmark (not a test): `python -m gen build` of a baseline commit beside this tree.

    python bench/bench_build.py [--runs 3] [--baseline d559c5a] [--before REV]

Both trees are exported with `git archive` (the baseline commit, and HEAD) into a scratch folder and
built there, alternating, `--runs` times each: medians of wall time and of user CPU time (the build
and every process it starts), with the machine's 1-minute load average before and after each run.
Also `python -m gen --check` (the generation part alone), and for this tree the build split into
phases, measured in process. `--before REV` adds a third tree (e.g. this branch's starting point) to
the same alternation. Writes bench/RESULTS-build.md.

The baseline (client-side MathJax) has one derivation, the note; this tree has two (the note and the
two-layer network) and typesets math at build time. The like-for-like figures at the end say how.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run inside an exported tree of this project: the build with its phases timed, as JSON on stdout.
PHASES = r"""
import importlib, json, sys, time
import gen.cli, gen.pipeline
B = importlib.import_module("gen.site.build")  # the module (gen.site.build is also the function)
from gen.site import content, langpass, mathpass, package, searchpass

times, where = {}, []

def timed(owner, name, label):
    inner = getattr(owner, name)
    def outer(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            key = label(*args, **kwargs) if callable(label) else label
            times[key] = times.get(key, 0.0) + time.perf_counter() - start
    setattr(owner, name, outer)

def variant(*args, offline, **kwargs):
    return "offline copy: everything" if offline else "site: everything"

def part(kind):
    # In a second process (the offline copy's mkdocs) the times stay there: only the wait is seen here.
    return lambda *a, **k: f"{where[-1] if where else 'offline copy, second process'}: {kind}"

inner_variant = B._build_variant
def tracked(root, out, engine, *, offline, **kwargs):
    where.append("offline copy" if offline else "site")
    try:
        return inner_variant(root, out, engine, offline=offline, **kwargs)
    finally:
        where.pop()
B._build_variant = tracked
timed(B, "_build_variant", variant)
timed(B, "_mkdocs", part("mkdocs (both languages)"))
timed(searchpass, "rewrite_site", part("search pass"))
timed(mathpass, "typeset_site", part("math pass"))
timed(langpass, "mark_site", part("lang pass"))
timed(content, "drop_alternate_links", part("drop alternate links"))
timed(package, "write_zip", "offline copy: zip")
timed(gen.pipeline.Background, "result", lambda job: f"waiting for {job._call[0].__name__} (second process)")
timed(gen.cli, "regenerate", "generation (compute, verify, render, compare)")
start = time.perf_counter()
status = gen.cli.main(["-q", "build"])
times["whole build (in process)"] = time.perf_counter() - start
print(json.dumps({"status": status, "times": times}))
"""


def export(commit: str, where: Path) -> Path:
    where.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def env_for(tree: Path) -> dict:
    return dict(os.environ, PYTHONPATH=str(tree), NO_MKDOCS_2_WARNING="1")


def run(tree: Path, args: list[str]) -> dict:
    """One command in `tree`: wall seconds, user CPU seconds (it and its children), load before/after."""
    load_before = os.getloadavg()[0]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gen", "-q", *args], cwd=tree, env=env_for(tree),
                            capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{tree}: python -m gen {' '.join(args)} failed: {result.stderr}")
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - usage.ru_utime
    return {"wall": wall, "user": user, "load": (load_before, os.getloadavg()[0])}


def phases(tree: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", PHASES], cwd=tree, env=env_for(tree),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"phase run failed: {result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])["times"]


def pages(tree: Path) -> int:
    """Pages of one language (the Korean docs folder)."""
    return len(list((tree / "docs" / "ko").rglob("*.md")))


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def loads(rows):
    values = [v for r in rows for v in r["load"]]
    return f"{min(values):.1f}–{max(values):.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline", default="d559c5a")
    ap.add_argument("--before", metavar="REV", help="also build this commit, in the same alternation")
    opts = ap.parse_args()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"baseline": export(opts.baseline, Path(tmp) / "baseline")}
        if opts.before:
            trees[f"before ({opts.before})"] = export(opts.before, Path(tmp) / "before")
        trees["this tree"] = export("HEAD", Path(tmp) / "head")
        commands = {"build": ["build"], "--check": ["--check"]}
        rows = {(t, c): [] for t in trees for c in commands}
        note_check = []
        for _ in range(opts.runs):
            for name, tree in trees.items():
                for command, args in commands.items():
                    rows[(name, command)].append(run(tree, args))
            note_check.append(run(trees["this tree"], ["--check", "--derivation", "note"]))
        split = [phases(trees["this tree"]) for _ in range(opts.runs)]
        page_counts = {name: pages(tree) for name, tree in trees.items()}

    base, this = rows[("baseline", "build")], rows[("this tree", "build")]
    lines = [
        "# Build-time benchmark", "",
        f"`python bench/bench_build.py --runs {opts.runs}`: `python -m gen build` of {opts.baseline} (the "
        f"baseline: math typeset in the browser) and of this tree ({head}), each exported with `git archive` "
        "and built in a scratch folder, alternating. Medians of the runs; user CPU counts every process "
        "the build starts; load is the machine's 1-minute load average before and after each run, "
        f"on {os.cpu_count()} cores. Seconds.", "",
        "| tree | command | wall | user CPU | load (min–max) |", "| --- | --- | ---: | ---: | ---: |"]
    for (name, command), values in rows.items():
        lines.append(f"| {name} | `python -m gen {command}` | {median(values, 'wall'):.2f} | "
                     f"{median(values, 'user'):.2f} | {loads(values)} |")
    lines.append(f"| this tree | `python -m gen --check --derivation note` | {median(note_check, 'wall'):.2f} | "
                 f"{median(note_check, 'user'):.2f} | {loads(note_check)} |")
    ratio_wall = median(this, "wall") / median(base, "wall")
    ratio_user = median(this, "user") / median(base, "user")
    lines += ["", f"This tree / baseline, `python -m gen build`: **{ratio_wall:.2f}×** wall, "
              f"**{ratio_user:.2f}×** user CPU (the goal is ≤ 1.5× wall)."]
    if opts.before:
        before = rows[(f"before ({opts.before})", "build")]
        lines += ["", f"This tree / before ({opts.before}), `python -m gen build`: "
                  f"{median(this, 'wall') / median(before, 'wall'):.2f}× wall, "
                  f"{median(this, 'user') / median(before, 'user'):.2f}× user CPU."]
    lines += ["",
              "## Like for like", "",
              f"The baseline has one derivation and {page_counts['baseline']} pages per language; this tree has "
              f"two and {page_counts['this tree']}, and typesets every equation when it builds. The site part "
              "(build minus `--check`, medians) per page of one language:", "",
              "| tree | pages | site part, wall | per page | site part, user CPU | per page |",
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in trees:
        wall = median(rows[(name, "build")], "wall") - median(rows[(name, "--check")], "wall")
        user = median(rows[(name, "build")], "user") - median(rows[(name, "--check")], "user")
        n = page_counts[name]
        lines.append(f"| {name} | {n} | {wall:.2f} | {wall / n:.2f} | {user:.2f} | {user / n:.2f} |")
    lines += ["", "Generation alone: the baseline's `--check` (the note) against this tree's "
              f"`--check --derivation note`: {median(rows[('baseline', '--check')], 'wall'):.2f} s against "
              f"{median(note_check, 'wall'):.2f} s wall (this tree still imports and discovers both derivations).",
              "", "## This tree's build in phases", "",
              "In process (`gen.cli.main(['build'])` with its stages timed), wall seconds, median of "
              f"{opts.runs}. The offline copy's mkdocs runs in a second process while the site's rows run (the "
              "wait for it is its own row); its passes and zip come after them.", "",
              "| phase | seconds |", "| --- | ---: |"]
    for key in split[0]:
        lines.append(f"| {key} | {statistics.median(s.get(key, 0.0) for s in split):.2f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS-build.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
