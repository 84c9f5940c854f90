"""The oracle: every claimed line checked against sympy's own differentiation of the loss, written out
entry by entry with symbolic entries at one set of sizes.  It shares no rule with the walk: it uses
only each op's forward rule (the definition), never a local derivative or a vector–Jacobian product.

∂L/∂v is taken at the point: L is written with v's entries free and every value v does not feed
computed from the inputs, differentiated, then v's entries are put back.  Under a case each kink
takes the case's side (ReLU'(0) = 0).  Exponentials become positive symbols (e^{y} → e_y), so
every comparison is an identity of rational functions and square roots, decided exactly.
"""

import random
from dataclasses import dataclass

import mpmath
import sympy as sp

from gen.cases import cases as all_cases
from gen.graph import at_sizes
from gen.matexpr import explicit
from gen.ops import Indicator
from gen.walk import forward


@dataclass(frozen=True)
class Claim:
    """What a chain of right-hand sides is claimed to equal."""

    quantity: str
    """`grad` (∂L/∂wrt), `local` (∂of/∂wrt) or `forward` (the value of wrt)."""
    wrt: str
    """The node differentiated with respect to (or whose value is claimed)."""
    at: tuple | str | None = None
    """One entry of `wrt`, None for all of it, or (`local`) "entrywise": the derivative of each entry of
    `of` by the matching entry of `wrt` (a row matched down its column), every other one being 0."""
    of: str = "L"
    """For `local`: the node differentiated."""
    out: tuple | None = None
    """For `local`: one entry of `of`, or None for all of it."""


def one_hot(shape):
    """Labels as a one-hot matrix: row a's label is a mod C (every class used when N ≥ C)."""
    rows, cols = shape
    return sp.ImmutableMatrix(rows, cols, lambda a, b: int(a % cols == b))


def entry_symbols(name, shape):
    """A matrix of fresh real symbols name_a_b (the oracle's own, shared with nothing)."""
    rows, cols = shape
    return sp.ImmutableMatrix(rows, cols, lambda a, b: sp.Symbol(f"{name}_{a}_{b}", real=True))


