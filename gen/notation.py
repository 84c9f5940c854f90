"""Notation in one place: entry symbols, matrix names, and how sympy objects print as LaTeX.

The engine's printer knows the conventions every derivation shares (⊙, bmatrix, ∂L/∂·, 1[z > 0], 𝟏,
terms in the order built, exact numbers); a derivation adds its own names on top with a `Notation`:

    Notation(names={"xhat": r"\\hat{x}", "var": r"\\sigma^{2}"}, broadcast="implicit")
"""

from dataclasses import dataclass, field

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

from gen.matexpr import Broadcast, ones
from gen.numbers import SHOWN, fraction, rounded, terminating
from gen.ops import Indicator  # noqa: F401 - re-exported: 1[x > 0] is notation too


SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def default_matrix_tex(name):
    """A name with trailing digits as a subscript: W1 → W_1, X → X."""
    stem = name.rstrip("0123456789")
    return f"{stem}_{name[len(stem):]}" if stem != name and stem else name


@dataclass(frozen=True)
class Notation:
    """How one derivation names its matrices and their entries."""

    names: dict = field(default_factory=dict)
    """Matrix name → LaTeX (`xhat` → `\\hat{x}`); others print as W1 → W_1."""
    entries: dict = field(default_factory=dict)
    """Matrix name → the letter its entries print with (`X` → `x` for x_{ik}); default: the matrix's name."""
    broadcast: str = "ones"
    """A row copied to every row prints as `𝟏 b` (`ones`) or as `b` (`implicit`)."""
    digits: int = SHOWN
    """Significant digits of a number that is not rational."""
    text: dict = field(default_factory=dict)
    """Matrix name → plain text for figures (`xhat` → `x̂`); others as W1 → W₁."""

    def plain(self, name):
        """How a matrix name reads in a figure: W₁, x̂, σ²."""
        if name in self.text:
            return self.text[name]
        stem = name.rstrip("0123456789")
        return stem + name[len(stem):].translate(SUBSCRIPTS) if stem else name  # a constant such as 1 is itself

    def matrix(self, name):
        """How a matrix name prints: W1 → W_1, mask_z → 1[z > 0], dL_dy → ∂L/∂y, ones → 𝟏."""
        if name in self.names:
            return self.names[name]
        if name == "ones":
            return r"\mathbf{1}"
        if name.startswith("mask_"):
            return rf"\mathbf{{1}}[{self.matrix(name[5:])} > 0]"
        if name.startswith("dL_d"):
            return partial("L", self.matrix(name[4:]))
        return default_matrix_tex(name)

    def entry_base(self, name):
        """How an entry's matrix prints before its indices: x, \\left(W_1\\right), \\left(h^{T}\\right)."""
        if name.endswith("^T"):
            return rf"\left({self.matrix(name[:-2])}^{{T}}\right)"
        if name in self.entries:
            return self.entries[name]
        base = self.matrix(name)
        return rf"\left({base}\right)" if any(c in base for c in "_^ ") else base

    def tex(self, expr, values=None):
        """LaTeX of an expression (symbols replaced by the numbers in `values`, kept unevaluated)."""
        return Printer(self, values).doprint(expr)


def partial(numerator, denominator):
    r"""\frac{\partial L}{\partial w_{21}} from two LaTeX names."""
    return rf"\frac{{\partial {numerator}}}{{\partial {denominator}}}"


