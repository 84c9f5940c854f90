"""The verification stage, for any derivation: every claimed line checked by the oracle, at every size
and in every case it must hold in; every worked number checked two more ways.

Messages name the derivation's step (its tag), the line, the sizes and, only where there are
cases, the case."""

import sympy as sp

from gen.cases import case_of
from gen.errors import VerificationError
from gen.numbers import CHECKED, DIGITS, evaluate
from gen.oracle import Claim, Oracle
from gen.walk import forward


def _where(sizes, case):
    """` at N = 2, D = 3 (case z1>0,z2<=0)`: only what there is."""
    text = f" at {', '.join(f'{k} = {v}' for k, v in sizes.items())}" if sizes else ""
    return text + (f" (case {case.id})" if case is not None else "")


def verify_steps(steps, oracle):
    """Raise VerificationError naming the first equation whose line disagrees with the oracle.

    Returns counts of what was checked: steps, lines, and (line, case) checks."""
    lines = checks = 0
    for step in steps:
        for part in step.parts:
            for line_no, line in enumerate(part.lines, start=1):
                lines += 1
                for case in cases_for(step.case, oracle):
                    checks += 1
                    if not oracle.agrees(branch_value(line, case), part.claim, case):
                        raise VerificationError(step.label, f"line {line_no} of {part.lhs} differs from direct "
                                                f"differentiation{_where(oracle.sizes, case)}")
    return {"steps": len(steps), "lines": lines, "checks": checks}


def verify_forms(graph, forms, sizes_list, label=""):
    """Each matrix form (node → expression of ∂L/∂node) against the oracle at every size and in every
    case there; returns {"shapes", "checks", "patterns"}."""
    checks = patterns = 0
    for sizes in sizes_list:
        oracle = Oracle(graph, sizes)
        patterns += len(oracle.cases)
        for case in oracle.cases:
            for name, form in forms.items():
                if not oracle.agrees(form, Claim("grad", name), case):
                    raise VerificationError(f"∂L/∂{name}{label}", f"the matrix form {form} differs from direct "
                                            f"differentiation{_where(sizes, case)}")
                checks += 1
    return {"shapes": len(sizes_list), "checks": checks, "patterns": patterns}


def verify_errata(errata, oracle):
    """Each correction (or stated convention) must agree with the oracle and each original transcription must not."""
    for erratum in errata:
        if erratum.claim is None:
            continue
        cases = cases_for(erratum.case, oracle)
        if not all(oracle.agrees(erratum.corrected, erratum.claim, c) for c in cases):
            raise VerificationError(erratum.id, f"the correction of erratum {erratum.id!r} is wrong")
        if erratum.original is None:
            continue
        if all(_same_shape_agrees(oracle, erratum.original, erratum.claim, c) for c in cases):
            raise VerificationError(erratum.id, f"erratum {erratum.id!r}: the note's expression is right")
    return len(errata)


def _same_shape_agrees(oracle, line, claim, case):
    value, reference = oracle.value(line, case), oracle.reference(claim, case)
    if getattr(value, "shape", None) != getattr(reference, "shape", None):
        return False
    return oracle.agrees(line, claim, case)


def cases_for(case, oracle):
    """The cases in which a statement must hold: its own, or all of the oracle's."""
    return (case,) if case is not None else oracle.cases


def branch_value(line, case):
    """For a piecewise line, the branch of `case`; otherwise the line itself."""
    branches = getattr(line, "branches", None)
    if branches is None:
        return line
    return dict((c.on, value) for value, c in branches)[case.on]


def _close(got, want, digits):
    """Equal exactly (rationals) or to `digits` significant digits."""
    got, want = sp.sympify(got), sp.sympify(want)
    if isinstance(got, sp.Rational) and isinstance(want, sp.Rational):
        return got == want
    want = evaluate(want, digits + 10)
    return abs(evaluate(got, digits + 10) - want) <= sp.Float(10, digits + 10) ** -digits * (1 + abs(want))


def check_numbers(graph, inputs, grads, sizes, label, digits=CHECKED):
    """An example's gradients (node → matrix) against the oracle's derivatives at its numbers: exact
    where they are rational, else to `digits` significant digits.  Returns the number of gradients."""
    values = forward(graph, inputs)
    case = case_of(graph, values, sizes) if graph.kinks() else None
    oracles = {}
    for name, got in grads.items():
        free = name if graph.nodes[name].op is None else None  # an input: its entries are the symbols
        if free not in oracles:
            oracles[free] = Oracle(graph, sizes, fixed={k: v for k, v in inputs.items() if k != free})
        want = oracles[free].gradient(name, case)
        if free is not None:
            want = want.xreplace(dict(zip(oracles[free].inputs[name], inputs[name])))
        for a, b in zip(got, want):
            if not _close(a, b, digits):
                raise VerificationError(f"∂L/∂{name}", f"{label}: the walk gives {a}, direct "
                                        f"differentiation {b}{_where({}, case)}")
    return len(grads)


def finite_differences(graph, inputs, name, at, step=sp.Rational(1, 10**20)):
    """(L(x + h) − L(x − h)) / 2h for entry `at` of input `name`, at 60 significant digits."""
    def loss(shift):
        moved = {k: sp.ImmutableMatrix(v).applyfunc(lambda e: sp.Float(e, 60)) for k, v in inputs.items()}
        entry = list(moved[name])
        entry[at] = entry[at] + shift
        moved[name] = sp.ImmutableMatrix(*moved[name].shape, entry)
        return sp.N(forward(graph, moved)[graph.order[-1]][0, 0], 60)
    return (loss(sp.Float(step, 60)) - loss(-sp.Float(step, 60))) / (2 * sp.Float(step, 60))


def near_kink(graph, values):
    """Whether an entry of a kink's input is within 10⁻¹⁵ of it (z = 0 included): a difference there straddles it."""
    return any(abs(v) < sp.Rational(1, 10**15) for _, z in graph.kinks() for v in values[z])


def check_finite_differences(graph, inputs, grads, label, digits=25):
    """Every parameter's gradient against central finite differences (h = 10⁻²⁰ at 60 digits, so the
    difference is good to about 40 digits); an example near a kink (`near_kink`) is skipped."""
    values = forward(graph, inputs)
    if near_kink(graph, values):
        return 0
    checks = 0
    for name, got in grads.items():
        if graph.nodes[name].op is not None:
            continue
        for at, value in enumerate(got):
            estimate = finite_differences(graph, inputs, name, at)
            if not _close(sp.N(value, DIGITS), estimate, digits):
                raise VerificationError(f"∂L/∂{name}", f"{label}: entry {at + 1} is {value}, finite differences "
                                        f"give {estimate}")
            checks += 1
    return checks
