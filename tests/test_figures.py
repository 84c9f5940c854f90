"""The SVG figures (their golden copy is docs/, see test_pages.py): every printed number against the worked-example data,
refusal without gradients, both languages, off ReLU units, inlinable and deterministic text."""

import ast
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from gen.derivations.note.figures import STEP_KEYS, graph_figure, graph_figures, step_drawings, step_figures
from gen.derivations.note.figures.labels import LABELS_FILE
from gen.derivations.note.network import network
from gen.derivations.note.records import record
from gen.derivations.note.worked import load
from gen.figures.theme import MIN_TEXT_PX, PHONE_COLUMN, ROLES, WIDE_COLUMN

ROOT = Path(__file__).resolve().parents[1]
DATA_JSON = ROOT / "docs" / "data" / "worked-examples.json"
SVG = "{http://www.w3.org/2000/svg}"
LANGS = ("ko", "en")
HANGUL = re.compile("[\uac00-\ud7a3]")
NOTE = ROOT / "gen" / "derivations" / "note"
RECORDS = [record(w) for w in load(network(), NOTE / "examples.yml")]
BY_ID = {r["id"]: r for r in RECORDS}


def all_drawings():
    """name → the drawings of each figure the site shows, (only,) or (wide, narrow), in both languages."""
    out = {}
    for lang in LANGS:
        out[f"graph-{lang}"] = graph_figures(lang)
        for rec in RECORDS:
            out[f"example-{rec['id']}-{lang}"] = graph_figures(lang, rec)
            out[f"explorer-{rec['id']}-{lang}"] = graph_figures(lang, rec, svg_id="fig-explorer", live=True)
            for key, _, drawings in step_drawings(lang, rec):
                out[f"step-{rec['id']}-{key}-{lang}"] = drawings
    return out


DRAWINGS = all_drawings()


def all_figures():
    """name → svg text of every drawing (a narrow one named `…-narrow-<lang>`)."""
    out = {}
    for name, drawings in all_drawings().items():
        stem, lang = name.rsplit("-", 1)
        out[name] = drawings[0]
        out.update({f"{stem}-narrow-{lang}": d for d in drawings[1:]})
    return out


FIGURES = all_figures()
EXAMPLE_FIGURES = {n: s for n, s in FIGURES.items() if not n.startswith("graph-")}


def record_of(name):
    return next(r for r in RECORDS if any(name.startswith(f"{kind}-{r['id']}-")
                                         for kind in ("example", "explorer", "step")))


def oracle():
    """id → key → matrix of Fractions, read from the generator's committed JSON (not from the records drawn)."""
    data = json.loads(DATA_JSON.read_text(encoding="utf-8"), parse_float=Decimal)["examples"]
    convert = Fraction
    table = {}
    for rec in data:
        rows = {k: [[convert(x) for x in row] for row in (v if isinstance(v, list) else [[v]])]
                for k, v in rec.items() if k not in ("id", "case")}
        rows["dL_dL"] = [[Fraction(1)]]  # derived local values, computed independently here
        rows["two_y"] = [[2 * x for x in row] for row in rows["y"]]
        rows["mask_z"] = [[Fraction(int(x > 0)) for x in row] for row in rows["z"]]
        table[rec["id"]] = rows
    return table


def parse(svg):
    return ET.fromstring(svg)


def number_texts(tree):
    return [t for t in tree.iter(f"{SVG}text") if t.get("data-node")]


@pytest.mark.parametrize("name", sorted(EXAMPLE_FIGURES))
def test_every_number_is_the_records_value(name):
    values = oracle()[record_of(name)["id"]]
    tree = parse(FIGURES[name])
    shown = number_texts(tree)
    assert shown, "an example figure shows numbers"
    for text in shown:
        i, j = map(int, text.get("data-index").split(","))
        expected = values[text.get("data-node")][i][j]
        assert Fraction(Decimal(text.text)) == expected, (name, text.get("data-node"), i, j, text.text)
    for grid in tree.iter(f"{SVG}g"):  # every grid shows its whole matrix, once per entry
        if grid.get("data-grid"):
            matrix = values[grid.get("data-grid")]
            indices = sorted(t.get("data-index") for t in number_texts(grid))
            assert indices == sorted(f"{i},{j}" for i in range(len(matrix)) for j in range(len(matrix[0])))


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_unlabelled_numbers(name):
    for text in parse(FIGURES[name]).iter(f"{SVG}text"):
        if re.fullmatch(r"-?\d+(\.\d+)?", text.text or ""):
            assert text.get("data-node"), f"{name}: number {text.text!r} without data-node"


@pytest.mark.parametrize("name", sorted(EXAMPLE_FIGURES))
def test_grids_are_laid_out_as_labelled(name):
    """Cell (i, j) sits in row i, column j, or in row j, column i when shown transposed (hᵀ, Xᵀ)."""
    for grid in parse(FIGURES[name]).iter(f"{SVG}g"):
        if not grid.get("data-grid"):
            continue
        cells = [(tuple(map(int, t.get("data-index").split(","))), float(t.get("x")), float(t.get("y")))
                 for t in number_texts(grid)]
        if grid.get("data-transposed") == "1":
            cells = [((j, i), x, y) for (i, j), x, y in cells]
        for (a, xa, ya) in cells:
            for (b, xb, yb) in cells:
                assert (a[0] < b[0]) == (ya < yb - 1) and (a[1] < b[1]) == (xa < xb - 1), (name, a, b)


