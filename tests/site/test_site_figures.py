"""Every figure readable and whole: on every page in both languages, at 390 px and 1280 px on
screen and printed on A4, each figure shows one drawing (of its wide and narrow ones), which lies
inside the text column and whose smallest text is at least 11 CSS px (font size × the drawing's
rendered width / its viewBox width)."""

import pytest

from gen.site import layout
from test_site_layout import A4_CONTENT_PX, measure_all

MIN_TEXT_PX = 11

# page → {boxes: drawings shown per figure block, figures: the visible drawings' measurements}
MEASURE = """() => {
    const column = document.querySelector('.md-content__inner').getBoundingClientRect();
    const shown = e => e.getClientRects().length > 0;
    const boxes = [...document.querySelectorAll('.bp-figure-scroll')].filter(shown)
        .map(box => [...box.querySelectorAll('svg.bp-figure')].filter(shown).length);
    const figures = [...document.querySelectorAll('svg.bp-figure')].filter(shown).map(svg => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text')]
            .filter(t => shown(t) && getComputedStyle(t).visibility !== 'hidden')
            .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        return {id: svg.id, texts: sizes.length, smallest: Math.min(...sizes),
                inside: box.left >= column.left - 1 && box.right <= column.right + 1,
                width: Math.round(box.width), column: Math.round(column.width)};
    });
    return {boxes, figures};
}"""


def problems(found):
    """`page: id …` for every figure cut by the column or with text under MIN_TEXT_PX."""
    out = []
    for page, seen in found.items():
        if any(n != 1 for n in seen["boxes"]):
            out.append(f"{page}: drawings shown per figure {seen['boxes']}")
        for f in seen["figures"]:
            if not f["inside"]:
                out.append(f"{page}: {f['id']} is {f['width']} px wide in a {f['column']} px column")
            if f["smallest"] < MIN_TEXT_PX:
                out.append(f"{page}: {f['id']} has text of {f['smallest']:.1f} px")
    return out


@pytest.mark.parametrize("width,media", [(390, "screen"), (1280, "screen"), (A4_CONTENT_PX, "print")],
                         ids=["phone", "desktop", "print"])
@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_every_figure_readable_inside_the_column(browser, http_url, lang, width, media):
    found = measure_all(browser, http_url, lang, width, media, script=MEASURE)
    seen = [f for page in found.values() for f in page["figures"]]
    assert len({f["id"] for f in seen}) >= 5 and all(f["texts"] for f in seen), "figures are measured"
    assert problems(found) == []
