"""Accessibility in a real browser: axe-core on every page, both languages, both schemes;
keyboard walk with a visible focus ring; tabs by arrow keys; reduced motion; contrast; 200 % zoom.

Run alone: python -m pytest -n0 tests/site/test_a11y.py -s   (-s prints the audit's numbers).
One browser page is reused for the whole audit; axe-core comes from axe-playwright-python.
"""

import re
import time

import pytest

from a11y_audit import AXE_OPTIONS, SCHEME_RULES, SCHEMES, contrast, palette_script, report
from conftest import docs_source
from gen.figures import theme
from gen.site import layout
from pageurls import served_path

PAGES = sorted(layout.page_files(docs_source() / layout.LANGUAGES[0].code))
LANGS = layout.LANGUAGES
SEARCH_NAME = {"ko": "검색", "en": "Search"}
MATH_READY = "() => !window.MathJax || !MathJax.startup || !MathJax.startup.promise || MathJax.startup.promise.then(() => true)"


def page_url(base: str, lang, page: str) -> str:
    return base + lang.path + served_path(page)


def scopes() -> list[str]:
    return ["/" + lang.path for lang in LANGS]


@pytest.fixture(scope="module")
def tab(browser):
    """The one page every audit in this module reuses."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def open_page(tab, url: str, scheme: str | None = None):
    tab.goto(url)
    tab.wait_for_function(MATH_READY)
    if scheme:
        found = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert found == scheme, f"{url}: scheme {found!r}, expected {scheme!r}"


def set_scheme(tab, base: str, scheme: str):
    tab.goto(base)
    tab.evaluate(palette_script(scheme, scopes()))


FACTS = r"""() => {
  const main = document.querySelector('.md-content');
  const dialog = document.querySelector('[role=dialog]');
  const maths = [...main.querySelectorAll('.arithmatex')];
  const unreadable = maths.filter(m => !m.querySelector('math') &&
      !m.querySelector('[aria-label]:not([aria-label=""]), [aria-labelledby]')).length;
  const figures = [...main.querySelectorAll('svg')].filter(s => s.closest('.md-typeset') && s.querySelector('text'));
  const untitled = figures.filter(s => !s.querySelector(':scope > title')?.textContent.trim()
      || !s.querySelector(':scope > desc')?.textContent.trim()).length;
  const titles = figures.map(s => (s.querySelector(':scope > title')?.textContent || '') + ' ' +
      (s.querySelector(':scope > desc')?.textContent || ''));
  // Text in the other language not marked with its own lang (math, svg and code excluded here).
  const pageLang = document.documentElement.lang;
  const other = pageLang === 'ko' ? /[A-Za-z]{3,}/ : /[\uac00-\ud7a3]+/;
  const walker = document.createTreeWalker(main.querySelector('article') || main, NodeFilter.SHOW_TEXT);
  const unmarked = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el.closest('.arithmatex, mjx-container, svg, script, style, .headerlink')) continue;
    const m = n.textContent.match(other);
    if (m && el.closest('[lang]').getAttribute('lang') === pageLang) unmarked.push(m[0]);
  }
  return {dialog: dialog && (dialog.getAttribute('aria-label') || ''), maths: maths.length, unreadable,
          figures: figures.length, untitled, titles, unmarked, lang: pageLang};
}"""


@pytest.fixture(scope="module")
def audit(tab, http_url):
    """axe-core on every page × language × scheme (colour rules again in the dark scheme); page facts."""
    from axe_playwright_python.sync_playwright import Axe

    axe_script = Axe().axe_script
    violations, facts, audited = [], {}, 0
    start = time.perf_counter()
    for scheme in SCHEMES:
        set_scheme(tab, http_url, scheme)
        for lang in LANGS:
            for page in PAGES:
                name = lang.path + page
                open_page(tab, page_url(http_url, lang, page), scheme)
                tab.evaluate(axe_script)
                options = AXE_OPTIONS if scheme == SCHEMES[0] else SCHEME_RULES
                result = tab.evaluate("o => axe.run(document, o)", options)
                audited += 1
                for rule in result["violations"]:
                    for node in rule["nodes"]:
                        violations.append({"scheme": scheme, "page": name, "rule": rule["id"],
                                           "impact": rule["impact"], "target": " ".join(map(str, node["target"])),
                                           "summary": (node.get("failureSummary") or "").splitlines()[-1].strip()})
                if scheme == SCHEMES[0]:
                    facts[(lang.code, page)] = tab.evaluate(FACTS)
    seconds = time.perf_counter() - start
    print(f"\naxe-core: {audited} page views, {len(violations)} violations, {seconds:.1f} s")
    return {"violations": violations, "facts": facts, "audited": audited}


def test_axe_core_finds_no_wcag_violation(audit):
    assert audit["audited"] == len(PAGES) * len(LANGS) * len(SCHEMES)
    assert not audit["violations"], "axe-core violations:\n" + report(audit["violations"])


@pytest.mark.parametrize("lang", LANGS, ids=lambda lang: lang.code)
def test_search_dialog_is_named_in_the_page_language(audit, lang):
    for page in PAGES:
        assert audit["facts"][(lang.code, page)]["dialog"] == SEARCH_NAME[lang.code], page


def test_every_equation_and_figure_can_be_read_aloud(audit):
    maths = figures = 0
    for (code, page), fact in audit["facts"].items():
        assert fact["unreadable"] == 0, f"{code}/{page}: {fact['unreadable']} equations without MathML or a label"
        assert fact["untitled"] == 0, f"{code}/{page}: {fact['untitled']} figures without <title> and <desc>"
        hangul = [bool(re.search("[\uac00-\ud7a3]", t)) for t in fact["titles"]]
        assert all(hangul) if code == "ko" else not any(hangul), f"{code}/{page}: figure text in another language"
        maths += fact["maths"]
        figures += fact["figures"]
    assert maths > 100 and figures > 5, (maths, figures)


def test_words_in_the_other_language_carry_their_own_lang(audit):
    unmarked = {f"{code}/{page}": fact["unmarked"] for (code, page), fact in audit["facts"].items() if fact["unmarked"]}
    assert not unmarked, "\n".join(f"{p}: {len(w)} unmarked, e.g. {sorted(set(w))[:8]}" for p, w in unmarked.items())


RING = r"""() => {
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
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, label[tabindex], [tabindex]')];
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''),
          order: all.indexOf(el), style: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
          colour: cs.outlineColor, bg: bg || 'rgb(255, 255, 255)', w: rect.width, h: rect.height,
          positive: document.querySelectorAll('[tabindex]:not([tabindex="0"]):not([tabindex^="-"])').length};
}"""
WALK = 60
"""Tab stops walked per page: the header, the navigation and the start of the content."""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_walk_has_visible_ring_in_dom_order(tab, http_url, scheme):
    set_scheme(tab, http_url, scheme)
    stops = 0
    for lang in LANGS:
        for page in PAGES:
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
    assert stops >= len(PAGES) * len(LANGS) * 20, stops


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


@pytest.mark.parametrize("text_only", [False, True], ids=["zoom-200", "text-200"])
def test_zoom_200_nothing_overflows_or_overlaps(browser, http_url, text_only):
    # Page zoom 200 % at 1280 px is a 640 px viewport; text-only zoom doubles the root font size.
    context = browser.new_context(viewport={"width": 1280 if text_only else 640, "height": 800})
    page = context.new_page()
    for lang in LANGS:
        for name in PAGES:
            page.goto(page_url(http_url, lang, name))
            page.wait_for_function(MATH_READY)
            if text_only:
                page.evaluate("document.documentElement.style.fontSize = '250%'")
            found = page.evaluate("""() => {
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
            }""")
            where = f"{lang.path}{name}"
            assert found["wide"] <= 0, f"{where}: page scrolls sideways by {found['wide']} px"
            assert not found["overlaps"], f"{where}: header items overlap {found['overlaps']}"
            assert not found["cut"], f"{where}: text runs past the window {found['cut'][:5]}"
    context.close()
