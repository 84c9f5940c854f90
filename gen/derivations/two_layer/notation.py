"""The two-layer net's notation in one place: matrix names, index letters, and the printer.

Sizes are the symbols N, D, H, C (any values); b₁ and b₂ are row vectors 1×H and 1×C that
`𝟏 b` copies onto every row (𝟏 is the N×1 column of ones).
"""

import sympy as sp

from gen.notation import NotationPrinter, number_text

N, D, H, C = sp.symbols("N D H C", integer=True, positive=True)
SIZES = (N, D, H, C)

# Index letters: i, j run over an output's rows and columns, p, q over an input's entry.
i, j, k, p, q = sp.symbols("i j k p q", integer=True, positive=True)

# How each node's matrix name prints.
NAMES = {
    "X": "X", "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2", "T": "T", "Y": "Y", "P": "P",
    "xw1": "X W_1", "z": "z", "h": "h", "hw2": "h W_2", "y": "y", "r": "r", "L": "L",
    "mask_z": r"\mathbf{1}[z > 0]", "ones": r"\mathbf{1}", "ell": r"\ell",
}


def grad_name(node):
    """The symbol ∂L/∂node, as a matrix symbol's name."""
    return f"dL_d{node}"


def grad_tex(node):
    r"""\frac{\partial L}{\partial W_1}."""
    name = NAMES[node]
    return rf"\frac{{\partial L}}{{\partial {name if ' ' not in name else '(' + name + ')'}}}"


def entry_tex(node, *indices):
    """An entry of a node with letter indices: X_{ip}, (W_1)_{pq}, (W_2^{T})_{jq}, (∂L/∂z)_{iq}."""
    if node.endswith("^T"):
        base = NAMES[node[:-2]] + "^{T}"
    elif node.startswith("dL_d"):
        base = grad_tex(node[4:])
    else:
        base = NAMES[node]
    wrap = rf"\left({base}\right)" if any(c in base for c in "_^ ") else base
    sep = "" if all(isinstance(x, (sp.Symbol, sp.Integer)) for x in indices) else ","
    return f"{wrap}_{{{sep.join(sp.latex(x) for x in indices)}}}"


class Entry(sp.Function):
    """(A)_{pq}: one entry of a matrix expression, kept unevaluated for printing."""

    nargs = 3

    def _latex(self, printer):
        matrix, row, col = self.args
        return rf"\left({printer._print(matrix)}\right)_{{{printer._print(row)}{printer._print(col)}}}"


class Partial(sp.Function):
    """∂out[i, j]/∂in[p, q] as a name, before the op's local rule is put in."""

    nargs = 6

    def _latex(self, printer):
        out, a, b, wrt, c, d = self.args
        return rf"\frac{{\partial {entry_tex(str(out), a, b)}}}{{\partial {entry_tex(str(wrt), c, d)}}}"


class Printer(NotationPrinter):
    """The engine's printer with this derivation's names, 𝟏 for ones and letter-indexed entries."""

    def _print_MatrixSymbol(self, expr):
        if expr in self.values:
            return self._print(self.values[expr])
        if expr.name.startswith("dL_d"):
            return grad_tex(expr.name[4:])
        return NAMES.get(expr.name, expr.name)

    def _print_MatAdd(self, expr):
        """Terms in the order built, a subtracted term last: P − Y, not −Y + P."""
        terms = sorted(expr.args, key=lambda t: t.could_extract_minus_sign())
        out = self._print(terms[0])
        for term in terms[1:]:
            out += f" - {self._print(-term)}" if term.could_extract_minus_sign() else f" + {self._print(term)}"
        return out

    def _print_Indexed(self, expr):
        return entry_tex(expr.base.name, *expr.indices)

    def _print_KroneckerDelta(self, expr, exp=None):
        a, b = expr.args
        return rf"\delta_{{{self._print(a)}{self._print(b)}}}"

    def _print_Float(self, expr):
        return float_text(expr)


SHOWN_DIGITS = 6
"""Significant digits of a softmax number on the pages."""


def float_text(value, digits=SHOWN_DIGITS):
    """A float rounded to `digits` significant digits for pages (the JSON keeps 17)."""
    text = f"{float(value):.{digits}g}"
    if "e" in text:
        mantissa, power = text.split("e")
        return rf"{mantissa} \times 10^{{{int(power)}}}"
    return text


def tex(expr, values=None):
    """LaTeX of an expression (matrix symbols replaced by `values` when given)."""
    return Printer(values=values).doprint(expr)


def number(value):
    """A worked number as LaTeX: exact decimals as written, floats rounded for reading."""
    if isinstance(value, sp.Float):
        return float_text(value)
    return number_text(value)
