"""SVG figures of the site, as text to inline in pages (no graphviz, no JavaScript).

    graph_figure(lang)          Fig. 1, the computational graph
    graph_figure(lang, record)  one worked example: every value (green) and gradient (red)
    step_figures(lang, record)  the backward pass, one node per step: upstream → local → downstream
    scroll_box(svg)             the figure in a horizontally scrollable block (for narrow screens)
"""

from gen.figures.graph_figure import graph_figure
from gen.figures.steps_figure import STEP_KEYS, step_figures


def scroll_box(svg: str) -> str:
    """The SVG inside a div that scrolls sideways when the screen is narrower than its min-width."""
    return f'<div class="bp-figure-scroll" style="overflow-x:auto">\n{svg.rstrip()}\n</div>\n'


__all__ = ["STEP_KEYS", "graph_figure", "scroll_box", "step_figures"]
