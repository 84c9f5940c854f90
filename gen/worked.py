"""A worked example, for any derivation: the examples file's fields put into the graph's inputs, every
value and gradient by the walk (exact where rational, else to DIGITS digits), and its JSON record."""

from dataclasses import dataclass

import sympy as sp

from gen.cases import case_of
from gen.errors import InputError, VerificationError
from gen.inputs import position
from gen.numbers import DIGITS, GUARD, evaluate
from gen.schema import load
from gen.walk import backward, forward


@dataclass(frozen=True)
class Worked:
    """One example, computed."""

    example: object
    """What the file gave (`gen.schema.Example`)."""
    graph: object
    """The graph it was computed on (the variant its fields chose)."""
    values: dict
    """Node name → its value (every input, named and unnamed node; L as 1×1)."""
    grads: dict
    """Node name → ∂L/∂node, for every node that is not data."""
    case: object = None
    """Its side of every kink (`gen.cases.Case`), or None without kinks."""

    @property
    def id(self):
        return self.example.id

    @property
    def sizes(self):
        return self.example.sizes


def at_kinks(worked):
    """(input, row, column), 1-based, of every entry exactly at a kink (a ReLU's z = 0), where the convention
    ReLU′(0) = 0 decides the local gradient: the entry counts as off, so ∂L/∂z is 0 there (checked)."""
    found = []
    for _, z in worked.graph.kinks():
        for a in range(worked.values[z].rows):
            for b in range(worked.values[z].cols):
                if worked.values[z][a, b] == 0:
                    if worked.grads[z][a, b] != 0:
                        raise VerificationError(f"dL/d{z}", f"example {worked.id!r}: {z}[{a + 1},{b + 1}] = 0 but "
                                                f"the gradient there is {worked.grads[z][a, b]}, not 0 (ReLU'(0) = 0)")
                    found.append((z, a + 1, b + 1))
    return found


def series(graph, name):
    """The nodes a name stands for: itself, or name1 … nameT when the graph has one per time step (h → h1, h2, h3)."""
    if name in graph.nodes:
        return [name]
    found = []
    while f"{name}{len(found) + 1}" in graph.nodes:
        found.append(f"{name}{len(found) + 1}")
    return found


def expanded(graph, names, backward=False):
    """Names with each run of series put in the graph's order, step by step (a₁, h₁, a₂, h₂ …; backward h₃, a₃, h₂ …)."""
    out, run = [], []
    for name in (*names, None):
        if name is not None and name not in graph.nodes:
            run += series(graph, name)
            continue
        out += sorted(run, key=graph.order.index, reverse=backward)
        run = []
        if name is not None:
            out.append(name)
    return out


def graph_inputs(graph, fields, example):
    """Graph input name → exact matrix: a field of the same name, a number as 1×1, labels as one-hot, a list of
    matrices as X1 … XT."""
    inputs = {}
    for key, value in example.values.items():
        spec = fields[key]
        if spec.kind == "matrices":
            inputs.update({f"{key}{t}": m for t, m in enumerate(value, start=1)})
        elif spec.kind == "labels":
            classes = example.sizes[spec.options["classes"]]
            inputs[spec.options["into"]] = sp.ImmutableMatrix(len(value), classes, lambda a, b: int(value[a] == b))
        elif key in graph.nodes:
            inputs[key] = value if isinstance(value, sp.MatrixBase) else sp.ImmutableMatrix([[value]])
    return inputs


def evaluated(matrix, digits=DIGITS):
    """Exact where rational; any other entry evaluated to `digits` significant digits."""
    return sp.ImmutableMatrix(matrix.applyfunc(lambda v: evaluate(v, digits)))


def compute(graph, fields, example):
    """Every value and gradient of one example by the walk (an entry at a kink is off: ReLU′(0) = 0)."""
    inputs = graph_inputs(graph, fields, example)
    values = forward(graph, inputs, settle=lambda m: evaluated(m, DIGITS + GUARD))
    grads = backward(graph, values)
    case = case_of(graph, values, example.sizes) if graph.kinks() else None
    return Worked(example, graph, {n: evaluated(v) for n, v in values.items()},
                  {n: evaluated(_matrix(g)) for n, g in grads.items() if n != graph.order[-1]}, case)


def _matrix(g):
    """A gradient as a matrix (the 1 that a sum hands to each of its terms as 1×1)."""
    return sp.ImmutableMatrix(g) if isinstance(g, sp.MatrixBase) else sp.ImmutableMatrix([[g]])


def compute_all(graph_of, fields, path, check=None):
    """Every example of a file, computed on the graph `graph_of(example)` chooses; every problem raised together.
    `check(example)` may name a field that does not fit the others (`Declaration.check_example`)."""
    return tuple(load(path, fields, lambda example: compute(graph_of(fitting(check, example, path)), fields, example)))


def fitting(check, example, path):
    """The example, unless `check` finds a field that does not fit the others: (field, problem) → InputError."""
    problem = check(example) if check else None
    if problem:
        field, text = problem
        raise InputError(path, example.id, field, text, position(example.marks.get(field)))
    return example


def _json_value(value, flat=False, number=False):
    """A matrix as rows of numbers; a row flat (`flat`: a vector field, or a node that is one row at every
    size); a 1×1 as its number (`number`)."""
    if isinstance(value, sp.MatrixBase):
        rows = [list(r) for r in value.tolist()]
        if number and value.shape == (1, 1):
            return rows[0][0]
        return rows[0] if flat else rows
    if isinstance(value, tuple):
        return list(value)
    return value


def record(worked, fields, values, gradients):
    """One example as a dict in the JSON's order: id, its fields as given, the named values, L, the gradients.

    A gradient of a vector field is flat like the field; `values` and `gradients` name what is published."""
    graph = worked.graph

    def flat(name):
        spec = fields.get(name)
        return spec.kind == "vector" if spec is not None else graph.nodes[name].shape[0] == 1
    out = {"id": worked.id}
    def published(table, name):  # a series (h → h1 … hT) as a list; a number field's gradient as a number
        number = name in fields and fields[name].kind == "number"
        found = [_json_value(table[n], flat(n), number) for n in series(graph, name)]
        return found if name not in graph.nodes else found[0]
    for key, value in worked.example.values.items():
        kind = fields[key].kind
        out[key] = [_json_value(m) for m in value] if kind == "matrices" else \
            _json_value(value, kind == "vector", kind in ("number", "integer"))
    for name in values:
        out[name] = published(worked.values, name)
    out["L"] = worked.values[graph.order[-1]][0, 0]
    for name in gradients:
        out[f"dL_d{name}"] = published(worked.grads, name)
    return out
