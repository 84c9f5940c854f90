"""Nothing cut: every page, both languages, at 1280 px, at 390 px and printed on A4."""

import pytest

from conftest import docs_source
from gen.site import layout
from pageurls import served_path

PAGES = sorted(layout.page_files(docs_source() / layout.LANGUAGES[0].code))

# A4 less Chromium's default 1 cm print margins, at 96 px per inch.
A4_CONTENT_PX = 718

# content-visibility skips laying out what is off-screen; measure everything.
SHOW_ALL = ".md-typeset div.arithmatex { content-visibility: visible !important; }"

MEASURE = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect();
    const wide = [...document.querySelectorAll('div.arithmatex')]
        .filter(d => d.scrollWidth > d.clientWidth + 1)
        .map(d => d.scrollWidth + ' > ' + d.clientWidth);
    const figures = [...document.querySelectorAll('svg.bp-figure')]
        .filter(s => s.getClientRects().length)
        .map(s => [s.id, s.getBoundingClientRect()])
        .filter(([, r]) => r.left < column.left - 1 || r.right > column.right + 1)
        .map(([id, r]) => id + ' ' + Math.round(r.width));
    const hiddenPanels = [...document.querySelectorAll('.tabbed-block')]
        .filter(b => !b.getClientRects().length).length;
    return {wide, figures, hiddenPanels,
            sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""


def page_url(base: str, lang: layout.Language, page: str) -> str:
    return base + lang.path + served_path(page)


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


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_desktop_no_display_math_overflows(browser, http_url, lang):
    for page, found in measure_all(browser, http_url, lang, 1280).items():
        assert found["wide"] == [], page
        assert found["figures"] == [], page
        assert not found["sideways"], page


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_phone_never_scrolls_sideways(browser, http_url, lang):
    for page, found in measure_all(browser, http_url, lang, 390).items():
        assert not found["sideways"], page
        assert found["figures"] == [], page


def test_phone_equation_number_on_screen(browser, http_url):
    """A numbered equation wider than a phone scrolls in its box, its number on screen."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    tab = context.new_page()
    tab.goto(page_url(http_url, layout.LANGUAGES[0], "derivation.md"))
    tab.add_style_tag(content=SHOW_ALL)
    boxes = tab.evaluate("""() => [...document.querySelectorAll('div.arithmatex')]
        .filter(d => d.querySelector('mjx-labels') && d.scrollWidth > d.clientWidth + 1)
        .map(d => [d.getBoundingClientRect(),
                   d.querySelector('mjx-labels mjx-mtd').getBoundingClientRect(),
                   getComputedStyle(d).overflowX])""")
    context.close()
    assert boxes
    for box, number, overflow in boxes:
        assert overflow == "auto"
        assert box["left"] <= number["left"] and number["right"] <= box["right"]


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_print_cuts_nothing_and_shows_every_tab(browser, http_url, lang):
    for page, found in measure_all(browser, http_url, lang, A4_CONTENT_PX, "print").items():
        assert found["wide"] == [], page
        assert found["figures"] == [], page
        assert found["hiddenPanels"] == 0, page