class Printer(LatexPrinter):
    """sympy's LaTeX printer with the site's conventions: ⊙, bmatrix, terms in the order built."""

    def __init__(self, notation=None, values=None, **settings):
        base = {"order": "none", "mat_str": "bmatrix", "mat_delim": ""}
        if values:
            base["mul_symbol"] = "dot"
        base.update(settings)
        super().__init__(base)
        self.notation = notation or Notation()
        self.values = values or {}

    def _print_MatrixSymbol(self, expr):
        if expr in self.values:
            return self._print(self.values[expr])
        return self.notation.matrix(expr.name)

    def _print_Indexed(self, expr):
        """x_{ik} for an input's entries, (∂L/∂y)_{ij} for a gradient's, (h^{T})_{1i} for a transpose's."""
        indices = expr.indices
        sep = "" if all(isinstance(x, (sp.Symbol, sp.Integer)) for x in indices) else ","
        return f"{self.notation.entry_base(expr.base.name)}_{{{sep.join(self._print(i) for i in indices)}}}"

    def _print_Symbol(self, expr, style="plain"):
        if expr in self.values:
            value = self.values[expr]
            text = self._print(value)
            return rf"\left({text}\right)" if value < 0 else text
        return super()._print_Symbol(expr, style)

    def _print_Rational(self, expr):
        """A number as a decimal when it terminates (0.25); a coefficient or exponent of a symbolic
        expression as a fraction (\\frac{1}{2}), and any number that does not terminate."""
        text = terminating(fraction(expr))
        return text if text is not None and not self._in_symbols else super()._print_Rational(expr)

    _in_symbols = False

    def _print_MatMul(self, expr):
        matrices = [a for a in expr.args if isinstance(a, sp.MatrixExpr)]
        if len(matrices) == 1 and _copied_one(matrices[0]) and len(expr.args) > 1:  # c 𝟏𝟏ᵀ: c in every entry
            return self._print(sp.Mul(*(a for a in expr.args if not isinstance(a, sp.MatrixExpr))))
        other = [a for a in expr.args if not isinstance(a, sp.MatrixExpr)]
        if len(matrices) == 1 and matrices[0].shape == (1, 1) and len(other) == 1 and not other[0].is_number:
            return f"{self._print(matrices[0])} {self._print(other[0])}"  # λ ‖W‖²: the 1×1 value first
        if len(matrices) == 1 and isinstance(matrices[0], sp.HadamardProduct) and len(expr.args) > 1:
            scalar = sp.Mul(*(a for a in expr.args if not isinstance(a, sp.MatrixExpr)))  # c A ⊙ B: no brackets
            self._in_symbols, saved = True, self._in_symbols
            try:
                coefficient = "-" if scalar == -1 else self._print(scalar)
            finally:
                self._in_symbols = saved
            return f"{coefficient} {self._print(matrices[0])}"
        if any(isinstance(a, sp.Rational) and not a.is_Integer for a in expr.args):
            scalar = sp.Mul(*(a for a in expr.args if not isinstance(a, sp.MatrixExpr)))
            rest = [a for a in expr.args if isinstance(a, sp.MatrixExpr)]
            self._in_symbols, saved = True, self._in_symbols
            try:
                coefficient = self._print(scalar)
            finally:
                self._in_symbols = saved
            inner = super()._print_MatMul(sp.MatMul(*rest)) if len(rest) > 1 else self._print(rest[0])
            if len(rest) == 1 and isinstance(rest[0], sp.MatAdd):  # c (A + B); c A ⊙ B needs none
                inner = rf"\left({inner}\right)"
            return f"{coefficient} {inner}"
        if expr.could_extract_minus_sign() and len(matrices) > 1:
            # −𝟏ᵀ (A ⊙ B): sympy brackets the factors of a negated product as those of a sum, and drops the ⊙'s
            args = list(expr.args[1:]) if expr.args[0] == -1 else [-expr.args[0], *expr.args[1:]]
            return rf"- {super()._print_MatMul(sp.MatMul(*args, evaluate=False))}"
        return super()._print_MatMul(expr)

    def _print_Integer(self, expr):
        return str(int(expr))

    def _print_Float(self, expr):
        text = rounded(expr, self.notation.digits)
        if "e" in text:
            mantissa, power = text.split("e")
            return rf"{mantissa} \times 10^{{{int(power)}}}"
        return text

    def _print_Transpose(self, expr):
        if expr.arg in self.values:
            return self._print(sp.ImmutableMatrix(self.values[expr.arg]).T)
        return super()._print_Transpose(expr)

    def _print_MatAdd(self, expr):
        """Terms in the order built, a subtracted term last: P − Y, not −Y + P."""
        terms = sorted(expr.args, key=_negative)
        if any(isinstance(a, sp.MatAdd) for a in expr.args):  # (S − s) + 1: one sum, in order, not led by a minus
            terms = [t for a in expr.args for t in (a.args if isinstance(a, sp.MatAdd) else (a,))]
            lead = next((t for t in terms if not _negative(t)), terms[0])
            terms = [lead] + [t for t in terms if t is not lead]
        out = self._print(terms[0])
        for term in terms[1:]:
            out += f" - {self._print(_negated(term))}" if _negative(term) else f" + {self._print(term)}"
        return out

    def _print_HadamardProduct(self, expr):
        def operand(arg):
            text = self._print(arg)
            return rf"\left({text}\right)" if isinstance(arg, (sp.MatMul, sp.MatAdd)) else text
        return r" \odot ".join(operand(arg) for arg in expr.args)

    def _print_HadamardPower(self, expr):
        """√A, 1/A, A^{2}: a power taken entry by entry, printed as the scalar power is."""
        base, power = expr.args
        if power == sp.Rational(1, 2):
            return rf"\sqrt{{{self._print(base)}}}"
        if power < 0:
            return rf"\frac{{1}}{{{self._print(base if power == -1 else sp.HadamardPower(base, -power))}}}"
        inner = self._print(base)
        if not isinstance(base.arg if isinstance(base, Broadcast) else base, sp.MatrixSymbol):
            inner = rf"\left({inner}\right)"
        return f"{inner}^{{{self._exponent_text(power)}}}"

    def _exponent_text(self, power):
        return str(power) if power.is_Integer else rf"\frac{{{power.p}}}{{{power.q}}}"

    def _helper_print_standard_power(self, expr, template):
        """An exponent prints as a fraction (x^{\frac{3}{2}}), never as a decimal."""
        if expr.exp.is_Rational and not expr.exp.is_Integer:
            return template % (self.parenthesize(expr.base, PRECEDENCE['Pow']), self._exponent_text(expr.exp))
        return super()._helper_print_standard_power(expr, template)

    def _print_Broadcast(self, expr):
        arg, (rows, cols) = expr.arg, expr.shape
        if isinstance(arg, sp.MatrixBase) and arg.shape == (1, 1):  # a number in every entry: 1 − Y
            return self._print(arg[0, 0])
        if self.notation.broadcast == "ones" and arg.shape[0] == 1 and arg.shape[1] == cols:
            return self._print(sp.MatMul(ones(rows), arg))  # a row copied onto every row: 𝟏 b
        return self._print(arg)

    def _print_Times(self, expr):
        """λ (2 W) as 2 λ W: a number in front of the scalar."""
        c, m = expr.args
        k = sp.Integer(1)
        if isinstance(m, sp.MatMul) and m.args[0].is_number:
            k, m = m.args[0], sp.MatMul(*m.args[1:])
        inner = self._print(m)
        if isinstance(m, (sp.MatAdd, sp.HadamardProduct)):
            inner = rf"\left({inner}\right)"
        return " ".join(([] if k == 1 else [self._print(k)]) + [self._print(c), inner])

    def _print_Apply(self, expr):
        if expr.args[0].name == "max0":
            return rf"\max\left(0, {self._print(expr.arg)}\right)"
        return rf"\{expr.args[0].name}\left({self._print(expr.arg)}\right)"

    def _print_OneMatrix(self, expr):
        return "1"

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = expr.args
        return rf"\delta_{{{self._print(a)}{self._print(b)}}}"

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


