"""The verification stage, for any derivation: every line of every step checked by an oracle.

An oracle is the derivation's own independent checker: `agrees(line, claim, pattern)` says whether
a displayed line equals the claimed quantity under one ReLU sign pattern (a tuple of booleans),
`patterns` lists every pattern, and `value`/`reference` give a line and a claim as explicit sympy.
"""

from gen.errors import VerificationError


def verify_steps(steps, oracle):
    """Raise VerificationError naming the first equation whose line disagrees with the oracle.

    Returns counts of what was checked: steps, lines, and (line, case) checks."""
    lines = checks = 0
    for step in steps:
        for part in step.parts:
            for line_no, line in enumerate(part.lines, start=1):
                lines += 1
                for on in cases_for(step.case, oracle):
                    checks += 1
                    if not oracle.agrees(branch_value(line, on), part.claim, on):
                        raise VerificationError(step.label, f"line {line_no} of {part.lhs} "
                                                f"differs from direct differentiation (case {on})")
    return {"steps": len(steps), "lines": lines, "checks": checks}


def verify_errata(errata, oracle):
    """Each correction must agree with the oracle and each original transcription must not."""
    for erratum in errata:
        if erratum.claim is None:
            continue
        cases = cases_for(erratum.case, oracle)
        if not all(oracle.agrees(erratum.corrected, erratum.claim, on) for on in cases):
            raise VerificationError(erratum.id, f"the correction of erratum {erratum.id!r} is wrong")
        if all(_same_shape_agrees(oracle, erratum.original, erratum.claim, on) for on in cases):
            raise VerificationError(erratum.id, f"erratum {erratum.id!r}: the note's expression is right")
    return len(errata)


def _same_shape_agrees(oracle, line, claim, on):
    value, reference = oracle.value(line), oracle.reference(claim)
    if getattr(value, "shape", None) != getattr(reference, "shape", None):
        return False
    return oracle.agrees(line, claim, on)


def cases_for(case, oracle):
    """The ReLU patterns under which a statement must hold: its case, or all of them."""
    return (case.on,) if case is not None else oracle.patterns


def branch_value(line, on):
    """For a piecewise line, the branch of pattern `on`; otherwise the line itself."""
    branches = getattr(line, "branches", None)
    if branches is None:
        return line
    return dict((case.on, value) for value, case in branches)[on]
