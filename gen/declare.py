"""A derivation as a declaration: its graph, the steps it names in order, its notation, its examples'
schema and its templates.  `derivation(declaration)` supplies everything else the pipeline runs:

    compute   the examples file read against the schema, every value and gradient by the walk
    verify    every matrix-form line of every step against the oracle, at every declared size and case;
              every index-notation line against its first; every worked gradient against the oracle at
              its numbers (exact, or to 30 digits) and against central finite differences
    context   each step's display block and tag, each example's lines with its numbers, the counts
    language  the graph's figure in each language (and any figures the derivation adds)
    data      `data/NAME.json`: {"examples": [{id, fields…, values…, L, dL_d…}]}
"""

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import sympy as sp

from gen.background import Background
from gen.cases import MANY
from gen.checking import check_finite_differences, check_numbers, verify_steps
from gen.equations import display, environment, ref, step_tex
from gen.examplelines import example_context
from gen.exactjson import to_json
from gen.figures import scroll_box
from gen.figures.graphs import graph_figures, reads
from gen.indexform import check_index_lines
from gen.notation import Notation
from gen.numbers import CHECKED, DIGITS
from gen.oracle import Oracle
from gen.spec import Derivation
from gen.statements import numbered
from gen.worked import compute_all, expanded, record


@dataclass(frozen=True)
class Declaration:
    """Everything that is particular to one derivation (nothing here is computed)."""

    name: str
    """Its name on the command line and the folder of its pages (`NAME/index.md`)."""
    folder: Path
    """Its package folder: `templates/<lang>/NAME/<page>.j2`, `examples.yml`, a listing."""
    order: int
    """Its place on the site (smaller first)."""
    network: Callable
    """variant → its graph (`gen.graph`); the variant is None for a derivation with one graph."""
    fields: dict
    """The examples file's schema (`gen.schema`)."""
    steps: Callable
    """() → its named steps (`gen.statements.Step`) in order; numbered by the engine."""
    proofs: dict
    """variant → the sizes at which every matrix-form line is checked (each size 1 in one, > 1 in another)."""
    values: tuple
    """The named values each example shows and publishes, in order."""
    gradients: tuple
    """The gradients each example shows and publishes, in order."""
    notation: Notation = field(default_factory=Notation)
    """How its matrices print."""
    pages: tuple = ("index.md", "derivation.md", "examples.md")
    """Its pages, under `NAME/` in each language."""
    variant: str | None = None
    """The field of an example that chooses its graph (the two-layer net's `loss`), if any."""
    index_sizes: dict | None = None
    """Sizes at which index-notation lines are checked entry by entry (each size > 1)."""
    listing: str | None = None
    """A NumPy listing (file name in the folder) that the examples page shows and the tests run."""
    checks: Callable | None = None
    """(steps) → {name: count}: proofs of its own beyond the lines' (a reduction, a condition)."""
    context: Callable | None = None
    """(verified) → more template context."""
    example_context: Callable | None = None
    """(worked) → more context for one example."""
    shown_forms: Callable | None = None
    """(graph, name) → the form an example shows for ∂L/∂name, where it is not the walk's one step."""
    figures: Callable | None = None
    """(verified, lang) → (context, {path: svg}) of figures beyond the graph's."""
    graph_figure: bool = True
    """Whether its pages show the graph's figure (`graph_figure` in the templates)."""
    label: str = ""
    """What leads its equations' tags and anchors, naming the derivation: `BN` gives (BN 3) at #eq-bn-3."""
    check_example: Callable | None = None
    """(example) → (field, problem) when fields each well formed do not fit together (a stride that does
    not fit the input), else None: the example is refused like a bad field."""
    choose: Callable | None = None
    """(example) → its variant, where no one field names it (a convolution's pad and stride)."""

    @property
    def variants(self):
        return tuple(self.proofs)

    def graph(self, example=None):
        """The graph an example is computed on (its variant's)."""
        if self.choose and example:
            return self.network(self.choose(example))
        return self.network(example.values[self.variant] if self.variant and example else self.variants[0])


