"""The two-layer derivation run through the engine's own pipeline stages (gen/pipeline.py), without the CLI.

The note is verified too: a test compares the reduced forms with the note's own equations."""

from gen.derivations import discover, named
from gen.pipeline import render_derivation, site_context, verify_all


def verified_site(memo=None):
    """(every derivation, name → verified results) for the default examples (`memo`: see verify_all)."""
    derivations = discover()
    return derivations, verify_all(derivations, memo=memo)


def generate(site, verified=None):
    """Relative path → text of every file the two-layer derivation produces."""
    derivations, all_verified = site
    d = named("two-layer", derivations)
    return render_derivation(d, verified if verified is not None else all_verified["two-layer"],
                             site_context(derivations))
