"""What a derivation hands the pipeline: one object, read top to bottom, that the engine runs
through compute → verify → context → render → write without knowing anything about it.

A derivation lives in its own folder `gen/derivations/<name>/` with `templates/<lang>/*.md.j2`,
its examples file, and a module whose `derivation()` returns a `Derivation`.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class Derivation:
    """One derivation of the site."""

    name: str
    """Its name on the command line (`--derivation NAME`), e.g. `note`, `two-layer`."""
    folder: Path
    """Its folder: `templates/<lang>/<page>.j2` and the default examples file."""
    pages: tuple
    """Its pages, as paths under each language's folder, e.g. `derivation.md`, `two-layer/index.md`."""
    data_file: str
    """Where its worked numbers go inside the output folder, e.g. `data/two-layer.json`."""
    order: int
    """Its place on the home page and in the nav (smaller first)."""
    compute: Callable[[Path], Any]
    """Examples file → computed results (raises InputError naming file, item and field)."""
    verify: Callable[[Any], Any]
    """Computed → verified results (raises VerificationError naming the equation)."""
    context: Callable[[Any], dict]
    """Verified → the language-neutral context every template of every language receives."""
    data: Callable[[Any], str]
    """Verified → the text of `data_file`."""
    accept: Callable[[Any, dict], Any] | None = None
    """(computed, counts) → the verified results, when another process verified `computed` and sent its counts
    back (sympy does not keep an unevaluated product's order through pickling, so the results stay here);
    None: the derivation is verified in this process."""
    language: Callable[[Any, str], tuple] | None = None
    """(verified, lang) → (extra context, {relative path: text}) for what differs only in words (figures);
    None for a derivation with none."""
    equations: Callable[[], dict] | None = None
    """() → {step name: (tag label, page)}: the equations other pages may link to by name (cheap: no
    examples, no verification, so a page can link to a derivation that is not being generated)."""
    thumbnail: str | None = None
    """Its graph's figure (a path under each language's folder), drawn small in the home page's catalog."""
    examples: str = "examples.yml"
    """Its default examples file, relative to `folder`."""
    extra: dict = field(default_factory=dict)
    """Anything else the derivation wants its templates to know about it (titles are in templates)."""

    @property
    def default_examples(self) -> Path:
        """The examples file used when none is given."""
        return self.folder / self.examples

    @property
    def templates(self) -> Path:
        """Its templates folder: `<lang>/<page>.j2`."""
        return self.folder / "templates"
