"""MathJax's web fonts cut down to the characters the site's math draws.

MathJax's CommonHTML draws every glyph as the ::before content of an <mjx-c>,
and its stylesheet (adaptive: only what was typeset) has one rule per glyph
used, naming the font class (TEX-I, TEX-S3, ...) or none (the main font). This
module reads that stylesheet, finds for each character the font a browser
draws it from (the first family of the rule's font-family list whose font has
the character), and keeps in each font only those characters. Fonts left with
no character are not written and their @font-face rule is dropped; each kept
@font-face gets the unicode-range of its subset, so a page loads only the
fonts its own equations use. Glyph outlines, advances, hinting and font-wide
metrics are the original ones (fontTools' subsetter, timestamps untouched), so
every glyph is drawn exactly as with the full fonts; the output is the same
bytes for the same stylesheet.

The first family of every list (MathJax_Zero, 1 kB) is the primary font of all
math: the browser takes the line's ascent and descent from it, and a font with
a unicode-range that leaves out the space cannot be primary. It is kept whole,
without a unicode-range, as MathJax serves it.
"""

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from gen.errors import SiteError
from gen.site import mathjax

FORMAT = "woff2"
"""Format of the fonts written (woff2, Brotli: 16 % smaller than the same subsets as zlib woff)."""

_FONT_FACE = re.compile(r'@font-face /\* \d+ \*/ \{\s*font-family: ([\w-]+);\s*'
                        r'src: url\("([^"]+)"\) format\("woff"\);\s*\}\n*')
_RULE = re.compile(r'(?m)^([^{}@\n][^{}\n]*?) \{((?:[^{}"]|"(?:[^"\\]|\\.)*")*)\}')
_FAMILY = re.compile(r'font-family: ([^;]+);')
_CONTENT = re.compile(r'content: "((?:[^"\\]|\\.)*)";')
_ESCAPE = re.compile(r'\\([0-9A-Fa-f]{1,6}) ?|\\(.)')
_CLASS = re.compile(r'\.(MJX-TEX|TEX-[A-Z0-9]+)\b')
_STRETCHY = ("mjx-stretchy-v", "mjx-stretchy-h")


@dataclass(frozen=True)
class WebFonts:
    """The stylesheet that points at the subset fonts, and the fonts."""

    stylesheet: str
    files: dict[str, bytes]
    """File name (in the stylesheet's FONT_URL folder) → font bytes, sorted by name."""
    primary: tuple[str, ...]
    """URLs (relative to the stylesheet, versioned) of the fonts every equation's lines take their
    ascent and descent from."""
    drawn_by: dict[str, tuple[str, ...]]
    """Glyph rule's selector (`mjx-c.mjx-c1D465.TEX-I::before`) → URLs of the fonts drawing it.

    A glyph's box sits on its line by its font's ascent and descent, so a page preloads the fonts its
    glyphs use (and the primary ones): laid out with a fallback font's metrics, lines would move when
    the fonts arrive."""


@functools.lru_cache(maxsize=4)
def subset(stylesheet: str) -> WebFonts:
    """WebFonts for MathJax's (adaptive) stylesheet; SiteError if it cannot be read (cached: both variants
    of a build share it)."""
    faces = {m.group(1): m.group(2) for m in _FONT_FACE.finditer(stylesheet)}
    if not faces:
        raise SiteError("MathJax's stylesheet has no @font-face rule to subset")
    sources = {family: _source(url) for family, url in faces.items()}
    cmaps = {family: set(_cmap(path)) for family, path in sources.items()}
    keep = {family: set() for family in faces}
    stacks = _stacks(stylesheet)
    primary = {stack[0] for stack in stacks.values()} & set(faces)
    drawing = {}
    for selector, stack, text in _glyphs(stylesheet, stacks):
        for char in text:
            for family in stack:
                if family not in cmaps:
                    break  # not one of MathJax's fonts: the browser's own font draws it
                if ord(char) in cmaps[family]:
                    keep[family].add(ord(char))
                    drawing.setdefault(selector, set()).add(family)
                    break

    files, kept_faces, urls = {}, {}, {}
    for family, url in faces.items():
        whole = family in primary
        if not keep[family] and not whole:
            continue
        name = Path(url).stem + "." + FORMAT
        files[name] = _subset_font(sources[family], None if whole else keep[family])
        kept_faces[family] = (name, None if whole else keep[family])
        urls[family] = f"{mathjax.FONT_URL}/{name}?v={version(files[name])}"

    def face(match: re.Match) -> str:
        family = match.group(1)
        if family not in kept_faces:
            return ""
        name, chars = kept_faces[family]
        limit = f"  unicode-range: {_ranges(chars)};\n" if chars else ""
        return (f"@font-face {{\n  font-family: {family};\n"
                f'  src: url("{urls[family]}") format("{FORMAT}");\n'
                f"{limit}}}\n\n")

    css = _FONT_FACE.sub(face, stylesheet)
    drawn_by = {selector: tuple(sorted(urls[f] for f in families)) for selector, families in sorted(drawing.items())}
    return WebFonts(css, dict(sorted(files.items())), tuple(sorted(urls[f] for f in primary)), drawn_by)


