"""pyproject's testpaths orders the run (tests/site/conftest.py builds the site once for every worker) but
must not leave any test file out."""

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_testpaths_reach_every_test_file():
    paths = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]["testpaths"]
    reached = set()
    for pattern in paths:
        for hit in glob.glob(str(ROOT / pattern)):
            hit = Path(hit)
            reached.update(hit.rglob("test_*.py") if hit.is_dir() else [hit])
    on_disk = set((ROOT / "tests").rglob("test_*.py"))
    assert on_disk - reached == set(), sorted(str(p.relative_to(ROOT)) for p in on_disk - reached)
