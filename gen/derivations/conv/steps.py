"""The convolution's named equations: ∂L/∂Y and ∂L/∂b, then ∂L/∂K and ∂L/∂X at stride 1 without padding
(a correlation with G, a full convolution with the turned kernel), then at any padding and stride."""

from gen.derivations.conv.network import Window, network
from gen.matexpr import gradient
from gen.oracle import Claim
from gen.statements import Part, Step
from gen.walk import one_step

PLAIN = Window(0, 1)
"""Stride 1, no padding: the window of the first equations of ∂L/∂K and ∂L/∂X."""


def chain(g, name, variant=None, suffix=""):
    """∂L/∂name as the walk takes its one step, then with the upstream G put in for ∂L/∂Y."""
    step = one_step(g, name)
    upstream = {gradient("Y", g.nodes["Y"].shape): g.symbols["G"]}
    lines = (g.written(step),) if name == "Y" else (g.written(step), g.written(step).xreplace(upstream))
    return Step(f"dL_d{name}{suffix}", (Part(gradient(name, g.nodes[name].shape), lines, Claim("grad", name)),),
                variant=variant)


def steps():
    """Every equation of the derivation page, in order (numbered by the engine)."""
    general, plain = network(), network(PLAIN)
    return [chain(general, "Y"), chain(general, "b"), chain(plain, "K", PLAIN, "_plain"),
            chain(plain, "X", PLAIN, "_plain"), chain(general, "K"), chain(general, "X")]
