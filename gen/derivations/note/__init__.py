"""The note's derivation: CS231n Lecture 4's z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖², equations
(1)–(35) as the note numbers them, the four ReLU cases, its errata, shapes and worked examples."""

from dataclasses import dataclass
from pathlib import Path

from gen.checking import verify_errata, verify_steps
from gen.declare import shown_path
from gen.derivations.note.context import page_context
from gen.derivations.note.errata import errata, verify_cites
from gen.derivations.note.explorer import explorer_context, explorer_figure
from gen.derivations.note.figure_set import figure_set, inline
from gen.derivations.note.figure_set import files as figure_files
from gen.derivations.note.network import network
from gen.derivations.note.records import document, record
from gen.derivations.note.shapes import verify_index_sums
from gen.derivations.note.steps import derivation as note_steps
from gen.derivations.note.summary import prove_mask_drop
from gen.derivations.note.worked import cross_check, load
from gen.oracle import Oracle
from gen.spec import Derivation

PAGES = ("index.md", "derivation.md", "shapes.md", "examples.md", "explorer.md", "errata.md", "verification.md")


@dataclass(frozen=True)
class Computed:
    """Everything the note states, before it is checked."""

    net: object
    """The network, walked entry by entry (`gen.entrywise.EntryForm`)."""
    steps: tuple
    """Equations (1)–(35) and (S1)–(S3), numbered."""
    errata: tuple
    """The note's errors beside their corrections."""
    workeds: tuple
    """The worked examples, computed exactly."""
    source: str
    """The examples file as the pages name it: relative to the project, or just its name."""


@dataclass(frozen=True)
class Verified(Computed):
    """The same, after every line, erratum, index sum and worked number was checked."""

    counts: dict
    """What was checked: steps, lines, (line, case) checks."""


def compute(examples_path: Path) -> Computed:
    """Read the examples, build the network, state every equation and compute every number."""
    net = network()
    return Computed(net, tuple(note_steps(net)), tuple(errata(net)), load(net, examples_path),
                    shown_path(examples_path, Path(__file__).parent))


def verify(computed: Computed) -> Verified:
    """Check every line against direct differentiation, and every worked number three more ways."""
    oracle = Oracle(computed.net.graph)
    counts = verify_steps(computed.steps, oracle)
    verify_errata(computed.errata, oracle)
    verify_cites(computed.errata, computed.steps)
    verify_index_sums(computed.net, oracle)
    prove_mask_drop(computed.net)  # (S3): the mask drops out when ∂L/∂y's off rows are zero
    for worked in computed.workeds:
        cross_check(computed.net, worked)
    return Verified(**vars(computed), counts=counts)


def language(verified: Verified, lang: str):
    """The figures in one language: inlined in pages, and written as standalone SVG files."""
    figures = figure_set(lang, [record(w) for w in verified.workeds])
    extra = {"figures": inline(figures), "explorer_figure": explorer_figure(lang, verified)}
    return extra, figure_files(lang, figures)


def derivation() -> Derivation:
    """The note's derivation, as the pipeline runs it."""
    return Derivation(
        name="note", folder=Path(__file__).parent, pages=PAGES, data_file="data/worked-examples.json", order=10,
        thumbnail="figures/graph.svg",
        compute=compute, verify=verify, accept=lambda computed, counts: Verified(**vars(computed), counts=counts),
        language=language, data=lambda verified: document(verified.workeds),
        context=lambda verified: {**page_context(verified), "explorer": explorer_context(verified)},
        equations=lambda: {s.name: (s.label, "derivation.md") for s in note_steps(network())},
    )
