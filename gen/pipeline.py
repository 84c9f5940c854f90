"""compute → verify → context → render: every output file's text, before anything is written."""

from pathlib import Path

from gen.context import page_context
from gen.derivation import derivation
from gen.errata import errata
from gen.examples import load_examples
from gen.figure_set import figure_set, inline
from gen.figure_set import files as figure_files
from gen.records import document, record
from gen.paths import DATA_FILE, LANGUAGES, download_href
from gen.render import render_pages
from gen.shapes import verify_index_sums
from gen.verify import Oracle, verify_errata, verify_steps
from gen.worked import compute

DEFAULT_EXAMPLES = Path(__file__).parent / "examples.yml"


def generate(examples_path=DEFAULT_EXAMPLES):
    """All generated files: relative path → text.  Raises InputError or VerificationError."""
    examples = load_examples(examples_path)
    oracle = Oracle()
    verified = verify_steps(derivation(), oracle)
    verify_errata(errata(), oracle)
    verify_index_sums(oracle)
    workeds = [compute(e) for e in examples]
    records = [record(w) for w in workeds]
    figures = {lang: figure_set(lang, records) for lang in LANGUAGES}
    outputs = render_pages(page_context(workeds, verified),
                           {lang: {"figures": inline(figures[lang]), "download": download_href(lang)}
                            for lang in LANGUAGES})
    for lang in LANGUAGES:
        outputs.update(figure_files(lang, figures[lang]))
    outputs[DATA_FILE] = document(workeds)
    return outputs
