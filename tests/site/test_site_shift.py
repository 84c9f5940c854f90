"""Nothing moves while a page loads (cumulative layout shift ≤ 0.01, the site benchmark's target), with the
fonts held back as on a slow connection; and each page preloads exactly the fonts its math is drawn with,
so its lines are not laid out first with a fallback font's ascent and descent (gen/site/mathpass.py)."""

import functools
import http.server
import threading
import time

import pytest

from gen.site import layout
from pageurls import served_path

FONT_DELAY_S = 0.8
PAGES = ("derivation.md", "examples.md", "index.md")
LIMIT = 0.01
"""Cumulative layout shift allowed (a 'good' page by the web's usual measure is under 0.1)."""

OBSERVE = """window.__shift = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) __shift += e.value; }))
  .observe({type: 'layout-shift', buffered: true});"""

SETTLED = """async () => {
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r));
  await document.fonts.ready;
  await new Promise(r => setTimeout(r, 300));
  return {shift: __shift, fonts: [...document.fonts].filter(f => f.status === 'loaded').length};
}"""


@pytest.fixture(scope="module")
def slow_fonts_url(site):
    """The built site over http, each font answered FONT_DELAY_S late."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.split("?")[0].endswith((".woff", ".woff2")):
                time.sleep(FONT_DELAY_S)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_no_layout_shift_while_fonts_load(browser, slow_fonts_url, lang):
    """At 1280 px, as the site benchmark measures it."""
    width = 1280
    for page in PAGES:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.add_init_script(OBSERVE)
        tab.goto(slow_fonts_url + lang.path + served_path(page))
        found = tab.evaluate(SETTLED)
        context.close()
        assert found["fonts"] >= 2, f"{lang.path}{page}: math fonts never loaded"
        assert found["shift"] <= LIMIT, f"{lang.path}{page} at {width} px: layout shift {found['shift']:.4f}"


SHOW_ALL = ".md-typeset div.arithmatex { content-visibility: visible !important; }"

REQUESTED_AND_PRELOADED = """async () => {
  await document.fonts.ready;
  const names = urls => [...new Set(urls.map(u => new URL(u, location.href).pathname))].sort();
  return {requested: names(performance.getEntriesByType('resource').map(e => e.name).filter(u => /\\.woff2?(\\?|$)/.test(u))),
          preloaded: names([...document.querySelectorAll('link[rel=preload][as=font]')].map(l => l.href))};
}"""


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_every_font_a_page_draws_with_is_preloaded(browser, http_url, pages, lang):
    """All of a page's math laid out (none skipped off-screen), the fonts it asked for are the ones it preloads."""
    checked = 0
    for page in pages:
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # nothing from the page before
        tab = context.new_page()
        tab.goto(http_url + lang.path + served_path(page))
        tab.add_style_tag(content=SHOW_ALL)
        found = tab.evaluate(REQUESTED_AND_PRELOADED)
        context.close()
        assert found["requested"] == found["preloaded"], f"{lang.path}{page}: {found}"
        checked += bool(found["preloaded"])
    assert checked >= len(pages) - 1  # every page with math (the explorer pages too)
