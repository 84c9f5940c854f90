"""The only module that touches the output folder: atomic, change-only writes and `--check`."""

import difflib
import os
import tempfile
from pathlib import Path

from gen.paths import MANAGED


def managed_files(root):
    """Generated files now present under `root`, as relative POSIX paths."""
    root = Path(root)
    return sorted({p.relative_to(root).as_posix() for pattern in MANAGED for p in root.glob(pattern)})


def atomic_write(path, text):
    """Write UTF-8 text via a temporary file in the same folder and `os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def changes(root, outputs, remove_stale=True):
    """(added/changed paths, stale paths) compared with what is on disk (no stale paths when
    only part of the output is generated)."""
    root = Path(root)
    changed = [rel for rel, text in sorted(outputs.items())
               if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text]
    stale = [rel for rel in managed_files(root) if rel not in outputs] if remove_stale else []
    return changed, stale


def write_outputs(root, outputs, remove_stale=True):
    """Write changed files, remove stale generated ones; return (written, removed)."""
    root = Path(root)
    changed, stale = changes(root, outputs, remove_stale)
    for rel in changed:
        atomic_write(root / rel, outputs[rel])
    for rel in stale:
        (root / rel).unlink()
    return changed, stale


def stale_diff(root, outputs, remove_stale=True):
    """A unified diff from what is on disk to what would be generated ('' when up to date)."""
    root = Path(root)
    changed, stale = changes(root, outputs, remove_stale)
    chunks = []
    for rel in changed + stale:
        path = root / rel
        old = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.is_file() else []
        new = outputs.get(rel, "").splitlines(keepends=True)
        chunks.extend(difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}"))
    return "".join(chunks)
