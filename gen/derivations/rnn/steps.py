"""The RNN's numbered equations: every gradient of the net unrolled over T = 3 steps, as the walk takes its
one step from the loss back to h₀ and the weights (BPTT is the walk: nothing here is particular to time)."""

from gen.derivations.rnn.network import network
from gen.matexpr import gradient
from gen.oracle import Claim
from gen.statements import Part, Step
from gen.walk import one_step
from gen.worked import expanded

SHOWN_STEPS = 3
"""T on the derivation page: the first step, one in the middle and the last."""


def order(graph):
    """h_T, a_T, X_T, h_{T−1}, … back to h₀, then the weights every step shares."""
    return (*expanded(graph, ("h", "a", "X"), backward=True), "h0", "Wx", "Wh", "b")


def steps():
    """Every equation of the derivation page, in order (numbered by the engine)."""
    g = network(SHOWN_STEPS)
    return [Step(f"dL_d{name}", (Part(gradient(name, g.nodes[name].shape), (g.written(one_step(g, name)),),
                                      Claim("grad", name)),)) for name in order(g)]
