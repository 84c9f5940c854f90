"""The engine's printing, line breaking, numbers and links, each on the case that used to go wrong."""

import sympy as sp

from gen.equations import chain_tex, split_sum
from gen.exactjson import to_json
from gen.matexpr import Broadcast
from gen.notation import Notation
from gen.numbers import decimal_text, number_text
from gen.oracle import is_zero
from gen.render import relative

BN = Notation(names={"xhat": r"\hat{x}", "var": r"\sigma^{2}", "eps": r"\varepsilon", "gamma": r"\gamma"},
              broadcast="implicit")


def test_a_wide_sum_is_broken_at_every_sign_it_needs():
    terms = [rf"\frac{{\partial L}}{{\partial w_{{{n}}}}} x_{{{n}}}" for n in range(1, 9)]
    row = " - ".join(terms)
    pieces = split_sum(row)
    assert len(pieces) >= 3 and all(p.startswith("- ") for p in pieces[1:])
    assert " ".join(pieces) == row  # nothing lost, the signs kept
    text = chain_tex("L", [row])
    assert text.count(r"&\quad -") == len(pieces) - 1


def test_a_product_is_broken_only_where_it_does_not_fit():
    short = r"a \odot b"
    assert split_sum(short) == [short]
    wide = r" \odot ".join([r"\left(\frac{\partial L}{\partial \hat{x}} + \sqrt{\sigma^{2} + \varepsilon}\right)"] * 6)
    assert len(split_sum(wide)) > 1 and all(p.startswith(r"\odot ") for p in split_sum(wide)[1:])


def test_fractions_and_greek_names():
    var, eps = sp.MatrixSymbol("var", 1, 3), sp.MatrixSymbol("eps", 1, 1)
    shifted = sp.MatAdd(var, Broadcast(eps, 1, 3))
    assert BN.tex(sp.HadamardPower(shifted, sp.Rational(3, 2))) == r"\left(\sigma^{2} + \varepsilon\right)^{\frac{3}{2}}"
    assert BN.tex(sp.HadamardPower(shifted, sp.Rational(-1, 2))) == r"\frac{1}{\sqrt{\sigma^{2} + \varepsilon}}"
    assert BN.tex(sp.MatMul(sp.Rational(-1, 2), sp.MatrixSymbol("xhat", 2, 3))) == r"- \frac{1}{2} \hat{x}"
    x = sp.Symbol("x")
    assert Notation().tex(x ** sp.Rational(3, 2)) == r"x^{\frac{3}{2}}"  # never x^{1.5}
    assert Notation().tex(sp.ImmutableMatrix([[sp.Rational(1, 4), sp.Rational(1, 3)]])) == \
        r"\begin{bmatrix}0.25 & \frac{1}{3}\end{bmatrix}"  # a number: a decimal when it terminates


def test_numbers_that_are_not_finite_decimals():
    assert decimal_text(sp.Rational(1, 3)) == "0." + "3" * 30
    assert decimal_text(sp.sqrt(2)) == "1.41421356237309504880168872421"  # rounded at the 30th digit
    assert len(decimal_text(sp.sqrt(2)).replace(".", "")) == 30
    assert decimal_text(sp.Rational(-5, 4)) == "-1.25" and decimal_text(sp.Integer(7)) == "7"
    assert number_text(sp.Rational(1, 3)) == "1/3" and number_text(sp.sqrt(2)) == "1.41421"
    assert to_json([sp.Rational(1, 3), sp.sqrt(2) / 2, sp.Rational(1, 8)]) == \
        f"[0.{'3' * 30}, {decimal_text(sp.sqrt(2) / 2)}, 0.125]"


def test_identities_with_square_roots_are_decided():
    a, b = sp.symbols("a b", positive=True)
    assert is_zero(sp.sqrt(a * b) - sp.sqrt(a) * sp.sqrt(b))
    assert is_zero(1 / sp.sqrt(a + b) ** 3 - (a + b) ** sp.Rational(-3, 2))
    assert not is_zero(sp.sqrt(a + b) - sp.sqrt(a) - sp.sqrt(b))
    assert not is_zero((a + b) ** sp.Rational(-3, 2) - (a + b) ** sp.Rational(-1, 2))


def test_links_at_the_right_depth():
    assert relative("data/batchnorm.json", "batchnorm/examples.md") == "../data/batchnorm.json"
    assert relative("data/worked-examples.json", "examples.md") == "data/worked-examples.json"
    assert relative("two-layer/index.md", "index.md") == "two-layer/index.md"


def test_the_home_page_lists_every_derivation_found(outputs):
    from gen.derivations import discover
    found = [d for d in discover() if d.name != "note"]
    for lang in ("ko", "en"):
        home = outputs[f"{lang}/index.md"]
        links = [f"]({d.pages[0]})" for d in found]
        assert all(link in home for link in links), lang
        assert [home.index(link) for link in links] == sorted(home.index(link) for link in links)  # site order


def test_a_wide_bracket_is_broken_inside():
    inner = " - ".join([r"\left(\frac{\partial L}{\partial \hat{x}} \odot \sqrt{\sigma^{2} + \varepsilon}\right)"] * 5)
    row = rf"\mathbf{{1}}^{{T}} \left({inner}\right)"
    pieces = split_sum(row)
    assert len(pieces) > 1 and pieces[0].endswith(r"\right.") and pieces[-1].endswith(r"\right)")
    assert all(p.startswith(r"\left. - ") for p in pieces[1:])


def test_labels_name_their_derivation():
    from gen.equations import anchor_id
    assert anchor_id("(24)") == "eq-24" and anchor_id("(S1)") == "eq-S1" and anchor_id("(BN 3)") == "eq-bn-3"
