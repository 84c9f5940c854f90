"""A pass over the built HTML: every equation typeset, nothing left for the browser.

pymdownx.arithmatex (generic) writes math as <div class="arithmatex">\\[…\\]</div>
and <span class="arithmatex">\\(…\\)</span>. This pass replaces the TeX inside with
MathJax's CommonHTML (and its MathML for screen readers), links one stylesheet
per language and writes beside it the fonts, cut to the characters used. It reads only HTML files, so it
works on the output of any static site generator that writes those elements.
"""

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from gen.errors import SiteError
from gen.site.linewidth import COLUMN_EM
from gen.site import fonts, mathjax
from gen.site.typeset import TexError, Typesetter

_MATH = re.compile(r'<(div|span) class="arithmatex"([^>]*)>(.*?)</\1>', re.S)
_DELIMITERS = {"div": ("\\[", "\\]"), "span": ("\\(", "\\)")}
# Every page links the site's stylesheet; the MathJax one goes just before it.
# The desktop column: 688 px at a 1280 px window, where math is set at 20.4 px
# (16 px text, MathJax scaled to its x-height): 33.8 em, less a margin.
DESKTOP_COLUMN_EM = COLUMN_EM

# mkdocs writes the link as `assets/…` or `../assets/…`, zensical as `./assets/…` at a language root.
_SITE_CSS = re.compile(r'<link rel="stylesheet" href="(?:\./)?((?:\.\./)*)assets/stylesheets/site\.css">')
_VERSIONED = re.compile(r'(' + re.escape(f"{mathjax.TARGET}/{mathjax.STYLESHEET}") + r'\?v=)[0-9a-f]+')
_GLYPH = re.compile(r'<mjx-c class="([^"]+)"')
_STRETCHY = re.compile(r'<(mjx-stretchy-[vh])\b[^>]*\bclass="([^"]+)"')
_MATHJAX_CSS = re.compile(r'<link rel="stylesheet" href="((?:\.\./)*)'
                          + re.escape(f"{mathjax.TARGET}/{mathjax.STYLESHEET}") + '">')


@dataclass(frozen=True)
class PassResult:
    """What one pass over a built site did."""

    pages: int
    """HTML pages that contained math."""
    equations: int
    """Math elements typeset (display and inline)."""
    fonts: int
    """Font files written into each language root."""
    font_bytes: int
    """Their size."""


def typeset_site(out: Path, roots: list[Path], engine: Typesetter, *, preload: bool = True) -> PassResult:
    """Typeset every page under out; write the stylesheet and fonts into each language root.

    The pages link the stylesheet with its content's hash (mathjax.css?v=…), and
    the stylesheet its fonts likewise: both change with the site's math, so a
    browser holding an earlier build's copy fetches the new one. With `preload`,
    each page preloads the fonts its math is drawn with; a copy read from file://
    has no network to wait for, and Chromium refuses a font preload from there
    (a CORS request to a file URL)."""
    pages = equations = 0
    typeset = {}
    for page in sorted(out.rglob("*.html")):
        text = page.read_text("utf-8")
        new, count = typeset_page(text, engine, where=page.relative_to(out).as_posix())
        if count:
            typeset[page] = new
            pages, equations = pages + 1, equations + count
    web = fonts.subset(engine.stylesheet())
    for root in roots:
        write_assets(root, web)
    version = fonts.version(web.stylesheet.encode("utf-8"))
    for page, text in typeset.items():
        page.write_text(link_fonts(text, web, version, preload=preload), encoding="utf-8")
    return PassResult(pages, equations, len(web.files), sum(map(len, web.files.values())))


