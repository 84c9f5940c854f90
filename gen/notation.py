"""Notation in one place: entry symbols, matrix names, and how sympy objects print as LaTeX.

Every displayed right-hand side is a sympy object printed by `tex`; every number goes
through `number_text`.
"""

from fractions import Fraction

import sympy as sp
from sympy.printing.latex import LatexPrinter

def matrix_tex(name):
    """How a node's matrix name prints: W1 → W_1, mask_z → 1[z > 0], dL_dy → ∂L/∂y, X → X."""
    if name.startswith("mask_"):
        return rf"\mathbf{{1}}[{matrix_tex(name[5:])} > 0]"
    if name.startswith("dL_d"):
        return partial("L", matrix_tex(name[4:]))
    stem = name.rstrip("0123456789")
    return f"{stem}_{name[len(stem):]}" if stem != name and stem else name


def entry_symbol(pattern, i, j):
    """The scalar symbol of entry (i, j) (0-based) named by `pattern`, e.g. `y{i}{j}` → y11."""
    return sp.Symbol(pattern.format(i=i + 1, j=j + 1), real=True)


def entry_matrix(pattern, shape):
    """The matrix of entry symbols named by `pattern`."""
    rows, cols = shape
    return sp.ImmutableMatrix(rows, cols, lambda i, j: entry_symbol(pattern, i, j))


def matrix_symbol(node, shape):
    """The matrix-level symbol of `node` (X, W_1, …) for matrix-form equations."""
    return sp.MatrixSymbol(node, *shape)


class Indicator(sp.Function):
    """1[x > 0]: the ReLU derivative, with the convention ReLU'(0) = 0."""

    nargs = 1
    is_real = True

    @classmethod
    def eval(cls, arg):
        if arg.is_number:
            return sp.Integer(1) if arg > 0 else sp.Integer(0)
        return None

    def _latex(self, printer):
        return r"\mathbf{1}[%s > 0]" % printer._print(self.args[0])


def _number_fraction(value):
    return Fraction(int(value.p), int(value.q)) if isinstance(value, sp.Rational) else Fraction(value)


def number_text(value):
    """An exact number as text: integers as is, terminating fractions as decimals."""
    frac = _number_fraction(value)
    if frac.denominator == 1:
        return str(frac.numerator)
    den, twos, fives = frac.denominator, 0, 0
    while den % 2 == 0:
        den, twos = den // 2, twos + 1
    while den % 5 == 0:
        den, fives = den // 5, fives + 1
    if den != 1:
        raise ValueError(f"{frac} has no finite decimal expansion")
    places = max(twos, fives)
    scaled = abs(frac.numerator) * 10**places // frac.denominator
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if frac < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


class NotationPrinter(LatexPrinter):
    """sympy's LaTeX printer with the site's conventions: ⊙, bmatrix, terms in the order built."""

    def __init__(self, values=None, **settings):
        base = {"order": "none", "mat_str": "bmatrix", "mat_delim": ""}
        if values:
            base["mul_symbol"] = "dot"
        base.update(settings)
        super().__init__(base)
        self.values = values or {}

    def _print_MatrixSymbol(self, expr):
        if expr in self.values:
            return self._print(self.values[expr])
        return matrix_tex(expr.name)

    def _print_Indexed(self, expr):
        """x_{ik} for an input's entries, (∂L/∂y)_{ij} for a gradient's."""
        name = expr.base.name
        if name.startswith("dL_"):
            base = rf"\left({matrix_tex(name)}\right)"
        elif name.endswith("T"):  # an entry of a transpose: (hᵀ)_{1i}
            base = rf"\left({matrix_tex(name[:-1])}^{{T}}\right)"
        else:
            base = name[0].lower()
        return f"{base}_{{{''.join(self._print(i) for i in expr.indices)}}}"

    def _print_Symbol(self, expr, style="plain"):
        if expr in self.values:
            text = number_text(self.values[expr])
            return rf"\left({text}\right)" if self.values[expr] < 0 else text
        return super()._print_Symbol(expr, style)

    def _print_Rational(self, expr):
        try:
            return number_text(expr)
        except ValueError:  # not a terminating decimal
            return super()._print_Rational(expr)

    def _print_Integer(self, expr):
        return number_text(expr)

    def _print_Transpose(self, expr):
        if expr.arg in self.values:
            return self._print(sp.ImmutableMatrix(self.values[expr.arg]).T)
        return super()._print_Transpose(expr)

    def _print_HadamardProduct(self, expr):
        def operand(arg):
            text = self._print(arg)
            return rf"\left({text}\right)" if isinstance(arg, (sp.MatMul, sp.MatAdd)) else text
        return r" \odot ".join(operand(arg) for arg in expr.args)

    def _print_MatrixSlice(self, expr):
        parent, rows, cols = expr.args
        if self.values and parent.free_symbols & set(self.values):
            explicit = sp.ImmutableMatrix(parent.xreplace(self.values).as_explicit())
            return self._print(explicit[slice(*rows), slice(*cols)])
        rows_n, cols_n = parent.shape
        base = self.parenthesize(parent, 1000) if not isinstance(parent, sp.MatrixSymbol) else self._print(parent)
        if isinstance(parent, sp.Transpose):
            base = rf"\left({self._print(parent)}\right)"
        row = ":" if (rows[0], rows[1]) == (0, rows_n) else str(rows[0] + 1)
        col = ":" if (cols[0], cols[1]) == (0, cols_n) else str(cols[0] + 1)
        return rf"{base}_{{{row},{col}}}"

    def _print_ImmutableDenseMatrix(self, expr):
        if expr.shape == (1, 1):
            return rf"\begin{{bmatrix}}{self._print(expr[0, 0])}\end{{bmatrix}}"
        return self._print_MatrixBase(expr)


def tex(expr):
    """LaTeX of a symbolic expression or matrix."""
    return NotationPrinter().doprint(expr)


def tex_with(expr, values):
    """LaTeX of `expr` with symbols replaced by the numbers in `values` (kept unevaluated)."""
    return NotationPrinter(values=values).doprint(expr)


def partial(numerator, denominator):
    r"""\frac{\partial L}{\partial w_{21}} from two LaTeX names."""
    return rf"\frac{{\partial {numerator}}}{{\partial {denominator}}}"


def generic_entry_tex(pattern, index):
    """A generic entry with a letter index, e.g. w_{2j} for pattern `w2{j}` and index j."""
    name = pattern.format(i=index, j=index)
    return f"{name[0]}_{{{name[1:]}}}"


def entry_tex(pattern, i, j):
    """LaTeX of one entry's symbol, e.g. w_{21}."""
    return tex(entry_symbol(pattern, i, j))


def index_tex(pattern, shape):
    """LaTeX of a generic entry: y_{ij} for a matrix, z_{i} for a vector."""
    indices = "ij" if min(shape) > 1 else "i"
    return f"{pattern[0]}_{{{indices}}}"


def sum_tex(index_shape):
    """The summation signs over a generic entry's indices, e.g. \\sum_{i=1}^{2}\\sum_{j=1}^{2}."""
    rows, cols = index_shape
    if min(rows, cols) > 1:
        return rf"\sum_{{i=1}}^{{{rows}}}\sum_{{j=1}}^{{{cols}}}"
    return rf"\sum_{{i=1}}^{{{max(rows, cols)}}}"
