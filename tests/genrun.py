"""Running the generator as a user does, for tests."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_gen(*args, cwd=ROOT, env=None):
    """`python -m gen ARGS` (with `env` added to the environment); the CompletedProcess (text, UTF-8)."""
    return subprocess.run([sys.executable, "-m", "gen", *map(str, args)], cwd=cwd,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, encoding="utf-8")


def refused_example(read, folder, text):
    """The InputError that `read(path)` raises for the examples file `text` written in `folder`; its message names the
    file."""
    import pytest

    from gen.errors import InputError
    path = Path(folder) / "examples.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read(path)
    assert str(path) in str(err.value)
    return err.value