@pytest.mark.parametrize("key", ["dL_dy", "dL_dW2", "dL_dh", "dL_dz", "dL_dW1"])
@pytest.mark.parametrize("lang", LANGS)
def test_refuses_a_record_without_gradients(key, lang):
    missing = {k: v for k, v in RECORDS[0].items() if k != key}
    empty = {**RECORDS[0], key: None}
    for bad in (missing, empty):
        with pytest.raises(ValueError, match=key):
            graph_figure(lang, bad)
        with pytest.raises(ValueError, match=key):
            step_figures(lang, bad)


def test_gradient_cells_are_not_all_zero():
    rec = BY_ID["both-on"]
    assert any(v != 0 for row in rec["dL_dW1"] for v in row), "the example has non-zero gradients"
    for lang in LANGS:
        figures = [graph_figure(lang, rec)] + [svg for _, _, svg in step_figures(lang, rec)]
        for svg in figures:
            grads = [t.text for t in number_texts(parse(svg)) if t.get("data-node").startswith("dL_d")]
            assert grads and any(Decimal(t) != 0 for t in grads)


@pytest.mark.parametrize("lang", LANGS)
def test_titles_in_the_pages_language(lang):
    for name, svg in FIGURES.items():
        if not name.endswith(f"-{lang}"):
            continue
        tree = parse(svg)
        for part in ("title", "desc"):
            text = tree.find(f"{SVG}{part}").text
            assert text and bool(HANGUL.search(text)) == (lang == "ko"), (name, part, text)
    for rec in RECORDS:
        steps = step_figures(lang, rec)
        assert [key for key, _, _ in steps] == list(STEP_KEYS) == ["y", "W2", "h", "z", "W1"]
        assert all(bool(HANGUL.search(tab)) == (lang == "ko") for _, tab, _ in steps)


def test_example_description_names_its_case():
    for rec in RECORDS:
        words = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
        for lang in LANGS:
            desc = parse(graph_figure(lang, rec)).find(f"{SVG}desc").text
            assert words[lang]["cases"][rec["case"]] in desc and rec["id"] in desc


def marked(svg):
    tree = parse(svg)
    cells = {(r.get("data-off"), r.get("data-index")) for r in tree.iter(f"{SVG}rect") if r.get("data-off")}
    units = {int(t.get("data-off-unit")) for t in tree.iter(f"{SVG}text") if t.get("data-off-unit")}
    return cells, units


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
@pytest.mark.parametrize("lang", LANGS)
def test_off_units_marked_exactly(rec, lang):
    off = {i for i, row in enumerate(oracle()[rec["id"]]["z"]) if row[0] <= 0}
    assert off == {i for i, part in enumerate(rec["case"].split(",")) if "<=0" in part}
    cells, units = marked(graph_figure(lang, rec))
    assert units == off
    assert cells == {(node, f"{i},0") for node in ("z", "h", "dL_dz") for i in off}
    for key, _, svg in step_figures(lang, rec):
        cells, units = marked(svg)
        relu = key == "z"
        assert units == (off if relu else set())
        assert cells == ({(node, f"{i},0") for node in ("mask_z", "dL_dz") for i in off} if relu else set())


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_inlinable_accessible_svg(name):
    svg = FIGURES[name]
    assert "\n\n" not in svg and all(line.strip() for line in svg.splitlines()), "no blank lines"
    tree = parse(svg)
    sid = tree.get("id")
    assert tree.get("role") == "img" and tree.get("width") == "100%" and tree.get("viewBox")
    assert tree.get("aria-labelledby") == f"{sid}-title {sid}-desc"
    assert tree.find(f"{SVG}title").get("id") == f"{sid}-title"
    assert tree.find(f"{SVG}desc").get("id") == f"{sid}-desc"
    assert all(e.get("id").startswith(f"{sid}-") for e in tree.iter() if e.get("id") and e is not tree)
    assert not re.search(r'(fill|stroke|color)[=:]"?(#000|black)', svg), "no fixed black"
    sizes = [float(e.get("font-size")) for e in tree.iter() if e.get("font-size")]
    assert sizes and min(sizes) >= 14
    assert "max-width" in tree.get("style") and "min-width" in tree.get("style")


def test_ids_unique_within_an_examples_page():
    for lang in LANGS:
        page = [graph_figure(lang)] + [graph_figure(lang, r) for r in RECORDS]
        page += [svg for r in RECORDS for _, _, svg in step_figures(lang, r)]
        ids = [e.get("id") for svg in page for e in parse(svg).iter() if e.get("id")]
        assert len(ids) == len(set(ids))
        roots = [parse(svg).get("id") for svg in page]
        assert "fig-graph" in roots and "fig-example-both-on" in roots and "fig-step-both-on-W1" in roots


