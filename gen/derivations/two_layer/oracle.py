"""An independent oracle for the two-layer net: L written out from scratch and differentiated by sympy.

Shares no code with `ops` or `graph`: the forward formulas are spelled out here once.  ReLU is
`Max(0, t)`; its derivative `Heaviside(t)` and `Max` itself are resolved by a sign pattern
(which entries of z are on), with ReLU'(0) = 0.  Softmax exponentials become positive symbols
e_ab after differentiation, so every comparison is an identity of rational functions.
"""

import sympy as sp


def entries(name, rows, cols):
    """A rows×cols matrix of fresh real symbols name_a_b."""
    return sp.ImmutableMatrix(rows, cols, lambda a, b: sp.Symbol(f"{name}_{a}_{b}", real=True))


def one_hot(labels, classes):
    """Y_ab = 1 when b is row a's label."""
    return sp.ImmutableMatrix(len(labels), classes, lambda a, b: int(labels[a] == b))


class Oracle:
    """Direct derivatives of L for one shape (N, D, H, C) and one loss.

    `fixed` (input name → matrix of numbers) puts those inputs' numbers into L before anything is
    differentiated: the derivative by any other input's entries is the same, and much cheaper."""

    def __init__(self, sizes, loss, labels=None, fixed=None):
        n, d, h, c = sizes
        self.loss, self.n, self._gradients, self._values, self._resolved, self._on, self._rules = \
            loss, n, {}, {}, {}, {}, {}
        m = {"X": entries("X", n, d), "W1": entries("W1", d, h), "b1": entries("b1", 1, h),
             "W2": entries("W2", h, c), "b2": entries("b2", 1, c), "T": entries("T", n, c),
             "z": entries("z", n, h), "h": entries("h", n, h), "y": entries("y", n, c)}
        for key, numbers in (fixed or {}).items():
            m[key] = sp.ImmutableMatrix(*m[key].shape, list(numbers))
        m["Y"] = one_hot(labels or [a % c for a in range(n)], c)
        self.m = m
        ones = sp.ones(n, 1)
        relu = lambda a: a.applyfunc(lambda v: sp.Max(0, v))  # noqa: E731
        y_of = lambda hh: hh * m["W2"] + ones * m["b2"]  # noqa: E731
        self.z = sp.ImmutableMatrix(m["X"] * m["W1"] + ones * m["b1"])
        # y from each node onward, that node's entries free; L of it is built when first asked for.
        self._y_from = {"y": lambda: m["y"], "h": lambda: y_of(m["h"]), "z": lambda: y_of(relu(m["z"])),
                        "W2": lambda: y_of(relu(self.z))}
        self._losses = {}

    def loss_from(self, name):
        """L as a function of `name`'s entries (the inputs' L for W2, b2, W1, b1 and X)."""
        node = name if name in self._y_from else "W2"
        if node not in self._losses:
            self._losses[node] = self.loss_of(self._y_from[node]())
        return self._losses[node]

    def loss_of(self, y):
        """‖y − T‖², or (1/N) Σ_a −log softmax(y_a)[label_a]."""
        if self.loss == "squared":
            return sum((v - t) ** 2 for v, t in zip(y, self.m["T"]))
        rows = range(y.rows)
        return sum(-sp.log(sp.exp(y[a, b]) / sum(sp.exp(v) for v in y.row(a)))
                   for a in rows for b in range(y.cols) if self.m["Y"][a, b]) / self.n

    def gradient(self, name):
        """∂L/∂name by sympy, entry by entry (Heaviside and Max left in)."""
        if name not in self._gradients:
            loss, var = self.loss_from(name), self.m[name]
            self._gradients[name] = var.applyfunc(lambda v: sp.diff(loss, v))
        return self._gradients[name]

    def reference(self, name, pattern):
        """∂L/∂name with the free entries of y, h or z set to their values from the inputs
        (Heaviside and Max left in: at numbers they evaluate themselves)."""
        return self.gradient(name).xreplace(self._free(name, pattern))

    def resolved(self, name, pattern):
        """`reference` with ReLU resolved by `pattern` and exponentials as symbols e_ab (see `resolve`).

        ReLU is resolved before the free entries are set: Max(0, z_ab) of a free symbol becomes
        1[on]·z_ab, where setting z_ab first would rebuild Max around a whole sum (slow in sympy)."""
        key = (name, pattern)
        if key not in self._resolved:
            relu = self._relu(self.gradient(name), pattern).xreplace(self._free(name, pattern))
            self._resolved[key] = self._exponentials(relu, pattern)
        return self._resolved[key]

    def _free(self, name, pattern):
        values = self.values(pattern)
        return {v: values[name][a] for a, v in enumerate(self.m[name])} if name in ("y", "h", "z") else {}

    def values(self, pattern):
        """Matrix name → explicit matrix for substituting into a claimed matrix form, under `pattern`."""
        if pattern not in self._values:
            self._values[pattern] = self._values_of(pattern)
        return self._values[pattern]

    def _values_of(self, pattern):
        n, c = self.m["T"].shape
        m = dict(self.m)
        m.update({"z": self.z, "h": self.z.multiply_elementwise(pattern), "mask_z": pattern,
                  "ones": sp.ones(n, 1)})
        m["y"] = m["h"] * m["W2"] + sp.ones(n, 1) * m["b2"]
        m["r"] = m["y"] - m["T"]
        exps = m["y"].applyfunc(sp.exp)
        m["P"] = sp.ImmutableMatrix(n, c, lambda a, b: exps[a, b] / sum(exps.row(a)))
        return m

    def resolve(self, expr, pattern):
        """`expr` with ReLU resolved by the sign pattern and exponentials as symbols e_ab."""
        return self._exponentials(self._relu(expr, pattern), pattern)

    def _relu(self, expr, pattern):
        """Heaviside(t) → 1[t on], Max(0, t) → 1[t on]·t, where t is an entry of z (free or from the inputs)."""
        if pattern not in self._on:
            on = {}
            for a in range(pattern.rows):
                for b in range(pattern.cols):
                    on[sp.expand(self.z[a, b])] = pattern[a, b]
                    on[self.m["z"][a, b]] = pattern[a, b]
            self._on[pattern] = on
        on = self._on[pattern]

        def step(t):
            key = t if t in on else sp.expand(t)
            if key not in on:
                raise ValueError(f"ReLU of {t}, which is no entry of z")
            return on[key]

        def value(f):
            if isinstance(f, sp.Heaviside):
                return step(f.args[0])
            a, b = f.args
            t = b if a == 0 else a
            return step(t) * t

        return self._each(expr, (sp.Heaviside, sp.Max), ("relu", pattern), value)

    def _exponentials(self, expr, pattern):
        """exp(m y_ab) → e_ab^m for an integer m, where y_ab is free or y's entry under `pattern`."""
        if self.loss != "softmax":
            return expr
        y_on = self.values(pattern)["y"]
        names = {}
        for a in range(y_on.rows):
            for b in range(y_on.cols):
                e = sp.Symbol(f"e_{a}_{b}", positive=True)
                names[sp.expand(y_on[a, b])] = e
                names[self.m["y"][a, b]] = e

        def power(f):
            key = sp.expand(f.args[0])
            if key in names:
                return names[key]
            for base, e in names.items():  # exp(y)**m is printed exp(m y)
                ratio = sp.cancel(key / base)
                if ratio.is_Integer:
                    return e ** ratio
            raise ValueError(f"exp({f.args[0]}) is not a power of any exp(y_ab)")

        return self._each(expr, (sp.exp,), ("exp", pattern), power)

    def _each(self, expr, kinds, key, value):
        """`expr` with every subexpression of one of `kinds` replaced by value(it), each distinct one
        worked out once per `key` (they do not nest: ReLU and exp take entries of z and y)."""
        found = expr.atoms(*kinds)
        if not found:
            return expr
        known = self._rules.setdefault(key, {})
        for f in found - known.keys():
            known[f] = value(f)
        return expr.xreplace({f: known[f] for f in found})

    def same(self, claim, reference, pattern):
        """Whether two explicit matrices agree entry by entry under `pattern`."""
        for u, v in zip(claim, reference):
            diff = self.resolve(sp.sympify(u) - sp.sympify(v), pattern)
            if (sp.cancel(sp.together(diff)) if self.loss == "softmax" else sp.expand(diff)) != 0:
                return False
        return True
