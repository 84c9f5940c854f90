"""2-D convolution, one channel and one filter (CS231n's `conv_backward_naive`): Y = pad_p(X) ⋆_s K + b, and
∂L/∂Y, ∂L/∂b, ∂L/∂K, ∂L/∂X from the engine's walk, first at stride 1 without padding, then at any."""

from pathlib import Path

import sympy as sp

from gen import schema
from gen.declare import Declaration, derivation as engine_derivation, forward_tex
from gen.derivations.conv.figures import figures
from gen.derivations.conv.network import NOTATION, SIZES, Window, network
from gen.derivations.conv.steps import PLAIN, steps
from gen.operands import operands
from gen.ops.window import window_size

PROOF_SIZES = {Window(0, 1): ((1, 1, 1, 1), (3, 2, 2, 1), (2, 3, 1, 2), (3, 3, 2, 2)),
               Window(1, 1): ((1, 1, 1, 1), (2, 3, 3, 2), (3, 2, 1, 3)),
               Window(0, 2): ((1, 1, 1, 1), (3, 5, 1, 3), (5, 3, 3, 1)),
               Window(1, 2): ((1, 1, 1, 1), (3, 4, 3, 2), (2, 2, 2, 2)),
               Window(2, 3): ((1, 2, 2, 3),)}
"""(H, W, k_h, k_w) at which every line is proven, per (pad, stride): each size 1 in one and > 1 in another."""


def window(example):
    """An example's graph: its padding and stride."""
    return Window(int(example.values["pad"]), int(example.values["stride"]))


def misfit(example):
    """(field, problem) when the kernel, the padding and the stride do not fit the input, or G is not the output's
    shape; the sizes named."""
    n, (pad, stride) = example.sizes, window(example)
    padded = f"X ({n['H']}×{n['W']}) padded by {pad} ({n['H'] + 2 * pad}×{n['W'] + 2 * pad})"
    kernel = f"K ({n['k_h']}×{n['k_w']})"
    for size, k, axis in (("H", "k_h", "rows"), ("W", "k_w", "columns")):
        room = n[size] + 2 * pad - n[k]
        if room < 0:
            return "K", f"the kernel {kernel} is larger than {padded}"
        if room % stride:
            return "stride", (f"stride {stride} does not fit the {axis}: {size} + 2·pad − {k} = {n[size]} + "
                              f"{2 * pad} − {n[k]} = {room} is not a multiple of {stride} ({kernel}, {padded})")
    out = [window_size(n[size], n[k], pad, stride) for size, k in (("H", "k_h"), ("W", "k_w"))]
    if [n["H_out"], n["W_out"]] != out:
        return "G", (f"shape {n['H_out']}×{n['W_out']} is not the output's shape {out[0]}×{out[1]}, which {kernel}, "
                     f"{padded} and stride {stride} give: (H + 2·pad − k_h)/stride + 1 rows, the columns alike")
    return None


def page_context(verified):
    """The general forward pass and shapes (p and s as symbols, the output's size read (H + 2p − k_h)/s + 1), and
    the plain forward pass."""
    g = network()
    h, w, kh, kw, p, s = g.sizes.values()
    out = [sp.Add(sp.Mul(sp.Add(n, 2 * p, -k, evaluate=False), 1 / s, evaluate=False), 1, evaluate=False)
           for n, k in ((h, kh), (w, kw))]
    assert [sp.simplify(a - b) for a, b in zip(out, g.nodes["Y"].shape)] == [0, 0]
    sizes = {**{n: [sp.sympify(d) for d in g.nodes[n].shape] for n in ("X", "K", "b")}, "Y": out}
    return {"forward_equations": forward_tex(g, NOTATION), "plain_forward": forward_tex(network(PLAIN), NOTATION),
            "shapes": [{"name": NOTATION.matrix(n), "shape": r" \times ".join(rf"\left({NOTATION.tex(d)}\right)" if d.is_Add
                                                                              else NOTATION.tex(d) for d in shape)}
                       for n, shape in sizes.items()]}


def example_extra(worked):
    """An example's padding and stride, and the operands of its gradients' correlations multiplied out."""
    return {**window(worked.example)._asdict(), "operands": operands(worked, NOTATION, ("X", "K"))}


DECLARATION = Declaration(
    name="conv",
    folder=Path(__file__).parent,
    order=50,
    network=network,
    fields={"X": schema.matrix("H,W"), "K": schema.matrix("k_h,k_w"), "b": schema.number(),
            "pad": schema.integer(at_least=0, default=0), "stride": schema.integer(at_least=1, default=1),
            "G": schema.matrix("H_out,W_out")},
    steps=steps,
    proofs={w: tuple(dict(zip(SIZES, (*s, *w))) for s in sizes) for w, sizes in PROOF_SIZES.items()},
    values=("Y",),
    gradients=("X", "K", "b"),
    notation=NOTATION,
    label="C",
    listing="listing.py",
    context=page_context,
    example_context=example_extra,
    figures=figures,
    check_example=misfit,
    choose=window,
)


def derivation():
    """The convolution, as the engine runs it."""
    return engine_derivation(DECLARATION)
