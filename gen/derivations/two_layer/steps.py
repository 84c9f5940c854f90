"""The derivation's named equations, as sympy objects taken from the op table and the engine's walk.

Each gradient is derived in index notation at the op that consumes it (`gen.indexform`: Σ upstream ×
local, the deltas collapse a sum, a transpose names the swapped index) and ends in the matrix form of
the walk's one step.  Equation numbers are given by order (`number`), never typed.
"""

import sympy as sp

from gen.derivations.two_layer.batch_mean import scaled_step
from gen.derivations.two_layer.network import GRADIENTS, LOSSES, PENALTY, SIZES, network
from gen.derivations.two_layer.softmax_notes import softmax_steps
from gen.errors import VerificationError
from gen.indexform import index_lines, loss_lines, p, q
from gen.matexpr import gradient
from gen.oracle import Claim, Oracle
from gen.statements import Part
from gen.statements import Step as Statement
from gen.walk import backward, one_step

NOTE_STEPS = {"W2": "dL_dW2", "S1": "summary_masked", "S2": "summary_unmasked"}
"""The note's equations that the reduction arrives at (its own tags, on its derivation page)."""
NOTE_SIZES = (2, 2, 1, 2)
"""The note's network: N = D = 2, H = 1, C = 2."""


def Step(name, lhs, lines, loss=None, check="oracle"):  # noqa: N802 - a statement, built as one
    """One named equation `lhs = line = …`, every line equal to ∂L/∂node (for `loss` only, if given)."""
    node = lhs.base.name[4:] if isinstance(lhs, sp.Indexed) else lhs.name[4:]
    if isinstance(lhs, sp.Indexed) and check == "oracle":
        check = "index"
    return Statement(name, (Part(lhs, tuple(lines), Claim("grad", node)),), variant=loss, check=check)


def gradient_symbol(graph, name):
    """∂L/∂name as a matrix symbol."""
    return gradient(name, graph.nodes[name].shape)


def entry(name):
    """(∂L/∂name)_pq."""
    return sp.Indexed(sp.IndexedBase(f"dL_d{name}"), p, q)


def steps():
    """Every equation of the derivation page, in order."""
    graphs = {loss: network(loss) for loss in LOSSES}
    sq, sm = graphs["squared"], graphs["softmax"]
    s = sq.symbols
    sizes = (sm.sizes["N"], sm.sizes["C"])  # the softmax's own index lines name N and C
    out = [Step("dy_squared_index", entry("y"), loss_lines(sq, "r"), "squared"),
           Step("dy_squared", gradient_symbol(sq, "y"),
                (gradient_symbol(sq, "r"), backward(sq, s)["y"], sp.MatMul(2, sq.expression("r"), evaluate=False)),
                "squared"),
           Step("dy_softmax_index", entry("y"), loss_lines(sm, "y", sizes), "softmax"),
           Step("dy_softmax", gradient_symbol(sm, "y"), (backward(sm, sm.symbols)["y"],), "softmax"),
           *softmax_steps(), scaled_step()]
    for name in GRADIENTS[1:]:
        out.append(Step(f"d{name}_index", entry(name), index_lines(sq, name)))
        out.append(Step(f"d{name}", gradient_symbol(sq, name), (one_step(sq, name),)))
    out += penalty_steps()
    for loss, graph in graphs.items():
        full = backward(graph, graph.symbols)
        out += [Step(f"full_{loss}_{name}", gradient_symbol(graph, name), (full[name],), loss) for name in GRADIENTS]
    return tuple(out + list(reduction_steps(sq)))


PENALIZED = ("W2", "W1")
"""The inputs the L2 penalty reads: only their gradients change."""
PENALTY_SHAPES = ((1, 1, 1, 1), (2, 1, 2, 1), (1, 2, 2, 2))
"""(N, D, H, C) at which the penalized gradients are proven, for each loss, in every sign pattern of z."""


def penalty_steps():
    """L = data loss + λ‖W₁‖² + λ‖W₂‖²: W₁ and W₂ each feed the penalty too, and collect 2λW from it."""
    graph = network("squared" + PENALTY)
    return [Step(f"reg_{name}", gradient_symbol(graph, name), (one_step(graph, name),), check="own")
            for name in PENALIZED]


def prove_penalty(all_steps):
    """Every penalized line equals direct differentiation of either loss with the penalty, at every size
    and sign pattern; returns the number of checks."""
    checks = 0
    for loss in LOSSES:
        for sizes in PENALTY_SHAPES:
            oracle = Oracle(network(loss + PENALTY), dict(zip(SIZES, sizes)))
            checks += _agree(oracle, [s for s in all_steps if s.name.startswith("reg_")],
                             lambda case: f"differs from direct differentiation of the {loss} loss with the penalty "
                                          f"(sizes {sizes})")
    return checks


def _agree(oracle, chosen, problem):
    """Each step's last line against the oracle in every case; returns the number of checks."""
    for case in oracle.cases:
        for step in chosen:
            part = step.parts[0]
            if not oracle.agrees(part.lines[-1], part.claim, case):
                raise VerificationError(step.label, problem(case))
    return len(oracle.cases) * len(chosen)


def reduction_steps(graph):
    """The general squared-loss results with T = 0 (so r = y) and zero biases: the note's (6), (S1), (S2)."""
    s = graph.symbols
    full = backward(graph, s)
    to_note = {s["r"]: s["y"]}
    s1 = full["W1"].xreplace(to_note)
    # For L = ‖y‖² a row of y is zero where h is, so the mask changes nothing (proven per pattern).
    s2 = s1.replace(lambda e: isinstance(e, sp.HadamardProduct), lambda e: e.args[0]).doit()  # 2 Xᵀ y W₂ᵀ
    return (Step("note_W2", gradient_symbol(graph, "W2"), (full["W2"].xreplace(to_note),), "squared", "own"),
            Step("note_S1", gradient_symbol(graph, "W1"), (s1,), "squared", "own"),
            Step("note_S2", gradient_symbol(graph, "W1"), (s2,), "squared", "own"))


def prove_reduction(all_steps):
    """The reduced forms equal direct differentiation of the note's L = ‖ReLU(X W₁) W₂‖² (biases 0, T = 0)
    in all four sign patterns of z; returns the number of (form, pattern) checks."""
    graph, sizes = network("squared"), dict(zip(SIZES, NOTE_SIZES))
    zeros = {key: [[0] * graph.shape_at(key, sizes)[1]] * graph.shape_at(key, sizes)[0] for key in ("T", "b1", "b2")}
    oracle = Oracle(graph, sizes, fixed=zeros)
    reduced = [s for s in all_steps if s.name.startswith("note_")]
    return _agree(oracle, reduced, lambda case: f"the reduced form differs from direct differentiation of the "
                                                f"note's loss (case {case.id})")
