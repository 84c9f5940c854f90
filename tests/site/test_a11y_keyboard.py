"""Accessibility in a real browser, by keyboard and by eye: a keyboard walk with a visible focus ring in DOM
order; tabs by arrow keys; reduced motion; figure colour contrast; 200 % zoom (page and text only)."""

import re

import pytest

from a11y_audit import LANGS, MATH_READY, PAGES, SCHEMES, contrast, one_tab, open_page, set_scheme
from gen.figures import theme
from htmlscan import tab_stops
from pageurls import built_html, page_url


@pytest.fixture(scope="module")
def tab(browser):
    yield from one_tab(browser)


RING = r"""() => {
  // The ring as it rests: colour transitions the focus started (the search box taking the page colour) jump to their end.
  for (const a of document.getAnimations())
    if (a.playState === 'running' && a.effect.getTiming().iterations !== Infinity) a.finish();
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // The element that shows focus: a tab's invisible radio is shown by its label.
  let shown = el;
  if (el.matches('.md-option')) shown = el.nextElementSibling;
  if (el.matches('.tabbed-set > input')) shown = el.closest('.tabbed-set').querySelector(`label[for="${el.id}"]`);
  const cs = getComputedStyle(shown), rect = shown.getBoundingClientRect();
  let bg = null;
  // The ring is drawn outside the element (outline-offset), on what surrounds it.
  for (let n = shown.parentElement; n && !bg; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && !/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') bg = c;
  }
  // The page's focusable elements in DOM order, listed once per page (walking changes no markup).
  const all = window.__stops || (window.__stops =
      [...document.querySelectorAll('a[href], button, input, select, textarea, label[tabindex], [tabindex]')]);
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''),
          order: all.indexOf(el), style: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
          colour: cs.outlineColor, bg: bg || 'rgb(255, 255, 255)', w: rect.width, h: rect.height,
          positive: all.filter(e => e.tabIndex > 0).length};
}"""
WALK = 60
"""Tab stops walked per page: the header, the navigation and the start of the content."""


# The dark scheme changes only the colours the ring is drawn in and on; the order of the stops is the
# same markup. Its walk covers pages with every kind of stop: header, navigation, table of contents,
# links in text, tabs (examples) and the explorer's inputs.
SCHEME_PAGES = {"default": PAGES, "slate": ("index.md", "examples.md", "explorer.md")}


def test_both_languages_have_the_same_tab_stops(site):
    """Each page's focusable elements, in order, are the same in both languages (one set of templates);
    so the walk below takes every page once, the language alternating."""
    ko, en = LANGS
    for page in PAGES:
        stops = tab_stops(site / ko.path / built_html(page))
        assert len(stops) > 20 and stops == tab_stops(site / en.path / built_html(page)), page


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_walk_has_visible_ring_in_dom_order(tab, http_url, scheme):
    set_scheme(tab, http_url, scheme)
    stops = 0
    for number, page in enumerate(SCHEME_PAGES[scheme]):
        lang = LANGS[number % len(LANGS)]
        open_page(tab, page_url(http_url, lang, page), scheme)
        last, first = -1, None
        for _ in range(WALK):
            tab.keyboard.press("Tab")
            ring = tab.evaluate(RING)
            if ring is None:
                break
            if first is not None and ring["order"] == first:
                break  # back at the first stop: the walk went through the whole page and wrapped
            first = ring["order"] if first is None else first
            where = f"{lang.path}{page} stop {stops}: {ring['what']}"
            assert ring["positive"] == 0, f"{where}: positive tabindex breaks the order"
            assert ring["style"] != "none" and ring["width"] >= 2, f"{where}: no visible focus ring {ring}"
            ratio = contrast(ring["colour"], ring["bg"])
            assert ratio >= 3, f"{where}: focus ring {ring['colour']} on {ring['bg']} is {ratio:.2f}:1"
            assert ring["order"] > last or ring["order"] == -1, f"{where}: focus went back in the page"
            last = max(last, ring["order"])
            stops += 1
    assert stops >= len(SCHEME_PAGES[scheme]) * 20, stops


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_search_box_keeps_a_visible_ring(tab, http_url, scheme):
    """Focus opens the search box, which turns the page's colour a moment later (Material's script): the
    ring stays visible on it. (The walk reads each stop at once; this waits for the box to open.)"""
    set_scheme(tab, http_url, scheme)
    for lang in LANGS:
        open_page(tab, page_url(http_url, lang, "index.md"), scheme)
        for _ in range(WALK):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.matches('input.md-search__input')"):
                break
        tab.wait_for_function("document.getElementById('__search').checked")
        ring = tab.evaluate(RING)
        ratio = contrast(ring["colour"], ring["bg"])
        assert ratio >= 3, f"{lang.code} {scheme}: open search box ring {ring['colour']} on {ring['bg']} is {ratio:.2f}:1"


def test_tabs_follow_arrow_keys(tab, http_url):
    set_scheme(tab, http_url, SCHEMES[0])
    for lang in LANGS:
        open_page(tab, page_url(http_url, lang, "examples.md"))
        radios = tab.locator(".tabbed-set").first.locator(":scope > input")
        count = radios.count()
        assert count >= 2
        radios.nth(0).focus()
        for key, expected in [("ArrowRight", 1), ("ArrowLeft", 0), ("ArrowLeft", count - 1), ("ArrowRight", 0)]:
            tab.keyboard.press(key)
            checked = tab.evaluate("""() => [...document.querySelector('.tabbed-set').querySelectorAll(':scope > input')]
                                       .findIndex(i => i.checked && i === document.activeElement)""")
            assert checked == expected, f"{lang.code}: {key} selected tab {checked}, expected {expected}"
            panel = tab.locator(".tabbed-set").first.locator(".tabbed-content > .tabbed-block").nth(expected)
            assert panel.is_visible(), f"{lang.code}: panel {expected} hidden after {key}"


