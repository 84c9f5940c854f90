"""At 390 px no Korean word of any page is split across two lines (word-break: keep-all in site.css);
without the rule, the same measurement finds split words."""

from gen.site import layout
from conftest import docs_source
from pageurls import page_url

KO = layout.language("ko")
PAGES = sorted(layout.page_files(docs_source() / KO.code))

# Each run of Hangul in the article's text: its line boxes; a run drawn on two lines is a split word.
SPLIT_WORDS = r"""() => {
  const article = document.querySelector('article');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const split = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('svg, mjx-container, code, pre')) continue;
    for (const m of node.textContent.matchAll(/[\uac00-\ud7a3]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0]);
    }
  }
  return split;
}"""

NO_RULE = "html:lang(ko) body { word-break: normal !important; }"


def split_words(browser, url, css=None):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto(url)
        if css:
            tab.add_style_tag(content=css)
        return tab.evaluate(SPLIT_WORDS)
    finally:
        tab.close()


def test_no_korean_word_split_at_390px(browser, http_url):
    split = {page: words for page in PAGES if (words := split_words(browser, page_url(http_url, KO, page)))}
    assert split == {}


def test_measurement_finds_split_words_without_the_rule(browser, http_url):
    assert any(split_words(browser, page_url(http_url, KO, page), NO_RULE) for page in PAGES)
