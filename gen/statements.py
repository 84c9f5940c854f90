"""What a derivation states: numbered equations made of `lhs = line = line …` chains, each
line a sympy object claimed equal to something a checker can compute independently."""

from dataclasses import dataclass, replace

from gen.oracle import Claim


@dataclass(frozen=True)
class Branches:
    """A value that depends on the ReLU case: (value, case) pairs, printed as `cases`."""

    branches: tuple
    """((value, Case), …) in the cases' order."""


@dataclass(frozen=True)
class Part:
    """One `lhs = … = …` chain of a numbered equation."""

    lhs: object
    """The left-hand side: a sympy object (printed in the derivation's notation) or LaTeX text, a name
    such as ∂L/∂w₂₁, never a result."""
    lines: tuple
    """The right-hand sides, sympy objects, each claimed equal to `claim`."""
    claim: Claim | None
    """What every line equals (checked by the oracle); None for a definition."""
    notation: tuple = ()
    """LaTeX of notation-only right-hand sides shown before `lines` (a sum, a chain)."""
    worked: int = -1
    """Index of the line that worked examples substitute numbers into."""


@dataclass(frozen=True)
class Step:
    """A numbered equation of the note (or of the summary)."""

    name: str
    """What it states, e.g. `dL_dW2` or `dL_dW1_1_on-off`: templates and links refer to it by this."""
    parts: tuple
    """Its chains, shown side by side (`list`) or one under another."""
    case: object = None
    """The case (`gen.cases.Case`) it is stated for, or None when it holds in every case."""
    layout: str = "chain"
    """`chain` (aligned `=` lines) or `list` (short parts separated by commas)."""
    series: str = ""
    """Its numbering series: "" for (1), (2), …, "S" for (S1), (S2), …"""
    key: str = ""
    """Its number as printed inside the tag, given by `numbered` from its place in its series."""
    variant: str | None = None
    """The graph it is stated for (the two-layer net's `squared` or `softmax`), or None for every one."""
    check: str = "oracle"
    """How it is checked: `oracle` (each line against direct differentiation), `index` (each index-notation
    line against the first), `own` (by the derivation's own check)."""

    @property
    def label(self):
        """The tag as printed: (3), (S1)."""
        return f"({self.key})"


def numbered(steps):
    """The steps with their numbers: each series counts from 1 in order of appearance."""
    counts, out = {}, []
    for step in steps:
        counts[step.series] = counts.get(step.series, 0) + 1
        out.append(replace(step, key=f"{step.series}{counts[step.series]}"))
    names = [s.name for s in out]
    assert len(set(names)) == len(names), "step names must be unique"
    return out
