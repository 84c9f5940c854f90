"""What a tree read by `tex` is worth, at one point (values as in `arrays`).

A `Scope` says what the names are: values of the network (inputs, named nodes), sizes (N, D, …), index letters
bound by a sum or a free index, and the derivatives ∂L/∂· and ∂A/∂B (computed by the model, forward mode).
"""

from fractions import Fraction

import numpy as np

from tests.readback import balls
from tests.readback.arrays import (Ones, ShapeError, array, as_int, broadcast, correlate, crop, dilate, entrywise,
                                   is_scalar, matmul, pad, scalar)
from tests.readback.tex import Unreadable, parse, split

__all__ = ["Evaluator", "Scope", "ShapeError", "Unreadable", "array", "position"]


class Scope:
    """Names at one point. `values` maps a name to its array; `sizes` maps N, D, … to ints; `entry(base, idx)`
    names the matrix and position of an entry like x₁₂ (or None); `derivative(num, den)` is ∂num/∂den, each a
    (name, position or None)."""

    def __init__(self, values, sizes, entry, derivative, rounded=False):
        self.values, self.sizes, self.entry, self.derivative = values, sizes, entry, derivative
        self.rounded, self.index, self.literals = rounded, {}, 0


class Evaluator:
    def __init__(self, scope):
        self.s = scope

    def __call__(self, node):
        return getattr(self, "ev_" + node[0])(node)

    def index_of(self, toks):
        return self.index_of_node(parse(toks))

    def index_of_node(self, node):
        """An index expression's integer, read exactly (a subscript is notation, not a number shown)."""
        rounded, literals = self.s.rounded, self.s.literals
        self.s.rounded = False
        try:
            return as_int(self(node))
        finally:
            self.s.rounded, self.s.literals = rounded, literals

    def ev_num(self, node):
        _, value, text = node
        self.s.literals += 1
        if self.s.rounded and value:
            # a decimal shown to 6 significant digits is within half a unit of its 6th digit
            magnitude = Fraction(10) ** (len(str(abs(int(value)))) - 1) if abs(value) >= 1 else _below_one(value)
            return scalar(balls.Ball(value, magnitude * Fraction(5, 10**6)))
        return scalar(balls.Ball(value))

    def ev_group(self, node):
        return self(node[1])

    def ev_add(self, node):
        out = None
        for sign, term in node[1]:
            value = self(term)
            value = value if sign > 0 else entrywise(value, lambda x: -x)
            out = value if out is None else broadcast(out, value, lambda x, y: x + y)
        return out

    def ev_mul(self, node):
        """Numbers (1 × 1) commute with everything: 1/N 𝟏ᵀ M 𝟏 is 1/N (𝟏ᵀ M 𝟏)."""
        factors = [self(f) for f in node[1]]
        coefficient = [f for f in factors if is_scalar(f)]
        rest = [f for f in factors if not is_scalar(f)]
        out = rest[0] if rest else coefficient.pop()
        for factor in rest[1:]:
            out = matmul(out, factor)
        if isinstance(out, Ones):
            if out.row or not coefficient:
                raise Unreadable("𝟏 alone")
            out = coefficient.pop()  # 𝟏 b with b a number: b on every row, as it is added
        for factor in coefficient:
            out = broadcast(factor, out, lambda x, y: x * y)
        return out

    def ev_had(self, node):
        out = self(node[1][0])
        for factor in node[1][1:]:
            out = broadcast(out, self(factor), lambda x, y: x * y)
        return out

    def ev_star(self, node):
        _, a, b, stride = node
        return correlate(self(a), self(b), 1 if stride is None else self.index_of(stride))

    def ev_frac(self, node):
        return broadcast(self(node[1]), self(node[2]), lambda x, y: x / y)

    def ev_pow(self, node):
        _, base, exponent = node
        if base == ("sym", r"\sigma", None) and r"\sigma^{2}" in self.s.values and exponent == ("num", 2, "2"):
            return self.s.values[r"\sigma^{2}"]
        if base[0] == "norm" and exponent == ("num", 2, "2"):
            return scalar(sum((x * x for x in self(base[1]).flat), balls.Ball(0)))  # ‖A‖² = Σ A_ij²
        rounded, literals = self.s.rounded, self.s.literals
        self.s.rounded = False
        k = balls.value(self(exponent)[0, 0])
        self.s.rounded, self.s.literals = rounded, literals  # an exponent is notation, not a number shown
        if not k.exact:
            raise Unreadable("an exponent that is not exact")
        return entrywise(self(base), lambda x: balls.dual_power(x, k.m))

    def ev_T(self, node):
        value = self(node[1])
        if isinstance(value, Ones):
            return Ones(not value.row)
        return value.T.copy()

    def ev_sqrt(self, node):
        return entrywise(self(node[1]), balls.FUNCTIONS["sqrt"])

    def ev_norm(self, node):
        return scalar(balls.FUNCTIONS["sqrt"](sum((x * x for x in self(node[1]).flat), balls.Ball(0))))

    def ev_ones(self, node):
        return Ones()

    def ev_call(self, node):
        _, name, params, arg = node
        value = self(arg)
        if name in balls.FUNCTIONS:
            return entrywise(value, balls.FUNCTIONS[name])
        if name == "rot":
            return value[::-1, ::-1].copy()
        amounts = [self.index_of(p) for p in _parts(params)]
        if name == "pad":
            return pad(value, *amounts)
        if name == "dil":
            return dilate(value, *amounts)
        return crop(value, *amounts)

    def ev_ind(self, node):
        (left, relation, right), = node[1][1]
        return broadcast(self(left), self(right), lambda x, y: balls.Ball(_holds(x - y, relation)))

    def ev_sum(self, node):
        _, ranges, body = node
        if all(lo is None for _, lo, _ in ranges):
            return self._sum_entries([v for v, _, _ in ranges], body)
        spans = [(var, self.index_of_node(lo), self.index_of_node(hi)) for var, lo, hi in ranges]
        return self._sum_over(spans, body)

    def _sum_over(self, spans, body):
        if not spans:
            return self(body)
        (var, lo, hi), rest = spans[0], spans[1:]
        saved, total = self.s.index.get(var), None
        for k in range(lo, hi + 1):
            self.s.index[var] = k
            term = self._sum_over(rest, body)
            total = term if total is None else broadcast(total, term, lambda x, y: x + y)
        self.s.index.pop(var)
        if saved is not None:
            self.s.index[var] = saved
        return total

    def _sum_entries(self, variables, body):
        """Σ_{i,j} (A)_{ij}: every entry of A."""
        if body[0] != "sub" or _indices(body[2]) != variables:
            raise Unreadable("a sum without bounds over something other than (A)_{ij}")
        return scalar(sum(self(body[1]).flat, balls.Ball(0)))

    def ev_delta(self, node):
        i, j = [self.index_of(p) for p in _split_indices(node[1])]
        return scalar(balls.Ball(1 if i == j else 0))

    def ev_matrix(self, node):
        cells = [[self(cell) for cell in row] for row in node[1]]
        if any(not is_scalar(c) for row in cells for c in row):
            raise Unreadable("a matrix of matrices")
        return array([[c[0, 0] for c in row] for row in cells])

    def ev_sub(self, node):
        _, base, toks = node
        value = self(base)
        if isinstance(value, Ones):
            return scalar(balls.Ball(1))
        return self.pick(value, toks)

    def pick(self, value, toks):
        parts = _split_indices(toks)
        if any(p == [":"] for p in parts):
            keys = [slice(None) if p == [":"] else self.index_of(p) - 1 for p in parts]
            return np.atleast_2d(value[tuple(keys)]).reshape(
                (1, -1) if keys[0] != slice(None) else (-1, 1)).copy()
        idx = [self.index_of(p) for p in parts]
        return scalar(value[position(value.shape, idx)])

    def ev_sym(self, node):
        _, base, toks = node
        if toks is None:
            return self.lookup(base)
        literal = f"{base}_{''.join(toks)}"
        if [":"] in _split_indices(toks) and base in self.s.values:
            return self.pick(self.s.values[base], toks)
        if literal in self.s.values:
            return self.s.values[literal]
        try:
            numbered = f"{base}_{self.index_of(toks)}"
        except (Unreadable, KeyError):
            numbered = None
        if numbered in self.s.values:
            return self.s.values[numbered]
        if literal in self.s.sizes:
            return scalar(balls.Ball(self.s.sizes[literal]))
        idx = [self.index_of(p) for p in _split_indices(toks)]
        name, at = self.s.entry(base, idx)
        if name not in self.s.values:
            raise Unreadable(f"the entry {base}_{{{''.join(toks)}}}")
        value = self.s.values[name]
        return scalar(value[position(value.shape, at)])

    def lookup(self, name):
        if name in self.s.index:
            return scalar(balls.Ball(self.s.index[name]))
        if name in self.s.values:
            return self.s.values[name]
        if name in self.s.sizes:
            return scalar(balls.Ball(self.s.sizes[name]))
        raise Unreadable(f"the name {name}")

    def ev_deriv(self, node):
        _, num, den = node
        if num == den == ("sym", "L", None):
            raise Unreadable("the chain rule written as a product of Jacobians (∂L/∂L …)")
        return self.s.derivative(self.target(num), self.target(den))

    def target(self, node):
        """A derivative's numerator or denominator: (name, position or None)."""
        if node[0] == "pow" and node[1] == ("sym", r"\sigma", None):
            return r"\sigma^{2}", None
        if node[0] == "sub" and node[1][0] == "group" and node[1][1][0] == "sym":
            name, _ = self.target(node[1][1])
            idx = [self.index_of(p) for p in _split_indices(node[2])]
            return name, position(self.s.values[name].shape, idx)
        if node[0] != "sym":
            raise Unreadable("a derivative of something other than a name")
        _, base, toks = node
        if toks is None:
            return base, None
        for name in (f"{base}_{''.join(toks)}", _numbered(self, base, toks)):
            if name in self.s.values or name == "L":
                return name, None
        idx = [self.index_of(p) for p in _split_indices(toks)]
        return self.s.entry(base, idx)


