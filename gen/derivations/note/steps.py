"""The note's derivation, equations (1)–(35) and the summary, as sympy objects.

Every right-hand side comes from the graph's chain rule (`Graph.gradient_entry`, `Graph.local`,
`Graph.matrix_gradient`); this module only picks which lines each numbered equation shows.
"""

import sympy as sp

from gen.unevaluated import prune
from gen.notation import matrix_tex, partial
from gen.matexpr import mask as mask_symbol
from gen.statements import Branches, Claim, Part, Step, numbered


def restrict(net, expr, on):
    """Xᵀ (A ⊙ 1[z > 0]) for one case: only the rows i of A with z_i > 0 survive.

    All on: Xᵀ A; none: 0; otherwise Σ over active i of (Xᵀ)_{:,i} A_{i,:}."""
    outer, had = expr.args
    inner = next(a for a in had.args if a != mask_symbol(net.M["z"]))
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


def upstream_of_loss(net):
    """(1): ∂L/∂y = 2y, the upstream of both multiplications."""
    return [Step("dL_dy", (Part(net.grad_lhs("y"), (net.matrix_gradient("y"), net.gradient("y")),
                             Claim("grad", "y")),))]


def w2_steps(net):
    """(2)–(6): locals ∂y/∂w₂ⱼ, downstreams ∂L/∂w₂ⱼ, and ∂L/∂W₂ = 2 hᵀ y."""
    ats = [(0, j) for j in range(net.E["W2"].cols)]
    local = Step("y_by_W2", tuple(Part(partial("y", net.entry_tex("W2", *at)), (net.local_matrix("y", "W2", at=at),),
                                 Claim("local", "W2", at, of="y")) for at in ats), layout="list")
    downs = [Step(f"dL_dW2_{n + 1}", (Part(net.grad_lhs("W2", at), (net.gradient_entry("W2", at),),
                                    Claim("grad", "W2", at), (net.sum_notation("W2", at),)),))
             for n, at in enumerate(ats)]
    matrix = net.matrix_gradient("W2")
    full = Part(net.grad_lhs("W2"), (net.gradient("W2"), net.entrywise(matrix), matrix), Claim("grad", "W2"),
                (net.chain_tex("W2"), net.partials_matrix("L", "W2")))
    return [local, *downs, Step("dL_dW2_entries", (full,)), Step("dL_dW2", (Part(net.grad_lhs("W2"), (matrix,), Claim("grad", "W2")),))]


def h_steps(net):
    """(7)–(11): locals ∂y_ij/∂h_k, downstreams ∂L/∂h_k, and ∂L/∂h = 2 y W₂ᵀ."""
    ats = [(k, 0) for k in range(net.E["h"].rows)]
    outs = [(i, j) for i in range(net.E["y"].rows) for j in range(net.E["y"].cols)]
    local = Step("y_by_h", tuple(
        Part(partial(net.entry_tex("y", *out), net.entry_tex("h", *at)), (net.local("y", 0, out, at),),
             Claim("local", "h", at, of="y", out=out)) for at in ats for out in outs), layout="list")
    downs = [Step(f"dL_dh_{n + 1}", (Part(net.grad_lhs("h", at), (net.gradient_entry("h", at),),
                                    Claim("grad", "h", at), (net.sum_notation("h", at),)),))
             for n, at in enumerate(ats)]
    chain = " + ".join(f"{net.grad_lhs('h', at)} {partial(net.entry_tex('h', *at), 'h')}" for at in ats)
    matrix = net.matrix_gradient("h")
    full = Part(net.grad_lhs("h"), (net.gradient("h"),), Claim("grad", "h"), (chain, net.partials_matrix("L", "h")))
    return [local, *downs, Step("dL_dh_entries", (full,)),
            Step("dL_dh", (Part(net.grad_lhs("h"), (net.entrywise(matrix), matrix), Claim("grad", "h")),))]


def relu_local_parts(net, case):
    """∂h_k/∂z for each k, in one case (or with 1[z_i > 0] left symbolic)."""
    parts = []
    for k in range(net.E["h"].rows):
        column = net.local_matrix("h", "z", out=(k, 0))
        value = case.substitute(column) if case else column
        notation = () if case else (f"{net.entry_tex('h', k, 0)}'(z)",)
        parts.append(Part(partial(net.entry_tex("h", k, 0), "z"), (value,),
                          Claim("local", "z", of="h", out=(k, 0)), notation))
    return tuple(parts)


def relu_steps(net):
    """(12)–(17): the local ∂h/∂z in each of the four cases, then all at once."""
    steps = [Step(f"relu_local_{case.slug}", relu_local_parts(net, case), case, "list") for case in net.cases]
    combined = []
    for k in range(net.E["h"].rows):
        column = net.local_matrix("h", "z", out=(k, 0))
        branches = Branches(tuple((case.substitute(column), case) for case in net.cases))
        combined.append(Part(partial(net.entry_tex("h", k, 0), "z"), (branches,),
                             Claim("local", "z", of="h", out=(k, 0)),
                             (f"{net.entry_tex('h', k, 0)}'(z)", net.partials_matrix(net.entry_tex("h", k, 0), "z"))))
    steps.append(Step("relu_local_cases", tuple(combined)))
    steps.append(Step("relu_local", relu_local_parts(net, None), layout="list"))
    return steps


