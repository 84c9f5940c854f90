"""The only module that touches the output folder: atomic, change-only writes and `--check`."""

import ctypes
import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass
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
    """Write changed files, remove stale generated ones; return (written, removed).

    The whole folder changes at once: a copy of it is staged beside it, changed there, then swapped in
    (one rename), so an interrupted run leaves the old folder or the new one, never a mix."""
    root = Path(root)
    recover(root)
    changed, stale = changes(root, outputs, remove_stale)
    if not changed and not stale:
        return changed, stale
    staging = _sibling(root, "staging")
    if root.is_dir():
        # Unchanged files are linked, not copied: the staged tree shares them with the old one (already on
        # disk), and a changed file replaces its link by a new file, leaving the old tree's as it was.
        shutil.copytree(root, staging, symlinks=True, copy_function=_link_or_copy)
    else:
        staging.mkdir(parents=True)
    for rel in changed:
        atomic_write(staging / rel, outputs[rel])
    for rel in stale:
        (staging / rel).unlink()
    _fsync_files(staging / rel for rel in changed)
    _swap(staging, root)
    return changed, stale


def _sibling(root, kind):
    return root.parent / f".{root.name}.{kind}"


def recover(root):
    """Finish or undo what an interrupted run left beside `root`: the old tree back if `root` is gone,
    leftover staged or old trees removed."""
    old, staging = _sibling(root, "old"), _sibling(root, "staging")
    if old.is_dir() and not root.exists():
        os.rename(old, root)
    for leftover in (old, staging):
        if leftover.exists():
            shutil.rmtree(leftover)


def _link_or_copy(source, target):
    """A hard link to `source` at `target`, or a copy where the file system has none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _fsync_files(paths):
    for path in paths:
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


_RENAME_EXCHANGE = 2


def _exchange(a, b):
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def swap_in(staging, root):
    """Put the staged tree at `root` in one step; the previous tree is deleted after."""
    recover(root)
    _swap(Path(staging), Path(root))


def _swap(staging, root):
    """Put the staged tree at `root`; the previous tree is deleted after."""
    if not root.exists():
        os.rename(staging, root)
        return
    if _exchange(staging, root):
        shutil.rmtree(staging)
        return
    old = _sibling(root, "old")  # two renames; `recover` repairs a run stopped between them
    os.rename(root, old)
    os.rename(staging, root)
    shutil.rmtree(old)


@dataclass(frozen=True)
class StaleReport:
    """What `--check` found: per stale file its status and line counts, and the whole diff."""

    files: tuple
    """(relative path, 'changed'|'added'|'removed', lines added, lines removed), sorted."""
    diff: tuple
    """The unified diff, one line per item (with line endings)."""

    def text(self, cap=None):
        """Summary first, then the diff (its first `cap` lines, with a note when cut)."""
        plus, minus = sum(f[2] for f in self.files), sum(f[3] for f in self.files)
        head = [f"{len(self.files)} file(s) stale, {plus + minus} line(s) change (+{plus} -{minus}):\n"]
        head += [f"  {status:8} {rel} (+{a} -{r})\n" for rel, status, a, r in self.files]
        shown = self.diff if cap is None or len(self.diff) <= cap else self.diff[:cap]
        tail = []
        if len(shown) < len(self.diff):
            tail = [f"... diff cut at {cap} of {len(self.diff)} lines: add --full-diff to see all of it\n"]
        return "".join(head) + "\n" + "".join(shown) + "".join(tail)


def stale_report(root, outputs, remove_stale=True):
    """Compare what is on disk with what would be generated (no files when up to date)."""
    root = Path(root)
    changed, stale = changes(root, outputs, remove_stale)
    files, diff = [], []
    for rel in sorted(changed + stale):
        path = root / rel
        old = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.is_file() else []
        new = outputs.get(rel, "").splitlines(keepends=True)
        lines = [line if line.endswith("\n") else line + "\n" for line in difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}")]
        added = sum(1 for line in lines[2:] if line.startswith("+"))
        removed = sum(1 for line in lines[2:] if line.startswith("-"))
        status = "removed" if rel in stale else "changed" if path.is_file() else "added"
        files.append((rel, status, added, removed))
        diff.extend(lines)
    return StaleReport(tuple(files), tuple(diff))
