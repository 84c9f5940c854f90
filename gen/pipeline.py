"""compute → verify → context → render, for each derivation: every output file's text, before anything
is written.  Nothing here knows any one derivation.

Every derivation says which equations it has before any page is rendered, so a page may link to another
derivation's equations (`xref`) by name, with the number that derivation gives it."""

from gen.paths import LANGUAGES, download_href
from gen.render import render_pages


def verify_all(derivations, examples=None):
    """Derivation name → its verified results.  Raises InputError or VerificationError."""
    examples = examples or {}
    return {d.name: d.verify(d.compute(examples.get(d.name, d.default_examples))) for d in derivations}


def site_context(derivations):
    """What every page may know of the whole site: the derivations, their pages and their named equations."""
    return {"derivations": [{"name": d.name, "pages": list(d.pages)} for d in derivations],
            "equations": {d.name: d.equations() for d in derivations if d.equations}}


def render_derivation(derivation, verified, site):
    """Every file of one derivation: its pages in each language, its figures, its data."""
    context = derivation.context(verified)
    outputs = {}
    for lang in LANGUAGES:
        words, files = derivation.language(verified, lang)
        outputs.update(render_pages(derivation, lang, {**context, **words, "site": site,
                                                       "download": download_href(lang)}))
        outputs.update(files)
    outputs[derivation.data_file] = derivation.data(verified)
    return outputs


def generate(derivations, examples=None, only=None):
    """All generated files: relative path → text, for every derivation (or those named in `only`).

    `examples` maps a derivation's name to another examples file."""
    chosen = [d for d in derivations if only is None or d.name in only]
    verified = verify_all(chosen, examples)
    site = site_context(derivations)
    outputs = {}
    for derivation in chosen:
        outputs.update(render_derivation(derivation, verified[derivation.name], site))
    return outputs
