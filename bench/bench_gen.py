"""Benchmark of `python -m gen` (not a test): medians of several runs, measured in one go.

    python bench/bench_gen.py [--runs 5]

Reports, against a full run that verifies everything (`--no-cache`): a run with nothing changed, a
template edit and an example's number changed (each with the verification cache), `serve`'s time
from a template saved to the page open in Chromium reloaded and showing it, and the in-process time of the pipeline's stages.
"""

import argparse
import contextlib
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from gen.verifycache import ENV  # noqa: E402


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


def working_copy(where):
    """This tree as it is (committed or not), without what runs leave behind."""
    top = {".git", "site", "build", ".verify-cache"}
    skip = lambda folder, names: [n for n in names if n == "__pycache__" or n.endswith(".egg-info")  # noqa: E731
                                  or Path(folder) == ROOT and n in top]
    shutil.copytree(ROOT, where, ignore=skip)
    return where


def load():
    return f"{os.getloadavg()[0]:.1f}"


TEMPLATE = Path("gen/derivations/svm/templates/en/svm/index.md.j2")
"""The template an author edits in the template-edit run (a sentence added at its end, then taken out)."""
PAGE = "en/svm/"
"""Its page, which the serve run keeps open in Chromium."""
EXAMPLES = Path("gen/derivations/svm/examples.yml")


@contextlib.contextmanager
def edited(path, change):
    """The file changed by `change(text)` for the duration."""
    text = path.read_text("utf-8")
    path.write_text(change(text), encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(text, encoding="utf-8")


def one_number_changed(text):
    """The first example's first number of X, plus one: that derivation's numbers change."""
    match = re.search(r"X:\s*\[\[\s*(-?\d+)", text)
    return text[:match.start(1)] + str(int(match[1]) + 1) + text[match.end(1):]


def cache_runs(tree, runs):
    """Seconds per run of each kind, in a copy of this tree with a cache of its own; the kinds alternate."""
    gen = [sys.executable, "-m", "gen", "-q"]
    kinds = {name: [] for name in ("full", "unchanged", "template", "example")}
    with tempfile.TemporaryDirectory() as scratch:
        os.environ[ENV] = str(Path(scratch) / "cache")
        out = str(Path(scratch) / "out")
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            kinds["full"].append(timed(gen + ["--no-cache", "--out", out], tree)[0])
            timed(gen + ["--out", out], tree)  # fills the cache (--no-cache keeps nothing)
            kinds["unchanged"].append(timed(gen + ["--out", out], tree)[0])
            with edited(tree / TEMPLATE, lambda t: t + "\nOne more sentence.\n"):
                kinds["template"].append(timed(gen + ["--out", out], tree)[0])
            with edited(tree / EXAMPLES, one_number_changed):
                kinds["example"].append(timed(gen + ["--out", out], tree)[0])
        del os.environ[ENV]
    return kinds


def serve_reloads(tree, runs):
    """`serve` with the template's page open in Chromium: seconds from the template saved to the reloaded page
    showing the new sentence, for `runs` + 1 saves. The first save of a session
    also makes what that derivation's pages are rendered from (kept for the saves after it), so it is apart."""
    from playwright.sync_api import sync_playwright

    env = dict(os.environ, PYTHONPATH=str(tree))
    with socket.socket() as probe:  # a free port (serve prints the address it was given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "gen", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=tree, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(word):
        while word not in (line := lines.get(timeout=300)):
            if line.startswith("error"):
                raise SystemExit(f"serve: {line}")
        return line

    shown = []
    try:
        base = re.search(r"serving on (http://\S+/)", wait_for("serving on")).group(1)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"])
            page = browser.new_page()
            page.goto(base + PAGE)
            for n in range(runs + 1):
                time.sleep(1.5)  # the page settled
                with edited(tree / TEMPLATE, lambda t, n=n: t + f"\nSentence {n}.\n"):
                    start = time.perf_counter()
                    page.get_by_text(f"Sentence {n}.").wait_for(timeout=60_000)
                    shown.append(time.perf_counter() - start)
                    wait_for("preview rebuilt")
                    time.sleep(1.5)
                wait_for("preview rebuilt")  # the edit taken out again
            browser.close()
    finally:
        proc.terminate()
        proc.wait()
    return shown


def row(name, values):
    return f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    opts = ap.parse_args()
    runs = opts.runs
    with tempfile.TemporaryDirectory() as scratch:
        tree = working_copy(Path(scratch) / "tree")
        load_before = load()
        kinds = cache_runs(tree, runs)
        shown = serve_reloads(tree, runs)
        load_after = load()
    full = statistics.median(kinds["full"])
    ratio = {name: statistics.median(v) / full for name, v in kinds.items()}
    _, last = timed([sys.executable, "-m", "gen", "--out", str(ROOT / "docs")])
    lines = ["# Generation benchmark", "", f"`python bench/bench_gen.py --runs {runs}`; seconds, one machine, one run, "
             f"{os.cpu_count()} cores, 1-minute load average {load_before} before and {load_after} after. Each kind of "
             "run alternates with the others, in a copy of this tree with a verification cache of its own "
             f"(`${ENV}`).", "",
             "| command | median | min | max |", "| --- | ---: | ---: | ---: |",
             row("full run, `--no-cache` (every derivation verified, empty output folder)", kinds["full"]),
             row("nothing changed (every derivation reused from the cache)", kinds["unchanged"]),
             row(f"a template edited (`{TEMPLATE}`)", kinds["template"]),
             row(f"an example's number changed (`{EXAMPLES}`: that derivation verified again)", kinds["example"]),
             row("`serve`: a template saved → the open page reloaded and showing it (first save of the session)",
                 shown[:1]),
             row(f"`serve`: a template saved → the open page reloaded and showing it (the {runs} saves after)",
                 shown[1:]),
             "", "Against the full run (medians): nothing changed "
             f"**{ratio['unchanged']:.2f}×** (target ≤ 0.2×), a template edit **{ratio['template']:.2f}×** (target ≤ 0.35×), "
             f"an example's number {ratio['example']:.2f}×. A run on the committed docs/ reported: "
             f"`{last.strip().split(': ', 1)[-1]}`", "",
             "| stage (in process) | wall | CPU of this process |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in stage_times().items()]
    lines += ["", "A declared derivation proves its lines in a second process while it checks the rest; that process's "
              "CPU is not in the last column. The command line also verifies every derivation but the last in a process "
              "of its own, meanwhile."]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "RESULTS-gen.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
