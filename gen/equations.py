"""Numbered equations as LaTeX display blocks, the same for every language."""

from gen.derivation import Z, Branches
from gen.notation import tex, tex_with

PARTS_PER_ROW = 4


def rhs_tex(line, values=None):
    """One right-hand side: a sympy object, or piecewise branches as `cases`."""
    if isinstance(line, Branches):
        rows = [f"{rhs_tex(value, values)} & {condition_tex(case)}" for value, case in line.branches]
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"
    return tex_with(line, values) if values else tex(line)


def condition_tex(case):
    """z_1 > 0,\\ z_2 \\leq 0 for a case."""
    return r",\ ".join(tex(c) for c in case.conditions(Z))


def chain_tex(lhs, rhs):
    """`lhs = r1 = r2 …`, aligned on `=` when there is more than one."""
    if len(rhs) == 1:
        return f"{lhs} = {rhs[0]}"
    lines = [f"{lhs} &= {rhs[0]}"] + [f"&= {r}" for r in rhs[1:]]
    return r"\begin{aligned}" + "\n" + " \\\\\n".join(lines) + "\n" + r"\end{aligned}"


def part_tex(part):
    """A part's chain: notation lines first, then the sympy lines."""
    return chain_tex(part.lhs, [*part.notation, *(rhs_tex(line) for line in part.lines)])


def step_tex(step):
    """The display block of a step, tagged with its number."""
    if step.layout == "list":
        items = [f"{p.lhs} = {rhs_tex(p.lines[0])}" for p in step.parts]
        rows = [r",\quad ".join(items[i:i + PARTS_PER_ROW]) for i in range(0, len(items), PARTS_PER_ROW)]
        body = rows[0] if len(rows) == 1 else r"\begin{gathered}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{gathered}"
    elif len(step.parts) == 1:
        body = part_tex(step.parts[0])
    else:
        body = r"\begin{gathered}" + "\n" + " \\\\[1ex]\n".join(part_tex(p) for p in step.parts) + "\n" + r"\end{gathered}"
    return display(body, step.label)


def display(body, label=None):
    """A `$$ … $$` block (tag outside any aligned environment)."""
    tag = f"\n\\tag{{{label[1:-1]}}}" if label else ""
    return f"$$\n{body}{tag}\n$$"
