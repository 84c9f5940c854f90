"""Fonts: headings draw Latin and Hangul from one font at one weight; MathJax's fonts are exact subsets that draw
what the full fonts draw; each page preloads exactly the fonts its math is drawn with."""

import re

import pytest

from gen.site import fonts, layout, mathjax
from gen.site.typeset import Typesetter
from pageurls import page_url

KO = layout.language("ko")

# Split the first heading with both scripts into one span per script run, then ask Chromium which platform
# font drew each span's glyphs (CDP CSS.getPlatformFontsForNode).
SPLIT = r"""(selector) => {
  const both = e => /[A-Za-z]/.test(e.textContent) && /[\uac00-\ud7a3]/.test(e.textContent);
  const h = [...document.querySelectorAll(selector)].find(both);
  if (!h) return {};
  const text = h.textContent.replace(/¶/g, '').trim();
  const runs = text.match(/[\uac00-\ud7a3]+|[A-Za-z0-9]+/g);
  const latin = runs.find(r => /[A-Za-z]/.test(r)), hangul = runs.find(r => /[\uac00-\ud7a3]/.test(r));
  h.replaceChildren();
  for (const [id, run] of [['font-latin', latin], ['font-hangul', hangul]]) {
    const span = document.createElement('span');
    span.id = id; span.textContent = run; h.append(span, ' ');
  }
  return {latin, hangul,
          weights: [...h.children].map(s => getComputedStyle(s).fontWeight)};
}"""


def _platform_fonts(cdp, selector: str) -> list[str]:
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return sorted({f["familyName"] for f in fonts if f["glyphCount"]})


@pytest.mark.parametrize("page, selector", [("index.md", "article h1"), ("derivation.md", "article h3")])
def test_heading_latin_and_hangul_share_font_and_weight(browser, http_url, page, selector):
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(http_url + KO.path + ("" if page == "index.md" else page[:-3] + "/"))
        found = tab.evaluate(SPLIT, selector)
        assert found["latin"] and found["hangul"], found
        assert len(set(found["weights"])) == 1, found
        cdp = context.new_cdp_session(tab)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        latin = _platform_fonts(cdp, "#font-latin")
        hangul = _platform_fonts(cdp, "#font-hangul")
        assert latin == hangul and len(latin) == 1, (found, latin, hangul)
        assert not re.search(r"light|thin", latin[0], re.I), latin
    finally:
        context.close()


# MathJax's fonts, cut to the characters the site's math draws (gen/site/fonts.py).

FONT_FACE = re.compile(r'@font-face \{\s*font-family: ([\w-]+);\s*src: url\("([^"]+)"\) format\("woff2"\);'
                       r'\s*(?:unicode-range: ([^;]+);\s*)?\}\n*')


def _served_fonts(root):
    """{family: (font path, unicode-range codes or None)} from a language root's MathJax stylesheet."""
    css = (root / mathjax.TARGET / mathjax.STYLESHEET).read_text("utf-8")
    found = {}
    for family, url, ranges in FONT_FACE.findall(css):
        url, _, version = url.partition("?v=")
        assert version == fonts.version((root / mathjax.TARGET / url).read_bytes()), url
        if not ranges:
            found[family] = (root / mathjax.TARGET / url, None)
            continue
        codes = set()
        for part in ranges.split(","):
            low, _, high = part.strip()[2:].partition("-")
            codes |= set(range(int(low, 16), int(high or low, 16) + 1))
        found[family] = (root / mathjax.TARGET / url, codes)
    return css, found


def _outlines(font, codes):
    """{code: (advance width, drawing commands)} for the glyphs of codes."""
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    cmap, glyphs = font.getBestCmap(), font.getGlyphSet()
    found = {}
    for code in sorted(codes):
        pen = DecomposingRecordingPen(glyphs)
        glyphs[cmap[code]].draw(pen)
        found[code] = (font["hmtx"][cmap[code]], pen.value)
    return found


def test_fonts_are_exact_subsets_of_mathjax(site):
    """Each served font has just the characters its unicode-range names, drawn as MathJax's own font draws them."""
    from fontTools.ttLib import TTFont

    css, served = _served_fonts(site)
    assert served and "format(\"woff\")" not in css
    assert [family for family, (_, codes) in served.items() if codes is None] == ["MJXZERO"]
    files = sorted((site / mathjax.TARGET / mathjax.FONT_URL).iterdir())
    assert files == sorted(path for path, _ in served.values())  # every file used, every used file there
    assert (site / mathjax.TARGET / mathjax.LICENSE).read_bytes() == mathjax.license_file().read_bytes()
    for family, (path, codes) in served.items():
        original = TTFont(mathjax.font_dir() / (path.stem + ".woff"))
        subset = TTFont(path)
        assert subset.flavor == "woff2", path
        if codes is None:  # the primary font (MathJax_Zero): whole, no unicode-range
            codes = set(original.getBestCmap())
            assert subset.getGlyphOrder() == original.getGlyphOrder(), path
        assert codes <= set(subset.getBestCmap()), path
        assert _outlines(subset, codes) == _outlines(original, codes), path
        for table, fields in (("head", ("unitsPerEm", "modified", "created", "xMin", "yMin", "xMax", "yMax")),
                              ("hhea", ("ascent", "descent", "lineGap")),
                              ("OS/2", ("sTypoAscender", "sTypoDescender", "sTypoLineGap",
                                        "usWinAscent", "usWinDescent"))):
            for field in fields:
                assert getattr(subset[table], field) == getattr(original[table], field), (path, table, field)
        assert {n.toUnicode() for n in subset["name"].names} == {n.toUnicode() for n in original["name"].names}


