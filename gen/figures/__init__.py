"""SVG drawing for every derivation's figures, as text to inline in pages (no graphviz, no JavaScript).

    svg, parts, layout, theme   primitives: elements, chips and grids, row layout, colours and sizes
    scroll_box(svg)             the figure in a horizontally scrollable block (for narrow screens)
"""


def scroll_box(svg: str) -> str:
    """The SVG inside a div that scrolls sideways when the screen is narrower than its min-width."""
    return f'<div class="bp-figure-scroll" style="overflow-x:auto">\n{svg.rstrip()}\n</div>\n'