def z_terms(net, case):
    """Σ_k ∂L/∂h_k · ∂h_k/∂z as a sum of vectors (each entry upstream · local)."""
    vectors = []
    for k in range(net.E["h"].rows):
        column = net.local_matrix("h", "z", out=(k, 0))
        upstream = net.gradient_entry("h", (k, 0))
        vector = column.applyfunc(lambda loc: prune(sp.Mul(upstream, loc, evaluate=False)))
        vectors.append(case.substitute(vector) if case else vector)
    return sp.MatAdd(*vectors, evaluate=False)


def z_steps(net):
    """(18)–(22): the downstream ∂L/∂z, in general and in each case."""
    chain = " + ".join(f"{net.grad_lhs('h', (k, 0))} {partial(net.entry_tex('h', k, 0), 'z')}"
                       for k in range(net.E["h"].rows))
    general = Step("dL_dz", (Part(net.grad_lhs("z"), (z_terms(net, None), net.gradient("z")), Claim("grad", "z"),
                               (chain,)),))
    cases = [Step(f"dL_dz_{case.slug}", (Part(net.grad_lhs("z"), (z_terms(net, case), case.substitute(net.gradient("z"))),
                                     Claim("grad", "z")),), case) for case in net.cases]
    return [general, *cases]


def w1_entry_lines(net, case, at):
    """∂L/∂w₁ₖ in one case: upstream · local with zeros shown, then without."""
    kept = sp.Add(*(sp.Mul(case.substitute(up), loc, evaluate=False)
                    for up, loc, _, _ in net.terms("W1", at)), evaluate=False)
    pruned = prune(kept)
    return (kept,) if pruned == kept else (kept, pruned)


def w1_steps(net):
    """(23)–(35): locals ∂z_i/∂w₁ₖ, then ∂L/∂w₁ₖ and ∂L/∂W₁ in each case."""
    ats = [(k, 0) for k in range(net.E["W1"].rows)]
    outs = [(i, 0) for i in range(net.E["z"].rows)]
    local = Step("z_by_W1", tuple(
        Part(partial(net.entry_tex("z", *out), net.entry_tex("W1", *at)), (net.local("z", 1, out, at),),
             Claim("local", "W1", at, of="z", out=out)) for at in ats for out in outs), layout="list")
    entries, matrices = [], []
    matrix = net.matrix_gradient("W1")
    for case in net.cases:
        for m, at in enumerate(ats):
            entries.append(Step(f"dL_dW1_{m + 1}_{case.slug}", (Part(net.grad_lhs("W1", at), w1_entry_lines(net, case, at),
                                                           Claim("grad", "W1", at), (net.sum_notation("W1", at),)),),
                                case))
        compact = restrict(net, matrix, case.on)
        forms = () if isinstance(compact, sp.ZeroMatrix) else (net.entrywise(compact), compact)
        matrices.append(Step(f"dL_dW1_{case.slug}", (Part(net.grad_lhs("W1"), (case.substitute(net.gradient("W1")),
                                                                 *forms),
                                                Claim("grad", "W1"), (net.chain_tex("W1"), net.partials_matrix("L", "W1"))),),
                             case))
    return [local, *entries, *matrices]


def summary_steps(net):
    """Beyond the note, in reading order: the four cases are one formula (S1); y's rows are hᵢW₂ (S2);
    so for L = ‖y‖² the mask drops out (S3)."""
    matrix = net.matrix_gradient("W1")
    all_on = tuple(True for _ in net.E["z"])
    h, w2 = net.E["h"], net.E["W2"]
    rows = sp.ImmutableMatrix(h.rows, w2.cols, lambda i, j: sp.Mul(h[i], w2[j], evaluate=False))
    return [Step("summary_masked", (Part(net.grad_lhs("W1"), (matrix,), Claim("grad", "W1")),), series="S"),
            Step("summary_y_rows", (Part(matrix_tex("y"), (net.entrywise(net.M["h"] * net.M["W2"]), rows, net.E["y"]),
                                         Claim("forward", "y")),), series="S"),
            Step("summary_unmasked", (Part(net.grad_lhs("W1"), (restrict(net, matrix, all_on),), Claim("grad", "W1")),),
                 series="S")]


def derivation(net):
    """All steps, in the note's order, then the summary's, numbered by their place: (1)–(35), (S1)–(S3)."""
    return numbered([*upstream_of_loss(net), *w2_steps(net), *h_steps(net), *relu_steps(net), *z_steps(net), *w1_steps(net),
            *summary_steps(net)])
