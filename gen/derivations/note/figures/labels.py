"""The words and symbols drawn in figures, read from labels.yml (one place, both languages)."""

from functools import lru_cache
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).with_name("labels.yml")


@lru_cache(maxsize=1)
def load():
    """The whole labels file: `symbols`, then one mapping of words per language."""
    return yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))


def words(lang):
    """The words of one language (`ko`, `en`)."""
    data = load()
    if lang == "symbols" or lang not in data:
        known = ", ".join(k for k in data if k != "symbols")
        raise KeyError(f"no figure labels for language {lang!r} (known: {known})")
    return data[lang]


def symbols():
    """Language-neutral math symbols (node names, ops, ∂L/∂·, ᵀ, 1[z>0])."""
    return load()["symbols"]


def grad_symbol(node):
    """∂L/∂W₁ for node `W1`."""
    sym = symbols()
    return sym["grad"].format(node=sym["nodes"][node])


def transpose_symbol(node):
    """W₂ᵀ for node `W2`."""
    sym = symbols()
    return sym["transpose"].format(node=sym["nodes"][node])
