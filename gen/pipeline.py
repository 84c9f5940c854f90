"""compute → verify → context → render: every output file's text, before anything is written."""

from pathlib import Path

from gen.context import page_context
from gen.derivation import derivation
from gen.errata import errata
from gen.examples import load_examples
from gen.records import document
from gen.render import render_pages
from gen.verify import Oracle, verify_errata, verify_steps
from gen.worked import compute

DEFAULT_EXAMPLES = Path(__file__).parent / "examples.yml"
DATA_FILE = "data/worked-examples.json"


def generate(examples_path=DEFAULT_EXAMPLES):
    """All generated files: relative path → text.  Raises InputError or VerificationError."""
    examples = load_examples(examples_path)
    oracle = Oracle()
    verified = verify_steps(derivation(), oracle)
    verify_errata(errata(), oracle)
    workeds = [compute(e) for e in examples]
    outputs = render_pages(page_context(workeds, verified))
    outputs[DATA_FILE] = document(workeds)
    return outputs
