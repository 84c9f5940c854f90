"""Every chain of a page checked at points of its derivation's network.

A member is read, then evaluated; the reference is the first member without a shown number (the left side, where
the network gives it a value), else the first that can be evaluated. Every other member must equal it: exactly,
where both are exact; a member that is a shown number and stands for a value that is not rational must be that
value rounded to 6 significant digits; any other member with shown numbers must agree within the rounding of
those numbers (each within half a unit of its 6th significant digit, carried through the arithmetic).

A page of symbols is checked at random rational points of each scenario (a loss, a ReLU case, a padding and
stride) and a chain must hold at every point of one scenario; a worked-example page at the example's own inputs,
read from the page. A free index (p, q in (∂L/∂W₂)_{pq}, t in ∂L/∂h_t) runs over every value it can take.
"""

import itertools
from dataclasses import dataclass, field
from decimal import Context, Decimal
from fractions import Fraction

import numpy as np

from tests.readback import balls
from tests.readback.evaluate import Evaluator, ShapeError, Unreadable
from tests.readback.tex import parse


@dataclass
class Result:
    chain: object
    verdict: str
    """'holds', 'wrong', 'single' (one member that can be read: nothing to compare) or 'unread'."""
    checked: int = 0
    """Members compared with the reference (at one scenario at least)."""
    skipped: list = field(default_factory=list)
    """(member, why) for the members that could not be read."""
    why: str = ""


def read(tex):
    try:
        return parse(tex), None
    except Unreadable as error:
        return None, str(error)


def is_literal(node):
    """Whether a member is a number or a matrix of numbers as shown (no arithmetic on them)."""
    kind = node[0]
    if kind == "matrix":
        return all(_number(c) for row in node[1] for c in row)
    return _number(node)


def _number(node):
    """3, −0.5, 5/6, −5/6."""
    if node[0] == "add" and len(node[1]) == 1 and node[1][0][0] == -1:
        node = node[1][0][1]
    return node[0] == "num" or (node[0] == "frac" and node[1][0] == node[2][0] == "num")


def evaluate(point, values, node, rounded, index):
    scope = point.scope(values, rounded)
    scope.index.update(index)
    out = Evaluator(scope)(node)
    return np.array([[balls.value(x) for x in row] for row in out], dtype=object), scope.literals


def rounded6(x):
    q = Context(prec=6).divide(Decimal(x.numerator), Decimal(x.denominator))
    return Fraction(q)


def agree(ref, member, member_rounded, literal):
    """Whether a member's value equals the reference's (see the module's rules); shapes broadcast."""
    try:
        shape = np.broadcast_shapes(ref.shape, member.shape)
    except ValueError:
        return False
    ref, member = np.broadcast_to(ref, shape), np.broadcast_to(member, shape)
    member_rounded = np.broadcast_to(member_rounded, shape)
    for v, e, r in zip(ref.flat, member.flat, member_rounded.flat):
        if v.exact and e.exact:
            if v.m != e.m:
                return False
        elif literal and e.exact and v.r < abs(v.m) * Fraction(1, 10**12):
            if e.m != rounded6(v.m):
                return False
        elif not r.overlaps(v):
            return False
    return True


def members_at(chain_nodes, point, values, index):
    """Each member's (exact value, rounded-reading value, has numbers) at one point, or the error it raised."""
    out = []
    for node in chain_nodes:
        if node is None:
            out.append(None)
            continue
        try:
            exact, literals = evaluate(point, values, node, False, index)
            rounded = evaluate(point, values, node, True, index)[0] if literals else exact
            out.append((exact, rounded, literals))
        except (Unreadable, balls.Undecided) as error:
            out.append(("unread", str(error)))
        except (ShapeError, KeyError, IndexError) as error:
            out.append(("shape", str(error)))
    return out


def _failed(evaluated, how):
    return isinstance(evaluated[0], str) and evaluated[0] == how