class Oracle:
    """Direct derivatives of one graph's loss at one set of sizes, for every case of its kinks.

    `fixed` puts numbers in for some inputs before anything is differentiated (a worked example)."""

    def __init__(self, graph, sizes=None, fixed=None):
        self.graph, self.sizes = graph, dict(sizes or {})
        self.shapes = {n: graph.shape_at(n, self.sizes) for n in graph.order}
        self.inputs = {n: sp.ImmutableMatrix(fixed[n]) if fixed and n in fixed else
                       one_hot(self.shapes[n]) if node.role == "labels" else
                       sp.ImmutableMatrix([[node.value]]) if node.role == "constant" else entry_symbols(n, self.shapes[n])
                       for n, node in graph.nodes.items() if node.op is None}
        self.cases = all_cases(graph, self.sizes) if graph.kinks() else (None,)
        self._memo = {}

    def _once(self, key, make):
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def values(self, case=None, free=None):
        """Every node's value at the point (inputs as symbols); with `free`, that node's entries free."""
        def make():
            vals = dict(self.inputs)
            if free is None:
                return forward(self.graph, vals, case)
            out = {}
            for name in self.graph.order:  # the forward pass, with `free` replaced by fresh symbols
                node = self.graph.nodes[name]
                if name == free:
                    out[name] = entry_symbols(f"free_{name}", self.shapes[name])
                elif node.op is None:
                    out[name] = vals[name]
                else:
                    args = [out[i] for i in node.inputs]
                    out[name] = (node.op.forward_case(*args, case.mask(node.inputs[0])) if case is not None
                                 and node.op.kink else node.op.forward(*args))
            return out
        return self._once(("values", case, free), make)

    def gradient(self, name, case=None):
        """∂L/∂name at the point, entry by entry, by sympy's diff of L."""
        def make():
            free = self.values(case, name)
            loss = free[self.graph.order[-1]][0, 0]
            back = dict(zip(free[name], self.values(case)[name]))
            return sp.ImmutableMatrix(free[name].applyfunc(lambda v: sp.diff(loss, v).xreplace(back)))
        return self._once(("gradient", name, case), make)

    def local(self, of, wrt, case=None):
        """∂of/∂wrt at the point: of written from the named values it reads (through its unnamed parts),
        wrt's entries free and the others at the point (a 4-index table)."""
        def make():
            point = self.values(case)
            free = entry_symbols(f"free_{wrt}", self.shapes[wrt])
            known = {wrt: free}

            def value_of(name):
                node = self.graph.nodes[name]
                if name in known:
                    return known[name]
                if name != of and node.role != "hidden":
                    return point[name]
                args = [value_of(i) for i in node.inputs]
                known[name] = (node.op.forward_case(*args, case.mask(node.inputs[0])) if case is not None
                               and node.op.kink else node.op.forward(*args))
                return known[name]
            value = value_of(of)
            back = dict(zip(free, point[wrt]))
            return {(out, at): sp.diff(value[out], free[at]).xreplace(back)
                    for out in _positions(value.shape) for at in _positions(free.shape)}
        return self._once(("local", of, wrt, case), make)

    def reference(self, claim, case=None):
        """The claimed quantity, computed directly."""
        if claim.quantity == "forward":
            return self.values(case)[claim.wrt]
        if claim.quantity == "grad":
            full = self.gradient(claim.wrt, case)
            return full[claim.at] if claim.at is not None else full
        table, of_shape, wrt_shape = self.local(claim.of, claim.wrt, case), self.shapes[claim.of], self.shapes[claim.wrt]
        if claim.at == "entrywise":
            return _entrywise(table, of_shape, wrt_shape)
        if claim.out is not None and claim.at is not None:
            return table[(claim.out, claim.at)]
        if claim.out is not None:
            return sp.ImmutableMatrix(*wrt_shape, lambda p, q: table[(claim.out, (p, q))])
        return sp.ImmutableMatrix(*of_shape, lambda i, j: table[((i, j), claim.at)])

    def environment(self, case=None):
        """Matrix symbols (at these sizes) and named entries → their values at the point."""
        def make():
            point = self.values(case)
            env = {}
            for name, value in point.items():
                env[sp.MatrixSymbol(name, *self.shapes[name])] = value
                if name in self.graph.entries:
                    env.update(zip(self.graph.entries[name], value))
                node = self.graph.nodes[name]
                for aux, matrix in (node.op.aux([point[i] for i in node.inputs]) if node.op else {}).items():
                    env[sp.MatrixSymbol(aux, *matrix.shape)] = matrix
            for _, z in self.graph.kinks():
                env[sp.MatrixSymbol(f"mask_{z}", *self.shapes[z])] = self._mask(z, case)
            return env
        return self._once(("env", case), make)

    def _mask(self, z, case):
        return case.mask(z) if case is not None else self.values(None)[z].applyfunc(Indicator)

    def value(self, line, case=None):
        """A displayed line at the point: matrix forms multiplied out, named entries and indicators put in."""
        env, line = self.environment(case), at_sizes(line, self.graph, self.sizes)
        if isinstance(line, sp.MatrixExpr) and not isinstance(line, sp.MatrixBase):
            line = explicit(line, {s: self._symbol_value(s, env, case) for s in line.atoms(sp.MatrixSymbol)
                                   if s.name != "ones"})
        indicators = {Indicator(e): flag for _, z in self.graph.kinks()
                      for e, flag in zip(self.graph.entries.get(z, ()), self._mask(z, case))}
        line = sp.sympify(line).xreplace(indicators)
        return line.xreplace({s: env[s] for s in line.free_symbols if s in env})

    def _symbol_value(self, symbol, env, case):
        if symbol in env:
            return env[symbol]
        if symbol.name.startswith("dL_d") and symbol.name[4:] in self.graph.nodes:
            return self.gradient(symbol.name[4:], case)
        raise KeyError(f"the oracle has no value for the matrix {symbol.name}")

    def agrees(self, line, claim, case=None):
        """Whether `line` equals the claimed quantity in `case`."""
        reference = self.reference(claim, case)
        if reference is None:
            return False
        value = self.value(line, case)
        if isinstance(reference, sp.MatrixBase) and not isinstance(value, sp.MatrixBase):
            value = sp.ImmutableMatrix(*reference.shape, lambda i, j: value)  # a number: every entry is it
        if getattr(value, "shape", None) != getattr(reference, "shape", None):
            return False
        if not isinstance(value, sp.MatrixBase):
            value, reference = sp.ImmutableMatrix([[value]]), sp.ImmutableMatrix([[reference]])
        return all(is_zero(v - r) for v, r in zip(value, reference))


