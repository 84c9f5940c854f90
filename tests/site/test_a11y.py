"""Accessibility in a real browser: axe-core on every page in both languages, and in the dark scheme; every equation
and figure readable aloud; words of the other language marked. (Keyboard, motion, colours and zoom:
test_a11y_keyboard.py.)

Run alone: python -m pytest -n0 tests/site/test_a11y.py -s   (-s prints the audit's numbers).
One browser page is reused for the whole audit; axe-core comes from axe-playwright-python.
"""

import re
import time

import pytest

from a11y_audit import (AXE_OPTIONS, LANGS, PAGES, SCHEME_RULES, SCHEMES, one_tab, open_page, report, set_scheme,
                        toggle_scheme)
from pageurls import page_url

SEARCH_NAME = {"ko": "검색", "en": "Search"}


@pytest.fixture(scope="module")
def tab(browser):
    yield from one_tab(browser)


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
    """axe-core on every page × language × scheme; page facts.

    Each page is loaded once, in the default scheme, and audited with every rule. Then, in one language
    per page (alternating: both languages are the same markup and stylesheets, only the words differ),
    the header's own toggle turns it dark, as a reader does, and the rules that depend on colours run
    again (nothing read at load time may keep a light colour); the toggle turns it back for the next page."""
    from axe_playwright_python.sync_playwright import Axe

    axe_script = Axe().axe_script
    violations, facts, views = [], {}, []
    default, dark = SCHEMES

    def run(scheme, lang, page, options):
        result = tab.evaluate("o => axe.run(document, o)", options)
        views.append((scheme, lang.code, page))
        name = lang.path + page
        for rule in result["violations"]:
            for node in rule["nodes"]:
                violations.append({"scheme": scheme, "page": name, "rule": rule["id"], "impact": rule["impact"],
                                   "target": " ".join(map(str, node["target"])),
                                   "summary": (node.get("failureSummary") or "").splitlines()[-1].strip()})

    start = time.perf_counter()
    set_scheme(tab, http_url, default)
    for number, lang in enumerate(LANGS):
        for index, page in enumerate(PAGES):
            open_page(tab, page_url(http_url, lang, page), default)
            tab.evaluate(axe_script)
            run(default, lang, page, AXE_OPTIONS)
            facts[(lang.code, page)] = tab.evaluate(FACTS)
            if (index + number) % len(LANGS) == 0:
                toggle_scheme(tab, dark)
                run(dark, lang, page, SCHEME_RULES)
                toggle_scheme(tab, default)
    seconds = time.perf_counter() - start
    print(f"\naxe-core: {len(views)} page views, {len(violations)} violations, {seconds:.1f} s")
    return {"violations": violations, "facts": facts, "views": views}


def test_axe_core_finds_no_wcag_violation(audit):
    views = audit["views"]
    # Every page in each language, and every page once in the dark scheme, the languages alternating.
    assert sorted((code, page) for scheme, code, page in views if scheme == SCHEMES[0]) == \
        sorted((lang.code, page) for lang in LANGS for page in PAGES)
    dark = [(code, page) for scheme, code, page in views if scheme == SCHEMES[1]]
    assert sorted(page for _, page in dark) == sorted(PAGES) and {code for code, _ in dark} == {lang.code for lang in LANGS}
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
