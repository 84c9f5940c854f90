"""Site benchmark (not a test): the site as it was (MathJax typesetting in the browser)
beside the site as it is (math typeset when the site is built), in the same run.

    python bench/bench_site.py [--runs 5] [--baseline d559c5a]

The baseline commit is exported with `git archive` and built in a scratch folder.
For the derivation, examples and index pages in both languages, with an empty
cache: time from navigation to ready (load event, fonts ready, math present),
bytes transferred raw and gzip-compressed, main-thread long tasks, cumulative
layout shift; and the time of `python -m gen build`. Writes bench/RESULTS-site.md.
"""

import argparse
import functools
import gzip
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("derivation/", "examples/", "")
LANGS = ("", "en/")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

OBSERVE = """window.__cls = 0; window.__long = 0;
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) __cls += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(l => l.getEntries().forEach(e => { __long += 1; }))
  .observe({type: 'longtask', buffered: true});"""

READY = """async () => {
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r));
  if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
  await document.fonts.ready;
  const ms = performance.now();
  await new Promise(r => setTimeout(r, 300));
  return {ms, cls: __cls, long: __long,
          math: document.querySelectorAll('mjx-container').length};
}"""


def build(root: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(root), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gen", "-q", "build"], cwd=root, env=env, check=True)
    return time.perf_counter() - start


def export(commit: str, where: Path) -> Path:
    where.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where


def serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.add_init_script(OBSERVE)
    bodies = []
    tab.on("response", lambda r: bodies.append(r))
    tab.goto(url)
    found = tab.evaluate(READY)
    raw = zipped = 0
    for response in bodies:
        try:
            body = response.body()
        except Exception:  # a response without a body (redirect)
            continue
        raw += len(body)
        zipped += len(gzip.compress(body, 6))
    context.close()
    return dict(found, raw=raw, gzip=zipped)


def pages(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for lang in LANGS:
                for page in PAGES:
                    samples = [measure(browser, base + lang + page) for _ in range(runs)]
                    rows[(lang or "ko/") + (page or "index")] = {
                        key: statistics.median(s[key] for s in samples) for key in samples[0]}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def report(runs, load, builds, old, new, baseline) -> str:
    lines = [
        "# Site benchmark", "",
        f"Medians of {runs} runs; {os.cpu_count()} cores, load average before the run "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1/5/15 min); headless Chromium at "
        "1280×900, local http server (no compression: gzip bytes are each response "
        "compressed at level 6), empty cache every run.",
        f"Before: commit {baseline} (MathJax typesets in the browser). After: this tree "
        "(typeset when the site is built).", "",
        "| `python -m gen build` (both languages, offline zip) | before s | after s | ratio |",
        "| --- | ---: | ---: | ---: |",
        f"| | {builds[0]:.1f} | {builds[1]:.1f} | {builds[1] / builds[0]:.2f} |", "",
        "| page | ready ms before → after (ratio) | gzip bytes before → after (ratio) "
        "| raw bytes before → after | long tasks | layout shift before → after |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key in old:
        o, n = old[key], new[key]
        lines.append(
            f"| {key} | {o['ms']:.0f} → {n['ms']:.0f} ({n['ms'] / o['ms']:.2f}) "
            f"| {o['gzip']:,.0f} → {n['gzip']:,.0f} ({n['gzip'] / o['gzip']:.2f}) "
            f"| {o['raw']:,.0f} → {n['raw']:,.0f} | {o['long']:.0f} → {n['long']:.0f} "
            f"| {o['cls']:.3f} → {n['cls']:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default="d559c5a",
                        help="commit whose site typesets in the browser (default: d559c5a)")
    args = parser.parse_args()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        old_root = export(args.baseline, Path(scratch) / "baseline")
        builds = (build(old_root), build(ROOT))
        old, new = pages(old_root / "site", args.runs), pages(ROOT / "site", args.runs)
    text = report(args.runs, load, builds, old, new, args.baseline)
    print(text)
    (Path(__file__).resolve().parent / "RESULTS-site.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
