"""Verified results kept on disk between runs, under a key that covers everything they depend on.

A derivation's verification is the slow part of a run (seconds to tens of seconds each), and its outcome
depends only on: the derivation's own code and data files (its folder, templates aside), the engine's
code (every other file of `gen/` but the other derivations and the site's builder), the examples file
it verifies, and the versions of Python, sympy and numpy. The key is a hash of all of them; an entry
holds what the verification counted (`counts`), which the derivation's `accept` turns back into its
verified results together with what this run computed. A changed input is a new key, so an entry is
never used for anything but exactly what it was verified from.

An entry that is unreadable, corrupt, written half-way, of another format or for another key is a miss:
it is verified again and the entry rewritten. Entries are written to a temporary file and renamed into
place, so two runs at once each see a whole entry or none. `python -m gen --no-cache` verifies everything.

The folder: `$GEN_VERIFY_CACHE` if set, else `.verify-cache/` in the project (git-ignored)."""

import ast
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

FORMAT = 2
"""The entries' format; an entry of another is a miss."""
ENV = "GEN_VERIFY_CACHE"
FOLDER = ".verify-cache"
GEN = Path(__file__).resolve().parent
SKIPPED = {"__pycache__", "templates"}
"""Folders whose files do not change what a verification finds (compiled code; pages' words)."""


def folder(root: Path) -> Path:
    """Where the entries of the project at `root` live."""
    return Path(os.environ[ENV]) if os.environ.get(ENV) else Path(root) / FOLDER


def files(top: Path, skip=()):
    """Every file under `top` that a verification may read, in a fixed order; `skip`: folders left out."""
    top, skip = Path(top), {os.fspath(s) for s in skip}
    found = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [s for s in subfolders if s not in SKIPPED and os.path.join(folder, s) not in skip]
        found += [Path(folder, name) for name in names if not name.endswith(".pyc")]
    return sorted(found)


def key(derivation, source) -> str:
    """The hash of everything `derivation` verified from the examples file `source` depends on."""
    import numpy
    import sympy

    own = Path(derivation.folder).resolve()
    others = [p for p in (GEN / "derivations").iterdir() if p.is_dir() and p.resolve() != own]
    digest = hashlib.sha256()

    def part(name: str, data: bytes):
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8") + data)

    part("format", str(FORMAT).encode())
    part("versions", f"python {sys.version}; sympy {sympy.__version__}; numpy {numpy.__version__}".encode())
    part("derivation", derivation.name.encode("utf-8"))
    try:
        examples = Path(source).read_bytes()
    except OSError:  # compute reports it; this key is then never used
        examples = b"(unreadable)"
    part("examples", examples)
    if not own.is_relative_to(GEN):  # a derivation from outside gen/ (a test's): its folder too
        for path in files(own):
            part("own/" + path.relative_to(own).as_posix(), path.read_bytes())
    for path in files(GEN, skip=[*others, GEN / "site"]):
        part(path.relative_to(GEN).as_posix(), path.read_bytes())
    return digest.hexdigest()


def _plain(value):
    """`value` with named tuples (a derivation's graph keys, e.g. conv's Window(pad, stride)) as plain tuples:
    equal and hashing alike, so a lookup by the named key still finds them, and their repr reads back."""
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Store:
    """Entries in one folder (made when the first is written), each a JSON file named by its kind and key."""

    def __init__(self, where: Path):
        self.folder = Path(where)

    def _path(self, kind: str, entry_key: str) -> Path:
        return self.folder / f"{kind}-{entry_key}.json"

    def read(self, kind: str, entry_key: str, entry_format: int):
        """What was kept for `entry_key`, or None: no entry, or one that cannot be trusted whole."""
        try:
            entry = json.loads(self._path(kind, entry_key).read_text(encoding="utf-8"))
            if (entry["format"], entry["kind"], entry["key"]) != (entry_format, kind, entry_key):
                return None
            return entry["payload"]
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError, MemoryError):
            return None

    def write(self, kind: str, entry_key: str, entry_format: int, payload):
        """Keep `payload` (JSON data) for `entry_key`: written beside, then renamed into place (a reader sees all
        or none). A folder that cannot be written only means the next run does the work again."""
        text = json.dumps({"format": entry_format, "kind": kind, "key": entry_key, "payload": payload},
                          ensure_ascii=False)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{kind}-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self._path(kind, entry_key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass


class VerifyCache:
    """The verifications' counts in one folder."""

    def __init__(self, where: Path):
        self.folder = Path(where)
        self.store = Store(where)

    def get(self, derivation_name: str, entry_key: str):
        """The counts kept for `entry_key`, or None: no entry, or one that cannot be trusted whole."""
        text = self.store.read(derivation_name, entry_key, FORMAT)
        try:
            counts = ast.literal_eval(text) if isinstance(text, str) else None
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        return counts if isinstance(counts, dict) else None

    def put(self, derivation_name: str, entry_key: str, counts: dict):
        """Keep `counts` for `entry_key` (nothing is kept of counts that are not plain data)."""
        counts = _plain(counts)
        try:
            if ast.literal_eval(repr(counts)) != counts:  # not plain data: nothing to keep
                return
        except (ValueError, TypeError, SyntaxError):
            return
        self.store.write(derivation_name, entry_key, FORMAT, repr(counts))
