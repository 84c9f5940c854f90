"""Site benchmark (not a test): build time per language, and per page in Chromium
the time from navigation until all math is typeset and the bytes transferred.

    python bench/bench_site.py [--runs 5] [--root .]

Prints a Markdown table (medians over the runs) and writes bench/RESULTS-site.md.
"""

import argparse
import functools
import http.server
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from gen.site import build, layout, mathjax  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]

# Resolves once MathJax has typeset the page: ms since navigation start, and
# bytes over the wire for the document and everything it loaded.
MEASURE = """MathJax.startup.promise.then(() => ({
  ms: performance.now(),
  bytes: performance.getEntriesByType('navigation')
           .concat(performance.getEntriesByType('resource'))
           .reduce((sum, e) => sum + e.transferSize, 0),
  math: document.querySelectorAll('mjx-container').length}))"""


def time_builds(root: Path, runs: int) -> dict[str, float]:
    """Median seconds of one mkdocs build per language (into a scratch folder)."""
    medians = {}
    with tempfile.TemporaryDirectory() as out:
        for lang in layout.LANGUAGES:
            times = []
            for _ in range(runs):
                config = load_config(str(root / lang.config), site_dir=out)
                start = time.perf_counter()
                mkdocs_build(config)
                times.append(time.perf_counter() - start)
            medians[lang.code] = statistics.median(times)
    return medians


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def time_pages(site: Path, pages: list[str], runs: int) -> list[tuple]:
    """(language, page, median ms to typeset, median bytes, equations) per page."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=CHROMIUM_ARGS)
            for lang in layout.LANGUAGES:
                for page in pages:
                    path = "" if page == "index.md" else page[:-3] + "/"
                    samples = []
                    for _ in range(runs):
                        context = browser.new_context()  # empty cache every run
                        tab = context.new_page()
                        tab.goto(base + lang.path + path)
                        tab.wait_for_function("window.MathJax && MathJax.startup"
                                              " && MathJax.startup.promise")
                        samples.append(tab.evaluate(MEASURE))
                        context.close()
                    rows.append((lang.code, page,
                                 statistics.median(s["ms"] for s in samples),
                                 statistics.median(s["bytes"] for s in samples),
                                 samples[0]["math"]))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rows


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def report(runs: int, builds: dict, rows: list, site: Path) -> str:
    lines = [
        "# Site benchmark",
        "",
        f"Medians of {runs} runs; {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, headless Chromium, local http server, empty cache.",
        "",
        "| mkdocs build | seconds |",
        "| --- | ---: |",
        *(f"| {code} | {secs:.2f} |" for code, secs in builds.items()),
        "",
        "| language | page | math elements | navigation → all math typeset (ms) | bytes transferred |",
        "| --- | --- | ---: | ---: | ---: |",
        *(f"| {code} | {page} | {math} | {ms:.0f} | {size:,.0f} |"
          for code, page, ms, size, math in rows),
        "",
        "| size | bytes |",
        "| --- | ---: |",
        f"| site/ (both languages, offline zip included) | {folder_bytes(site):,} |",
        f"| MathJax served per language | {folder_bytes(site / mathjax.TARGET):,} |",
        f"| downloads/{layout.OFFLINE_ZIP} | "
        f"{(site / 'downloads' / layout.OFFLINE_ZIP).stat().st_size:,} |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    root = args.root.resolve()
    site = build(root)
    pages = sorted(layout.page_files(root / "docs" / layout.LANGUAGES[0].code))
    text = report(args.runs, time_builds(root, args.runs), time_pages(site, pages, args.runs),
                  site)
    print(text)
    (Path(__file__).resolve().parent / "RESULTS-site.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
