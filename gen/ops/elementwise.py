"""Entry-wise ops: product ⊙ and quotient (with broadcasting), a power (√ is the power 1/2), ReLU.

Each local derivative is diagonal (δ_ip δ_jq times the derivative of the scalar rule), so each
vector–Jacobian product is the upstream times that derivative entry by entry: ReLU routes the
gradient where z > 0, a product scales it by the other factor."""

from dataclasses import dataclass

import sympy as sp

from gen.matexpr import Apply, mask, negate, symbolic
from gen.ops.base import Op, explicit_matrix, is_seed, read, same

SUPERSCRIPTS = str.maketrans("0123456789-/", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻ᐟ")


def hadamard(*factors):
    """A ⊙ B ⊙ …: symbolic, or multiplied out entry by entry (the loss's ∂L/∂L = 1 leaves the others)."""
    factors = [f for f in factors if not is_seed(f)]
    if len(factors) == 1:
        return factors[0]
    if any(symbolic(f) for f in factors):
        return sp.HadamardProduct(*factors)
    out = factors[0]
    for f in factors[1:]:
        out = out.multiply_elementwise(f)
    return sp.ImmutableMatrix(out)


def power(a, n):
    """A^{∘n} entry by entry (√A for n = 1/2); (A^{∘m})^{∘n} = A^{∘mn} for the positive A it is used on, A^{∘1} = A."""
    if not symbolic(a):
        return sp.ImmutableMatrix(a.applyfunc(lambda v: v ** n))
    if isinstance(a, sp.HadamardPower):
        a, n = a.args[0], a.args[1] * n
    return a if n == 1 else sp.HadamardPower(a, n)


@dataclass(frozen=True)
class Mul(Op):
    """C = A ⊙ B entry by entry (a row or scalar copied first, as γ ⊙ x̂)."""

    symbol = "⊙"
    text = "{0} ⊙ {1}"

    def forward(self, a, b):
        return hadamard(*self.spread((a, b)))

    def expr(self, a, b):
        if symbolic(a) and a.shape == b.shape == (1, 1):  # two numbers (λ and ‖W‖²): a product, λ ‖W‖²
            return sp.MatMul(a, b)
        return sp.HadamardProduct(*self.spread((a, b)))

    def local(self, inputs, k, out, at):
        other = 1 - k
        return same(out, at, self.shapes[k] if self.shapes else None) * read(
            inputs[other], out, self.shapes[other] if self.shapes else None)  # ∂(A⊙B)_ij/∂A_pq = δ_ip δ_jq B_ij

    def vjp(self, inputs, g, k):
        return self.back(g, k, hadamard(g, self.spread(inputs)[1 - k]))  # ∂L/∂A = G ⊙ B


@dataclass(frozen=True)
class Div(Op):
    """C = A / B entry by entry (a row or scalar B copied first)."""

    symbol = "/"
    text = "{0}/{1}"

    def forward(self, a, b):
        x, y = self.spread((a, b))
        return hadamard(x, power(y, -1))

    def expr(self, a, b):
        x, y = self.spread((a, b))
        return sp.HadamardProduct(x, sp.HadamardPower(y, -1))

    def local(self, inputs, k, out, at):
        shapes = self.shapes or (None, None)
        a, b = read(inputs[0], out, shapes[0]), read(inputs[1], out, shapes[1])
        first = 1 / b if k == 0 else -a / b ** 2  # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
        return same(out, at, shapes[k]) * first

    def vjp(self, inputs, g, k):
        a, b = self.spread(inputs)
        if k == 0:
            return self.back(g, k, hadamard(g, power(b, -1)))  # ∂L/∂A = G ⊘ B
        return self.back(g, k, negate(hadamard(g, a, power(b, -2))))  # ∂L/∂B = −G ⊙ A ⊘ B²


@dataclass(frozen=True)
class Pow(Op):
    """C = A^{∘n} entry by entry for a rational n; √A is n = 1/2."""

    exponent: object = 2

    @property
    def symbol(self):
        return "√" if self.exponent == sp.Rational(1, 2) else "(·)" + str(self.exponent).translate(SUPERSCRIPTS)

    @property
    def text(self):
        return "√{0}" if self.exponent == sp.Rational(1, 2) else "{0}" + str(self.exponent).translate(SUPERSCRIPTS)

    def shape(self, a):
        return a

    def forward(self, a):
        return power(a, self.exponent)

    def expr(self, a):
        return sp.HadamardPower(a, self.exponent)

    def local(self, inputs, k, out, at):
        n = self.exponent
        return same(out, at) * n * read(inputs[0], out) ** (n - 1)  # ∂a^n/∂a = n a^(n−1)

    def vjp(self, inputs, g, k):
        n = self.exponent
        return hadamard(g, n * power(inputs[0], n - 1) if not symbolic(inputs[0])
                        else sp.MatMul(n, power(inputs[0], n - 1)))  # ∂L/∂A = G ⊙ n A^{∘(n−1)}


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


class ReLUFunction(sp.Function):
    """ReLU applied to a matrix symbol, for printing `ReLU(z)`."""

    nargs = 1

    def _latex(self, printer):
        return r"\operatorname{ReLU}\left(%s\right)" % printer._print(self.args[0])


def indicator(z):
    """1[z > 0] entry by entry: a mask symbol for a matrix symbol, indicators for explicit entries."""
    if symbolic(z):
        return mask(z)
    if isinstance(z, sp.IndexedBase):
        return sp.IndexedBase(f"mask_{z.name}")
    return sp.ImmutableMatrix(z.applyfunc(Indicator))


@dataclass(frozen=True)
class ReLU(Op):
    """h = max(0, z) entry by entry; ∂h_ij/∂z_pq = δ_ip δ_jq 1[z_pq > 0] (ReLU'(0) = 0): ReLU routes."""

    symbol = "ReLU"
    text = "ReLU({0})"
    kink = True

    def shape(self, z):
        return z

    def forward(self, z):
        return sp.ImmutableMatrix(z.applyfunc(lambda v: sp.Max(0, v)))

    def forward_case(self, z, on):
        """The forward rule on one side of every kink: z where `on` is 1, 0 where it is 0."""
        return sp.ImmutableMatrix(z.multiply_elementwise(on))

    def decide(self, value):
        """Which side of the kink a number is on: on for z > 0, off for z ≤ 0 (ReLU'(0) = 0)."""
        return bool(value > 0)

    def expr(self, z):
        return ReLUFunction(z)

    def local(self, inputs, k, out, at):
        (z,) = inputs
        m = indicator(z)
        return same(out, at) * m[at]

    def vjp(self, inputs, g, k):
        (z,) = inputs
        if explicit_matrix((z,)) and explicit_matrix((g,)):
            return hadamard(g, indicator(z))
        return sp.hadamard_product(g, indicator(z))  # ∂L/∂z = G ⊙ 1[z > 0]


@dataclass(frozen=True)
class Hinge(ReLU):
    """The hinge max(0, m): ReLU's rule and kink (a margin of exactly 0 is off, as ReLU'(0) = 0), printed as a max."""

    symbol = "max(0,·)"
    text = "max(0, {0})"

    def expr(self, z):
        return Apply("max0", z)

    def vjp(self, inputs, g, k):
        (z,) = inputs
        if not (symbolic(z) or symbolic(g)):
            return super().vjp(inputs, g, k)
        factors = g.args if isinstance(g, sp.HadamardProduct) else (g,)
        return sp.HadamardProduct(*factors, mask(z))  # ∂L/∂A = G ⊙ 1[A > 0], in the order the path takes


@dataclass(frozen=True)
class Tanh(Op):
    """h = tanh(a) entry by entry; ∂h_ij/∂a_pq = δ_ip δ_jq (1 − h_pq²): the derivative is read off the output."""

    symbol = "tanh"
    text = "tanh({0})"
    uses_output = True
    settles = True

    def shape(self, a):
        return a

    def forward(self, a):
        return sp.ImmutableMatrix(a.applyfunc(sp.tanh))

    def expr(self, a):
        return Apply(sp.tanh, a)

    def local(self, inputs, k, out, at):
        (a,) = inputs
        return same(out, at) * (1 - sp.tanh(read(a, at)) ** 2)  # tanh' = 1 − tanh²

    def vjp(self, inputs, g, k, out=None):
        h = out if out is not None else self.forward(inputs[0]) if explicit_matrix(inputs) else self.expr(inputs[0])
        if symbolic(h) or symbolic(g):  # ∂L/∂a = G ⊙ (1 − h²)
            return sp.HadamardProduct(g, sp.MatAdd(sp.OneMatrix(*h.shape), negate(sp.HadamardPower(h, 2))))
        return hadamard(g, h.applyfunc(lambda v: 1 - v ** 2))
