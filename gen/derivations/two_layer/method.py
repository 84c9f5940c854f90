"""What the derivation page's method states about its index derivations, decided on the printed lines:

- the local gradient contains Kronecker deltas, and they collapse one or both of the chain rule's sums;
- where one sum is left, the stated rule (`gen.transposes.stated_rule`) predicts which factor of the
  printed matrix form is transposed, and which side it is on.
"""

import sympy as sp

from gen.errors import VerificationError
from gen.indexform import p, q
from gen.transposes import check_rule, stated_rule


def _sums(line):
    """How many sums a line has (0 for an entry no sum is left in)."""
    return len(line.limits) if isinstance(line, sp.Sum) else 0


def prove_method(all_steps, rule=stated_rule):
    """Check both statements on every index derivation of a layer (not the loss's); returns the checks."""
    checks = 0
    for step in all_steps:
        if step.check != "index" or step.name.startswith("dy_"):
            continue
        _, local, collapsed, *_, entry = step.parts[0].lines
        if not local.has(sp.KroneckerDelta) or _sums(collapsed) >= _sums(local):
            raise VerificationError(step.label, "the local gradient has no Kronecker delta that collapses a sum")
        checks += 1
        if _sums(collapsed) == 1:
            check_rule(rule, step.label, collapsed, entry.args[0], p, q)
            checks += 1
    return checks
