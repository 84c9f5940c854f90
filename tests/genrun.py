"""Running the generator as a user does, for tests."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_gen(*args, cwd=ROOT):
    """`python -m gen ARGS`; returns the CompletedProcess (text, UTF-8)."""
    return subprocess.run([sys.executable, "-m", "gen", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8")
