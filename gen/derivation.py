"""The note's derivation, equations (1)–(35) and the summary, as sympy objects.

Every right-hand side comes from the graph's chain rule (`Graph.gradient_entry`, `Graph.local`,
`Graph.matrix_gradient`); this module only picks which lines each numbered equation shows.
"""

from dataclasses import dataclass

import sympy as sp

from gen.graph import network, prune
from gen.notation import MATRIX_TEX, entry_tex, index_tex, partial, sum_tex
from gen.ops import mask_symbol
from gen.verify import Claim


@dataclass(frozen=True)
class Branches:
    """A value that depends on the ReLU case: (value, case) pairs, printed as `cases`."""

    branches: tuple
    """((value, Case), …) in the note's case order."""


@dataclass(frozen=True)
class Part:
    """One `lhs = … = …` chain of a numbered equation."""

    lhs: str
    """LaTeX of the left-hand side (a name such as ∂L/∂w₂₁, never a result)."""
    lines: tuple
    """The right-hand sides, sympy objects, each claimed equal to `claim`."""
    claim: Claim | None
    """What every line equals (checked by `gen.verify`); None for a definition."""
    notation: tuple = ()
    """LaTeX of notation-only right-hand sides shown before `lines` (a sum, a chain)."""
    worked: int = -1
    """Index of the line that worked examples substitute numbers into."""


@dataclass(frozen=True)
class Step:
    """A numbered equation of the note (or of the summary)."""

    key: str
    """`1` … `35`, or `S1` … for equations added beyond the note."""
    parts: tuple
    """Its chains, shown side by side (`list`) or one under another."""
    case: object = None
    """The ReLU case it is stated for, or None when it holds in every case."""
    layout: str = "chain"
    """`chain` (aligned `=` lines) or `list` (short parts separated by commas)."""

    @property
    def label(self):
        """The tag as printed: (3), (S1)."""
        return f"({self.key})"


GRAPH = network()
E, M = GRAPH.entries, GRAPH.symbols
Z = E["z"]
CASES = GRAPH.cases("z")


def grad_lhs(node, at=None):
    """∂L/∂node or ∂L/∂node[at]."""
    return partial("L", MATRIX_TEX[node] if at is None else entry_tex(node, *at))


def entrywise(expr):
    """A matrix-form expression with each matrix symbol written out entry by entry (unevaluated)."""
    env = {}
    for name, entries in E.items():
        env[M[name].T] = entries.T
        env[M[name]] = entries
    return expr.xreplace(env).replace(
        lambda e: isinstance(e, sp.MatrixSlice) and isinstance(e.parent, sp.MatrixBase),
        lambda e: e.parent[slice(*e.rowslice), slice(*e.colslice)])


def chain_tex(node):
    """∂L/∂L ∂L/∂y … ∂·/∂node along the graph's path from L down to `node`."""
    path = [node]
    while path[-1] != GRAPH.loss:
        path.append(GRAPH.consumers(path[-1])[0][0].name)
    names = [MATRIX_TEX[n] for n in reversed(path)]
    return " ".join([partial(names[0], names[0])] + [partial(a, b) for a, b in zip(names, names[1:])])


def sum_notation(node, at):
    """Σ ∂L/∂c ∂c/∂node[at] over the entries of node's consumer c."""
    consumer = GRAPH.consumers(node)[0][0]
    generic = index_tex(consumer.name, consumer.shape)
    return (f"{sum_tex(consumer.shape)} {partial('L', generic)} "
            f"{partial(generic, entry_tex(node, *at))}")


def partials_matrix(numerator, node):
    """[∂numerator/∂node_ij] as LaTeX, shaped like node."""
    rows = [" & ".join(partial(numerator, entry_tex(node, i, j)) for j in range(E[node].cols))
            for i in range(E[node].rows)]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def local_matrix(of, wrt, at=None, out=None):
    """∂of/∂wrt[at] shaped like `of`, or ∂of[out]/∂wrt shaped like `wrt`."""
    node = GRAPH.nodes[of]
    k = node.inputs.index(wrt)
    if out is None:
        return sp.ImmutableMatrix(*node.shape, lambda i, j: GRAPH.local(of, k, (i, j), at))
    return sp.ImmutableMatrix(*GRAPH.nodes[wrt].shape, lambda p, q: GRAPH.local(of, k, out, (p, q)))


