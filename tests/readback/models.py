"""Each derivation's network written out afresh, in the pages' notation, as the definitions the read-back
evaluates: its inputs (with their shapes in sizes), its named values in order, and how its entries are named.
Every derivative a page names (∂L/∂·, ∂A/∂B) is computed from these in forward mode (`balls.Dual`).

These share nothing with the generator: they are the networks of the README, typed once more.
"""

import random
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from tests.readback import balls
from tests.readback.evaluate import Evaluator, Scope, Unreadable, array, position
from tests.readback.tex import parse


@dataclass
class Model:
    inputs: dict
    """name → (rows, cols) in numbers."""
    defs: list
    """(name, TeX) in the order the forward pass computes them; the last is L."""
    sizes: dict
    kinds: dict = field(default_factory=dict)
    """name → 'onehot', 'positive' or 'zero' where a random input must be one (default: any rational)."""
    entries: dict = field(default_factory=dict)
    """an entry's letter → its matrix's name where they differ (x₁₂ of X), or a function of the indices."""

    def entry(self, base, idx):
        target = self.entries.get(base, base)
        if callable(target):
            return target(idx)
        return target, idx


@lru_cache(maxsize=None)
def tree(tex):
    return parse(tex)


def _weights(idx):
    """The note's w_{1k} is row k of W₁ (2 × 1), w_{2j} column j of W₂ (1 × 2): the first index is the layer."""
    if len(idx) != 2 or idx[0] not in (1, 2):
        raise Unreadable(f"w with indices {idx}")
    return (f"W_{idx[0]}", [idx[1]])


def note(sizes=None):
    return Model(
        inputs={"X": (2, 2), "W_1": (2, 1), "W_2": (1, 2), "t": (1, 1)},  # t: ReLU's argument, where defined
        defs=[("z", "X W_1"), ("h", r"\operatorname{ReLU}\left(z\right)"), ("y", "h W_2"),
              ("L", r"\left\lVert y \right\rVert^{2}")],
        sizes={}, entries={"x": "X", "w": _weights})


def two_layer(sizes, loss, reg=False):
    n, d, hid, c = (sizes[k] for k in "NDHC")
    inputs = {"X": (n, d), "W_1": (d, hid), "b_1": (1, hid), "W_2": (hid, c), "b_2": (1, c)}
    defs = [("z", r"X W_1 + \mathbf{1} b_1"), ("h", r"\operatorname{ReLU}\left(z\right)"),
            ("y", r"h W_2 + \mathbf{1} b_2")]
    if loss == "softmax":
        inputs["Y"] = (n, c)
        labels = r"\begin{bmatrix}" + r"\\".join(str(k) for k in range(1, c + 1)) + r"\end{bmatrix}"
        defs += [(r"\ell", f"Y {labels}"),  # ℓᵢ: the class of row i, 1-based as the pages index
                 ("P", r"\frac{e^{y}}{e^{y} \mathbf{1}}"),
                 ("L", r"- \frac{1}{N} \mathbf{1}^{T} \left(Y \odot \log\left(P\right)\right) \mathbf{1}")]
        return _penalized(Model(inputs, defs, sizes, kinds={"Y": "onehot"}), reg)
    inputs["T"] = (n, c)
    defs += [("r", "y - T"), ("L", r"\left\lVert r \right\rVert^{2}")]
    kinds = {"b_1": "zero", "b_2": "zero", "T": "zero"} if loss == "note" else {}
    return _penalized(Model(inputs, defs, sizes, kinds=kinds), reg)


def _penalized(model, reg):
    """With `reg`, the assignment's L2 penalty: L + λ(‖W₁‖² + ‖W₂‖²), λ an input (the examples' `reg`)."""
    if not reg:
        return model
    (name, data), rest = model.defs[-1], model.defs[:-1]
    penalty = r"\lambda \left(\left\lVert W_1 \right\rVert^{2} + \left\lVert W_2 \right\rVert^{2}\right)"
    return Model({**model.inputs, r"\lambda": (1, 1)}, rest + [(name, f"{data} + {penalty}")], model.sizes,
                 kinds={**model.kinds, r"\lambda": "positive"})


def batchnorm(sizes):
    n, d = sizes["N"], sizes["D"]
    return Model(
        inputs={"X": (n, d), r"\gamma": (1, d), r"\beta": (1, d), r"\varepsilon": (1, 1), "G": (n, d)},
        defs=[(r"\mu", r"\frac{1}{N} \mathbf{1}^{T} X"),
              (r"\sigma^{2}", r"\frac{1}{N} \mathbf{1}^{T} \left(X - \mu\right)^{2}"),
              (r"\hat{x}", r"\left(X - \mu\right) \odot \frac{1}{\sqrt{\sigma^{2} + \varepsilon}}"),
              ("y", r"\gamma \odot \hat{x} + \beta"),
              ("L", r"\sum_{i,j} \left(G \odot y\right)_{ij}")],
        sizes=sizes, kinds={r"\varepsilon": "positive"})


def svm(sizes):
    n, d, c = sizes["N"], sizes["D"], sizes["C"]
    return Model(
        inputs={"X": (n, d), "W": (d, c), "Y": (n, c), r"\lambda": (1, 1)},
        defs=[("S", "X W"), ("s", r"\left(S \odot Y\right) \mathbf{1}"), ("A", "S - s + 1"),
              ("M", r"\max\left(0, A\right) \odot \left(1 - Y\right)"),
              ("L", r"\frac{1}{N} \mathbf{1}^{T} M \mathbf{1} + \lambda \left\lVert W \right\rVert^{2}")],
        sizes=sizes, kinds={"Y": "onehot", r"\lambda": "positive"})


