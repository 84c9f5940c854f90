"""Checks every derived line against direct differentiation of L, written out from scratch.

Independent of `gen.ops` and `gen.graph`: the forward formulas are spelled out here once,
sympy differentiates them, and Heaviside(z_i) becomes the case's 1[z_i > 0] (ReLU'(0) = 0,
unlike sympy's Heaviside(0) = 1/2).
"""

from functools import cached_property
from itertools import product

import sympy as sp

from gen.derivations.note.names import ENTRY_NAMES
from gen.notation import Indicator, entry_matrix, matrix_symbol


class Oracle:
    """Direct derivatives of L = ‖ReLU(X W₁) W₂‖² and the expansion of named intermediates."""

    patterns = tuple(product((True, False), repeat=2))
    """Every on/off pattern of the two ReLU units."""

    def __init__(self):
        m = {n: entry_matrix(ENTRY_NAMES[n], s) for n, s in
             {"X": (2, 2), "W1": (2, 1), "W2": (1, 2), "z": (2, 1), "h": (2, 1), "y": (2, 2)}.items()}
        self.m = m
        relu = lambda a: a.applyfunc(lambda v: sp.Max(0, v))  # noqa: E731
        sq = lambda a: sum(v**2 for v in a)  # noqa: E731
        # L written from each node onward, that node's entries free.
        self.loss_from = {
            "y": sq(m["y"]),
            "h": sq(m["h"] * m["W2"]),
            "W2": sq(m["h"] * m["W2"]),
            "z": sq(relu(m["z"]) * m["W2"]),
            "W1": sq(relu(m["X"] * m["W1"]) * m["W2"]),
            "X": sq(relu(m["X"] * m["W1"]) * m["W2"]),
        }
        # Each node written from its direct inputs.
        self.forward_of = {"z": m["X"] * m["W1"], "h": relu(m["z"]), "y": m["h"] * m["W2"]}
        self.z_of_inputs = m["X"] * m["W1"]
        self._references, self._values = {}, {}

    @cached_property
    def matrix_env(self):
        """Matrix symbols → entry matrices, and 1[z > 0] → its indicator entries."""
        env = {matrix_symbol(n, a.shape): a for n, a in self.m.items()}
        env[matrix_symbol("mask_z", (2, 1))] = self.m["z"].applyfunc(Indicator)
        return env

    def expand(self, expr, on):
        """`expr` in the inputs' entries only, assuming ReLU unit i is on iff on[i]."""
        z, h, y = self.m["z"], self.m["h"], self.m["y"]
        mask = {z[i]: sp.Integer(int(o)) for i, o in enumerate(on)}
        mask.update({self.z_of_inputs[i]: sp.Integer(int(o)) for i, o in enumerate(on)})

        def step(arg):
            value = mask.get(arg, mask.get(sp.expand(arg)))
            if value is None:
                raise ValueError(f"1[{arg} > 0] is not the indicator of any z_i")
            return value

        names = {}
        names.update({y[i, j]: h[i] * self.m["W2"][j] for i in range(2) for j in range(2)})
        names.update({h[i]: mask[z[i]] * z[i] for i in range(2)})
        names.update({z[i]: self.z_of_inputs[i] for i in range(2)})
        out = sp.sympify(expr)
        out = out.replace(Indicator, step).replace(sp.Heaviside, lambda a, *_: step(a))
        out = out.replace(sp.Max, lambda *a: _relu_branch(a, step))
        for _ in range(3):
            out = out.xreplace(names)
        return out

    def reference(self, claim):
        """The claimed quantity by direct differentiation (Heaviside and Max left in); once per claim."""
        if claim not in self._references:
            self._references[claim] = self._reference(claim)
        return self._references[claim]

    def _reference(self, claim):
        if claim.quantity == "forward":
            return self.forward_of.get(claim.wrt, self.m.get(claim.wrt))
        if claim.quantity == "grad":
            loss, var = self.loss_from[claim.wrt], self.m[claim.wrt]
            full = var.applyfunc(lambda v: sp.diff(loss, v))
            return full[claim.at] if claim.at is not None else full
        of, var = self.forward_of[claim.of], self.m[claim.wrt]
        if claim.out is not None and claim.at is not None:
            return sp.diff(of[claim.out], var[claim.at])
        if claim.out is not None:
            return var.applyfunc(lambda v: sp.diff(of[claim.out], v))
        return of.applyfunc(lambda e: sp.diff(e, var[claim.at]))

    def value(self, line):
        """A displayed line as explicit sympy (matrix expressions multiplied out); once per line."""
        if isinstance(line, sp.MatrixExpr) and not isinstance(line, sp.MatrixBase):
            if line not in self._values:
                self._values[line] = sp.ImmutableMatrix(line.xreplace(self.matrix_env).as_explicit())
            return self._values[line]
        return line

    def agrees(self, line, claim, on):
        """Whether `line` equals the claimed quantity when the ReLU pattern is `on`."""
        diff = self.expand(self.value(line), on) - self.expand(self.reference(claim), on)
        if isinstance(diff, sp.MatrixBase):
            return all(sp.expand(d) == 0 for d in diff)
        return sp.expand(diff) == 0


def _relu_branch(args, step):
    """max(0, t) → 1[t > 0] t under the case; other maxima are not expected here."""
    if len(args) != 2 or 0 not in args:
        raise ValueError(f"unexpected Max{args}")
    t = args[0] if args[1] == 0 else args[1]
    return step(t) * t
