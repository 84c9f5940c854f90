"""`python -m gen serve`: both languages served, a template change shows within seconds (its page rebuilt
in place), a bad examples file prints the usual error and keeps the last good pages, fixing it recovers."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from genrun import ROOT

SKIP = {".git", "site", "build", "tests", "bench", ".venv"}  # top-level folders the preview does not need


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=60):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_regenerates_and_keeps_last_good_pages(tmp_path, warm_cache):
    project = tmp_path / "p"
    shutil.copytree(ROOT, project, ignore=lambda d, names: [n for n in names if n in SKIP and d == str(ROOT)])
    log = open(tmp_path / "log", "w+", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gen", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"], cwd=project,
                            env={**os.environ, "PYTHONPATH": str(project)}, stdout=log, stderr=subprocess.STDOUT)
    try:
        started = wait_for(lambda: "serving on" in (tmp_path / "log").read_text() or proc.poll() is not None, 120)
        assert started and proc.poll() is None, (tmp_path / "log").read_text()
        base = re.search(r"serving on (http://\S+/)", (tmp_path / "log").read_text()).group(1)
        assert wait_for(lambda: 'lang="ko"' in fetch(base) and 'lang="en"' in fetch(base + "en/"), 30)
        template = project / "gen" / "derivations" / "note" / "templates" / "en" / "errata.md.j2"
        template.write_text(template.read_text(encoding="utf-8") + "\nFreshly added sentence.\n", encoding="utf-8")
        assert wait_for(lambda: "Freshly added sentence." in fetch(base + "en/errata/"), 60)
        assert "preview rebuilt: 1 page rebuilt in place" in (tmp_path / "log").read_text()  # not built whole
        examples = project / "gen" / "derivations" / "note" / "examples.yml"
        good = examples.read_text(encoding="utf-8")
        examples.write_text(good.replace("W1: [[", "W1: [[0x1F, ", 1), encoding="utf-8")
        assert wait_for(lambda: "error: " in (tmp_path / "log").read_text() and "field 'W1'" in (tmp_path / "log").read_text(), 60)
        assert "Freshly added sentence." in fetch(base + "en/errata/")  # last good pages still served
        template.write_text(template.read_text(encoding="utf-8") + "\nSecond sentence.\n", encoding="utf-8")
        examples.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "Second sentence." in fetch(base + "en/errata/"), 60)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    text = (tmp_path / "log").read_text()
    assert "Traceback" not in text, text[-3000:]
