"""compute → verify → context → render, for each derivation: every output file's text, before anything
is written.  Nothing here knows any one derivation."""

from gen.paths import LANGUAGES, download_href
from gen.render import render_pages


def generate(derivations, examples=None):
    """All generated files of `derivations`: relative path → text.

    `examples` maps a derivation's name to another examples file.  Raises InputError or VerificationError."""
    examples = examples or {}
    site = {"derivations": [{"name": d.name, "pages": list(d.pages)} for d in derivations]}
    outputs = {}
    for derivation in derivations:
        computed = derivation.compute(examples.get(derivation.name, derivation.default_examples))
        verified = derivation.verify(computed)
        context = derivation.context(verified)
        for lang in LANGUAGES:
            words, files = derivation.language(verified, lang)
            outputs.update(render_pages(derivation, lang, {**context, **words, "site": site,
                                                           "download": download_href(lang)}))
            outputs.update(files)
        outputs[derivation.data_file] = derivation.data(verified)
    return outputs
