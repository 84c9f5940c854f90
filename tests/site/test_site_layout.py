"""Nothing cut: every page, both languages, at 1280 px, at 390 px and printed on A4.

Every figure readable and whole, at the same widths: each figure shows one drawing (of its wide and
narrow ones), which lies inside the text column and whose smallest text is at least 11 CSS px (font
size × the drawing's rendered width / its viewBox width).

Each (language, width, media) is one sweep over the pages, measuring everything at once."""

import pytest

from conftest import docs_source
from gen.site import layout
from pageurls import page_url

PAGES = sorted(layout.page_files(docs_source() / layout.LANGUAGES[0].code))

# A4 less Chromium's default 1 cm print margins, at 96 px per inch.
A4_CONTENT_PX = 718

# content-visibility skips laying out what is off-screen; measure everything.
SHOW_ALL = ".md-typeset div.arithmatex { content-visibility: visible !important; }"

MIN_TEXT_PX = 11

# Per page: display math wider than its box, hidden tab panels, sideways scroll (figures: FIGURES).
MEASURE = """() => {
    const wide = [...document.querySelectorAll('div.arithmatex')]
        .filter(d => d.scrollWidth > d.clientWidth + 1)
        .map(d => d.scrollWidth + ' > ' + d.clientWidth);
    const hiddenPanels = [...document.querySelectorAll('.tabbed-block')]
        .filter(b => !b.getClientRects().length).length;
    return {wide, hiddenPanels,
            sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""


# Per page: how many drawings each figure block shows, and each shown drawing's smallest text and place.
FIGURES = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect();
    const shown = e => e.getClientRects().length > 0;
    const boxes = [...document.querySelectorAll('.bp-figure-scroll')].filter(shown)
        .map(box => [...box.querySelectorAll('svg.bp-figure')].filter(shown).length);
    const figures = [...document.querySelectorAll('svg.bp-figure')].filter(shown).map(svg => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text')]
            .filter(t => shown(t) && getComputedStyle(t).visibility !== 'hidden')
            .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        return {id: svg.id, texts: sizes.length, smallest: Math.min(...sizes),
                inside: box.left >= column.left - 1 && box.right <= column.right + 1,
                width: Math.round(box.width), column: Math.round(column.width)};
    });
    return {boxes, figures};
}"""

SWEEP = f"() => ({{...({MEASURE})(), drawings: ({FIGURES})()}})"


@pytest.fixture(scope="module")
def sweeps(browser, http_url):
    """(language, width, media) → page → everything MEASURE and FIGURES find there; each sweep done once."""
    done = {}

    def sweep(lang, width, media="screen"):
        if (lang.code, width, media) not in done:
            done[(lang.code, width, media)] = measure_all(browser, http_url, lang, width, media, SWEEP)
        return done[(lang.code, width, media)]
    return sweep


def measure_all(browser, http_url, lang, width, media="screen", script=MEASURE):
    """page → what `script` returns on it, every page of one language at one width and media."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.emulate_media(media=media)
    found = {}
    for page in PAGES:
        tab.goto(page_url(http_url, lang, page))
        tab.add_style_tag(content=SHOW_ALL)
        found[page] = tab.evaluate(script)
    context.close()
    return found


def problems(found):
    """`page: id …` for every figure cut by the column or with text under MIN_TEXT_PX."""
    out = []
    for page, seen in found.items():
        seen = seen["drawings"]
        if any(n != 1 for n in seen["boxes"]):
            out.append(f"{page}: drawings shown per figure {seen['boxes']}")
        for f in seen["figures"]:
            if not f["inside"]:
                out.append(f"{page}: {f['id']} is {f['width']} px wide in a {f['column']} px column")
            if f["smallest"] < MIN_TEXT_PX:
                out.append(f"{page}: {f['id']} has text of {f['smallest']:.1f} px")
    return out


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_desktop_no_display_math_overflows(sweeps, lang):
    for page, found in sweeps(lang, 1280).items():
        assert found["wide"] == [], page
        assert not found["sideways"], page


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_phone_never_scrolls_sideways(sweeps, lang):
    for page, found in sweeps(lang, 390).items():
        assert not found["sideways"], page


# Each numbered display equation wider than the box it scrolls in: its box, its number and what the
# browser draws at the number's centre, at rest and scrolled to the end; and how far the box scrolls
# against the width of the equation itself (a sticky number must not widen what scrolls).
SCROLL_NUMBERED = """async () => {
    const rect = e => { const r = e.getBoundingClientRect();
                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const seen = d => { const n = d.querySelector('mjx-labels mjx-mtd'), r = n.getBoundingClientRect();
                        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
                        return {number: rect(n), drawn: !!hit && n.contains(hit)}; };
    const found = [];
    for (const d of document.querySelectorAll('div.arithmatex')) {
        if (!d.querySelector('mjx-labels') || d.scrollWidth <= d.clientWidth + 1) continue;
        d.scrollIntoView({block: 'center'});
        await new Promise(r => requestAnimationFrame(r));
        const rest = seen(d);
        d.scrollLeft = d.scrollWidth;
        await new Promise(r => requestAnimationFrame(r));
        found.push({box: rect(d), rest, end: {...seen(d), scrolled: d.scrollLeft},
                    overflowX: getComputedStyle(d).overflowX, scrollWidth: d.scrollWidth,
                    equation: d.firstElementChild.getBoundingClientRect().width});
        d.scrollLeft = 0;
    }
    return found;
}"""


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_phone_equation_number_on_screen(browser, http_url, lang):
    """A numbered equation wider than a phone scrolls in its box, its number on screen all the way."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    tab.goto(page_url(http_url, lang, "derivation.md"))
    tab.add_style_tag(content=SHOW_ALL)
    boxes = tab.evaluate(SCROLL_NUMBERED)
    context.close()
    assert boxes
    for found in boxes:
        box = found["box"]
        assert found["overflowX"] == "auto"
        assert abs(found["scrollWidth"] - found["equation"]) <= 1, found  # scrolls as far as the equation is wide
        assert found["end"]["scrolled"] > 0, found
        for state in ("rest", "end"):
            number = found[state]["number"]
            assert box["left"] <= number["left"] and number["right"] <= box["right"], (state, found)
            assert box["top"] <= number["top"] and number["bottom"] <= box["bottom"], (state, found)
            assert found[state]["drawn"], (state, found)  # nothing drawn over it


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_print_cuts_nothing_and_shows_every_tab(sweeps, lang):
    for page, found in sweeps(lang, A4_CONTENT_PX, "print").items():
        assert found["wide"] == [], page
        assert found["hiddenPanels"] == 0, page


@pytest.mark.parametrize("width,media", [(390, "screen"), (1280, "screen"), (A4_CONTENT_PX, "print")],
                         ids=["phone", "desktop", "print"])
@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_every_figure_readable_inside_the_column(sweeps, lang, width, media):
    found = sweeps(lang, width, media)
    seen = [f for page in found.values() for f in page["drawings"]["figures"]]
    assert len({f["id"] for f in seen}) >= 5 and all(f["texts"] for f in seen), "figures are measured"
    assert problems(found) == []