def test_fonts_and_stylesheet_same_in_every_copy(site, offline_site):
    """Both languages and the offline copy serve the same stylesheet and fonts (one engine, any order)."""
    reference = {p.relative_to(site / mathjax.TARGET): p.read_bytes()
                 for p in (site / mathjax.TARGET).rglob("*") if p.is_file()}
    for root in [site / lang.path for lang in layout.LANGUAGES] + [offline_site / lang.path for lang in layout.LANGUAGES]:
        folder = root / mathjax.TARGET
        assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == reference, root


def test_pages_link_the_stylesheet_by_its_content(site, pages):
    """mathjax.css?v=<hash of its bytes>: a browser holding an earlier build's stylesheet (or fonts) fetches the new one."""
    for lang in layout.LANGUAGES:
        root = site / lang.path
        version = fonts.version((root / mathjax.TARGET / mathjax.STYLESHEET).read_bytes())
        html = (root / "derivation" / "index.html").read_text("utf-8")
        assert f'../{mathjax.TARGET}/{mathjax.STYLESHEET}?v={version}"' in html


def test_subsetting_is_deterministic(site):
    """The same stylesheet gives the same font bytes (no timestamp or set order leaks in)."""
    css = (site / mathjax.TARGET / mathjax.STYLESHEET).read_text("utf-8")
    with Typesetter() as engine:
        full = engine.stylesheet()  # nothing typeset: MathJax's @font-face rules for all its fonts
    source = _with_faces(css, "".join(m.group(0) for m in fonts._FONT_FACE.finditer(full)))
    first = fonts.subset(source)
    fonts.subset.cache_clear()
    again = fonts.subset(source)
    assert first.files == again.files and first.stylesheet == again.stylesheet
    assert first.stylesheet == css
    for name, data in first.files.items():
        assert (site / mathjax.TARGET / mathjax.FONT_URL / name).read_bytes() == data


# Equations drawn with the subset fonts, against the same page with MathJax's full fonts: the
# stylesheet is swapped on its way to the browser, its rules kept and its @font-face rules replaced
# by MathJax's own (every font, whole, as woff).
SHOW_ALL = ".md-typeset div.arithmatex { content-visibility: visible !important; }"
SETTLE = "async () => { await document.fonts.ready; return [...document.fonts].map(f => [f.family, f.status]); }"


def _full_font_stylesheet(css: str, drop: str | None = None) -> str:
    with Typesetter() as engine:
        full = engine.stylesheet()
    faces = "".join(m.group(0).replace(f'url("{mathjax.FONT_URL}/', 'url("full-fonts/')
                    for m in fonts._FONT_FACE.finditer(full) if m.group(1) != drop)
    return _with_faces(css, faces)


def _with_faces(css: str, faces: str) -> str:
    """css with its (contiguous) @font-face rules replaced by faces."""
    found = list(FONT_FACE.finditer(css))
    assert found and css[found[0].start():found[-1].end()] == "".join(m.group(0) for m in found)
    return css[:found[0].start()] + faces + css[found[-1].end():]


def _screenshot(browser, url, css=None, page=None):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    failed = []
    if page is not None:
        context.route(url, lambda route: route.fulfill(body=page, content_type="text/html"))
    if css is not None:
        context.route("**/assets/mathjax/mathjax.css*",
                      lambda route: route.fulfill(body=css, content_type="text/css"))
        context.route("**/full-fonts/*.woff", lambda route: route.fulfill(
            path=str(mathjax.font_dir() / route.request.url.rsplit("/", 1)[1]), content_type="font/woff"))
    tab = context.new_page()
    tab.on("requestfailed", lambda r: failed.append(r.url))
    tab.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    try:
        tab.goto(url, wait_until="networkidle")
        tab.add_style_tag(content=SHOW_ALL)
        tab.evaluate(SETTLE)
        tab.wait_for_load_state("networkidle")
        faces = tab.evaluate(SETTLE)
        shot = tab.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        context.close()
    return shot, faces, failed


