"""Every page in a real browser: math already typeset, nothing from other hosts, switcher, search.

Chromium is driven by Playwright over http (a local server) and over file://
(the offline copy, unpacked from the download).
"""

import re
from urllib.parse import urlsplit

import pytest

from a11y_audit import toggle_scheme
from conftest import docs_source
from gen.site import layout
from pageurls import file_path, served_path

PAGES = sorted(layout.page_files(docs_source() / layout.LANGUAGES[0].code))
MODES = ["http", "file"]


def page_url(base: str, lang: layout.Language, page: str, mode: str) -> str:
    return base + lang.path + (served_path(page) if mode == "http" else file_path(page))


@pytest.fixture(scope="module")
def bases(http_url, offline_site):
    return {"http": http_url, "file": offline_site.as_uri() + "/"}


def watched(context):
    """A new page of context that keeps every request and every error it sees."""
    page = context.new_page()
    page.requests, page.problems = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(
        f"HTTP {r.status} {r.url}"))
    return page


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    yield watched(context)
    context.close()


FOUND = r"""() => {
    const math = [...document.querySelectorAll('.arithmatex')];
    return {
        sources: math.length,
        rendered: math.filter(e => e.querySelector(':scope > mjx-container > mjx-math')).length,
        named: math.filter(e => {
            const mml = e.querySelector('mjx-assistive-mml > math');
            return mml && mml.textContent.trim().length > 0;
        }).length,
        tex: math.filter(e => /\\[(\[]|\\frac|\\begin/.test(e.textContent)).length,
        errors: document.querySelectorAll('mjx-merror').length,
        mathjax: typeof window.MathJax !== 'undefined',
        lang: document.documentElement.lang,
        switcher: Object.fromEntries([...document.querySelectorAll('a.md-select__link[hreflang]')]
            .map(a => [a.hreflang, a.href]))};
}"""


def typeset(tab, url: str) -> dict:
    """Open url: its math as sent (nothing is typeset in the browser), its language, the switcher's links."""
    tab.goto(url)
    return tab.evaluate(FOUND)


def visiting(browser, bases):
    """visit(language, mode) → ({page: what one visit found there, and the requests it made}, problems seen),
    each (language, mode) visited once."""
    done = {}

    def visit(lang, mode):
        if (lang.code, mode) not in done:
            context = browser.new_context()
            tab = watched(context)
            found = {}
            for page in PAGES:
                tab.requests.clear()
                found[page] = {**typeset(tab, page_url(bases[mode], lang, page, mode)), "requests": list(tab.requests)}
            context.close()
            done[(lang.code, mode)] = found, tab.problems
        return done[(lang.code, mode)]
    return visit


@pytest.fixture(scope="module")
def visits(browser, bases):
    return visiting(browser, bases)


def foreign(requests: list[str], base: str) -> list[str]:
    """Requests that leave the site: another host, or anything but file:// offline."""
    origin = urlsplit(base)
    bad = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
            bad.append(url)
    return bad


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_typesets_locally(visits, bases, lang, mode):
    base = bases[mode]
    seen, problems = visits(lang, mode)
    rendered = 0
    for page, found in seen.items():
        rendered += found["rendered"]
        assert found["lang"] == lang.code, page
        assert found["errors"] == 0, page
        assert found["rendered"] == found["sources"], (page, found)
        assert found["named"] == found["sources"], (page, found)
        assert found["tex"] == 0 and not found["mathjax"], (page, found)
        assert foreign(found["requests"], base) == [], page
        assert not [u for u in found["requests"] if "mathjax" in u.lower() and u.endswith(".js")], page
    assert rendered > 0
    assert problems == []


@pytest.mark.parametrize("mode", MODES)
def test_switcher_stays_on_page(visits, tab, bases, mode):
    """On every page of both languages the switcher links to the same page in the other language; clicking
    it goes there (a page near the top and a nested one, one in each direction)."""
    base = bases[mode]
    ko, en = layout.LANGUAGES
    for here, there in ((ko, en), (en, ko)):
        for page, found in visits(here, mode)[0].items():
            assert found["switcher"][there.code] == page_url(base, there, page, mode), (here.code, page)
    for here, there, page in ((ko, en, "derivation.md"), (en, ko, "two-layer/examples.md")):
        tab.goto(page_url(base, here, page, mode), wait_until="domcontentloaded")
        tab.hover(".md-header__option .md-select")
        with tab.expect_navigation(wait_until="domcontentloaded"):
            tab.click(f"a.md-select__link[hreflang={there.code}]")
        assert tab.url == page_url(base, there, page, mode)
        assert tab.evaluate("document.documentElement.lang") == there.code


def search(tab, url: str, query: str) -> list[str]:
    """Type query into Material's search box; the result links."""
    tab.goto(url)
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    tab.wait_for_selector(".md-search-result__item", timeout=15000)
    return tab.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("query", ["역전파", "기울기", "연쇄 법칙"])
def test_korean_search_finds_korean_pages(tab, bases, mode, query):
    base = bases[mode]
    ko = layout.LANGUAGES[0]
    hits = search(tab, page_url(base, ko, "index.md", mode), query)
    assert hits
    assert all(h.startswith(base) and not h.startswith(base + "en/") for h in hits), hits
    assert foreign(tab.requests, base) == []


def test_english_search_finds_english_pages(tab, bases):
    base = bases["http"]
    en = layout.language("en")
    hits = search(tab, page_url(base, en, "index.md", "http"), "backpropagation")
    assert hits and all(h.startswith(base + "en/") for h in hits), hits


def _luminance(css_color: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_math_in_light_and_dark(tab, bases):
    ko = layout.LANGUAGES[0]
    page = next(p for p in PAGES if "$$" in (docs_source() / ko.code / p).read_text("utf-8"))
    assert typeset(tab, page_url(bases["http"], ko, page, "http"))["rendered"] > 0
    color = "getComputedStyle(document.querySelector('mjx-container')).color"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert _luminance(tab.evaluate(color)) < 0.4
    toggle_scheme(tab, "slate")  # the header's toggle, its colour transitions finished
    assert _luminance(tab.evaluate(color)) > 0.6
    assert tab.evaluate("document.querySelectorAll('mjx-merror').length") == 0


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_figures_visible_with_titles(tab, bases, lang):
    """Every inline figure (tabbed ones after clicking their tab) is drawn and titled in the page's language.

    The phone drawings (`bp-figure-narrow`) are hidden at this width; tests/site/test_site_layout.py
    checks them at 390 px."""
    hangul = re.compile(r"[\uac00-\ud7a3]")
    seen = 0
    for page in ("derivation.md", "examples.md"):
        tab.goto(page_url(bases["http"], lang, page, "http"))
        ids = tab.eval_on_selector_all("svg[role=img]:not(.bp-figure-narrow)", "els => els.map(e => e.id)")
        assert ids, page
        for svg_id in ids:
            label = tab.evaluate("""id => {
                const block = document.getElementById(id).closest('.tabbed-block');
                if (!block) return null;
                const set = block.closest('.tabbed-set');
                const index = [...block.parentElement.children].indexOf(block);
                return set.querySelectorAll(':scope > .tabbed-labels > label')[index].htmlFor;
            }""", svg_id)
            if label:
                tab.click(f"label[for='{label}']")
            box = tab.locator(f"#{svg_id}").bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50, svg_id
            title = tab.locator(f"#{svg_id} > title").text_content()
            assert title and bool(hangul.search(title)) == (lang.code == "ko"), (svg_id, title)
            seen += 1
    assert seen >= 10
