"""The matrix form of a sliding window: padding, dilation, the 180° turn, cropping and the
cross-correlation, as matrix expressions that print as themselves and multiply out exactly.

    pad(A, r, c)       r rows of zeros above and below A, c columns left and right:  pad_p(X) = X̃
    dilate(A, s)       s − 1 zeros between neighbouring entries (s = 1 leaves A)
    rotate(A)          A turned by 180°: rot(A)_ij = A_{r−1−i, c−1−j}
    crop(A, r, c)      the inverse of pad: r rows off the top and bottom, c columns off each side
    correlate(A, B, s) (A ⋆_s B)_ij = Σ_pq A_{i s + p, j s + q} B_pq, the window of B slid over A by s

Each function works on explicit matrices (numbers or named entries) and on matrix symbols alike; a
pad, crop or dilation that changes nothing (0 or 1 as a number) is left out, so a line prints as
simply as it can.
"""

import sympy as sp

from gen.matexpr import symbolic


def window_size(size, kernel, pad, stride):
    """How many positions a kernel of `kernel` takes along `size` padded by `pad`, moved by `stride`."""
    out = (sp.sympify(size) + 2 * pad - kernel) / stride + 1
    return int(out) if out.is_Integer else out


def _none(amount, unit):
    return sp.sympify(amount) == unit


class Border(sp.MatrixExpr):
    """A with `rows` rows added above and below it and `cols` columns at each side (`grow` = 1), or taken off (−1)."""

    grow = 1
    word = ""

    def __new__(cls, arg, rows, cols):
        return super().__new__(cls, arg, sp.sympify(rows), sp.sympify(cols))

    @property
    def shape(self):
        a, r, c = self.args
        return a.shape[0] + 2 * self.grow * r, a.shape[1] + 2 * self.grow * c

    def _latex(self, printer):
        """pad_p(X), crop_{k_h − 1, k_w − 1}(…): one amount when both are the same, sizes first."""
        a, r, c = self.args
        text = [printer._print_Add(n, order="lex") if n.is_Add else printer._print(n) for n in (r, c)]
        amount = text[0] if r == c else ", ".join(text)
        return rf"\operatorname{{{self.word}}}_{{{amount}}}\left({printer._print(a)}\right)"


class Padded(Border):
    """A with `rows` zero rows above and below it and `cols` zero columns on each side."""

    word = "pad"

    @staticmethod
    def multiplied(a, r, c):
        r, c = int(r), int(c)
        return sp.ImmutableMatrix(a.rows + 2 * r, a.cols + 2 * c, lambda i, j: a[i - r, j - c]
                                  if r <= i < r + a.rows and c <= j < c + a.cols else 0)


class Dilated(sp.MatrixExpr):
    """A with `stride` − 1 zeros put between neighbouring entries, along both axes."""

    def __new__(cls, arg, stride):
        return super().__new__(cls, arg, sp.sympify(stride))

    @property
    def shape(self):
        a, s = self.args
        return s * (a.shape[0] - 1) + 1, s * (a.shape[1] - 1) + 1

    @staticmethod
    def multiplied(a, s):
        s = int(s)
        return sp.ImmutableMatrix(s * (a.rows - 1) + 1, s * (a.cols - 1) + 1,
                                  lambda i, j: a[i // s, j // s] if i % s == 0 and j % s == 0 else 0)

    def _latex(self, printer):
        a, s = self.args
        return rf"\operatorname{{dil}}_{{{printer._print(s)}}}\left({printer._print(a)}\right)"


class Rotated(sp.MatrixExpr):
    """A turned by 180°: its rows and its columns in reverse order (a convolution's flipped kernel)."""

    def __new__(cls, arg):
        return super().__new__(cls, arg)

    @property
    def shape(self):
        return self.args[0].shape

    @staticmethod
    def multiplied(a):
        return sp.ImmutableMatrix(a.rows, a.cols, lambda i, j: a[a.rows - 1 - i, a.cols - 1 - j])

    def _latex(self, printer):
        return rf"\operatorname{{rot}}_{{180^\circ}}\left({printer._print(self.args[0])}\right)"


class Cropped(Border):
    """A without `rows` rows at the top and bottom and `cols` columns at each side: what pad added, taken off."""

    grow, word = -1, "crop"

    @staticmethod
    def multiplied(a, r, c):
        r, c = int(r), int(c)
        return sp.ImmutableMatrix(a[r:a.rows - r, c:a.cols - c])


class Correlation(sp.MatrixExpr):
    """A ⋆_s B: B's window slid over A by `stride`, each position the sum of the entry-wise products."""

    def __new__(cls, a, b, stride):
        return super().__new__(cls, a, b, sp.sympify(stride))

    @property
    def shape(self):
        a, b, s = self.args
        return tuple(window_size(n, k, 0, s) for n, k in zip(a.shape, b.shape))

    @staticmethod
    def multiplied(a, b, s):
        return correlated(a, b, int(s))

    def _latex(self, printer):
        a, b, s = self.args
        star = r"\star" if s == 1 else rf"\star_{{{printer._print(s)}}}"
        return f"{printer._print(a)} {star} {printer._print(b)}"


def correlated(a, b, s):
    """A ⋆_s B for explicit matrices (exact), each sum in the order of B's entries."""
    rows, cols = window_size(a.rows, b.rows, 0, s), window_size(a.cols, b.cols, 0, s)
    if not (isinstance(rows, int) and isinstance(cols, int)) or rows < 1 or cols < 1:
        raise ValueError(f"a {b.rows}×{b.cols} window does not fit {a.rows}×{a.cols} at stride {s}")
    return sp.ImmutableMatrix(rows, cols, lambda i, j: sp.Add(*(a[i * s + p, j * s + q] * b[p, q]
                                                                for p in range(b.rows) for q in range(b.cols))))


def pad(a, rows, cols):
    """pad_{rows, cols}(A); A itself for no padding."""
    if _none(rows, 0) and _none(cols, 0):
        return a
    return Padded(a, rows, cols) if symbolic(a) else Padded.multiplied(a, rows, cols)


def dilate(a, stride):
    """dil_s(A); A itself at stride 1."""
    if _none(stride, 1):
        return a
    return Dilated(a, stride) if symbolic(a) else Dilated.multiplied(a, stride)


def rotate(a):
    """rot180(A)."""
    return Rotated(a) if symbolic(a) else Rotated.multiplied(a)


def crop(a, rows, cols):
    """crop_{rows, cols}(A); A itself for nothing to crop."""
    if _none(rows, 0) and _none(cols, 0):
        return a
    return Cropped(a, rows, cols) if symbolic(a) else Cropped.multiplied(a, rows, cols)


def correlate(a, b, stride):
    """A ⋆_s B."""
    return Correlation(a, b, stride) if symbolic(a) or symbolic(b) else correlated(a, b, stride)
