"""Numbered equations as LaTeX display blocks, the same for every language."""

from gen.notation import DEFAULT
from gen.statements import Branches
from gen.site.linewidth import fits

WIDEST_TAG = "SVM 99"
"""The widest tag a display has room for beside it (a display without one passes None)."""
PARTS_PER_ROW = 4
WIDE_ROW = 110
"""Characters of TeX beyond which a row is too wide for the desktop column: split at a sum."""


def rhs_tex(line, values=None, notation=DEFAULT):
    """One right-hand side: a sympy object, or piecewise branches as `cases`."""
    if isinstance(line, Branches):
        return cases_tex([(rhs_tex(value, values, notation), condition_tex(case, notation))
                          for value, case in line.branches])
    return notation.tex(line, values)


def cases_tex(rows):
    """A `cases` block from (value, condition) LaTeX pairs."""
    return r"\begin{cases} " + r" \\ ".join(f"{v} & {c}" for v, c in rows) + r" \end{cases}"


def condition_tex(case, notation=DEFAULT):
    """z_1 > 0,\\ z_2 \\leq 0 for a case."""
    return r",\ ".join(notation.tex(c) for c in case.conditions())


def chain_tex(lhs, rhs, tag=WIDEST_TAG):
    """`lhs = r1 = r2 …`, aligned on `=` when there is more than one line; a line too wide for the
    column is broken at top-level `+` and `−` signs, each piece on its own line."""
    rows = []
    for r in rhs:
        first, *rest = split_sum(r, tag)
        rows += [f"&= {first}"] + [rf"&\quad {tail}" for tail in rest]
    if len(rows) == 1:
        return f"{lhs} = {rhs[0]}"
    return environment("aligned", [f"{lhs} {rows[0]}", *rows[1:]])


OPERATORS = (" + ", " - ", r" \odot ")
"""Where a wide line may be broken: a sum's signs, then an entry-wise product's."""


def _top_level_signs(row):
    """(position, operator) of each top-level operator: not inside braces, \\left…\\right or an environment."""
    depth, cuts = 0, []
    for n, char in enumerate(row):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if row.startswith((r"\left", r"\begin"), n):
            depth += 1
        elif row.startswith((r"\right", r"\end"), n):
            depth -= 1
        elif depth == 0 and row.startswith(OPERATORS, n):
            cuts.append((n, next(op for op in OPERATORS if row.startswith(op, n))))
    return cuts


def split_sum(row, tag=WIDEST_TAG):
    """A row too wide for the column as pieces `a`, `+ b`, `- c`, `⊙ d` …: cut at the top-level sign nearest
    the middle (a ⊙ only where there is no sign), then each piece again until every one fits."""
    if len(row) <= WIDE_ROW:
        return [row]
    cuts = _top_level_signs(row)
    sums = [c for c in cuts if c[1] != OPERATORS[2]]
    if not sums and fits(row, tag=tag):  # a product is broken only when it would not fit
        return [row]
    if not cuts:
        return _split_inside(row, tag)
    cut, op = min(sums or cuts, key=lambda c: abs(2 * c[0] - len(row)))
    head, rest = row[:cut], row[cut + len(op):]
    tails = split_sum(rest, tag)
    return split_sum(head, tag) + [f"{op.strip()} {tails[0]}", *tails[1:]]


def _split_inside(row, tag):
    """`c \\left( a + b \\right)` that does not fit, broken inside its brackets: `c \\left( a \\right.`, then
    `\\left. + b \\right)` (a bracket spanning lines is closed and opened with an empty one)."""
    start = row.find(r"\left(")
    if start < 0 or not row.endswith(r"\right)") or fits(row, tag=tag):
        return [row]
    inner = row[start + len(r"\left("):-len(r"\right)")]
    depth = 0
    for n in range(len(inner)):  # the bracket opened at `start` must be the one that closes the row
        depth += inner.startswith(r"\left", n) - inner.startswith(r"\right", n)
        if depth < 0:
            return [row]
    pieces = split_sum(inner, tag)
    if len(pieces) == 1:
        return [row]
    opened = [rf"\left. {p}" for p in pieces[1:]]
    return [f"{row[:start]}\\left({pieces[0]} \\right."] + [f"{p} \\right." for p in opened[:-1]] + \
        [f"{opened[-1]} \\right)"]


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


def step_tex(step, notation=DEFAULT):
    """The display block of a step, tagged with its number (a list shows each part's first line)."""
    def lhs(part):
        return part.lhs if isinstance(part.lhs, str) else notation.tex(part.lhs)
    if step.layout == "list":
        parts = [(lhs(p), [rhs_tex(p.lines[0], notation=notation)]) for p in step.parts]
    else:
        parts = [(lhs(p), [*p.notation, *(rhs_tex(line, notation=notation) for line in p.lines)]) for p in step.parts]
    return anchor(step.label) + "\n\n" + display(layout_tex(step.layout, parts), step.label)


def display(body, label=None):
    """A `$$ … $$` block (tag outside any aligned environment)."""
    tag = f"\n\\tag{{{label[1:-1]}}}" if label else ""
    return f"$$\n{body}{tag}\n$$"


def anchor_id(label):
    """The stable anchor of a tagged equation: `(24)` → `eq-24`, `(S1)` → `eq-S1`, `(BN 3)` → `eq-bn-3`."""
    key = label.strip("()")
    return f"eq-{key.lower().replace(' ', '-')}" if " " in key else f"eq-{key}"


def anchor(label):
    """The element placed just before an equation's display, so a link can point at it."""
    return f'<span id="{anchor_id(label)}"></span>'


def ref(label, page=""):
    """A link to a tagged equation, `[(24)](#eq-24)` or `[(24)](derivation.md#eq-24)`."""
    return f"[{label}]({page}#{anchor_id(label)})"
