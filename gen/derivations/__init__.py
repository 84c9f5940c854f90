"""The site's derivations: every package in this folder whose module has `derivation()`.

Found by looking, not by name, so adding a derivation is adding a folder (and a nav entry)."""

import importlib
import pkgutil


def discover():
    """Every derivation here, in site order (`Derivation.order`, then name)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg:
            module = importlib.import_module(f"{__name__}.{info.name}")
            if hasattr(module, "derivation"):
                found.append(module.derivation())
    return sorted(found, key=lambda d: (d.order, d.name))


def named(name, derivations=None):
    """The derivation called `name`; KeyError lists the known names."""
    derivations = discover() if derivations is None else derivations
    for derivation in derivations:
        if derivation.name == name:
            return derivation
    raise KeyError(f"unknown derivation {name!r} (known: {', '.join(d.name for d in derivations)})")