def version(data: bytes) -> str:
    """A short hash of a file's bytes, for its URL (?v=…): a new file is a new URL to caches."""
    return hashlib.sha256(data).hexdigest()[:12]


def _stacks(stylesheet: str) -> dict[str, list[str]]:
    """{selector: font-family list} for every rule that sets one (not the @font-face rules)."""
    stacks = {}
    for selector, body in _RULE.findall(stylesheet):
        family = _FAMILY.search(body)
        if family:
            for part in selector.split(","):
                stacks[part.strip()] = [f.strip() for f in family.group(1).replace("! important", "")
                                        .replace("!important", "").split(",")]
    return stacks


def _glyphs(stylesheet: str, stacks: dict[str, list[str]]) -> list[tuple[str, list[str], str]]:
    """(selector, font-family list, characters) for every ::before rule with content."""
    stretchy = stacks.get("mjx-stretchy-v mjx-c")
    main = stacks.get(".MJX-TEX")
    if not stretchy or not main:
        raise SiteError("MathJax's stylesheet has no font-family for .MJX-TEX or stretchy delimiters")
    found = []
    for selector, body in _RULE.findall(stylesheet):
        content = _CONTENT.search(body)
        if not selector.endswith("::before") or not content:
            continue
        text = _unescape(content.group(1))
        if selector.startswith(_STRETCHY):
            # the stretchy parts' font-family is !important: it wins over any class
            stack = stretchy
        elif (cls := _CLASS.search(selector)):
            stack = stacks.get("." + cls.group(1))
            if stack is None:
                raise SiteError(f"MathJax's stylesheet has no font-family for .{cls.group(1)}")
        else:
            stack = main  # inherited from <mjx-math class="MJX-TEX">
        found.append((selector, stack, text))
    return found


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def _ranges(codes: set[int]) -> str:
    """CSS unicode-range for a set of code points, consecutive ones joined."""
    spans, ordered = [], sorted(codes)
    start = prev = ordered[0]
    for code in ordered[1:] + [None]:
        if code is not None and code == prev + 1:
            prev = code
            continue
        spans.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        if code is not None:
            start = prev = code
    return ", ".join(spans)


def _source(url: str) -> Path:
    """The installed MathJax woff for a stylesheet URL (woff-v2/<name>.woff)."""
    path = mathjax.font_dir() / Path(url).name
    if not path.is_file():
        raise SiteError(f"MathJax font not found: {path}")
    return path


@functools.lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path) as font:
        return frozenset(font.getBestCmap())


def _subset_font(path: Path, codes: set[int] | None) -> bytes:
    """The font at path with only the glyphs for codes (and .notdef), or all (None); the rest as it was."""
    from fontTools import subset as ftsubset

    options = ftsubset.Options()
    options.name_IDs = ["*"]          # copyright, licence and every other name record
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = True
    options.recalc_timestamp = False  # the same bytes every build
    options.drop_tables = options.drop_tables + ["FFTM"]  # FontForge's own timestamps, unread by browsers
    options.flavor = FORMAT
    font = ftsubset.load_font(str(path), options)  # no bounds or timestamp recomputed
    try:
        subsetter = ftsubset.Subsetter(options)
        if codes is None:
            subsetter.populate(glyphs=font.getGlyphOrder(), unicodes=sorted(_cmap(path)))
        else:
            subsetter.populate(unicodes=sorted(codes))
        subsetter.subset(font)
        out = io.BytesIO()
        ftsubset.save_font(font, out, options)
    finally:
        font.close()
    return out.getvalue()
