"""Sums and products kept in the order they were built, so a line prints the way it is derived
(upstream · local), with zeros and ones dropped but nothing reordered."""

import sympy as sp


def replace_unevaluated(expr, mapping):
    """`expr` with subexpressions replaced, sums and products kept in their printed order."""
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(lambda e: replace_unevaluated(e, mapping)))
    if expr in mapping:
        return mapping[expr]
    if isinstance(expr, (sp.Add, sp.Mul)):
        return expr.func(*(replace_unevaluated(a, mapping) for a in expr.args), evaluate=False)
    return expr.xreplace(mapping)


def prune(expr):
    """Drop 0 terms and factors of 1, and turn products with a factor 0 into 0, keeping order."""
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(prune))
    if not isinstance(expr, (sp.Add, sp.Mul)):
        return expr
    args = [prune(a) for a in expr.args]
    if isinstance(expr, sp.Mul):
        if any(a == 0 for a in args):
            return sp.Integer(0)
        args = [a for a in args if a != 1] or [sp.Integer(1)]
        return args[0] if len(args) == 1 else sp.Mul(*args, evaluate=False)
    args = [a for a in args if a != 0] or [sp.Integer(0)]
    return args[0] if len(args) == 1 else sp.Add(*args, evaluate=False)


def unevaluated_sum(terms):
    """t₁ + t₂ + … in this order (0 for none, the term itself for one)."""
    return prune(sp.Add(*terms, evaluate=False)) if terms else sp.Integer(0)