GLYPH = re.compile(r"(?m)^mjx-c\.mjx-c([0-9A-F]+)((?:\.TEX-[A-Z0-9]+)?)::before \{")
PART = re.compile(r"(?m)^mjx-stretchy-([vh])\.mjx-c([0-9A-F]+) mjx-(beg|ext|mid|end) mjx-c::before \{")


def _every_glyph_page(css: str) -> str:
    """A page with one cell for each glyph rule of the stylesheet: every character the site's math draws."""
    cells = [f'<mjx-c class="mjx-c{code}{cls.replace(".", " ")}"></mjx-c>' for code, cls in GLYPH.findall(css)]
    cells += [f'<mjx-stretchy-{axis} class="mjx-c{code}"><mjx-{part}><mjx-c></mjx-c></mjx-{part}>'
              f'</mjx-stretchy-{axis}>' for axis, code, part in PART.findall(css)]
    rules = sum(1 for selector, body in fonts._RULE.findall(css)
                if selector.endswith("::before") and fonts._CONTENT.search(body))
    assert len(cells) == rules > 50, (len(cells), rules)  # no glyph rule of another shape left out
    style = ("body { margin: 8px; font-size: 40px; } b { display: inline-block; width: 2.5em; height: 3.5em; "
             "overflow: hidden; vertical-align: top; padding-top: 1.5em; box-sizing: border-box; }")
    body = "".join(f'<b><mjx-container jax="CHTML"><mjx-math class="MJX-TEX">{cell}</mjx-math></mjx-container></b>'
                   for cell in cells)
    return (f'<!doctype html><html><head><link rel="stylesheet" href="{mathjax.STYLESHEET}">'
            f"<style>{style}</style></head><body>{body}</body></html>")


def test_every_glyph_drawn_as_with_full_fonts(browser, http_url, site):
    """Each character of each font the site serves, alone, against MathJax's full fonts."""
    css = (site / mathjax.TARGET / mathjax.STYLESHEET).read_text("utf-8")
    page = _every_glyph_page(css)
    url = http_url + KO.path + mathjax.TARGET + "/every-glyph.html"
    subset, faces, failed = _screenshot(browser, url, page=page)
    assert not failed and all(status != "error" for _, status in faces), (failed, faces)
    full, _, failed = _screenshot(browser, url, _full_font_stylesheet(css), page=page)
    assert not failed, failed
    assert subset == full, "a glyph draws differently with the subset fonts than with MathJax's full fonts"
    # The comparison (the same for the pages below) sees a font go missing: without Math-Italic the
    # letters fall back to another font.
    broken, _, _ = _screenshot(browser, url, _full_font_stylesheet(css, drop="MJXTEX-I"), page=page)
    assert broken != full


@pytest.mark.parametrize("page", ["derivation/", "examples/"])
def test_subset_fonts_draw_what_full_fonts_draw(browser, http_url, site, page):
    url = http_url + KO.path + page
    css = (site / mathjax.TARGET / mathjax.STYLESHEET).read_text("utf-8")
    subset, faces, failed = _screenshot(browser, url)
    assert not failed, failed
    assert faces and all(status != "error" for _, status in faces), faces
    assert any(family.startswith("MJXTEX") and status == "loaded" for family, status in faces), faces
    full, _, failed = _screenshot(browser, url, _full_font_stylesheet(css))
    assert not failed, failed
    assert subset == full, "the page draws differently with the subset fonts than with MathJax's full fonts"


REQUESTED_AND_PRELOADED = """async () => {
  await document.fonts.ready;
  const names = urls => [...new Set(urls.map(u => new URL(u, location.href).pathname))].sort();
  return {requested: names(performance.getEntriesByType('resource').map(e => e.name).filter(u => /\\.woff2?(\\?|$)/.test(u))),
          preloaded: names([...document.querySelectorAll('link[rel=preload][as=font]')].map(l => l.href))};
}"""


def test_every_font_a_page_draws_with_is_preloaded(browser, http_url, pages):
    """A glyph sits on its line by its font's ascent and descent: a page preloads exactly the fonts its math is
    drawn with (gen/site/mathpass.py), so its lines are not first laid out with a fallback font's. All of a
    page's math laid out (none skipped off-screen), the fonts it asked for are the ones it preloads.

    Every page once, the language alternating: both languages show the same equations
    (tests/test_pages.py), so the same glyphs and fonts."""
    checked = 0
    for number, page in enumerate(pages):
        lang = layout.LANGUAGES[number % len(layout.LANGUAGES)]
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # nothing from the page before
        tab = context.new_page()
        tab.goto(page_url(http_url, lang, page))
        tab.add_style_tag(content=SHOW_ALL)
        found = tab.evaluate(REQUESTED_AND_PRELOADED)
        context.close()
        assert found["requested"] == found["preloaded"], f"{lang.path}{page}: {found}"
        checked += bool(found["preloaded"])
    assert checked >= len(pages) - 1  # every page with math (the explorer pages too)
