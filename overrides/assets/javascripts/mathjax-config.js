// MathJax 3 configuration for pymdownx.arithmatex (generic mode): typeset only
// the elements arithmatex marked, with the delimiters it writes.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};

// Material emits document$ once per page load (and again on instant
// navigation). MathJax typesets the first page by itself on startup, so the
// first emission is skipped: re-typesetting it would render every equation
// twice.
(function () {
  var first = true;
  document$.subscribe(function () {
    if (first) {
      first = false;
      return;
    }
    MathJax.startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    MathJax.typesetPromise();
  });
})();
