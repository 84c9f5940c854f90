"""What shapes.md finally prints, read back: every entry-by-entry chain `∂L/∂e = A = B …` of the page, in both
languages, is parsed from the TeX the generator wrote and every member is checked against the derivative of L,
taken here by sympy from the network written out afresh (no code shared with the printer or the derivation).

The note names its entries x_{ik} for X, w_{1k} for W₁ = [w₁₁; w₁₂] and w_{2j} for W₂ = [w₂₁ w₂₂] (layer, then
position), as the page says; a line that names W₁'s second entry w_{21} gives a wrong number and is caught.
"""

import random
import re
from fractions import Fraction

import pytest
import sympy as sp

from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"

X = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22"))
W1 = sp.Matrix(sp.symbols("w11 w12"))        # 2×1: w₁ₖ
W2 = sp.Matrix([sp.symbols("w21 w22")])      # 1×2: w₂ⱼ
H = sp.Matrix(sp.symbols("h1 h2"))           # h as its own variable, for ∂L/∂hᵢ
INPUTS = list(X) + list(W1) + list(W2)

BLOCK = re.compile(r"\\begin\{aligned\}\n(\\frac\{\\partial L\}\{\\partial [hwx]_\{\d+\}\}.*?)\n\\end\{aligned\}", re.S)
ATOM = re.compile(r"\\left\(\\frac\{\\partial L\}\{\\partial ([yz])\}\\right\)_\{(\d+)\}"
                  r"|\\left\(([hX]|W_[12])\^\{T\}\\right\)_\{(\d)(\d)\}"
                  r"|([hwx])_\{(\d+)\}|(\+)|(\s+)")


def model(values):
    """The forward pass and every derivative the page states, at `values` (a point off the kinks)."""
    at = dict(zip(INPUTS, values))
    z = X * W1
    h = z.applyfunc(lambda e: sp.Max(0, e))
    loss = sum(e ** 2 for e in h * W2)
    zv, hv = z.subs(at), h.subs(at)
    yv = hv * W2.subs(at)
    loss_h = sum(e ** 2 for e in H * W2)
    grads = {str(s): sp.diff(loss, s).subs(at) for s in INPUTS}
    grads.update({f"h{i + 1}": sp.diff(loss_h, H[i]).subs(dict(zip(H, hv))).subs(at) for i in range(2)})
    z1, z2 = sp.symbols("z1 z2")
    loss_z = sum(e ** 2 for e in sp.Matrix([sp.Max(0, z1), sp.Max(0, z2)]) * W2)
    dz = sp.Matrix([sp.diff(loss_z, s) for s in (z1, z2)]).subs({z1: zv[0], z2: zv[1]}).subs(at)
    return {"X": X.subs(at), "W_1": W1.subs(at), "W_2": W2.subs(at), "h": hv, "y": yv, "z": zv,
            "dy": 2 * yv, "dz": dz, "grads": grads,
            "w": {"11": at[W1[0]], "12": at[W1[1]], "21": at[W2[0]], "22": at[W2[1]]}}


def value(tex, m):
    """The value of one member: a sum of products of the page's entries."""
    total, product, pos = 0, 1, 0
    for match in ATOM.finditer(tex):
        assert match.start() == pos, f"cannot read {tex[pos:pos + 40]!r}"
        pos = match.end()
        grad, gidx, matrix, r, c, name, idx, plus, _ = match.groups()
        if grad:
            rows = m["d" + grad]
            product *= rows[int(gidx[0]) - 1, int(gidx[1:] or 1) - 1]
        elif matrix:
            product *= m[matrix].T[int(r) - 1, int(c) - 1]
        elif name == "w":
            product *= m["w"][idx]
        elif name == "x":
            product *= m["X"][int(idx[0]) - 1, int(idx[1]) - 1]
        elif name == "h":
            product *= m["h"][int(idx) - 1]
        elif plus:
            total, product = total + product, 1
    assert pos == len(tex), f"cannot read {tex[pos:pos + 40]!r}"
    return total + product


def chains(text):
    """(entry, [members]) for every entry-by-entry chain of the page."""
    found = []
    for block in BLOCK.findall(text):
        joined = " ".join(line.strip().removesuffix(r"\\").strip() for line in block.splitlines())
        joined = joined.replace(r"&\quad +", "+")
        lhs, *members = [part.strip() for part in joined.split("&=")]
        entry = re.fullmatch(r"\\frac\{\\partial L\}\{\\partial ([hwx])_\{(\d+)\}\}", lhs)
        assert entry, lhs
        found.append((entry.group(1) + entry.group(2), members))
    return found


def wrong_members(text, points):
    """(entry, member) for every member that differs from the derivative at one of `points`."""
    wrong = []
    for values in points:
        m = model(values)
        for entry, members in chains(text):
            for member in members:
                if value(member, m) != m["grads"][entry]:
                    wrong.append((entry, member))
    return wrong


def points():
    """Random rational inputs covering all four sign patterns of z (no entry of z at its kink)."""
    rng, seen, found = random.Random(20261202), set(), []
    while len(seen) < 4 or len(found) < 12:
        values = [sp.Rational(Fraction(rng.randint(-9, 9), rng.randint(1, 4))) for _ in INPUTS]
        z = (X * W1).subs(dict(zip(INPUTS, values)))
        if 0 in z:
            continue
        seen.add(tuple(e > 0 for e in z))
        found.append(values)
    return found


POINTS = points()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_printed_entry_chain_of_shapes_is_the_derivative(lang):
    text = (DOCS / lang / "shapes.md").read_text(encoding="utf-8")
    read = chains(text)
    # two entries of W₂, two of W₁, two of h, four of X: each with its summed and transposed forms
    assert sorted(e for e, _ in read) == ["h1", "h2", "w11", "w12", "w21", "w22", "x11", "x12", "x21", "x22"]
    assert all(len(members) == 2 for _, members in read)
    assert wrong_members(text, POINTS) == []


def test_the_read_back_catches_a_weight_named_by_its_matrix_position():
    """The lines once printed for X and h named W₁'s second entry w_{21} and W₂'s entries w_{1j}."""
    old = ("\\begin{aligned}\n"
           "\\frac{\\partial L}{\\partial x_{12}} &= \\left(\\frac{\\partial L}{\\partial z}\\right)_{11} w_{21}\n"
           "\\end{aligned}\n"
           "\\begin{aligned}\n"
           "\\frac{\\partial L}{\\partial h_{1}} &= \\left(\\frac{\\partial L}{\\partial y}\\right)_{11} w_{11} \\\\\n"
           "&\\quad + \\left(\\frac{\\partial L}{\\partial y}\\right)_{12} w_{12}\n"
           "\\end{aligned}")
    assert {e for e, _ in wrong_members(old, POINTS)} == {"x12", "h1"}