def _project(at, shape):
    """An entry of a larger shape → the entry of `shape` it reads when `shape` is copied across it."""
    return (0 if shape[0] == 1 else at[0], 0 if shape[1] == 1 else at[1])


def _entrywise(table, of_shape, wrt_shape):
    """A local gradient that is entry-wise (each entry of `of` depends on the matching entry of `wrt`,
    a row copied down its column): shaped like the larger, its (i, j) the derivative of the matching
    entries.  Any other entry of the table that is not 0 makes the claim wrong (None is returned)."""
    shape = (max(of_shape[0], wrt_shape[0]), max(of_shape[1], wrt_shape[1]))
    pairs = {(_project(a, of_shape), _project(a, wrt_shape)) for a in _positions(shape)}
    if any(not is_zero(v) for key, v in table.items() if key not in pairs):
        return None
    return sp.ImmutableMatrix(*shape, lambda i, j: table[(_project((i, j), of_shape), _project((i, j), wrt_shape))])


def _positions(shape):
    rows, cols = shape
    return [(i, j) for i in range(rows) for j in range(cols)]


def exponentials_as_symbols(expr):
    """exp(c·m) → e_m^c for every exponential (after splitting exp of a sum): a rational function."""
    expr = sp.expand_power_exp(expr)
    found = {}
    for f in expr.atoms(sp.exp):
        coeff, rest = f.args[0].as_coeff_Mul()
        if coeff.is_Integer:
            found[f] = sp.Symbol(f"e_{sp.srepr(rest)}", positive=True) ** coeff
    return expr.xreplace(found) if found else expr


POINTS = 3
"""Random rational points at which an identity with square roots (or other functions) is evaluated."""
PRECISION = 60
"""Digits of that evaluation; a difference below 10^-(PRECISION - 15) counts as 0."""


def _rational(difference):
    """Whether a difference is a rational function of its symbols (no √, exp, log, tanh)."""
    return all(not isinstance(p, sp.Pow) or p.exp.is_Integer for p in difference.atoms(sp.Pow)) and \
        not difference.atoms(sp.Function)


def is_zero(difference):
    """Whether a difference is identically 0.  Rational functions (and exponentials, as symbols) are
    decided exactly; with square roots or other functions the difference is evaluated at POINTS random
    rational points (a fixed seed) to PRECISION digits."""
    difference = sp.sympify(difference)
    if difference == 0:
        return True
    if difference.has(sp.exp):
        difference = exponentials_as_symbols(difference)
    if _rational(difference):
        # over one denominator, a rational function is 0 exactly when its numerator expands to 0
        return sp.expand(difference) == 0 or sp.expand(sp.numer(sp.together(difference))) == 0
    rng = random.Random(20261202)
    symbols = sorted(difference.free_symbols, key=str)
    at = sp.lambdify(symbols, difference, modules="mpmath")  # mpmath evaluates nested tanh far faster than evalf
    with mpmath.workdps(PRECISION):
        for _ in range(POINTS):
            point = {v: sp.Rational(rng.randint(-60, 60), rng.randint(1, 12)) for v in symbols}
            point.update({v: sp.Rational(rng.randint(1, 60), rng.randint(1, 12)) for v in symbols if v.is_positive})
            try:
                value = at(*(mpmath.mpf(point[v].p) / point[v].q for v in symbols))
            except (ZeroDivisionError, ValueError):
                return False
            if not isinstance(value, (mpmath.mpf, mpmath.mpc)) or abs(value) > mpmath.mpf(10) ** (15 - PRECISION):
                return False
    return True
