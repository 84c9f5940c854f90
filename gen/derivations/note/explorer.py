"""The explorer page ("try your own numbers"): what its template and script need, language-neutral.

The page computes in the browser; here we only say what it computes and how it is shown:
the inputs (prefilled with the first worked example), the outputs by record key, the four cases
with the equations that apply to each, and the key lines (which symbols a line multiplies).
The figure is the generator's own figure of the first example, drawn `live` so that the script
can replace its numbers in place.
"""

from gen.derivations.note.figures import graph_figures
from gen.derivations.note.figures.labels import grad_symbol, symbols, transpose_symbol
from gen.derivations.note.records import record
from gen.derivations.note.worked import shown_steps
from gen.figures import scroll_box
from gen.numbers import number_text

INPUTS = ("X", "W1", "W2")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

# Key lines: (output key, how the factors combine, (symbol key, transposed?) factors).
# z = X W₁, h = ReLU(z), y = h W₂, L = ‖y‖²; ∂L/∂y = 2y, ∂L/∂W₂ = hᵀ ∂L/∂y,
# ∂L/∂h = ∂L/∂y W₂ᵀ, ∂L/∂z = ∂L/∂h ⊙ 1[z>0], ∂L/∂W₁ = Xᵀ ∂L/∂z.
LINES = (("z", "product", (("X", False), ("W1", False))),
         ("h", "relu", (("z", False),)),
         ("y", "product", (("h", False), ("W2", False))),
         ("L", "sqnorm", (("y", False),)),
         ("dL_dy", "twice", (("y", False),)),
         ("dL_dW2", "product", (("h", True), ("dL_dy", False))),
         ("dL_dh", "product", (("dL_dy", False), ("W2", True))),
         ("dL_dz", "mask", (("dL_dh", False), ("mask_z", False))),
         ("dL_dW1", "product", (("X", True), ("dL_dz", False))))


def symbol(key, transposed=False):
    """The Unicode name of a record key: W₂, ∂L/∂W₁, 1[z>0], Xᵀ."""
    if key == "mask_z":
        return symbols()["mask"]
    if key.startswith("dL_d"):
        name = grad_symbol(key[4:])
        return f"({name})ᵀ" if transposed else name
    return transpose_symbol(key) if transposed else symbols()["nodes"][key]


def _shape(value):
    """(rows, columns) of a record value; L is 1×1 and a scalar."""
    return (len(value), len(value[0])) if isinstance(value, list) else None


def entries(key, value):
    """The names `key.i.j` of a matrix's entries, row-major (`L` alone for the scalar)."""
    shape = _shape(value)
    if shape is None:
        return [key]
    return [f"{key}.{i}.{j}" for i in range(shape[0]) for j in range(shape[1])]


def entry_label(net, key, i, j):
    """The note's name of one entry in Unicode: w₂₁ for `w_{21}`."""
    letter, sub = net.entry_tex(key, i, j).split("_", 1)
    return letter + sub.strip("{}").translate(SUBSCRIPTS)


def _flat(value):
    """A record value's entries, row-major."""
    return [v for row in value for v in row] if isinstance(value, list) else [value]


def _input(net, key, value):
    """One input matrix: its symbol and rows of (entry name, entry label, prefilled text)."""
    rows = [[{"name": f"{key}.{i}.{j}", "value": number_text(v), "label": entry_label(net, key, i, j)}
             for j, v in enumerate(row)] for i, row in enumerate(value)]
    return {"key": key, "symbol": symbol(key), "rows": rows}


PATTERNS = {"product": "{0} {1}", "relu": symbols()["ops"]["relu"] + "({0})",
            "sqnorm": symbols()["ops"]["sqnorm"].replace("·", "{0}"), "twice": "2 {0}", "mask": "{0} ⊙ {1}"}
"""How a line's factors are written: `{0}`, `{1}` are the factors (symbols, then numbers)."""


def _line(key, kind, factors):
    """A key line: left side, rule in symbols, and the pattern the script fills with numbers."""
    names = [symbol(k, t) for k, t in factors]
    return {"key": key, "lhs": symbol(key), "rule": PATTERNS[kind].format(*names), "pattern": PATTERNS[kind],
            "factors": [{"key": k, "transposed": t} for k, t in factors]}


def explorer_context(verified):
    """The explorer page's context: inputs, outputs, cases with their equations, key lines."""
    first = record(verified.workeds[0])
    steps, net = verified.steps, verified.net
    example_of = {}
    for worked in verified.workeds:
        example_of.setdefault(worked.case.id, worked.example.id)
    cases = [{"id": c.id, "on": list(c.on), "example": example_of.get(c.id),
              "equations": [{"name": s.name, "tag": s.label} for s in shown_steps(steps, c)]}
             for c in net.cases]
    outputs = [{"key": key, "symbol": symbol(key), "shape": _shape(first[key]) or (1, 1),
                "entries": [{"name": n, "value": number_text(v)}
                            for n, v in zip(entries(key, first[key]), _flat(first[key]))]}
               for key in first if key not in ("id", "case", *INPUTS)]
    return {"first": first["id"], "inputs": [_input(net, k, first[k]) for k in INPUTS],
            "outputs": outputs, "cases": cases, "lines": [_line(*line) for line in LINES],
            "off_entries": list(symbols()["z_entries"])}


def explorer_figure(lang, verified):
    """The first example's figure, drawn live (the script replaces its numbers and hatching)."""
    return scroll_box(*graph_figures(lang, record(verified.workeds[0]), svg_id="fig-explorer", live=True))
