"""The matrix form's vocabulary beyond sympy's own (MatMul, MatAdd, Transpose, HadamardProduct,
HadamardPower), and one way to multiply any of it out.

    ones(n)            𝟏, the n×1 column of ones (a symbol, so it prints as 𝟏 and stays unevaluated)
    mask(z)            1[z > 0], the ReLU's local gradient, shaped like z
    Broadcast(b, r, c) b copied to r×c: a row to every row (𝟏 b), a column to every column, a scalar everywhere
    explicit(e, env)   e with every matrix symbol replaced by `env`'s matrix, multiplied out
"""

import sympy as sp


def ones(rows):
    """𝟏, the rows×1 column of ones."""
    return sp.MatrixSymbol("ones", rows, 1)


def mask(z):
    """The matrix 1[z > 0] of ReLU derivatives, shaped like the matrix symbol z."""
    return sp.MatrixSymbol(f"mask_{z.name}", *z.shape)


def gradient(name, shape):
    """∂L/∂name as a matrix symbol."""
    return sp.MatrixSymbol(f"dL_d{name}", *shape)


def symbolic(m):
    """Whether `m` is a matrix expression (matrix form) rather than explicit entries."""
    return isinstance(m, sp.MatrixExpr) and not isinstance(m, sp.MatrixBase)


def negate(m):
    """−m, without sympy rebuilding (and reordering) everything inside a matrix expression."""
    return sp.MatMul(-1, m) if symbolic(m) else -m


class Broadcast(sp.MatrixExpr):
    """`arg` (1×c, r×1 or 1×1) copied to an r×c matrix; a row copied to every row is 𝟏 b."""

    def __new__(cls, arg, rows, cols):
        return super().__new__(cls, arg, sp.sympify(rows), sp.sympify(cols))

    @property
    def arg(self):
        return self.args[0]

    @property
    def shape(self):
        return self.args[1], self.args[2]

    def _entry(self, i, j, **kwargs):
        rows, cols = self.arg.shape
        return self.arg[0 if rows == 1 else i, 0 if cols == 1 else j]

    def _eval_transpose(self):
        return Broadcast(self.arg.T, self.shape[1], self.shape[0])


def _hinge(v):
    return sp.Max(0, v)


class Times(sp.MatrixExpr):
    """c M for a 1×1 matrix c (a given number such as λ): every entry of M times c."""

    def __new__(cls, c, m):
        return super().__new__(cls, c, m)

    @property
    def shape(self):
        return self.args[1].shape

    def _entry(self, i, j, **kwargs):
        return self.args[0][0, 0] * self.args[1][i, j]


FUNCTIONS = {"tanh": sp.tanh, "exp": sp.exp, "max0": _hinge}
"""The scalar functions an entry-wise `Apply` may take, by name."""


class Apply(sp.MatrixExpr):
    """A scalar function applied to every entry: tanh(A)."""

    def __new__(cls, func, arg):
        name = func if isinstance(func, sp.Symbol) else sp.Symbol(func if isinstance(func, str) else func.__name__)
        return super().__new__(cls, name, arg)

    @property
    def func_(self):
        return FUNCTIONS[self.args[0].name]

    @property
    def arg(self):
        return self.args[1]

    @property
    def shape(self):
        return self.arg.shape

    def _entry(self, i, j, **kwargs):
        return self.func_(self.arg[i, j])


def broadcast(value, shape):
    """`value` copied to `shape` (unchanged when it has it): symbolic or explicit."""
    if tuple(value.shape) == tuple(shape):
        return value
    if symbolic(value):
        return Broadcast(value, *shape)
    rows, cols = value.shape
    return sp.ImmutableMatrix(*shape, lambda i, j: value[0 if rows == 1 else i, 0 if cols == 1 else j])


def unbroadcast(g, shape):
    """The gradient of a value that was copied to g's shape: summed over the copies.

    A row copied to every row gets 𝟏ᵀ g (the column sums), a column 𝟏ᵀ-on-the-right g 𝟏, a scalar both."""
    rows, cols = shape
    if (rows, cols) == tuple(g.shape):
        return g
    out = g
    if rows == 1 and g.shape[0] != 1:
        out = ones(g.shape[0]).T * out if symbolic(g) else sp.ImmutableMatrix(sp.ones(1, g.shape[0]) * out)
    if cols == 1 and g.shape[1] != 1:
        out = out * ones(g.shape[1]) if symbolic(g) else sp.ImmutableMatrix(out * sp.ones(g.shape[1], 1))
    return out


def explicit(expr, env):
    """A matrix expression multiplied out, each matrix symbol replaced by `env`'s matrix of it and each
    scalar symbol in `env` (a named entry such as x11) by its value; `ones` is filled in from its shape."""
    scalars = {k: v for k, v in env.items() if not isinstance(k, sp.MatrixSymbol)}
    matrices = {k: v for k, v in env.items() if isinstance(k, sp.MatrixSymbol)}
    out = _multiplied(expr, matrices)
    return out.xreplace(scalars) if scalars and isinstance(out, sp.Basic) else out


def _multiplied(expr, env):
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr)
    if isinstance(expr, sp.MatrixSymbol):
        if expr in env:
            return sp.ImmutableMatrix(env[expr])
        if expr.name == "ones":
            return sp.ImmutableMatrix(sp.ones(*expr.shape))
        raise KeyError(f"no value for the matrix {expr.name} ({expr.shape[0]}×{expr.shape[1]})")
    if not isinstance(expr, sp.MatrixExpr):
        return expr
    parts = [_multiplied(a, env) if isinstance(a, sp.MatrixExpr) else a for a in expr.args]
    if isinstance(expr, sp.Transpose):
        return parts[0].T
    if isinstance(expr, sp.MatMul):
        out = parts[0]
        for part in parts[1:]:
            out = out * part
        return sp.ImmutableMatrix(out) if isinstance(out, sp.MatrixBase) else out
    if isinstance(expr, sp.MatAdd):
        return sp.ImmutableMatrix(sum(parts[1:], parts[0]))
    if isinstance(expr, sp.HadamardProduct):
        out = parts[0]
        for part in parts[1:]:
            out = out.multiply_elementwise(part)
        return sp.ImmutableMatrix(out)
    if isinstance(expr, sp.HadamardPower):
        base, power = parts
        return sp.ImmutableMatrix(base.applyfunc(lambda v: v ** power))
    if isinstance(expr, Broadcast):
        return broadcast(parts[0], tuple(int(s) for s in expr.shape))
    if isinstance(expr, sp.MatrixSlice):
        rows, cols = expr.args[1], expr.args[2]
        return sp.ImmutableMatrix(parts[0][slice(*rows), slice(*cols)])
    if isinstance(expr, sp.ZeroMatrix):
        return sp.ImmutableMatrix(sp.zeros(*expr.shape))
    if isinstance(expr, sp.OneMatrix):
        return sp.ImmutableMatrix(sp.ones(*expr.shape))
    if isinstance(expr, Times):
        return sp.ImmutableMatrix(parts[0][0, 0] * parts[1])
    if isinstance(expr, Apply):
        return sp.ImmutableMatrix(explicit(expr.arg, env).applyfunc(expr.func_))
    if hasattr(expr, "multiplied"):  # an op's own vocabulary (a padding, a correlation): its rule on explicit parts
        return expr.multiplied(*parts)
    raise TypeError(f"no explicit form for {expr!r}")
