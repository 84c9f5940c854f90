"""The convolution's figures, cells decided by the op's own local derivative: the window one output reads on
the padded input (each cell with the kernel entry it is multiplied by), and the outputs that read one input
(each with its kernel entry: the kernel turned by 180°, spread by the stride)."""

from dataclasses import replace
from pathlib import Path

import yaml

from gen.derivations.conv.network import Window, network
from gen.figures import scroll_box
from gen.figures.windows import cell_grids, cells, entry_name as name, marked, named_entries as entries
from gen.ops import Correlate

WORDS = yaml.safe_load((Path(__file__).parent / "figure_words.yml").read_text(encoding="utf-8"))
FIGURES = {"window": (Window(1, 2), (5, 5), (3, 3), ("Y", (0, 1))),
           "readers_plain": (Window(0, 1), (5, 5), (3, 3), ("X", (2, 2))),
           "readers": (Window(1, 2), (5, 5), (3, 3), ("X", (1, 1)))}
"""Name → (window, X's shape, K's shape, the entry picked out, 0-based)."""


def drawn(key, lang):
    """One figure's title, description, grids and the number of entries its factors mark, from the op's
    ∂Y_ij/∂X_ab with K's entries as symbols."""
    (pad, stride), (h, w), (kh, kw), (picked, at) = FIGURES[key]
    words, k = WORDS[lang], entries("K", (kh, kw))
    op = next(n.op for n in network(Window(pad, stride)).nodes.values() if isinstance(n.op, Correlate))
    out, padded = op.shape((h, w), (kh, kw)), (h + 2 * pad, w + 2 * pad)
    captions = ([words["padded"].format(pad=pad)] if pad else [words["input"]], [words["output"].format(rows=out[0],
                                                                                                       cols=out[1])])
    if picked == "Y":  # the window: ∂Y_ij/∂X̃_ab, of the correlation after the padding
        after, x = replace(op, pad=0), entries("X̃", padded)
        seen = {c: f for c in cells(padded) if (f := after.local([x, k], 0, at, c)) != 0}
        grids = marked(padded, {c: str(f) for c, f in seen.items()}, "forward", pad), marked(out, {at: name("Y", at)},
                                                                                             "forward")
        desc = words["window_desc"].format(pad=pad, stride=stride, entry=name("Y", at), kh=kh, kw=kw,
                                           pairs=", ".join(f"{name('X̃', c)} · {f}" for c, f in seen.items()))
        return words["window_title"], desc, tuple(zip(captions, grids)), len(seen)
    seen = {o: f for o in cells(out) if (f := op.local([entries("X", (h, w)), k], 0, o, at)) != 0}
    grids = (marked(padded, {(at[0] + pad, at[1] + pad): name("X", at)}, "gradient", pad),
             marked(out, {o: str(f) for o, f in seen.items()}, "gradient"))
    where = words["readers_left_padded"].format(pad=pad) if pad else words["readers_left"]
    desc = words["readers_desc"].format(left=where, stride=stride, entry=name("X", at), count=len(seen),
                                        pairs=", ".join(f"{name('Y', o)} · {f}" for o, f in seen.items()))
    return words["readers_title"], desc, tuple(zip(captions, grids)), len(seen)


def figures(verified, lang):
    """The derivation page's figures, inlined, and each as a file; and what the page says of each: its window,
    the entry picked out (as TeX) and how many entries it marks."""
    made = {key: drawn(key, lang) for key in FIGURES}
    svgs = {key: cell_grids(f"fig-conv-{key.replace('_', '-')}", *parts[:3]) for key, parts in made.items()}
    files = {f"{lang}/conv/figures/{key.replace('_', '-')}.svg": v[0] for key, v in svgs.items()}
    said = {key: {"pad": FIGURES[key][0].pad, "stride": FIGURES[key][0].stride, "count": parts[3],
                  "entry": "{0}_{{{1}{2}}}".format(FIGURES[key][3][0], *(n + 1 for n in FIGURES[key][3][1]))}
            for key, parts in made.items()}
    return {"figures": {key: scroll_box(*v) for key, v in svgs.items()}, "figure": said}, files
