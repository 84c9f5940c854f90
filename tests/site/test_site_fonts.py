"""Headings draw Latin and Hangul from one font at one weight (no thin Latin beside regular Hangul)."""

import re

import pytest

from gen.site import layout

KO = layout.language("ko")

# Split the first heading with both scripts into one span per script run, then ask Chromium which platform
# font drew each span's glyphs (CDP CSS.getPlatformFontsForNode).
SPLIT = r"""(selector) => {
  const both = e => /[A-Za-z]/.test(e.textContent) && /[\uac00-\ud7a3]/.test(e.textContent);
  const h = [...document.querySelectorAll(selector)].find(both);
  if (!h) return {};
  const text = h.textContent.replace(/¶/g, '').trim();
  const runs = text.match(/[\uac00-\ud7a3]+|[A-Za-z0-9]+/g);
  const latin = runs.find(r => /[A-Za-z]/.test(r)), hangul = runs.find(r => /[\uac00-\ud7a3]/.test(r));
  h.replaceChildren();
  for (const [id, run] of [['font-latin', latin], ['font-hangul', hangul]]) {
    const span = document.createElement('span');
    span.id = id; span.textContent = run; h.append(span, ' ');
  }
  return {latin, hangul,
          weights: [...h.children].map(s => getComputedStyle(s).fontWeight)};
}"""


def _platform_fonts(cdp, selector: str) -> list[str]:
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return sorted({f["familyName"] for f in fonts if f["glyphCount"]})


@pytest.mark.parametrize("page, selector", [("index.md", "article h1"), ("derivation.md", "article h3")])
def test_heading_latin_and_hangul_share_font_and_weight(browser, http_url, page, selector):
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(http_url + KO.path + ("" if page == "index.md" else page[:-3] + "/"))
        found = tab.evaluate(SPLIT, selector)
        assert found["latin"] and found["hangul"], found
        assert len(set(found["weights"])) == 1, found
        cdp = context.new_cdp_session(tab)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        latin = _platform_fonts(cdp, "#font-latin")
        hangul = _platform_fonts(cdp, "#font-hangul")
        assert latin == hangul and len(latin) == 1, (found, latin, hangul)
        assert not re.search(r"light|thin", latin[0], re.I), latin
    finally:
        context.close()