def restrict(expr, on):
    """Xᵀ (A ⊙ 1[z > 0]) for one case: only the rows i of A with z_i > 0 survive.

    All on: Xᵀ A; none: 0; otherwise Σ over active i of (Xᵀ)_{:,i} A_{i,:}."""
    outer, had = expr.args
    inner = next(a for a in had.args if a != mask_symbol(M["z"]))
    active = [i for i, o in enumerate(on) if o]
    if len(active) == len(on):
        return outer * inner
    if not active:
        return sp.ZeroMatrix(*expr.shape)
    terms = [outer[:, i:i + 1] * rows_of(inner, i) for i in active]
    return terms[0] if len(terms) == 1 else sp.MatAdd(*terms)


def rows_of(product, i):
    """Row i of c·A·B… is c·A_{i,:}·B…."""
    scalars = [a for a in product.args if not isinstance(a, sp.MatrixExpr)]
    mats = [a for a in product.args if isinstance(a, sp.MatrixExpr)]
    return sp.MatMul(*scalars, mats[0][i:i + 1, :], *mats[1:])


# ---- the note's equations, in order ------------------------------------------------------


def upstream_of_loss():
    """(1): ∂L/∂y = 2y, the upstream of both multiplications."""
    return [Step("1", (Part(grad_lhs("y"), (GRAPH.matrix_gradient("y"), GRAPH.gradient("y")),
                             Claim("grad", "y")),))]


def w2_steps():
    """(2)–(6): locals ∂y/∂w₂ⱼ, downstreams ∂L/∂w₂ⱼ, and ∂L/∂W₂ = 2 hᵀ y."""
    ats = [(0, j) for j in range(E["W2"].cols)]
    local = Step("2", tuple(Part(partial("y", entry_tex("W2", *at)), (local_matrix("y", "W2", at=at),),
                                 Claim("local", "W2", at, of="y")) for at in ats), layout="list")
    downs = [Step(str(3 + n), (Part(grad_lhs("W2", at), (GRAPH.gradient_entry("W2", at),),
                                    Claim("grad", "W2", at), (sum_notation("W2", at),)),))
             for n, at in enumerate(ats)]
    matrix = GRAPH.matrix_gradient("W2")
    full = Part(grad_lhs("W2"), (GRAPH.gradient("W2"), entrywise(matrix), matrix), Claim("grad", "W2"),
                (chain_tex("W2"), partials_matrix("L", "W2")))
    return [local, *downs, Step("5", (full,)), Step("6", (Part(grad_lhs("W2"), (matrix,), Claim("grad", "W2")),))]


def h_steps():
    """(7)–(11): locals ∂y_ij/∂h_k, downstreams ∂L/∂h_k, and ∂L/∂h = 2 y W₂ᵀ."""
    ats = [(k, 0) for k in range(E["h"].rows)]
    outs = [(i, j) for i in range(E["y"].rows) for j in range(E["y"].cols)]
    local = Step("7", tuple(
        Part(partial(entry_tex("y", *out), entry_tex("h", *at)), (GRAPH.local("y", 0, out, at),),
             Claim("local", "h", at, of="y", out=out)) for at in ats for out in outs), layout="list")
    downs = [Step(str(8 + n), (Part(grad_lhs("h", at), (GRAPH.gradient_entry("h", at),),
                                    Claim("grad", "h", at), (sum_notation("h", at),)),))
             for n, at in enumerate(ats)]
    chain = " + ".join(f"{grad_lhs('h', at)} {partial(entry_tex('h', *at), 'h')}" for at in ats)
    matrix = GRAPH.matrix_gradient("h")
    full = Part(grad_lhs("h"), (GRAPH.gradient("h"),), Claim("grad", "h"), (chain, partials_matrix("L", "h")))
    return [local, *downs, Step("10", (full,)),
            Step("11", (Part(grad_lhs("h"), (entrywise(matrix), matrix), Claim("grad", "h")),))]


def relu_local_parts(case):
    """∂h_k/∂z for each k, in one case (or with 1[z_i > 0] left symbolic)."""
    parts = []
    for k in range(E["h"].rows):
        column = local_matrix("h", "z", out=(k, 0))
        value = case.substitute(column, Z) if case else column
        notation = () if case else (f"{entry_tex('h', k, 0)}'(z)",)
        parts.append(Part(partial(entry_tex("h", k, 0), "z"), (value,),
                          Claim("local", "z", of="h", out=(k, 0)), notation))
    return tuple(parts)


