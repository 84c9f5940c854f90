"""The Zensical build in a real browser, as test_site_browser.py checks the mkdocs one: every page of both
languages with its math typeset and nothing requested from another host (over http and from the offline
copy), the language switch on every page, search in both languages, and no broken link.

Zensical's search is its own: a dialog in a shadow root, opened by the header's search button (Playwright's
CSS locators see into open shadow roots). Skipped when zensical is not installed (pip install '.[zensical]').
"""

from pathlib import Path

import pytest

from conftest import serving, unzip_offline
from gen.site import layout
from test_site_browser import foreign, page_url, visiting, watched
from test_site_links import broken_links
from htmlscan import absolute_urls
from test_site_no_external import NAMESPACES

MODES = ["http", "file"]


@pytest.fixture(scope="module")
def zensical_offline(zensical_built, tmp_path_factory) -> Path:
    return unzip_offline(zensical_built, tmp_path_factory.mktemp("zensical-offline"))


@pytest.fixture(scope="module")
def bases(zensical_built, zensical_offline):
    with serving(zensical_built) as url:
        yield {"http": url, "file": zensical_offline.as_uri() + "/"}


@pytest.fixture(scope="module")
def visits(browser, bases):
    return visiting(browser, bases)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_typesets_locally(visits, bases, lang, mode):
    seen, problems = visits(lang, mode)
    assert sum(found["rendered"] for found in seen.values()) > 0
    for page, found in seen.items():
        assert found["lang"] == lang.code, page
        assert found["errors"] == 0 and found["tex"] == 0 and not found["mathjax"], (page, found)
        assert found["rendered"] == found["named"] == found["sources"], (page, found)
        assert foreign(found["requests"], bases[mode]) == [], page
    assert problems == []


@pytest.mark.parametrize("mode", MODES)
def test_the_switch_stays_on_the_page(visits, browser, bases, mode):
    ko, en = layout.LANGUAGES
    for here, there in ((ko, en), (en, ko)):
        for page, found in visits(here, mode)[0].items():
            assert found["switcher"][there.code] == page_url(bases[mode], there, page, mode), (here.code, page)
    context = browser.new_context()
    tab = watched(context)
    for here, there, page in ((ko, en, "derivation.md"), (en, ko, "two-layer/examples.md")):
        tab.goto(page_url(bases[mode], here, page, mode), wait_until="domcontentloaded")
        tab.hover(".md-header__option .md-select")
        with tab.expect_navigation(wait_until="domcontentloaded"):
            tab.click(f"a.md-select__link[hreflang={there.code}]")
        assert tab.url == page_url(bases[mode], there, page, mode)
        assert tab.evaluate("document.documentElement.lang") == there.code
    context.close()


def search(tab, url: str, query: str) -> list[str]:
    """Open Zensical's search dialog, type query; the result links."""
    tab.goto(url)
    tab.click(".md-search__button")
    box = tab.locator('dialog input[role="combobox"]')
    box.fill(query)
    results = tab.locator('dialog ol[role="listbox"] a[href]')
    results.first.wait_for(timeout=15000)
    return results.evaluate_all("els => els.map(e => e.href)")


@pytest.mark.parametrize("query", ["역전파", "기울기", "연쇄 법칙"])
def test_korean_search_finds_korean_pages(browser, bases, query):
    context = browser.new_context()
    tab = watched(context)
    base = bases["http"]
    hits = search(tab, page_url(base, layout.LANGUAGES[0], "index.md", "http"), query)
    assert hits and all(h.startswith(base) and not h.startswith(base + "en/") for h in hits), hits
    assert foreign(tab.requests, base) == [] and tab.problems == []
    context.close()


def test_english_search_finds_english_pages(browser, bases):
    context = browser.new_context()
    tab = watched(context)
    base = bases["http"]
    hits = search(tab, page_url(base, layout.language("en"), "index.md", "http"), "backpropagation")
    assert hits and all(h.startswith(base + "en/") for h in hits), hits
    context.close()


def test_no_broken_links(zensical_built, zensical_offline):
    assert broken_links(zensical_built) == []
    assert broken_links(zensical_offline) == []


def test_pages_name_no_other_host(zensical_built):
    for page in zensical_built.rglob("*.html"):
        urls = {u for u in absolute_urls(page.read_text("utf-8")) if not u.startswith(NAMESPACES)}
        assert urls == set(), page
