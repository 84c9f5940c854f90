"""This derivation's stages for the engine: compute → verify → (context) → language → data."""

from dataclasses import dataclass

from gen.background import Background
from gen.derivations.two_layer.compute import compute
from gen.derivations.two_layer.examples import load_examples
from gen.derivations.two_layer.figures import example_figures
from gen.derivations.two_layer.records import document, record
from gen.derivations.two_layer.steps import NOTE_STEPS, steps
from gen.derivations.two_layer.verify import check_example, check_index_lines, prove_all, prove_reduction
from gen.figures import scroll_box


@dataclass(frozen=True)
class Verified:
    """The computed examples and the derivation's equations, after every check passed."""

    workeds: tuple
    """Each example's values and gradients (`compute.Worked`)."""
    steps: tuple
    """The named equations (`steps.Step`)."""
    counts: dict
    """What verification checked, for the pages."""


def compute_all(examples_path):
    """Examples file → computed examples (InputError names file, example and field)."""
    return tuple(compute(e) for e in load_examples(examples_path))


def verify_all(workeds):
    """Prove the matrix forms, the index lines, the reduction and each example's numbers.

    The matrix-form proofs (the longest part) run in a second process meanwhile; if both fail,
    the proofs' error is the one raised, as when they ran first."""
    proofs = Background(prove_all)
    all_steps = steps()
    by_name = {s.name: s for s in all_steps}
    reduction = {f"the note's {NOTE_STEPS[key]}": (node, by_name[f"note_{key}"].lines[-1])
                 for key, node in (("W2", "W2"), ("S1", "W1"), ("S2", "W1"))}
    try:
        rest = {"index": check_index_lines(all_steps), "reduction": prove_reduction(reduction),
                "examples": sum(check_example(w) for w in workeds)}
    except BaseException:
        proofs.result()  # its error first, if it has one
        raise
    counts = {"proofs": proofs.result(), **rest}
    return Verified(tuple(workeds), all_steps, counts)


def language(verified, lang):
    """The figures in one language: inlined in the examples page and written as files."""
    svgs = {}
    for worked in verified.workeds:
        rec = record(worked)
        svgs[rec["id"]] = example_figures(rec, lang)
    files = {f"{lang}/two-layer/figures/{k}.svg": v[0] for k, v in svgs.items()}
    return {"figures": {k: scroll_box(*v) for k, v in svgs.items()}}, files


def data(verified):
    """The text of data/two-layer.json."""
    return document(verified.workeds)