@pytest.mark.parametrize("reduce", [True, False])
def test_reduced_motion_turns_off_smooth_scroll_and_transitions(browser, http_url, reduce):
    context = browser.new_context(reduced_motion="reduce" if reduce else "no-preference")
    page = context.new_page()
    page.goto(page_url(http_url, LANGS[0], "derivation.md"))
    found = page.evaluate("""() => ({scroll: getComputedStyle(document.documentElement).scrollBehavior,
        link: getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration,
        header: getComputedStyle(document.querySelector('.md-header')).transitionDuration})""")
    context.close()
    moving = found["link"] != "0s" or found["header"] != "0s"
    if reduce:
        assert found["scroll"] == "auto" and not moving, found
    else:
        assert moving, f"nothing animates even without the preference: the test could not fail ({found})"


# Measured WCAG contrast of the figure colours on each scheme's page background (rounded down).
FIGURE_CONTRAST = {
    ("default", "--bp-forward"): 5.3, ("default", "--bp-gradient"): 5.4,
    ("slate", "--bp-forward"): 8.2, ("slate", "--bp-gradient"): 6.3,
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_figure_colours_keep_their_contrast(tab, http_url, scheme):
    set_scheme(tab, http_url, scheme)
    open_page(tab, page_url(http_url, LANGS[0], "examples.md"), scheme)
    found = tab.evaluate("""() => { const s = getComputedStyle(document.body);
        return {bg: s.backgroundColor, '--bp-forward': s.getPropertyValue('--bp-forward').trim(),
                '--bp-gradient': s.getPropertyValue('--bp-gradient').trim()}; }""")
    for var in ("--bp-forward", "--bp-gradient"):
        ratio = contrast(found[var], found["bg"])
        print(f"{scheme} {var} {found[var]} on {found['bg']}: {ratio:.2f}:1")
        # Figure numbers are drawn in these colours: text contrast, not only stroke contrast.
        assert ratio >= 4.5, f"{scheme} {var}: {ratio:.2f}:1"
        assert ratio >= FIGURE_CONTRAST[(scheme, var)], f"{scheme} {var}: {ratio:.2f}:1 fell"
    # The fallbacks in gen/figures/theme.py (used where the site's CSS is absent) keep ≥ 3:1 strokes.
    for role in ("forward", "gradient"):
        fallback = re.search(r"#[0-9a-f]{6}", theme.colour(role)).group()
        assert contrast(fallback, found["bg"]) >= 3, (scheme, role, fallback)


ZOOM_FOUND = """() => {
    const doc = document.documentElement;
    const boxes = [...document.querySelectorAll('.md-header__inner > *')]
        .filter(e => e.offsetParent).map(e => [e.className, e.getBoundingClientRect()]);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        if (ra.right - 1 > rb.left && rb.right - 1 > ra.left && ra.bottom - 1 > rb.top && rb.bottom - 1 > ra.top)
            overlaps.push(a + ' / ' + b);
    }
    const cut = [...document.querySelectorAll('.md-typeset :is(h1, h2, h3, p, li)')]
        .filter(e => e.offsetParent && !e.closest('.arithmatex, pre, .md-typeset__scrollwrap, .tabbed-labels, .bp-figure-scroll'))
        .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1).map(e => e.tagName + ': ' + e.textContent.slice(0, 40));
    return {wide: doc.scrollWidth - doc.clientWidth, overlaps, cut};
}"""


@pytest.fixture(scope="module")
def zoomed(browser, http_url):
    """(way, language, page) → header overlaps, text past the window and sideways scroll, for both ways of
    zooming to 200 %: the page (at 1280 px a 640 px viewport) and the text alone (the root font size
    doubled at 1280 px). Each page is loaded once, at 1280 px: text zoom, then back to 100 % and the
    window narrowed to 640 px, as a reader zooming the page would see it."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    found = {}
    for lang in LANGS:
        for name in PAGES:
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto(page_url(http_url, lang, name))
            page.wait_for_function(MATH_READY)
            page.evaluate("document.documentElement.style.fontSize = '250%'")
            found[("text-200", lang.code, name)] = page.evaluate(ZOOM_FOUND)
            page.evaluate("document.documentElement.style.fontSize = ''")
            page.set_viewport_size({"width": 640, "height": 800})
            found[("zoom-200", lang.code, name)] = page.evaluate(ZOOM_FOUND)
    context.close()
    return found


@pytest.mark.parametrize("way", ["zoom-200", "text-200"])
def test_zoom_200_nothing_overflows_or_overlaps(zoomed, way):
    for lang in LANGS:
        for name in PAGES:
            found = zoomed[(way, lang.code, name)]
            where = f"{lang.path}{name}"
            assert found["wide"] <= 0, f"{where}: page scrolls sideways by {found['wide']} px"
            assert not found["overlaps"], f"{where}: header items overlap {found['overlaps']}"
            assert not found["cut"], f"{where}: text runs past the window {found['cut'][:5]}"
