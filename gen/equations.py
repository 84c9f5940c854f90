"""Numbered equations as LaTeX display blocks, the same for every language."""

from gen.statements import Branches
from gen.notation import tex, tex_with

PARTS_PER_ROW = 4
WIDE_ROW = 110
"""Characters of TeX beyond which a row is too wide for the desktop column: split at a sum."""


def rhs_tex(line, values=None):
    """One right-hand side: a sympy object, or piecewise branches as `cases`."""
    if isinstance(line, Branches):
        return cases_tex([(rhs_tex(value, values), condition_tex(case)) for value, case in line.branches])
    return tex_with(line, values) if values else tex(line)


def cases_tex(rows):
    """A `cases` block from (value, condition) LaTeX pairs."""
    return r"\begin{cases} " + r" \\ ".join(f"{v} & {c}" for v, c in rows) + r" \end{cases}"


def condition_tex(case):
    """z_1 > 0,\\ z_2 \\leq 0 for a case."""
    return r",\ ".join(tex(c) for c in case.conditions())


def chain_tex(lhs, rhs):
    """`lhs = r1 = r2 …`, aligned on `=` when there is more than one line."""
    rows = []
    for r in rhs:
        first, *rest = split_sum(r)
        rows += [f"&= {first}"] + [rf"&\quad + {tail}" for tail in rest]
    if len(rows) == 1:
        return f"{lhs} = {rhs[0]}"
    return environment("aligned", [f"{lhs} {rows[0]}", *rows[1:]])


def split_sum(row):
    """A row too wide for the column as [`a`, `b`] of `a + b`, cut at the top-level `+` nearest the middle."""
    if len(row) <= WIDE_ROW:
        return [row]
    depth, cuts = 0, []
    for i, char in enumerate(row):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if row.startswith((r"\left", r"\begin"), i):
            depth += 1
        elif row.startswith((r"\right", r"\end"), i):
            depth -= 1
        elif depth == 0 and row.startswith(" + ", i):
            cuts.append(i)
    if not cuts:
        return [row]
    cut = min(cuts, key=lambda i: abs(2 * i - len(row)))
    return [row[:cut], row[cut + 3:]]


def environment(name, rows, separator=" \\\\"):
    """`\\begin{name} row \\\\ row … \\end{name}`, one row a line."""
    return rf"\begin{{{name}}}" + "\n" + f"{separator}\n".join(rows) + "\n" + rf"\end{{{name}}}"


def layout_tex(layout, parts):
    """Parts given as (lhs, [rhs, …]): short ones side by side in rows, chains one under another."""
    if layout == "list":
        items = [" = ".join([lhs, *shown]) for lhs, shown in parts]
        per_row = PARTS_PER_ROW if all(len(shown) == 1 for _, shown in parts) else PARTS_PER_ROW // 2
        rows = [r",\quad ".join(items[i:i + per_row]) for i in range(0, len(items), per_row)]
        return rows[0] if len(rows) == 1 else environment("gathered", rows)
    chains = [chain_tex(lhs, shown) for lhs, shown in parts]
    return chains[0] if len(chains) == 1 else environment("gathered", chains, r" \\[1ex]")


def step_tex(step):
    """The display block of a step, tagged with its number (a list shows each part's first line)."""
    if step.layout == "list":
        parts = [(p.lhs, [rhs_tex(p.lines[0])]) for p in step.parts]
    else:
        parts = [(p.lhs, [*p.notation, *(rhs_tex(line) for line in p.lines)]) for p in step.parts]
    return anchor(step.label) + "\n\n" + display(layout_tex(step.layout, parts), step.label)


def display(body, label=None):
    """A `$$ … $$` block (tag outside any aligned environment)."""
    tag = f"\n\\tag{{{label[1:-1]}}}" if label else ""
    return f"$$\n{body}{tag}\n$$"


def anchor_id(label):
    """The stable anchor of a tagged equation: `(24)` → `eq-24`, `(S1)` → `eq-S1`."""
    return f"eq-{label.strip('()')}"


def anchor(label):
    """The element placed just before an equation's display, so a link can point at it."""
    return f'<span id="{anchor_id(label)}"></span>'


def ref(label, page=""):
    """A link to a tagged equation, `[(24)](#eq-24)` or `[(24)](derivation.md#eq-24)`."""
    return f"[{label}]({page}#{anchor_id(label)})"
