"""A page's display math as `=` chains: a block `$$ … $$` (its `\\tag{}` aside) is a line, an `aligned` block (rows
starting `&=` or `&\\quad` continue the row before), a `gathered` block (each row on its own, nested blocks too) or a
row of equations joined by `,\\quad`; each equation split at its top-level `=` signs into members."""

import re
from dataclasses import dataclass, field

from tests.readback.tex import TOKEN

DISPLAY = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)
TAG = re.compile(r"\\tag\{([^}]*)\}")
DEPTH = {"{": 1, "}": -1, r"\left": 1, r"\right": -1, r"\begin": 1, r"\end": -1}


@dataclass
class Chain:
    members: list
    """The TeX of each member, left side first."""
    tag: str
    """The block's \\tag (its equation number), or ''."""
    line: int
    """Where the block starts in the page (1-based)."""
    section: int = 0
    """Which `## ` section of the page it is in (0 before the first)."""
    prose: str = ""
    """The section's text outside display math (where an example states p = 1, s = 2)."""
    block: int = field(default=0)
    """Which display block of the page it is in."""
    lead: str = ""
    """The text from the last heading before the block to the block, display math left out."""


def scan(text):
    """(token, depth before it) for every token of a TeX string, spaces included."""
    depth, pos = 0, 0
    while pos < len(text):
        match = TOKEN.match(text, pos)
        tok = match.group() if match else text[pos]
        yield tok, depth, pos
        pos += len(tok)
        depth += DEPTH.get(tok, 0)


def split_top(text, seps):
    """Split at top-level tokens in `seps` (\\\\, &, =, …)."""
    parts, start = [], 0
    for tok, depth, pos in scan(text):
        if depth == 0 and tok in seps:
            parts.append(text[start:pos])
            start = pos + len(tok)
    return parts + [text[start:]]


def environment(text):
    """('aligned' | 'gathered', body) for a text that is one such environment, else (None, text)."""
    text = text.strip()
    match = re.fullmatch(r"\\begin\{(aligned|gathered)\}(.*)\\end\{\1\}", text, re.S)
    if not match:
        return None, text
    # the environment must close at the end: the body's own \begin/\end balance
    body = match.group(2)
    if sum(DEPTH.get(tok, 0) for tok, _, _ in scan(body) if tok in (r"\begin", r"\end")) != 0:
        return None, text
    return match.group(1), body


def rows(body):
    return [re.sub(r"^\s*\[\d+ex\]", "", row) for row in split_top(body, {"\\\\"})]


def equations(text):
    """The equations of a block's text, each a list of members."""
    kind, body = environment(text)
    if kind == "gathered":
        return [eq for row in rows(body) for eq in equations(row)]
    if kind == "aligned":
        groups = []
        for row in rows(body):
            if groups and re.match(r"\s*&\s*(=|\\quad)", row):
                groups[-1] += " " + re.sub(r"^\s*&\s*(\\quad)?", "", row)
            else:
                groups.append(row)
        return [eq for group in groups for eq in equations(joined(group))]
    out = []
    for part in split_top(text, {r"\quad"}):
        part = part.strip().removesuffix(",").strip()
        if part:
            out.append([m.strip().removesuffix(".").strip() for m in split_top(part, {"="})])
    return out


def joined(group):
    """An aligned row and its continuations as one line: no top-level &, no \\right. \\left. seams."""
    text = re.sub(r"\\right\.|\\left\.", "", group)
    return "".join(tok for tok, depth, _ in scan(text) if not (depth == 0 and tok == "&"))


def chains(page):
    """Every chain of a page's text, in order."""
    out, starts = [], [m.start() for m in re.finditer(r"^## ", page, re.M)]
    headings = [m.start() for m in re.finditer(r"^#+ ", page, re.M)]
    for number, match in enumerate(DISPLAY.finditer(page)):
        section = sum(1 for s in starts if s < match.start())
        lo = starts[section - 1] if section else 0
        hi = starts[section] if section < len(starts) else len(page)
        prose = DISPLAY.sub("", page[lo:hi])
        tex = match.group(1)
        tag = TAG.search(tex)
        line = page.count("\n", 0, match.start()) + 1
        lead = DISPLAY.sub("", page[max([h for h in headings if h < match.start()], default=0):match.start()])
        for members in equations(TAG.sub("", tex)):
            out.append(Chain(members, tag.group(1) if tag else "", line, section, prose, number, lead))
    return out
