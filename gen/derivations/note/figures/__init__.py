"""The note's figures: Fig. 1 (its graph), one per worked example, and the backward steps.

    graph_figure(lang)          Fig. 1, the computational graph
    graph_figure(lang, record)  one worked example: every value (green) and gradient (red)
    step_figures(lang, record)  the backward pass, one node per step: upstream → local → downstream
    graph_figures, step_drawings  the same, each figure as (only,) or (wide, narrow) drawings
"""

from gen.derivations.note.figures.graph_figure import graph_figure, graph_figures
from gen.derivations.note.figures.steps_figure import STEP_KEYS, step_drawings, step_figures

__all__ = ["STEP_KEYS", "graph_figure", "graph_figures", "step_drawings", "step_figures"]