@dataclass(frozen=True)
class Computed:
    """What a declaration's examples and steps are, before anything is checked."""

    declaration: Declaration
    steps: tuple
    """The named steps, numbered."""
    workeds: tuple
    """Every example, computed (`gen.worked.Worked`)."""
    source: str
    """The examples file as the pages name it."""


@dataclass(frozen=True)
class Verified(Computed):
    """The same after every check passed."""

    counts: dict
    """What was checked (for the pages)."""


def shown_path(path, folder):
    """The examples file as the pages name it: relative to the project, or only its name."""
    path, project = Path(path).resolve(), Path(folder).resolve().parents[2]
    return path.relative_to(project).as_posix() if project in path.parents else path.name


def compute(decl, path):
    """Examples file → computed examples and steps (InputError names file, example and field)."""
    workeds = compute_all(decl.graph, decl.fields, path, decl.check_example)
    return Computed(decl, named_steps(decl), workeds, shown_path(path, decl.folder))


def named_steps(decl):
    """The steps numbered, each tag led by the derivation's label: (BN 3), so no two derivations share one."""
    prefix = f"{decl.label} " if decl.label else ""
    return tuple(numbered([replace(s, series=prefix + s.series) for s in decl.steps()]))


def prove_lines(decl, steps):
    """Every matrix-form line of every step against the oracle, per variant, size and case:
    {variant: {"shapes", "patterns", "checks"}} (see `gen.checking.verify_steps`)."""
    counts = {}
    for variant, sizes_list in decl.proofs.items():
        graph = decl.network(variant)
        mine = [s for s in steps if s.check == "oracle" and s.variant in (None, variant)]
        total = {"shapes": len(sizes_list), "patterns": 0, "checks": 0}
        for sizes in sizes_list:
            oracle = Oracle(graph, sizes)
            found = verify_steps(mine, oracle)
            total["patterns"] += len(oracle.cases)
            total["checks"] += found["checks"]
        counts[variant] = total
    return counts


def verify(computed):
    """Prove the lines (in a second process meanwhile), the index lines, its own checks, every number."""
    decl, steps = computed.declaration, computed.steps
    proofs = Background(prove_lines, decl, steps)
    try:
        counts = {"index": 0}
        for variant in decl.variants:
            index = [(s.label, s.parts[0].claim.wrt, s.parts[0].lines) for s in steps if s.check == "index"
                     and (s.variant == variant or s.variant is None and variant == decl.variants[0])]
            if index:
                counts["index"] += check_index_lines(decl.network(variant), index, decl.index_sizes or {})
        counts.update(decl.checks(steps) if decl.checks else {})
        counts["examples"] = counts["differences"] = 0
        for worked in computed.workeds:
            label = f"example {worked.id!r}"
            grads = {n: worked.grads[n] for n in expanded(worked.graph, decl.gradients)}
            counts["examples"] += check_numbers(worked.graph, _inputs(worked), grads, worked.sizes, label)
            counts["differences"] += check_finite_differences(worked.graph, _inputs(worked), grads, label)
    except BaseException:
        proofs.result()  # its error first, if it has one
        raise
    counts["proofs"] = proofs.result()
    return Verified(**vars(computed), counts=counts)


def _inputs(worked):
    return {n: v for n, v in worked.values.items() if worked.graph.nodes[n].op is None}


