"""The part of MathJax 3 the site serves, taken from the installed PyPI package.

django-static-mathjax ships the whole MathJax distribution (24 MB under es5/).
The site needs only the combined TeX-to-CommonHTML component, its web fonts,
and the TeX extensions that \\require or autoload may fetch on demand.
"""

import importlib.util
from pathlib import Path

from gen.errors import SiteError

PACKAGE = "django-static-mathjax==3.2.2.1"
TARGET = "assets/mathjax"
"""Folder in the built site; mkdocs.yml loads TARGET/tex-chtml.js."""

_PATTERNS = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2/*.woff",
    "input/tex/extensions/*.js",
)


def es5_dir() -> Path:
    """The es5/ folder of the installed MathJax, or SiteError naming the package."""
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SiteError(f"MathJax is not installed: pip install '{PACKAGE}'")
    root = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax"
    if not (root / "es5" / "tex-chtml.js").is_file():
        raise SiteError(f"MathJax files not found under {root}: pip install '{PACKAGE}'")
    return root / "es5"


def site_files() -> list[tuple[str, Path]]:
    """(path in the built site, source file) for every MathJax file served, sorted."""
    es5 = es5_dir()
    found = [(f"{TARGET}/LICENSE", es5.parent / "LICENSE")]
    for pattern in _PATTERNS:
        for source in sorted(es5.glob(pattern)):
            found.append((f"{TARGET}/{source.relative_to(es5).as_posix()}", source))
    return sorted(found)
