"""The part of MathJax 3 the build uses, taken from the installed PyPI package.

django-static-mathjax ships the whole MathJax distribution (24 MB under es5/).
The build runs its TeX input and CommonHTML output (gen/site/typeset.py); the
site serves only the web fonts and one stylesheet, never a script.
"""

import importlib.util
from pathlib import Path

from gen.errors import SiteError

PACKAGE = "django-static-mathjax==3.2.2.1"
TARGET = "assets/mathjax"
"""Folder in each language's built site: STYLESHEET, the fonts and MathJax's licence."""

STYLESHEET = "mathjax.css"
"""MathJax's CHTML stylesheet for every glyph the site uses, in TARGET."""

FONT_URL = "woff-v2"
"""Where the stylesheet finds the fonts, relative to itself."""

_FONTS = "output/chtml/fonts/woff-v2/*.woff"


def es5_dir() -> Path:
    """The es5/ folder of the installed MathJax, or SiteError naming the package."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(f"MathJax is not installed: pip install '{PACKAGE}'")
    root = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax"
    if not (root / "es5" / "startup.js").is_file():
        raise SiteError(f"MathJax files not found under {root}: pip install '{PACKAGE}'")
    return root / "es5"


def site_files() -> list[tuple[str, Path]]:
    """(path below a language root, source file) for MathJax's fonts and licence, sorted."""
    es5 = es5_dir()
    found = [(f"{TARGET}/LICENSE", es5.parent / "LICENSE")]
    for source in sorted(es5.glob(_FONTS)):
        found.append((f"{TARGET}/{FONT_URL}/{source.name}", source))
    return sorted(found)