def typeset_page(text: str, engine: Typesetter, where: str) -> tuple[str, int]:
    """(the page with its math typeset, how many elements); SiteError names page and equation."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        count += 1
        tag, attrs, body = match.groups()
        tex = _strip(html.unescape(body), tag, where)
        try:
            rendered = engine.typeset(tex, display=tag == "div")
        except TexError as err:
            raise SiteError(f"{where}: equation {count} ({_short(tex)}): MathJax: {err}") from None
        if tag == "div" and engine.width(tex, display=True) > DESKTOP_COLUMN_EM:
            raise SiteError(f"{where}: equation {count} ({_short(tex)}) is "
                            f"{engine.width(tex, display=True):.1f} em wide, wider than the "
                            f"desktop column ({DESKTOP_COLUMN_EM} em): break it into aligned lines")
        return f'<{tag} class="arithmatex"{attrs}>{rendered}</{tag}>'

    text = _MATH.sub(replace, text)
    if count:
        text = _link_stylesheet(text, where)
    return text, count


def link_fonts(text: str, web: fonts.WebFonts, version: str, *, preload: bool = True) -> str:
    """A typeset page with its MathJax stylesheet link versioned (`version`) and, with `preload`, its fonts
    preloaded."""
    used = fonts_used(text, web) if preload else []
    return _MATHJAX_CSS.sub(lambda m: _head_links(m.group(1), used, version), text, count=1)


def relink(text: str, version: str) -> str:
    """A typeset page linking MathJax's stylesheet of `version` instead of the one it links."""
    return _VERSIONED.sub(lambda m: m.group(1) + version, text, count=1)


def write_assets(root: Path, web: fonts.WebFonts) -> None:
    """MathJax's stylesheet, the fonts it uses (gen/site/fonts.py) and its licence under root/TARGET."""
    target = root / mathjax.TARGET
    (target / mathjax.FONT_URL).mkdir(parents=True, exist_ok=True)
    (target / mathjax.STYLESHEET).write_text(web.stylesheet, encoding="utf-8")
    for name, data in web.files.items():
        (target / mathjax.FONT_URL / name).write_bytes(data)
    shutil.copyfile(mathjax.license_file(), target / mathjax.LICENSE)


def _strip(tex: str, tag: str, where: str) -> str:
    opening, closing = _DELIMITERS[tag]
    tex = tex.strip()
    if not (tex.startswith(opening) and tex.endswith(closing)):
        raise SiteError(f"{where}: math element without {opening}…{closing}: {_short(tex)}")
    return tex[len(opening):-len(closing)].strip()


def _link_stylesheet(text: str, where: str) -> str:
    match = _SITE_CSS.search(text)
    if not match:
        raise SiteError(f"{where}: no link to assets/stylesheets/site.css to put MathJax's beside")
    href = f"{match.group(1)}{mathjax.TARGET}/{mathjax.STYLESHEET}"
    return text[:match.start()] + f'<link rel="stylesheet" href="{href}">' + text[match.start():]


def fonts_used(text: str, web: fonts.WebFonts) -> list[str]:
    """URLs (relative to the stylesheet) of the fonts a typeset page's glyphs are drawn from, and the primary ones."""
    urls = set(web.primary)
    for classes in set(_GLYPH.findall(text)):
        urls.update(web.drawn_by.get("mjx-c." + ".".join(classes.split()) + "::before", ()))
    for element, char in set(_STRETCHY.findall(text)):  # its parts' rules: `mjx-stretchy-v.mjx-c28 mjx-beg mjx-c::before`
        prefix = f"{element}.{char} "
        urls.update(url for selector, found in web.drawn_by.items() if selector.startswith(prefix) for url in found)
    return sorted(urls)


def _head_links(up: str, preload: list[str], version: str) -> str:
    """The versioned stylesheet link, after a preload of the fonts the page's math is drawn with: a glyph sits
    on its line by its font's ascent and descent, so laid out with a fallback font, lines would move when the
    fonts arrive."""
    folder = f"{up}{mathjax.TARGET}"
    preloads = "".join(f'<link rel="preload" href="{folder}/{url}" as="font" type="font/{fonts.FORMAT}" crossorigin>'
                       for url in preload)
    return f'{preloads}<link rel="stylesheet" href="{folder}/{mathjax.STYLESHEET}?v={version}">'


def _short(tex: str, limit: int = 70) -> str:
    flat = " ".join(tex.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