def compare(nodes, evaluated):
    """(holds, members compared, zero) for one evaluation of a chain; None if fewer than two could be read."""
    readable = [k for k, e in enumerate(evaluated) if e is not None and not _failed(e, "unread")]
    if len(readable) < 2:
        return None
    if any(_failed(evaluated[k], "shape") for k in readable):
        return False, len(readable) - 1, False
    symbolic = [k for k in readable if evaluated[k][2] == 0]
    first = symbolic[0] if symbolic else readable[0]
    ref = evaluated[first][0] if evaluated[first][2] == 0 else evaluated[first][1]
    ok = all(agree(ref, evaluated[k][0], evaluated[k][1], is_literal(nodes[k]))
             for k in readable if k != first)
    # all zeros is a claim only where a member says so in numbers (∂h₂/∂z = [0; 0] where z₂ ≤ 0)
    zero = all(x.exact and x.m == 0 for x in ref.flat) and not any(is_literal(nodes[k]) for k in readable)
    return ok, len(readable) - 1, zero


def free_letters(node, values):
    """Index letters of a left side's subscripts that no name, size or sum binds: (∂L/∂W₂)_{pq} → p, q."""
    found = []

    def walk(n):
        if not isinstance(n, tuple):
            return
        if n[0] in ("sub", "sym") and n[-1] is not None and not isinstance(n[-1], tuple):
            toks = n[-1]
            if n[0] == "sym" and f"{n[1]}_{''.join(toks)}" in values:
                return
            found.extend(t for t in toks if len(t) == 1 and t.isalpha() and t not in found)
        for child in n[1:]:
            if isinstance(child, tuple):
                walk(child)
            elif isinstance(child, list):
                for c in child:
                    walk(c)

    walk(node)
    return [f for f in found if f not in values]


def assignments(letters):
    return [dict(zip(letters, combo)) for combo in itertools.product(range(0, 6), repeat=len(letters))]


def at_point(nodes, point, values):
    """(outcome, evaluated members) for every value of the free indices at which the left side can be read."""
    letters = free_letters(nodes[0], {**values, **point.model.sizes}) if nodes[0] is not None else []
    out = []
    for index in assignments(letters):
        evaluated = members_at(nodes, point, values, index)
        if letters and (evaluated[0] is None or _failed(evaluated[0], "unread") or _failed(evaluated[0], "shape")):
            continue
        out.append((compare(nodes, evaluated), evaluated))
    return out


def check(chain, scenarios):
    """A chain's result over scenarios, each (label, [(point, values)]): it holds if it holds at every point of
    one scenario, where it is not 0 throughout unless a member says 0 in numbers (or of every scenario)."""
    nodes, reasons = [], []
    for tex in chain.members:
        node, why = read(tex)
        nodes.append(node)
        reasons.append(why)
    readable, held = [False] * len(nodes), []
    for label, points in scenarios:
        outcomes = []
        for point, values in points:
            for outcome, evaluated in at_point(nodes, point, values):
                for k, e in enumerate(evaluated):
                    if e is not None and not _failed(e, "unread"):
                        readable[k] = True
                    elif e is not None:
                        reasons[k] = e[1]
                if outcome is not None:
                    outcomes.append(outcome)
        if outcomes and all(o[0] for o in outcomes):
            held.append((label, all(o[2] for o in outcomes)))
        elif outcomes:
            held.append((label, None))
    skipped = [(tex, why or "no value of the free indices could be read")
               for tex, why, ok in zip(chain.members, reasons, readable) if not ok]
    if sum(readable) < 2:
        return Result(chain, "single" if sum(readable) == 1 else "unread", 0, skipped)
    checked, scenarios_held = sum(readable) - 1, [(l, z) for l, z in held if z is not None]
    if any(not zero for _, zero in scenarios_held) or (scenarios_held and len(scenarios_held) == len(scenarios)):
        return Result(chain, "holds", checked, skipped, ", ".join(label for label, _ in scenarios_held))
    why = ("holds only where every member is 0, and no member says so in numbers: "
           + ", ".join(label for label, _ in scenarios_held)) if scenarios_held else "holds in no scenario"
    return Result(chain, "wrong", checked, skipped, why)