def _numbered(ev, base, toks):
    try:
        return f"{base}_{ev.index_of(toks)}"
    except (Unreadable, KeyError):
        return None


def _below_one(value):
    magnitude = Fraction(1)
    while abs(value) < magnitude:
        magnitude /= 10
    return magnitude


def _holds(difference, relation):
    sign = balls.value(difference).sign()
    return {">": sign > 0, "<": sign < 0, ">=": sign >= 0, "<=": sign <= 0}[relation]


def _parts(params):
    return [] if params is None else split(params, ",")


def _split_indices(toks):
    """x_{11} → 1, 1; h_{ip} → i, p; X_{(i-1)s+u,\\,(j-1)s+v} → two expressions; t-1 → one."""
    parts = split(list(toks), ",")
    if len(parts) == 1 and all(t.isalnum() for t in parts[0]) and len("".join(parts[0])) > 1:
        return [[c] for c in "".join(parts[0])]
    return parts


def _indices(toks):
    return ["".join(p) for p in _split_indices(toks)]


def position(shape, idx):
    """1-based indices to a position: two for a matrix, one for a row or a column."""
    if len(idx) == 2:
        r, c = idx[0] - 1, idx[1] - 1
    elif len(idx) == 1 and 1 in shape:
        r, c = (idx[0] - 1, 0) if shape[1] == 1 else (0, idx[0] - 1)
    else:
        raise Unreadable(f"{len(idx)} indices into {shape}")
    if not (0 <= r < shape[0] and 0 <= c < shape[1]):
        raise ShapeError(f"entry {idx} of {shape}")
    return r, c
