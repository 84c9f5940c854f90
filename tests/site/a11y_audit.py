"""Helpers for the accessibility tests: the pages and how to open them, schemes, contrast, axe-core options.

Material keeps the chosen scheme in localStorage under "<scope path>.__palette", the scope being
each language build's root; setting it before a page loads is exactly what the toggle does.
"""

import json

from conftest import docs_source
from gen.site import layout

SCHEMES = ("default", "slate")
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    # aria-dialog-name is tagged best-practice in axe-core 4, but an unnamed dialog is unusable by ear.
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],
}
# The only WCAG A/AA rules whose outcome depends on colours; the second scheme reruns just these
# (the markup is the same in both schemes, so the other rules would repeat the first pass).
SCHEME_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                "resultTypes": ["violations"]}


PAGES = sorted(layout.page_files(docs_source() / layout.LANGUAGES[0].code))
LANGS = layout.LANGUAGES
MATH_READY = "() => !window.MathJax || !MathJax.startup || !MathJax.startup.promise || MathJax.startup.promise.then(() => true)"


def scopes() -> list[str]:
    return ["/" + lang.path for lang in LANGS]


def one_tab(browser):
    """The one page every audit in a module reuses (a module fixture yields from this)."""
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


# The scheme shows and no colour transition is still running (endless animations aside).
SETTLED = """scheme => document.body.getAttribute('data-md-color-scheme') === scheme &&
    document.getAnimations().every(a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)"""


def toggle_scheme(tab, scheme: str):
    """Click the header's scheme toggle until `scheme` shows, then let its colour transitions finish."""
    for _ in SCHEMES:
        if tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme:
            break
        tab.click("form[data-md-component=palette] label.md-header__button:not([hidden])")
    tab.wait_for_function(SETTLED, arg=scheme)


def palette_script(scheme: str, scopes: list[str]) -> str:
    """JS that stores `scheme` as the reader's choice for every language build's scope."""
    index = SCHEMES.index(scheme)
    value = json.dumps({"index": index, "color": {"media": "", "scheme": scheme,
                                                  "primary": "indigo", "accent": "indigo"}})
    return "".join(f"localStorage.setItem({json.dumps(s + '.__palette')}, {json.dumps(value)});" for s in scopes)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour given as 0–255 channels."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (hex strings or 0–255 triples)."""
    la, lb = sorted((luminance(parse(a)), luminance(parse(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse(colour) -> tuple[float, float, float]:
    """'#rrggbb', 'rgb(r, g, b)' / 'rgba(r, g, b, a)' (opaque part) or a triple → (r, g, b)."""
    if isinstance(colour, (tuple, list)):
        return tuple(colour[:3])
    text = colour.strip()
    if text.startswith("#") and len(text) == 7:
        return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))
    if text.startswith("rgb"):
        return tuple(float(x) for x in text[text.index("(") + 1:-1].replace("/", ",").split(",")[:3])
    raise ValueError(f"unreadable colour (got {colour!r})")


def report(violations: list[dict]) -> str:
    """One line per failing node: scheme, page, rule, impact, selector, axe's summary."""
    return "\n".join(f"[{v['scheme']}] {v['page']}: {v['rule']} ({v['impact']}) {v['target']} — {v['summary']}"
                     for v in violations)
