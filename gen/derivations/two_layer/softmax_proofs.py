"""The softmax notes decided: each printed line at one row of C named scores s₁ … s_C (sympy), against the
softmax and the loss written out from the scores alone; and the overflow of e^y in float64 (numpy).

    shift, log-sum-exp     every line equals e^{s_q}/Σ_k e^{s_k} (or log Σ_k e^{s_k}) for a symbol c
    Jacobian               direct differentiation of (e^{s_j}/Σ_k e^{s_k})_j by s equals diag(P) − PᵀP and every entry
    chain                  every line, at each label, equals ∂/∂s_q of −(1/N) log P_ℓ and the page's (∂L/∂y)_pq
"""

from itertools import product

import sympy as sp

from gen.derivations.two_layer import softmax_notes as notes
from gen.derivations.two_layer.network import network
from gen.errors import VerificationError
from gen.indexform import Partial, j, q

CLASSES = (2, 3)
"""C at which the shift and log-sum-exp lines are proven (the Jacobian's at notes.JACOBIAN_CLASSES)."""


def scores(classes):
    """s₁ … s_C, real."""
    return sp.symbols(f"s1:{classes + 1}", real=True)


def softmax(s):
    """(e^{s_k} / Σ_m e^{s_m})_k, written out."""
    total = sum(sp.exp(v) for v in s)
    return [sp.exp(v) / total for v in s]


def at_row(expr, tables, classes, index):
    """An index line at row p: C and the free indices put in, sums done, each y_pk, P_pk, Y_pk, (∂L/∂P)_pk by its
    table's k-th value and each ∂P_pj/∂y_pq by `tables['Partial'](j, q)`."""
    out = expr.xreplace({network("softmax").sizes["C"]: classes, **index}).doit()
    out = out.replace(lambda e: isinstance(e, Partial), lambda e: tables["Partial"](int(e.args[2]), int(e.args[5])))
    return out.replace(lambda e: isinstance(e, sp.Indexed) and e.base.name in tables,
                       lambda e: tables[e.base.name][int(e.indices[1]) - 1])


def _zero(difference):
    """Whether a difference (a number or a matrix) simplifies to 0."""
    if isinstance(difference, sp.MatrixBase):
        return all(_zero(x) for x in difference)
    return sp.simplify(difference) == 0


def prove_shift(step, classes):
    """Every line of P_pq = … equals the softmax of the scores, for any shift c."""
    s = scores(classes)
    for qv, line in product(range(1, classes + 1), step.parts[0].lines):
        if not _zero(at_row(line, {"y": s}, classes, {q: qv}) - softmax(s)[qv - 1]):
            raise VerificationError(step.label, f"a line is not the softmax of row p at C = {classes}, q = {qv}")
    return classes


def prove_logsumexp(step, classes):
    """e^(every line) is Σ_k e^{s_k}: each line is a real logarithm of it (e^x is one to one on the reals)."""
    s, part = scores(classes), step.parts[0]
    for line in (part.lhs, *part.lines):
        if not _zero(sp.expand(sp.exp(at_row(line, {"y": s}, classes, {}))) - sum(sp.exp(v) for v in s)):
            raise VerificationError(step.label, f"a line is not log Σ_k e^(y_pk) at C = {classes}")
    return 1


def direct_jacobian(classes):
    """∂P_j/∂s_q by differentiating the written-out softmax, and the softmax."""
    s = scores(classes)
    probs = sp.Matrix(softmax(s))
    return probs.jacobian(s), probs, s


def prove_jacobian(entry_step, whole_step, classes=notes.JACOBIAN_CLASSES):
    """The direct Jacobian equals P_pj(δ_jq − P_pq) at every (j, q), diag(P_p) − P_pᵀP_p, and the printed matrix."""
    jac, probs, _ = direct_jacobian(classes)
    table = {"P": list(probs)}
    for jv, qv in product(range(1, classes + 1), repeat=2):
        if not _zero(at_row(entry_step.parts[0].lines[0], table, classes, {j: jv, q: qv}) - jac[jv - 1, qv - 1]):
            raise VerificationError(entry_step.label, f"∂P_pj/∂y_pq differs from direct differentiation at j = {jv}, "
                                                     f"q = {qv}")
    form, printed = whole_step.parts[0].lines
    for line in (form.subs(notes.ROW, probs.T).as_explicit(), at_row(printed, table, classes, {})):
        if not _zero(sp.Matrix(line) - jac):
            raise VerificationError(whole_step.label, "the Jacobian differs from direct differentiation")
    return classes * classes + 2


def prove_upstream(step, label, classes):
    """(∂L/∂P)_pj as printed against ∂/∂P_pj of −(1/N) Σ_j Y_pj log P_pj (P_p free positive entries) at one label;
    returns the upstream, in the free entries."""
    free = sp.symbols(f"f1:{classes + 1}", positive=True)
    onehot = [int(n == label) for n in range(classes)]
    upstream = [sp.diff(-sum(t * sp.log(f) for t, f in zip(onehot, free)) / network("softmax").sizes["N"], f)
                for f in free]
    for jv in range(1, classes + 1):
        if not _zero(at_row(step.parts[0].lines[0], {"Y": onehot, "P": free}, classes, {j: jv}) - upstream[jv - 1]):
            raise VerificationError(step.label, f"differs from ∂L/∂P_pj at label {label + 1}, j = {jv}")
    return upstream, free, onehot


def prove_chain(upstream_step, chain_step, page_step, classes=notes.JACOBIAN_CLASSES):
    """At each label: the upstream (`prove_upstream`), and every line of (∂L/∂y)_pq through the Jacobian, like the
    page's own (∂L/∂y)_pq, is ∂/∂s_q of −(1/N) log P_ℓ."""
    jac, probs, s = direct_jacobian(classes)
    lines = [(chain_step, x) for x in chain_step.parts[0].lines] + [(page_step, page_step.parts[0].lines[-1])]
    for label in range(classes):
        upstream, free, onehot = prove_upstream(upstream_step, label, classes)
        tables = {"Y": onehot, "P": list(probs), "dL_dP": [u.xreplace(dict(zip(free, probs))) for u in upstream],
                  "Partial": lambda a, b: jac[a - 1, b - 1]}
        loss = -sp.log(probs[label]) / network("softmax").sizes["N"]
        for qv, (step, line) in product(range(1, classes + 1), lines):
            if not _zero(at_row(line, tables, classes, {q: qv}) - sp.diff(loss, s[qv - 1])):
                raise VerificationError(step.label, f"differs from ∂L/∂y_pq at label {label + 1}, q = {qv}")
    return classes * (classes + classes * len(lines))


def prove_softmax_notes(all_steps):
    """Every line of the notes' equations; returns the number of checks."""
    steps = {s.name: s for s in all_steps}
    checks = sum(prove_shift(steps["softmax_shift"], c) + prove_logsumexp(steps["logsumexp"], c) for c in CLASSES)
    checks += prove_jacobian(steps["softmax_jacobian_index"], steps["softmax_jacobian"])
    return checks + prove_chain(steps["dP_softmax"], steps["dy_jacobian"], steps["dy_softmax_index"])
