"""A reader for the TeX the pages' display math is written in, one member of an `=` chain at a time, into a tree
of tuples. What it does not know (a case brace, a prime, d/da) raises `Unreadable` with what it met.

Precedence, loosest first: + and −; ⋆ (cross-correlation); ⊙; a product written by juxtaposition or \\cdot
(1/N (X − μ) ⊙ A is (1/N (X − μ)) ⊙ A); powers, transposes and subscripts bind to the atom before them.
"""

import re
from fractions import Fraction

TOKEN = re.compile(r"\\\\|\\[a-zA-Z]+|\\[,;:! ]|\d+(?:\.\d+)?|[a-zA-Z]|[{}()\[\]^_+\-=&,'<>:|.*/]|\s+")
SPACING = {r"\,", r"\;", r"\:", r"\!", "\\ ", r"\quad", r"\qquad"}
GREEK = {r"\mu", r"\sigma", r"\gamma", r"\beta", r"\varepsilon", r"\lambda", r"\ell", r"\alpha", r"\eta"}
ACCENTS = {r"\hat", r"\tilde", r"\bar", r"\mathrm"}
RELATIONS = {">": ">", "<": "<", r"\leq": "<=", r"\geq": ">=", r"\le": "<=", r"\ge": ">="}


class Unreadable(ValueError):
    """Notation the reader does not take (a case brace, a prime, a slice it cannot place)."""


def tokens(text):
    out, pos = [], 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match:
            raise Unreadable(f"cannot read {text[pos:pos + 20]!r}")
        tok, pos = match.group(), match.end()
        if not tok.isspace() and tok not in SPACING:
            out.append(tok)
    return out


