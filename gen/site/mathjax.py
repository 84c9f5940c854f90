"""The part of MathJax 3 the build uses, taken from the installed PyPI package.

django-static-mathjax ships the whole MathJax distribution (24 MB under es5/).
The build runs its TeX input and CommonHTML output (gen/site/typeset.py); the
site serves only one stylesheet and the web fonts, cut down to the characters
the site uses (gen/site/fonts.py), never a script.
"""

import importlib.util
from pathlib import Path

from gen.errors import SiteError

PACKAGE = "django-static-mathjax==3.2.2.1"
TARGET = "assets/mathjax"
"""Folder in each language's built site: STYLESHEET, the fonts and MathJax's licence."""

STYLESHEET = "mathjax.css"
"""MathJax's CHTML stylesheet for every glyph the site uses, in TARGET."""

LICENSE = "LICENSE"
"""MathJax's licence (Apache 2.0, fonts included), in TARGET beside the fonts."""

FONT_URL = "woff-v2"
"""Where the stylesheet finds the fonts, relative to itself."""

_FONTS = "output/chtml/fonts/woff-v2"


def es5_dir() -> Path:
    """The es5/ folder of the installed MathJax, or SiteError naming the package."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(f"MathJax is not installed: pip install '{PACKAGE}'")
    root = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax"
    if not (root / "es5" / "startup.js").is_file():
        raise SiteError(f"MathJax files not found under {root}: pip install '{PACKAGE}'")
    return root / "es5"


def font_dir() -> Path:
    """MathJax's woff fonts as installed (the sources of the site's subsets)."""
    return es5_dir() / _FONTS


def license_file() -> Path:
    """MathJax's licence file as installed."""
    return es5_dir().parent / LICENSE
