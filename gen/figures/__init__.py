"""SVG drawing for every derivation's figures, as text to inline in pages (no graphviz, no JavaScript).

    svg, parts, layout, theme   primitives: elements, chips and grids, row layout, colours and sizes
    chain                       a chain of text columns and labelled arrows, in rows or stacked
    scroll_box(*svgs)           a figure (one drawing, or its wide and narrow drawings) in a block
"""


def scroll_box(*svgs: str) -> str:
    """The figure's drawings inside a div that scrolls sideways if a drawing cannot shrink to the column
    (its min-width keeps the text readable).  With two (wide, narrow), site.css shows the one that fits
    the block's width and hides the other (display:none)."""
    classes = "bp-figure-scroll" + (" bp-figure-pair" if len(svgs) > 1 else "")
    body = "\n".join(s.rstrip() for s in svgs)
    return f'<div class="{classes}" style="overflow-x:auto">\n{body}\n</div>\n'
