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


def assert_refused_on_command_line(tmp_path, derivation, text, item, field):
    """`python -m gen --derivation NAME --examples FILE --out DIR` on a bad file: exit 2, one line naming the file,
    the example and the field, no traceback, and DIR not even made."""
    path = Path(tmp_path) / "examples.yml"
    path.write_text(text, encoding="utf-8")
    proc = run_gen("--derivation", derivation, "--examples", path, "--out", Path(tmp_path) / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"error: {path}:") and f"example '{item}', field '{field}'" in line, line
    assert not (Path(tmp_path) / "out").exists()
