"""Every figure of the site in one language: Fig. 1, one per worked example, and the step-by-step
backward pass of the first example (inlined in pages, and also written as SVG files)."""

from gen.derivations.note.figures import graph_figures, step_drawings
from gen.figures import scroll_box


def figure_set(lang, records):
    """{'graph': drawings, 'examples': {id: drawings}, 'steps': [(key, title, drawings)], 'steps_of': id};
    each figure's drawings are (only,) or (wide, narrow)."""
    first = records[0]
    return {
        "graph": graph_figures(lang),
        "examples": {r["id"]: graph_figures(lang, r) for r in records},
        "steps": step_drawings(lang, first),
        "steps_of": first["id"],
    }


def inline(figures):
    """The same figures wrapped for inlining in Markdown (a scrollable block each)."""
    return {
        "graph": scroll_box(*figures["graph"]),
        "examples": {k: scroll_box(*v) for k, v in figures["examples"].items()},
        "steps": [{"key": k, "title": t, "svg": scroll_box(*s)} for k, t, s in figures["steps"]],
        "steps_of": figures["steps_of"],
    }


def files(lang, figures):
    """Relative path → SVG text for the standalone files (each figure's wide or only drawing)."""
    out = {f"{lang}/figures/graph.svg": figures["graph"][0]}
    out.update({f"{lang}/figures/{k}.svg": v[0] for k, v in figures["examples"].items()})
    out.update({f"{lang}/figures/{figures['steps_of']}-step-{k}.svg": s[0] for k, _, s in figures["steps"]})
    return out
