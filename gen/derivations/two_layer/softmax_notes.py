"""The softmax notes of the two-layer page, as named equations, each line proven by `prove_softmax_notes`:

    P_pq = e^{y_pq − c} / Σ_k e^{y_pk − c} = e^{y_pq} / Σ_k e^{y_pk}     a shift c of row p leaves P unchanged
    log Σ_k e^{y_pk} = c + log Σ_k e^{y_pk − c}                             log-sum-exp
    ∂P_pj/∂y_pq = P_pj (δ_jq − P_pq), i.e. diag(P_p) − P_pᵀ P_p per row     the softmax's Jacobian
    (∂L/∂P)_pj = −Y_pj / (N P_pj)                                           the cross-entropy's upstream
    (∂L/∂y)_pq = Σ_j (∂L/∂P)_pj ∂P_pj/∂y_pq = … = (P_pq − Y_pq)/N           the page's ∂L/∂y, a second way
"""

import sympy as sp

from gen.derivations.two_layer.network import network
from gen.indexform import Partial, i, j, k, p, q
from gen.notation import partial
from gen.statements import Part, Step

y, P, Y = (sp.IndexedBase(name) for name in ("y", "P", "Y"))
c = sp.Symbol("c", real=True)
JACOBIAN_CLASSES = 3
"""C at which the Jacobian is printed whole."""


def _sizes():
    """The softmax graph's N and C, the symbols its own equations print."""
    sizes = network("softmax").sizes
    return sizes["N"], sizes["C"]


def _minus(a, b):
    """a − b, kept in this order."""
    return sp.Add(a, -b, evaluate=False)


def _over(numerator, denominator):
    """numerator / denominator, neither side multiplied out."""
    return sp.Mul(numerator, sp.Pow(denominator, -1, evaluate=False), evaluate=False)


def softmax_entry():
    """The page's P_pq = e^{y_pq} / Σ_k e^{y_pk} (the op's own definition, at row p, column q)."""
    _, rhs = network("softmax").nodes["L"].op.probabilities_expr(_sizes()[1])
    return rhs.xreplace({i: p, j: q})


def shift_step():
    """P_pq with every score of row p shifted by c: e^{−c} cancels."""
    classes = _sizes()[1]
    shifted = _over(sp.exp(_minus(y[p, q], c)), sp.Sum(sp.exp(_minus(y[p, k], c)), (k, 1, classes)))
    factored = _over(sp.Mul(sp.exp(-c), sp.exp(y[p, q]), evaluate=False),
                     sp.Mul(sp.exp(-c), sp.Sum(sp.exp(y[p, k]), (k, 1, classes)), evaluate=False))
    return Step("softmax_shift", (Part(P[p, q], (shifted, factored, softmax_entry()), None),),
                variant="softmax", check="own")


def logsumexp_step():
    """log Σ_k e^{y_pk} = c + log Σ_k e^{y_pk − c}: the sum is e^{c} Σ_k e^{y_pk − c}."""
    classes = _sizes()[1]
    lhs = sp.log(sp.Sum(sp.exp(y[p, k]), (k, 1, classes)))
    factored = sp.log(sp.Mul(sp.exp(c), sp.Sum(sp.exp(_minus(y[p, k], c)), (k, 1, classes)), evaluate=False))
    stable = sp.Add(c, sp.log(sp.Sum(sp.exp(_minus(y[p, k], c)), (k, 1, classes))), evaluate=False)
    return Step("logsumexp", (Part(lhs, (factored, stable), None),), variant="softmax", check="own")


def jacobian_entry():
    """∂P_pj/∂y_pq = P_pj (δ_jq − P_pq)."""
    return sp.Mul(P[p, j], _minus(sp.KroneckerDelta(j, q), P[p, q]), evaluate=False)


class Diag(sp.DiagMatrix):
    """diag(P_p): the row P_p on the diagonal of a C × C matrix."""

    def _latex(self, printer):
        return rf"\operatorname{{diag}}\left({printer._print(self.args[0].T)}\right)"


ROW = sp.MatrixSymbol("P_p", 1, JACOBIAN_CLASSES)
"""Row p of P, at C = 3."""


def jacobian_form():
    """diag(P_p) − P_pᵀ P_p."""
    return sp.MatAdd(Diag(ROW.T), -sp.MatMul(ROW.T, ROW))


def jacobian_matrix(classes=JACOBIAN_CLASSES):
    """The Jacobian of row p at C classes, entry (j, q) = P_pj (δ_jq − P_pq), as printed."""
    def at(a, b):
        if a == b:
            return sp.Mul(P[p, a], _minus(1, P[p, a]), evaluate=False)
        return sp.Mul(-1, P[p, a], P[p, b], evaluate=False)
    return sp.ImmutableMatrix(classes, classes, lambda a, b: at(a + 1, b + 1))


def jacobian_steps():
    """The entry ∂P_pj/∂y_pq, and the whole Jacobian of one row at C = 3."""
    entry = Step("softmax_jacobian_index", (Part(Partial(sp.Symbol("P"), p, j, sp.Symbol("y"), p, q),
                                                 (jacobian_entry(),), None),), variant="softmax", check="own")
    whole = Step("softmax_jacobian", (Part(partial("P_p", "y_p"), (jacobian_form(), jacobian_matrix()), None),),
                 variant="softmax", check="own")
    return [entry, whole]


def upstream_P():
    """(∂L/∂P)_pj = −Y_pj / (N P_pj): L = −(1/N) Σ_i Σ_j Y_ij log P_ij holds P_pj in one term."""
    rows, _ = _sizes()
    return sp.Mul(-1, _over(Y[p, j], sp.Mul(rows, P[p, j], evaluate=False)), evaluate=False)


def chain_lines():
    """(∂L/∂y)_pq through P: Σ_j upstream × local; P_pj cancels, δ picks j = q, Σ_j Y_pj = 1."""
    rows, classes = _sizes()
    local = jacobian_entry()
    inverse_n = sp.Pow(rows, -1, evaluate=False)
    return (sp.Sum(sp.Mul(sp.Indexed(sp.IndexedBase("dL_dP"), p, j), Partial(sp.Symbol("P"), p, j, sp.Symbol("y"), p, q),
                          evaluate=False), (j, 1, classes)),
            sp.Mul(-1, inverse_n, sp.Sum(sp.Mul(_over(Y[p, j], P[p, j]), local, evaluate=False), (j, 1, classes)),
                   evaluate=False),
            sp.Mul(-1, inverse_n, sp.Sum(sp.Mul(Y[p, j], _minus(sp.KroneckerDelta(j, q), P[p, q]), evaluate=False),
                                         (j, 1, classes)), evaluate=False),
            sp.Mul(-1, inverse_n, _minus(Y[p, q], sp.Mul(P[p, q], sp.Sum(Y[p, j], (j, 1, classes)), evaluate=False)),
                   evaluate=False),
            _over(_minus(P[p, q], Y[p, q]), rows))


def upstream_steps():
    """The cross-entropy's ∂L/∂P, and ∂L/∂y from it through the Jacobian."""
    dP = sp.Indexed(sp.IndexedBase("dL_dP"), p, j)
    dy = sp.Indexed(sp.IndexedBase("dL_dy"), p, q)
    return [Step("dP_softmax", (Part(dP, (upstream_P(),), None),), variant="softmax", check="own"),
            Step("dy_jacobian", (Part(dy, chain_lines(), None),), variant="softmax", check="own")]


def softmax_steps():
    """The notes' equations, in the order the page shows them."""
    return [shift_step(), logsumexp_step(), *jacobian_steps(), *upstream_steps()]

