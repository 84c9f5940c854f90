"""TeX to CommonHTML at build time: MathJax 3 (the pinned PyPI files) in embedded V8.

MathJax's own components run unchanged inside mini-racer with its liteDOM adaptor,
so the markup, fonts and spacing are the ones MathJax produces in a browser. The
engine starts once per build; every (TeX, display) pair is typeset once.
"""

import json

from gen.errors import SiteError
from gen.site import mathjax

# Components loaded (from es5/), in the order MathJax's loader asks for them.
_COMPONENTS = ("core", "adaptors/liteDOM", "input/tex", "output/chtml",
               "output/chtml/fonts/tex", "a11y/assistive-mml")

# MathJax's configuration. An unknown macro is an error (noundefined off), and
# formatError rethrows, so no red or yellow error box ever reaches a page.
_CONFIG = """
var window = globalThis, global = globalThis;
window.MathJax = {
  loader: {
    load: ['adaptors/liteDOM', 'input/tex', 'output/chtml', 'a11y/assistive-mml'],
    paths: {mathjax: 'mathjax'},
    require: function (url) {
      var name = url.replace(/^mathjax\\//, '').replace(/\\.js$/, '');
      if (!(name in __SOURCES)) throw new Error('MathJax file not available: ' + url);
      (0, eval)(__SOURCES[name]);
    }
  },
  tex: {
    packages: {'[-]': ['noundefined']},
    formatError: function (jax, err) { throw err; }
  },
  chtml: {fontURL: '%(font_url)s', adaptiveCSS: true},
  startup: {typeset: false}
};
"""

_API = """
function __typeset(tex, display) {
  // MathJax.tex2chtml, spelled out so that the same conversion also gives the width.
  var doc = MathJax.startup.document, item;
  try {
    item = new doc.options.MathItem(tex, doc.inputJax[0], display);
    item.start.node = doc.adaptor.body(doc.document);
    item.setMetrics(16, 8, 1280, 1000000, 1);
    item.convert(doc);
  } catch (e) {
    throw new Error('TeX: ' + (e.message || String(e)));
  }
  var box = doc.outputJax.getBBox(item, doc);
  // liteDOM cannot measure text; a browser drops the resulting "NaNem" anyway.
  var markup = doc.adaptor.outerHTML(item.typesetRoot).replace(/ style="height: NaNem;"/g, '');
  return [markup, box.L + box.w + box.R];
}
function __stylesheet() {
  // The rules for what was typeset so far, made anew each time in the order of MathJax's full
  // stylesheet (wrappers in the factory's order, delimiters, then each font variant's characters):
  // the same set of equations gives the same text, whatever order they came in and however often
  // this is asked (MathJax's own update puts the new rules first).
  var doc = MathJax.startup.document, jax = doc.outputJax, font = jax.font;
  function sorted(usage, order) {
    var all = Array.from(usage.used, function (key) { return JSON.parse(key); });
    return all.map(function (item) { return [order(item), JSON.stringify(item), item]; })
      .sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); })
      .map(function (entry) { return entry[2]; });
  }
  var kinds = jax.factory.getKinds(), variants = Object.keys(font.variant);
  function rank(list, item) { var i = list.indexOf(item); return i < 0 ? list.length : i; }
  jax.wrapperUsage.needsUpdate = sorted(jax.wrapperUsage, function (kind) { return rank(kinds, kind); });
  font.delimUsage.needsUpdate = sorted(font.delimUsage, function (n) { return n; });
  font.charUsage.needsUpdate = sorted(font.charUsage, function (c) {
    return rank(variants, c[0]) * 0x200000 + c[1];
  });
  jax.chtmlStyles = null;
  return MathJax.startup.adaptor.textContent(jax.styleSheet(doc));
}
"""


class TexError(SiteError):
    """A TeX string MathJax could not typeset; the message is MathJax's."""


class Typesetter:
    """One MathJax instance; use as a context manager (it owns a V8 isolate)."""

    def __init__(self, font_url: str = mathjax.FONT_URL):
        self._font_url = font_url
        self._cache: dict[tuple[str, bool], tuple[str, float]] = {}
        self._ctx = None

    def __enter__(self):
        from py_mini_racer import MiniRacer

        self._ctx = MiniRacer()
        es5 = mathjax.es5_dir()
        sources = {name: (es5 / f"{name}.js").read_text("utf-8") for name in _COMPONENTS}
        self._ctx.eval(f"var __SOURCES = {json.dumps(sources)};")
        self._ctx.eval(_CONFIG % {"font_url": self._font_url})
        self._ctx.eval((es5 / "startup.js").read_text("utf-8"))
        # Startup settles in V8's microtask queue, which runs after each eval.
        self._ctx.eval("var __started = null; MathJax.startup.promise"
                       ".then(() => { __started = ''; }, e => { __started = String(e); });")
        problem = self._ctx.eval("__started")
        if problem is None:
            problem = "startup did not finish"
        if problem:
            raise SiteError(f"MathJax did not start: {problem}")
        self._ctx.eval(_API)
        return self

    def __exit__(self, *exc):
        self._ctx.close()
        self._ctx = None

    def typeset(self, tex: str, display: bool) -> str:
        """The <mjx-container> markup for tex; TexError with MathJax's message if it fails."""
        return self._convert(tex, display)[0]

    def width(self, tex: str, display: bool) -> float:
        """Width in em of MathJax's font (equation number included), from the same conversion."""
        return self._convert(tex, display)[1]

    def _convert(self, tex: str, display: bool) -> tuple[str, float]:
        """(markup, width in em), converted once per (TeX, display) pair."""
        key = (tex, display)
        if key not in self._cache:
            from py_mini_racer import JSEvalException

            try:
                markup, width = self._ctx.call("__typeset", tex, display)
            except JSEvalException as err:
                raise TexError(_first_line(err)) from None
            self._cache[key] = (markup, float(width))
        return self._cache[key]

    def stylesheet(self) -> str:
        """CSS for everything typeset so far (every glyph used, the @font-face rules)."""
        return self._ctx.call("__stylesheet")

    @property
    def count(self) -> int:
        """Distinct (TeX, display) pairs typeset."""
        return len(self._cache)


def _first_line(err: Exception) -> str:
    """MathJax's message from a V8 exception (its text starts with the JS error line)."""
    text = str(err)
    start = text.find("TeX: ")
    return text[start + 5:].splitlines()[0].strip() if start >= 0 else text.splitlines()[0]
