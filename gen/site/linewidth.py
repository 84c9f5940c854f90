"""How wide a line of math is, measured by the MathJax that the build typesets with (`gen.site.typeset`),
so that the generator breaks a line exactly where the build would find it too wide.

One MathJax is started per process when a width is first asked for, and every width is kept."""

import atexit
from functools import lru_cache

COLUMN_EM = 33.0
"""The desktop column's width in em of math (`gen.site.mathpass` refuses a display wider than this)."""

_engine = None


def _typesetter():
    global _engine
    if _engine is None:
        from gen.site.typeset import Typesetter
        _engine = Typesetter().__enter__()
        atexit.register(_engine.__exit__, None, None, None)
    return _engine


@lru_cache(maxsize=None)
def em(tex):
    """The width in em of one line of display math."""
    return _typesetter().width(tex, display=True)


def fits(tex, lhs=r"\frac{\partial L}{\partial X} =", tag="SVM 99"):
    """Whether a row, after a left-hand side as wide as `lhs`, fits the desktop column beside a tag like `tag`
    (MathJax keeps a tagged equation centred, so the tag's room is taken on both sides)."""
    room = em(rf"x \tag{{{tag}}}") - em("x") if tag else 0.0
    return em(f"{lhs} {tex}") <= COLUMN_EM - room - 0.25
