"""A pass over the built search index: math reads as compact text, not as TeX delimiters.

The page HTML keeps arithmatex's TeX (`\\(…\\)`, `\\[…\\]`) until mathpass typesets it, and
Material's search indexes that text. Here each piece becomes what a reader would type:
`\\(z = X W_1\\)` → `z = X W_1`, `\\frac{\\partial L}{\\partial y}` → `∂L/∂y`.
It reads mkdocs's search/search_index.json (and the offline copy's search_index.js) or zensical's
search.json (search.js) under a language root: entries under "docs" or "items", each with a title and text.
"""

import json
import re
from pathlib import Path

_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)
_JS_PREFIX = "var __index = "
_INDEX_FILES = ("search/search_index.json", "search/search_index.js", "search.json", "search.js")
_SYMBOLS = {
    r"\partial": "∂", r"\top": "ᵀ", r"\cdot": "·", r"\odot": "⊙", r"\times": "×", r"\sum": "∑",
    r"\le": "≤", r"\leq": "≤", r"\ge": "≥", r"\geq": "≥", r"\ne": "≠", r"\neq": "≠",
    r"\to": "→", r"\mid": "|", r"\lVert": "‖", r"\rVert": "‖", r"\|": "‖", r"\ldots": "…",
    r"\dots": "…", r"\cdots": "⋯", r"\in": "∈", r"\mathbb{R}": "ℝ", r"\sigma": "σ", r"\exp": "exp",
    r"\log": "log", r"\max": "max", r"\min": "min", r"\delta": "δ", r"\ell": "ℓ", r"\infty": "∞",
}
_ARG = r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"  # one braced argument, two levels of braces inside
# A matrix reads as in the figures' descriptions: [a, b; c, d].
_MATRIX = re.compile(r"\\begin\{([pbvB]?)matrix\}(.*?)\\end\{\1matrix\}", re.S)
_OPEN = {"p": "(", "b": "[", "v": "|", "B": "{", "": "["}
_CLOSE = {"p": ")", "b": "]", "v": "|", "B": "}", "": "]"}
_SYMBOL = re.compile("|".join(re.escape(k) + (r"(?![A-Za-z])" if k[-1].isalpha() else "")
                              for k in sorted(_SYMBOLS, key=len, reverse=True)))
_REWRITES = (
    (re.compile(r"\\tag\{([^{}]*)\}"), r" (\1)"),
    (re.compile(r"\\(?:begin|end)\{[A-Za-z*]+\}(?:\{[^{}]*\})?"), " "),
    (re.compile(r"\\(?:left|right|[bB]igg?[lr]?)(?![A-Za-z])\.?"), ""),
    (re.compile(r"\\(?:text|textrm|mathrm|mathbf|mathit|mathsf|boldsymbol|operatorname|substack)" + _ARG), r"\1"),
    (re.compile(r"([_^])\{([A-Za-z0-9]+)\}"), r"\1\2"),
    (re.compile(r"\^(?:\{\s*ᵀ\s*\}|ᵀ)"), "ᵀ"),
    (re.compile(r"\\[,;:! ]|\\q?quad(?![A-Za-z])|\\\\|&amp;"), " "),
    (re.compile(r"∂ +"), "∂"),
    (re.compile(r"\s+"), " "),
)


def readable(tex: str) -> str:
    """Compact text for one equation's TeX (no delimiters)."""
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(0)], tex)
    text = _MATRIX.sub(_matrix, text)
    text = _fractions(text)
    for _ in range(4):  # nested fractions and arguments come apart one level per round
        before = text
        for pattern, replacement in _REWRITES:
            text = pattern.sub(replacement, text)
        if text == before:
            break
    return text.strip()


_FRAC = re.compile(r"\\[dt]?frac\s*(?=\{)")


def _fractions(text: str) -> str:
    """\\frac{a}{b} → a/b, nested ones too (braces matched by counting)."""
    while match := _FRAC.search(text):
        numerator, after = _group(text, match.end())
        denominator, end = _group(text, after)
        if numerator is None or denominator is None:
            break
        text = text[:match.start()] + f"{_fractions(numerator)}/{_fractions(denominator)}" + text[end:]
    return text


def _group(text: str, start: int) -> tuple[str | None, int]:
    """(the braced group's inside, the index after it) at start, or (None, start)."""
    if start >= len(text) or text[start] != "{":
        return None, start
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    return None, start


def _matrix(match: re.Match) -> str:
    kind, body = match.groups()
    rows = [", ".join(cell.strip() for cell in row.split("&amp;")) for row in body.split("\\\\")]
    return _OPEN[kind] + "; ".join(row for row in rows if row) + _CLOSE[kind]


def rewrite_text(text: str) -> str:
    """Every `\\(…\\)` and `\\[…\\]` in an index entry replaced by its readable text."""
    return _MATH.sub(lambda m: readable(m.group(1) if m.group(1) is not None else m.group(2)), text)


def rewrite_site(roots, edit=None) -> int:
    """Rewrite the search index under each language root (each title and text by `edit`, by default
    `rewrite_text`); how many index files changed."""
    changed = 0
    for root in roots:
        for path in _INDEX_FILES:
            path = Path(root) / path
            if path.is_file() and _rewrite_file(path, edit or rewrite_text):
                changed += 1
    return changed


def _rewrite_file(path: Path, edit) -> bool:
    raw = path.read_text("utf-8")
    is_js = path.suffix == ".js"
    body = raw.strip()
    if is_js:
        body = body[len(_JS_PREFIX):].rstrip(";") if body.startswith(_JS_PREFIX) else None
        if body is None:
            return False
    index = json.loads(body)
    for doc in index.get("docs", index.get("items", [])):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = edit(doc[field])
    out = json.dumps(index, separators=(",", ":"))  # as Material writes it
    new = f"{_JS_PREFIX}{out}" if is_js else out
    if new == raw:
        return False
    path.write_text(new, encoding="utf-8")
    return True
