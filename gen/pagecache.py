"""A derivation's rendered files kept on disk between runs, under a key of everything they are made from.

Rendering (pages in both languages, figures, the data file) is most of a run once verification is kept
(`gen.verifycache`). What one derivation's files are made from: everything its verification depends on
(that key: its code and data, the engine, its examples file, Python's, sympy's and numpy's versions), its
own templates, every derivation's `about.md.j2` (the home page's catalog), what the site tells every page
(each derivation's pages and named equations, `gen.pipeline.site_context`), the code that measures a
formula's width (`gen/site/`, with MathJax's files) and the versions of Jinja, PyYAML and MathJax. A run in
which none of them changed takes the files from the entry instead of computing and rendering them.

Entries are kept beside the verification's, with its guarantees: an entry that is unreadable, corrupt,
written half-way, of another format or for another key is a miss, and is rendered again and rewritten."""

import hashlib
import json
from importlib import metadata
from pathlib import Path

from gen import verifycache

FORMAT = 1
"""The entries' format; an entry of another is a miss."""
PACKAGES = ("jinja2", "pyyaml", "django-static-mathjax", "mini-racer")
"""Distributions whose version can change a rendered page."""


def _version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "(absent)"


def key(derivation, source, site: dict) -> str:
    """The hash of everything `derivation`'s rendered files from the examples file `source` depend on."""
    digest = hashlib.sha256()

    def part(name: str, data: bytes):
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8") + data)

    part("format", str(FORMAT).encode())
    part("verified", verifycache.key(derivation, source).encode())
    part("examples-path", str(source).encode("utf-8"))  # the pages name the file
    part("packages", "; ".join(f"{p} {_version(p)}" for p in PACKAGES).encode())
    part("site", json.dumps(site, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    templates = Path(derivation.templates)
    for path in verifycache.files(templates):
        part("templates/" + path.relative_to(templates).as_posix(), path.read_bytes())
    for other in site["derivations"]:
        for about in sorted(Path(other["templates"]).glob("*/about.md.j2")):
            part(f"about/{other['name']}/{about.parent.name}", about.read_bytes())
    for path in verifycache.files(verifycache.GEN / "site"):
        part("site/" + path.relative_to(verifycache.GEN).as_posix(), path.read_bytes())
    return digest.hexdigest()


class PageCache:
    """The rendered files in one folder (the verification cache's)."""

    def __init__(self, where: Path):
        self.store = verifycache.Store(where)

    def get(self, derivation_name: str, entry_key: str):
        """relative path → text kept for `entry_key`, or None."""
        files = self.store.read(f"pages-{derivation_name}", entry_key, FORMAT)
        if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in files.items()):
            return None
        return files

    def put(self, derivation_name: str, entry_key: str, files: dict):
        """Keep `files` (relative path → text) for `entry_key`."""
        self.store.write(f"pages-{derivation_name}", entry_key, FORMAT, dict(files))