class Parser:
    def __init__(self, toks):
        self.toks, self.i = toks, 0

    def peek(self, k=0):
        return self.toks[self.i + k] if self.i + k < len(self.toks) else None

    def take(self, expected=None):
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise Unreadable(f"expected {expected!r}, met {tok!r} at {' '.join(self.toks[self.i:self.i + 6])!r}")
        self.i += 1
        return tok

    def group(self):
        """The tokens of a {…} group, or of one token."""
        if self.peek() != "{":
            return [self.take()]
        self.take("{")
        depth, start = 1, self.i
        while depth:
            tok = self.take()
            depth += {"{": 1, "}": -1}.get(tok, 0)
        return self.toks[start:self.i - 1]

    def until(self, *ends):
        """Tokens up to (not including) a top-level end token; nested braces and \\left…\\right pass."""
        depth, start = 0, self.i
        while True:
            tok = self.peek()
            if tok is None:
                raise Unreadable(f"no {ends} after {' '.join(self.toks[start:start + 6])!r}")
            if depth == 0 and tok in ends:
                return self.toks[start:self.i]
            depth += {"{": 1, "}": -1, r"\left": 1, r"\right": -1, r"\begin": 1, r"\end": -1}.get(tok, 0)
            self.i += 1

    # expr := [±] term (± term)*
    def expr(self):
        terms, sign = [], 1
        if self.peek() in ("-", "+"):
            sign = -1 if self.take() == "-" else 1
        terms.append((sign, self.term()))
        while self.peek() in ("-", "+"):
            sign = -1 if self.take() == "-" else 1
            terms.append((sign, self.term()))
        return terms[0][1] if terms == [(1, terms[0][1])] else ("add", terms)

    def term(self):
        node = self.had()
        while self.peek() == r"\star":
            self.take()
            stride = self.group() if self.peek() == "_" and self.take() else None
            node = ("star", node, self.had(), stride)
        return node

    def had(self):
        factors = [self.prod()]
        while self.peek() == r"\odot":
            self.take()
            factors.append(self.prod())
        return factors[0] if len(factors) == 1 else ("had", factors)

    def prod(self):
        factors = [self.postfix()]
        while True:
            if self.peek() in (r"\cdot", r"\times") and not self._power_of_ten():
                self.take()
            elif not self.starts_atom():
                break
            factors.append(self.postfix())
        return factors[0] if len(factors) == 1 else ("mul", factors)

    def _power_of_ten(self):
        return self.peek() == r"\times" and self.peek(1) == "10"

    def starts_atom(self):
        tok = self.peek()
        if tok is None:
            return False
        return (tok[0].isalnum() or tok in ("(", "{") or tok in GREEK or tok in ACCENTS or tok in (
            r"\frac", r"\left", r"\sqrt", r"\begin", r"\mathbf", r"\operatorname", r"\max", r"\tanh", r"\log",
            r"\sum", r"\delta"))

    def postfix(self):
        node = self.atom()
        while self.peek() in ("^", "_", "'"):
            tok = self.take()
            if tok == "'":
                raise Unreadable("a prime")
            toks = self.group()
            if node[0] == "group" and node[1][0] == "sym" and node[1][2] is None:
                node = node[1]  # {\ell}_{i}: the symbol's own subscript
            if tok == "^":
                node = ("T", node) if toks == ["T"] else ("pow", node, parse(toks))
            elif node[0] == "sym" and node[2] is None:
                node = ("sym", node[1], toks)
            else:
                node = ("sub", node, toks)
        return node

    def atom(self):
        tok = self.take()
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            return self.number(tok)
        if tok == r"\frac":
            top, bottom = self.group(), self.group()
            if top and top[0] in (r"\partial", "d"):
                return derivative(top, bottom)
            return ("frac", parse(top), parse(bottom))
        if tok == "{":
            self.i -= 1
            return ("group", parse(self.group()))
        if tok == "(":
            inner = self.until(")")
            self.take(")")
            return ("group", parse(inner))
        if tok == r"\left":
            return self.left()
        if tok == r"\sqrt":
            return ("sqrt", parse(self.group()))
        if tok == r"\begin":
            return self.environment("".join(self.group()))
        if tok == r"\mathbf":
            if self.group() != ["1"]:
                raise Unreadable("a bold symbol other than 1")
            if self.peek() == "[":
                self.take()
                inner = self.until("]")
                self.take("]")
                return ("ind", condition(inner))
            return ("ones",)
        if tok == r"\operatorname":
            return self.operator("".join(self.group()))
        if tok == r"\max":
            self.take(r"\left")
            self.take("(")
            zero = self.until(",")
            self.take(",")
            if zero != ["0"]:
                raise Unreadable("max of something other than 0 and ·")
            inner = self.until(r"\right")
            self.take(r"\right")
            self.take(")")
            return ("call", "relu", None, parse(inner))
        if tok in (r"\tanh", r"\log"):
            return ("call", tok[1:], None, self.argument())
        if tok == r"\sum":
            return self.sum()
        if tok == r"\delta":
            self.take("_")
            return ("delta", self.group())
        if tok in GREEK:
            return ("sym", tok, None)
        if tok in ACCENTS:
            return ("sym", f"{tok}{{{''.join(self.group())}}}", None)
        if len(tok) == 1 and tok.isalpha():
            if tok == "e" and self.peek() == "^":
                self.take("^")
                return ("call", "exp", None, parse(self.group()))
            return ("sym", tok, None)
        raise Unreadable(f"met {tok!r}")

    def number(self, tok):
        value = ("num", Fraction(tok), tok)
        if self._power_of_ten():
            self.take()
            self.take("10")
            self.take("^")
            power = int("".join(self.group()))
            value = ("num", Fraction(tok) * Fraction(10) ** power, f"{tok}e{power}")
        return value

    def argument(self):
        """f\\left(x\\right) or f{\\left(x \\right)}."""
        if self.peek() == "{":
            return parse(self.group())
        if self.peek() == "(":
            self.take()
            inner = self.until(")")
            self.take(")")
            return parse(inner)
        self.take(r"\left")
        self.take("(")
        inner = self.until(r"\right")
        self.take(r"\right")
        self.take(")")
        return parse(inner)

    def left(self):
        opener = self.take()
        closer = {"(": ")", "[": "]", r"\lVert": r"\rVert", "|": "|"}.get(opener)
        if closer is None:
            raise Unreadable(f"\\left{opener}")
        inner = self.until(r"\right")
        self.take(r"\right")
        self.take(closer)
        if opener == r"\lVert":
            return ("norm", parse(inner))
        return ("group", parse(inner))

    def environment(self, name):
        if name != "bmatrix":
            raise Unreadable(f"a {name} environment")
        body = self.until(r"\end")
        self.take(r"\end")
        if "".join(self.group()) != "bmatrix":
            raise Unreadable("an unclosed bmatrix")
        rows = [[parse(cell) for cell in split(row, "&")] for row in split(body, "\\\\")]
        if len({len(r) for r in rows}) != 1:
            raise Unreadable("a ragged matrix")
        return ("matrix", rows)

    def operator(self, name):
        params = self.group() if self.peek() == "_" and self.take() else None
        if self.peek() == "'":
            raise Unreadable("a prime")
        if name not in ("ReLU", "pad", "rot", "dil", "crop"):
            raise Unreadable(f"operator {name}")
        return ("call", name.lower(), params, self.argument())

    def sum(self):
        """Σ over index ranges: _{i=1}^{N}, _{i,j} (all entries) or _{\\substack{1 ≤ i ≤ N\\\\1 ≤ j ≤ C}}."""
        self.take("_")
        below = self.group()
        above = self.group() if self.peek() == "^" and self.take() else None
        ranges = []
        if below and below[0] == r"\substack":
            for row in split(Parser(below[1:]).group(), "\\\\"):
                low, var, high = split_relations(row)
                ranges.append((var, low, high))
        elif "=" in below:
            at = below.index("=")
            ranges.append(("".join(below[:at]), parse(below[at + 1:]), parse(above)))
        else:
            ranges.extend((var, None, None) for var in split(below, ","))
        negated = self.peek() == "-" and self.take()
        body = ("add", [(-1, self.prod())]) if negated else self.prod()
        return ("sum", [(v if isinstance(v, str) else "".join(v), lo, hi) for v, lo, hi in ranges], body)