def context(verified):
    """The language-neutral context of every page."""
    decl, notation = verified.declaration, verified.declaration.notation
    counts = verified.counts
    proofs = counts["proofs"]
    graphs = {variant: decl.network(variant) for variant in decl.variants}
    out = {
        "eq": {s.name: step_tex(s, notation) for s in verified.steps},
        "forward": {variant: forward_tex(g, notation) for variant, g in graphs.items()},
        "shapes": shapes(graphs[decl.variants[0]], notation),
        "forward_equations": forward_tex(graphs[decl.variants[0]], notation),
        "readers": readers(graphs[decl.variants[0]], notation),
        "tag": {s.name: s.label for s in verified.steps},
        "ref": {s.name: ref(s.label) for s in verified.steps},
        "examples": [example_context(decl, w) for w in verified.workeds],
        "counts": {**counts, "proof_checks": sum(p["checks"] for p in proofs.values()),
                   "proof_shapes": sum(p["shapes"] for p in proofs.values())},
        "examples_file": verified.source,
        "digits": {"computed": DIGITS, "shown": notation.digits, "checked": CHECKED},
        "all_patterns_up_to": 2 ** MANY,
        "listing": (decl.folder / decl.listing).read_text(encoding="utf-8") if decl.listing else "",
    }
    out.update(decl.context(verified) if decl.context else {})
    return out


def forward_tex(graph, notation):
    """The forward pass, one named value a line: μ &= (1/N) 𝟏ᵀX, …, L &= Σ G ⊙ y."""
    rows = [f"{notation.matrix(n)} &= {notation.tex(graph.written(graph.expression(n)))}"
            for n in graph.named if graph.nodes[n].op is not None]
    return display(environment("aligned", rows))


def readers(graph, notation):
    """Each named value → the named values computed from it (through unnamed ones), as LaTeX, in order."""
    out = {n: [] for n in graph.named}
    for m in graph.named:
        if graph.nodes[m].op is not None:
            for n in reads(graph, m):
                out[n].append(notation.matrix(m))
    return out


def shapes(graph, notation):
    """Every named value with its shape, rows × columns in the sizes (N × D)."""
    return [{"name": notation.matrix(n), "shape": r" \times ".join(notation.tex(sp.sympify(d)) for d in node.shape),
             "role": node.role} for n, node in graph.nodes.items() if node.role not in ("hidden", "constant")]


def language(verified, lang):
    """The graph's figure in one language (inlined, and as a file), and the derivation's own figures."""
    decl = verified.declaration
    figures = {variant: graph_figures(decl.network(variant), decl.notation, lang, f"fig-{decl.name}-{variant or 'graph'}")
               for variant in decl.variants}  # a file each, for the catalog, even where the pages do not show it
    words = {"graph": {k: scroll_box(*v) for k, v in figures.items()} if decl.graph_figure else {}}
    words["graph_figure"] = words["graph"][decl.variants[0]] if decl.graph_figure else ""
    files = {f"{lang}/{decl.name}/figures/{graph_file(k)}": v[0] for k, v in figures.items()}
    if decl.figures:
        more, more_files = decl.figures(verified, lang)
        words.update(more)
        files.update(more_files)
    return words, files


def graph_file(variant):
    """The graph's figure file of a variant: graph.svg, graph-softmax.svg."""
    return f"graph{f'-{variant}' if variant else ''}.svg"


def records(verified):
    """Every example as its JSON record: id, fields as given, the named values, L, the gradients."""
    decl = verified.declaration
    return [record(w, decl.fields, decl.values, decl.gradients) for w in verified.workeds]


def data(verified):
    """The text of `data/NAME.json`."""
    return to_json({"examples": records(verified)}) + "\n"


def derivation(decl):
    """The declaration as the pipeline runs it."""
    pages = tuple(f"{decl.name}/{p}" for p in decl.pages)
    return Derivation(
        name=decl.name, folder=decl.folder, pages=pages, data_file=f"data/{decl.name}.json", order=decl.order,
        thumbnail=f"{decl.name}/figures/{graph_file(decl.variants[0])}",
        compute=lambda path: compute(decl, path), verify=verify, context=context, language=language, data=data,
        accept=lambda computed, counts: Verified(**vars(computed), counts=counts),
        equations=lambda: {s.name: (s.label, f"{decl.name}/derivation.md") for s in named_steps(decl)})
