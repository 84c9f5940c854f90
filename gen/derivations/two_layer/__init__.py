"""CS231n's two-layer net with biases and two losses (squared error, softmax cross-entropy):
every gradient by index notation to matrix form, proven by sympy, with worked examples."""

from pathlib import Path

from gen.derivations.two_layer.context import page_context
from gen.derivations.two_layer.explorer import explorer_context
from gen.derivations.two_layer.pipeline import compute_all, data, language, verify_all
from gen.derivations.two_layer.steps import number, steps
from gen.spec import Derivation


def derivation():
    """This derivation, as the engine runs it."""
    return Derivation(
        name="two-layer",
        folder=Path(__file__).parent,
        pages=("two-layer/index.md", "two-layer/derivation.md", "two-layer/examples.md", "two-layer/explorer.md"),
        data_file="data/two-layer.json",
        order=20,
        compute=compute_all,
        verify=verify_all,
        context=lambda verified: {**page_context(verified), "explorer": explorer_context(verified)},
        language=language,
        data=data,
        equations=lambda: {name: (f"({n})", "two-layer/derivation.md") for name, n in number(steps()).items()},
    )