def relu_steps():
    """(12)–(17): the local ∂h/∂z in each of the four cases, then all at once."""
    steps = [Step(str(12 + n), relu_local_parts(case), case, "list") for n, case in enumerate(CASES)]
    combined = []
    for k in range(E["h"].rows):
        column = local_matrix("h", "z", out=(k, 0))
        branches = Branches(tuple((case.substitute(column, Z), case) for case in CASES))
        combined.append(Part(partial(entry_tex("h", k, 0), "z"), (branches,),
                             Claim("local", "z", of="h", out=(k, 0)),
                             (f"{entry_tex('h', k, 0)}'(z)", partials_matrix(entry_tex("h", k, 0), "z"))))
    steps.append(Step("16", tuple(combined)))
    steps.append(Step("17", relu_local_parts(None), layout="list"))
    return steps


def z_terms(case):
    """Σ_k ∂L/∂h_k · ∂h_k/∂z as a sum of vectors (each entry upstream · local)."""
    vectors = []
    for k in range(E["h"].rows):
        column = local_matrix("h", "z", out=(k, 0))
        upstream = GRAPH.gradient_entry("h", (k, 0))
        vector = column.applyfunc(lambda loc: prune(sp.Mul(upstream, loc, evaluate=False)))
        vectors.append(case.substitute(vector, Z) if case else vector)
    return sp.MatAdd(*vectors, evaluate=False)


def z_steps():
    """(18)–(22): the downstream ∂L/∂z, in general and in each case."""
    chain = " + ".join(f"{grad_lhs('h', (k, 0))} {partial(entry_tex('h', k, 0), 'z')}"
                       for k in range(E["h"].rows))
    general = Step("18", (Part(grad_lhs("z"), (z_terms(None), GRAPH.gradient("z")), Claim("grad", "z"),
                               (chain,)),))
    cases = [Step(str(19 + n), (Part(grad_lhs("z"), (z_terms(case), case.substitute(GRAPH.gradient("z"), Z)),
                                     Claim("grad", "z")),), case) for n, case in enumerate(CASES)]
    return [general, *cases]


def w1_entry_lines(case, at):
    """∂L/∂w₁ₖ in one case: upstream · local with zeros shown, then without."""
    kept = sp.Add(*(sp.Mul(case.substitute(up, Z), loc, evaluate=False)
                    for up, loc, _, _ in GRAPH.terms("W1", at)), evaluate=False)
    pruned = prune(kept)
    return (kept,) if pruned == kept else (kept, pruned)


def w1_steps():
    """(23)–(35): locals ∂z_i/∂w₁ₖ, then ∂L/∂w₁ₖ and ∂L/∂W₁ in each case."""
    ats = [(k, 0) for k in range(E["W1"].rows)]
    outs = [(i, 0) for i in range(E["z"].rows)]
    local = Step("23", tuple(
        Part(partial(entry_tex("z", *out), entry_tex("W1", *at)), (GRAPH.local("z", 1, out, at),),
             Claim("local", "W1", at, of="z", out=out)) for at in ats for out in outs), layout="list")
    entries, matrices = [], []
    matrix = GRAPH.matrix_gradient("W1")
    for n, case in enumerate(CASES):
        for m, at in enumerate(ats):
            entries.append(Step(str(24 + 2 * n + m), (Part(grad_lhs("W1", at), w1_entry_lines(case, at),
                                                           Claim("grad", "W1", at), (sum_notation("W1", at),)),),
                                case))
        compact = restrict(matrix, case.on)
        forms = () if isinstance(compact, sp.ZeroMatrix) else (entrywise(compact), compact)
        matrices.append(Step(str(32 + n), (Part(grad_lhs("W1"), (case.substitute(GRAPH.gradient("W1"), Z),
                                                                 *forms),
                                                Claim("grad", "W1"), (chain_tex("W1"), partials_matrix("L", "W1"))),),
                             case))
    return [local, *entries, *matrices]


def summary_steps():
    """Beyond the note: the four cases are one formula, and for L = ‖y‖² the mask drops out."""
    matrix = GRAPH.matrix_gradient("W1")
    all_on = tuple(True for _ in Z)
    return [Step("S1", (Part(grad_lhs("W1"), (matrix,), Claim("grad", "W1")),)),
            Step("S2", (Part(grad_lhs("W1"), (restrict(matrix, all_on),), Claim("grad", "W1")),)),
            Step("S3", (Part(MATRIX_TEX["y"], (entrywise(M["h"] * M["W2"]), E["y"]), Claim("forward", "y")),))]


def derivation():
    """All steps, in the note's order, then the summary's."""
    return [*upstream_of_loss(), *w2_steps(), *h_steps(), *relu_steps(), *z_steps(), *w1_steps(),
            *summary_steps()]