def conv(sizes):
    h, w, kh, kw, p, s = (sizes[k] for k in ("H", "W", "k_h", "k_w", "p", "s"))
    rows, cols = (h + 2 * p - kh) // s + 1, (w + 2 * p - kw) // s + 1
    return Model(
        inputs={"X": (h, w), "K": (kh, kw), "b": (1, 1), "G": (rows, cols)},
        defs=[(r"\tilde{X}", r"\operatorname{pad}_{p}\left(X\right)"),
              ("Y", r"\tilde{X} \star_{s} K + b"), ("L", r"\sum_{i,j} \left(G \odot Y\right)_{ij}")],
        sizes=sizes)


def rnn(sizes):
    t, n, d, hid = sizes["T"], sizes["N"], sizes["D"], sizes["H"]
    inputs = {"h_0": (n, hid), "W_x": (d, hid), "W_h": (hid, hid), "b": (1, hid)}
    defs = []
    for k in range(1, t + 1):
        inputs[f"X_{k}"], inputs[f"G_{k}"] = (n, d), (n, hid)
        defs += [(f"a_{k}", f"X_{k} W_x + h_{k - 1} W_h + b"), (f"h_{k}", rf"\tanh\left(a_{k}\right)")]
    loss = " + ".join(rf"\sum_{{i,j}} \left(G_{k} \odot h_{k}\right)_{{ij}}" for k in range(1, t + 1))
    return Model(inputs, defs + [("L", loss)], sizes)


def rational(rng, kind):
    if kind == "positive":
        return Fraction(rng.randint(1, 9), rng.randint(1, 4))
    return Fraction(rng.randint(-9, 9), rng.randint(1, 4))


def random_inputs(model, rng):
    out = {}
    for name, (rows, cols) in model.inputs.items():
        kind = model.kinds.get(name)
        if kind == "onehot":
            hot = [rng.randrange(cols) for _ in range(rows)]
            out[name] = array([[balls.Ball(int(j == hot[i])) for j in range(cols)] for i in range(rows)])
        else:
            out[name] = array([[balls.Ball(0 if kind == "zero" else rational(rng, kind)) for _ in range(cols)]
                               for _ in range(rows)])
    return out


class Point:
    """The network at one point: its inputs, every named value, and the derivatives the pages name."""

    def __init__(self, model, inputs):
        self.model, self.inputs = model, inputs
        self.values = self.forward()
        self.grads = {}

    def scope(self, values, rounded=False):
        return Scope(values, self.model.sizes, self.model.entry, self.derivative, rounded)

    def forward(self, seed=None, only=None):
        """Every value; `seed` = (name, position) makes that entry a dual number ε (what follows carries ∂/∂it)."""
        values = {}
        for name, value in self.inputs.items():
            values[name] = _seeded(value, seed, name)
        for name, tex in self.model.defs:
            if only is not None and name != only:
                if name not in self.values:
                    raise Unreadable(f"{name} before its definition")
                values[name] = _seeded(self.values[name], seed, name)
                continue
            values[name] = _seeded(Evaluator(self.scope(values))(tree(tex)), seed, name)
        return values

    def gradient(self, name):
        """∂L/∂name, entry by entry, everything after `name` computed again with that entry a dual number."""
        if name not in self.grads:
            if name not in self.values:
                raise Unreadable(f"∂L/∂{name}")
            shape = self.values[name].shape
            self.grads[name] = array([[balls.derivative(self.forward((name, (r, c)))["L"][0, 0])
                                       for c in range(shape[1])] for r in range(shape[0])])
        return self.grads[name]

    def local(self, num, den):
        """∂num/∂den through num's own definition alone (the other values held)."""
        (top, top_at), (bottom, bottom_at) = num, den
        if top not in dict(self.model.defs) or bottom not in self.values:
            raise Unreadable(f"∂{top}/∂{bottom}")

        def moved(at):
            return self.forward((bottom, at), only=top)[top]

        if bottom_at is not None:
            out = array([[balls.derivative(x) for x in row] for row in moved(bottom_at)])
            return out if top_at is None else array([[out[top_at]]])
        shape = self.values[bottom].shape
        if top_at is not None:
            return array([[balls.derivative(moved((r, c))[top_at]) for c in range(shape[1])]
                          for r in range(shape[0])])
        # matrix by matrix: entry by matching entry (a row or column of one spread along the other)
        big = tuple(max(a, b) for a, b in zip(self.values[top].shape, shape))
        return array([[balls.derivative(moved((r % shape[0], c % shape[1]))[
            r % self.values[top].shape[0], c % self.values[top].shape[1]]) for c in range(big[1])]
            for r in range(big[0])])

    def derivative(self, num, den):
        (top, top_at), (bottom, bottom_at) = num, den
        if bottom_at is not None:
            bottom_at = _position(self.values, bottom, bottom_at)
        if top_at is not None:
            top_at = _position(self.values, top, top_at)
        if top == "L" and top_at is None:
            grad = self.gradient(bottom)
            return grad if bottom_at is None else array([[grad[bottom_at]]])
        return self.local((top, top_at), (bottom, bottom_at))


def _position(values, name, idx):
    if name not in values:
        raise Unreadable(f"the name {name}")
    return idx if isinstance(idx, tuple) else position(values[name].shape, idx)


def _seeded(value, seed, name):
    if seed is None or seed[0] != name:
        return value
    out = value.copy()
    out[seed[1]] = balls.Dual(balls.value(out[seed[1]]), 1)
    return out


def sample(model, condition=None, count=2, seed=0):
    """`count` random points of the model (inputs rational), each where `condition(point)` holds."""
    rng, out = random.Random(seed), []
    while len(out) < count:
        try:
            point = Point(model, random_inputs(model, rng))
            if condition is None or condition(point):
                out.append(point)
        except balls.Undecided:
            continue
    return out
