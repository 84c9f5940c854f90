"""Shapes and transposes: the index sums are checked, and the check catches a wrong index."""

import pytest
import sympy as sp

import gen.derivations.note.shapes as shapes
from gen.derivations.note.network import network
from gen.oracle import Oracle
from gen.errors import VerificationError

NET = network()


def test_index_sums_verified():
    """Every written-out entry (two forms) and every matrix form, in each of the four sign patterns."""
    items = shapes.index_sums(NET)
    entries = sum(len(list(shapes.positions(NET, item))) for item in items)
    assert shapes.verify_index_sums(NET, Oracle(NET.graph)) == 4 * (2 * entries + len(items))


def test_gradient_shapes_equal_value_shapes():
    rows = shapes.shape_table(NET)
    assert [r["shape"] for r in rows] == [r["grad_shape"] for r in rows]
    assert {r["name"]: r["shape"] for r in rows}["y"] == (2, 2)


@pytest.mark.parametrize("form", ["summed", "transposed"])
def test_wrong_index_is_caught(monkeypatch, form):
    """x_{ki} instead of x_{ik} (the transpose forgotten) must fail verification."""
    right = shapes.index_sums(NET)

    def wrong(_net):
        x, xt, dz = sp.IndexedBase("X"), sp.IndexedBase("X^T"), sp.IndexedBase("dL_dz")
        term = (sp.Mul(x[shapes.K, shapes.I], dz[shapes.I], evaluate=False) if form == "summed"
                else sp.Mul(xt[shapes.I, shapes.K], dz[shapes.I], evaluate=False))
        broken = sp.Sum(term, (shapes.I, 1, 2))
        w1 = right[1]
        fields = {"summed": w1.summed, "transposed": w1.transposed, form: broken}
        return [right[0], shapes.IndexSum(w1.node, w1.index, w1.upstream, fields["summed"],
                                          fields["transposed"], w1.matrix)]

    monkeypatch.setattr(shapes, "index_sums", wrong)
    with pytest.raises(VerificationError, match="W1"):
        shapes.verify_index_sums(NET, Oracle(NET.graph))