def test_deterministic():
    assert all_figures() == FIGURES


def contrast(a, b):
    def lum(hex_colour):
        c = [int(hex_colour[k:k + 2], 16) / 255 for k in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_colours_legible_on_light_and_dark():
    for role in ("forward", "gradient"):
        fallback = re.search(r"#[0-9a-fA-F]{6}", ROLES[role][0]).group()
        assert contrast(fallback, "#ffffff") >= 3 and contrast(fallback, "#1e2129") >= 3, role


def test_labels_same_keys_and_glossary_terms():
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))

    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        return sorted(re.findall(r"\{(\w+)\}", str(value)))  # placeholders must match too
    assert shape(data["ko"]) == shape(data["en"])
    glossary = yaml.safe_load((ROOT / "gen" / "glossary.yml").read_text(encoding="utf-8"))
    for lang in LANGS:
        for term in ("upstream", "local", "downstream"):
            assert data[lang][term] == glossary[term][lang]
        assert glossary["gradient"][lang] in data[lang]["legend_gradient"]
        assert glossary["graph"][lang].lower() in data[lang]["graph_title"].lower()


def test_figure_code_holds_no_words():
    """Words come from labels.yml: string literals in the figure modules (but docstrings and
    error messages, which no figure shows) hold no Hangul and no English phrase."""
    for path in [*(ROOT / "gen" / "figures").glob("*.py"), *(NOTE / "figures").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # (attribute) docstrings
        docs |= {id(c) for n in ast.walk(tree) if isinstance(n, ast.Raise) for c in ast.walk(n)}  # errors
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                assert not HANGUL.search(node.value), (path.name, node.value)
                prose = re.sub(r"<[^>]*", "", node.value)  # markup is not prose
                assert not re.search(r"[A-Za-z]{2,} [a-z]{2,}", prose), (path.name, node.value)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_is_not_read_as_markdown(name):
    """Figures are inlined in Markdown: `[…](…)` in their text would become a link (and `*`, `_` emphasis)."""
    text = " ".join(ET.fromstring(FIGURES[name]).itertext())
    assert "](" not in text and not re.search(r"(?<![\w\\])[*_]\w", text), name


def readable_at(svg):
    """The narrowest column (CSS px) where the drawing's smallest text is still MIN_TEXT_PX."""
    tree = parse(svg)
    smallest = min(float(t.get("font-size") or tree.get("font-size")) for t in tree.iter(f"{SVG}text"))
    return float(tree.get("viewBox").split()[2]) * MIN_TEXT_PX / smallest


def check_drawings(name, drawings):
    """One drawing fits a phone's column; two are a wide one for the desktop and print column and a
    narrow one for the phone, the same figure (title, description) under their own ids."""
    trees = [parse(d) for d in drawings]
    assert readable_at(drawings[-1]) <= PHONE_COLUMN, name
    if len(drawings) == 1:
        assert trees[0].get("class") == "bp-figure", name
        return
    wide, narrow = trees
    assert readable_at(drawings[0]) <= WIDE_COLUMN and readable_at(drawings[0]) > PHONE_COLUMN, name
    assert (wide.get("class"), narrow.get("class")) == ("bp-figure bp-figure-wide", "bp-figure bp-figure-narrow")
    assert narrow.get("id") == wide.get("id") + "-narrow", name
    for part in ("title", "desc"):
        assert wide.find(f"{SVG}{part}").text == narrow.find(f"{SVG}{part}").text, (name, part)
    ids = [e.get("id") for t in trees for e in t.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), name


@pytest.mark.parametrize("name", sorted(DRAWINGS))
def test_a_drawing_for_every_column(name):
    check_drawings(name, DRAWINGS[name])


def test_narrow_drawings_where_needed():
    """The examples' graphs and the English steps are too wide for a phone as designed."""
    assert len(DRAWINGS["graph-en"]) == 1 and len(DRAWINGS["example-both-on-ko"]) == 2
    assert len(DRAWINGS["step-both-on-y-en"]) == 2 and len(DRAWINGS["step-both-on-y-ko"]) == 1


def test_long_decimals_kept_whole():
    """An author's long decimal is drawn in full (its grid cell grows), in every drawing."""
    long = Decimal("3542264.57143492425")
    rec = record(load(network(), NOTE / "examples.yml")[0])
    rec = {**rec, "W2": [[long, rec["W2"][0][1]]]}
    for drawing in graph_figures("en", rec):
        texts = [t.text for t in number_texts(parse(drawing)) if t.get("data-node") == "W2"]
        assert "3542264.57143492425" in texts


def test_css_switches_drawings_at_the_wide_column():
    """site.css shows a wide drawing exactly in a column of WIDE_COLUMN px or more."""
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    found = re.findall(r"@container \(max-width: ([\d.]+)px\)", css)
    assert len(found) == 1 and WIDE_COLUMN - 1 < float(found[0]) < WIDE_COLUMN