def split_relations(row):
    """1 \\leq i \\leq N → (low, 'i', high)."""
    parts = split(row, r"\leq")
    if len(parts) != 3:
        raise Unreadable("a range that is not a ≤ i ≤ b")
    return parse(parts[0]), "".join(parts[1]), parse(parts[2])


def split(toks, sep):
    """Tokens split at a top-level separator."""
    parts, depth, current = [], 0, []
    for tok in toks:
        if depth == 0 and tok == sep:
            parts.append(current)
            current = []
            continue
        depth += {"{": 1, "}": -1, r"\left": 1, r"\right": -1, r"\begin": 1, r"\end": -1}.get(tok, 0)
        current.append(tok)
    return parts + [current]


def derivative(top, bottom):
    """∂A/∂B: the names (with their subscripts) of A and B, or an unreadable d/da."""
    if top[0] != r"\partial" or not bottom or bottom[0] != r"\partial":
        raise Unreadable("d/d·")
    return ("deriv", parse(top[1:]), parse(bottom[1:]))


def condition(toks):
    """a > 0, or several joined by commas: each a (left, relation, right)."""
    out = []
    for part in split(toks, ","):
        at = next((k for k, t in enumerate(part) if t in RELATIONS), None)
        if at is None:
            raise Unreadable("a condition without a relation")
        out.append((parse(part[:at]), RELATIONS[part[at]], parse(part[at + 1:])))
    return ("cond", out)


def parse(toks):
    if isinstance(toks, str):
        toks = tokens(toks)
    if not toks:
        raise Unreadable("an empty expression")
    parser = Parser(list(toks))
    node = parser.expr()
    if parser.peek() is not None:
        raise Unreadable(f"left over: {' '.join(parser.toks[parser.i:parser.i + 8])!r}")
    return node