def _negative(term):
    """Whether a term of a sum is printed as subtracted: a negative coefficient in front."""
    if isinstance(term, sp.MatMul) and term.args and not isinstance(term.args[0], sp.MatrixExpr):
        return term.args[0].could_extract_minus_sign()
    return term.could_extract_minus_sign()


def _negated(term):
    """−term, without rebuilding what is inside it (which would reorder its sums)."""
    if isinstance(term, sp.MatMul) and term.args and not isinstance(term.args[0], sp.MatrixExpr) \
            and term.args[0].could_extract_minus_sign():
        coefficient, rest = -term.args[0], term.args[1:]
        if coefficient == 1:
            return rest[0] if len(rest) == 1 else sp.MatMul(*rest)
        return sp.MatMul(coefficient, *rest)
    return -term


DEFAULT = Notation()


def tex(expr):
    """LaTeX of a symbolic expression or matrix, in the engine's default notation."""
    return DEFAULT.tex(expr)


def tex_with(expr, values):
    """LaTeX of `expr` with symbols replaced by the numbers in `values` (kept unevaluated)."""
    return DEFAULT.tex(expr, values)


def matrix_tex(name):
    """How a node's matrix name prints in the default notation: W1 → W_1, dL_dy → ∂L/∂y."""
    return DEFAULT.matrix(name)


def entry_symbol(pattern, i, j):
    """The scalar symbol of entry (i, j) (0-based) named by `pattern`, e.g. `y{i}{j}` → y11."""
    return sp.Symbol(pattern.format(i=i + 1, j=j + 1), real=True)


def entry_matrix(pattern, shape):
    """The matrix of entry symbols named by `pattern`."""
    rows, cols = shape
    return sp.ImmutableMatrix(rows, cols, lambda i, j: entry_symbol(pattern, i, j))


def entry_tex(pattern, i, j):
    """LaTeX of one entry's symbol, e.g. w_{21}."""
    return tex(entry_symbol(pattern, i, j))


def generic_entry_tex(pattern, index):
    """A generic entry with a letter index, e.g. w_{2j} for pattern `w2{j}` and index j."""
    name = pattern.format(i=index, j=index)
    return f"{name[0]}_{{{name[1:]}}}"


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


def _copied_one(m):
    """Whether m is the number 1 copied to every entry (a loss's upstream spread over a matrix)."""
    return isinstance(m, Broadcast) and isinstance(m.arg, sp.MatrixBase) and m.arg.shape == (1, 1) and m.arg[0, 0] == 1
