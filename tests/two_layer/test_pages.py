"""Rendered pages: both languages carry the same equations and numbers, figures are titled in the
page's language, the listing is the file, and generation is deterministic."""

import dataclasses
import re
from pathlib import Path

from gen.declare import named_steps
from gen.numwords import WORDS
from gen.derivations.two_layer import DECLARATION
from tests.two_layer.contract import generate

DISPLAY = re.compile(r"\$\$\n.*?\n\$\$", re.S)
INLINE_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])-?\d+(?:\.\d+)?(?![A-Za-z0-9_.])")
COUNT_WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b(?!-)", re.I)


def digits(english):
    """English prose with its spelled-out counts as digits: "two of the four" → "2 of the 4"."""
    return COUNT_WORD.sub(lambda m: str(WORDS.index(m.group(1).lower())), english)


def pages(outputs, lang):
    return {k.split("/", 1)[1]: v for k, v in outputs.items() if k.startswith(f"{lang}/") and k.endswith(".md")}


def test_built_paths(outputs, two_layer, verified):
    ids = [w.id for w in verified.workeds]
    expected = {"data/two-layer.json"}
    for lang in ("ko", "en"):
        expected |= {f"{lang}/{p}" for p in two_layer.pages}
        expected |= {f"{lang}/two-layer/figures/{i}.svg" for i in ids}
        expected |= {f"{lang}/two-layer/figures/graph-{loss}.svg" for loss in ("squared", "softmax")}  # the catalog's
    assert sorted(outputs) == sorted(expected)


def test_same_equations_in_both_languages(outputs):
    ko, en = pages(outputs, "ko"), pages(outputs, "en")
    assert ko.keys() == en.keys()
    for page in ko:
        assert DISPLAY.findall(ko[page]) == DISPLAY.findall(en[page]), page
    assert len(DISPLAY.findall(ko["two-layer/derivation.md"])) >= 30


def test_same_numbers_in_both_languages(outputs):
    for page, text in pages(outputs, "ko").items():
        text = text.replace("2층", "")  # the network's name, "two-layer" in English
        strip = lambda t: INLINE_NUMBER.findall(DISPLAY.sub("", re.sub(r"<svg.*?</svg>", "", t, flags=re.S)))  # noqa: E731
        assert set(strip(text)) == set(strip(digits(outputs[f"en/{page}"]))), page  # "0" is also a word in one language


def test_every_equation_numbered_once(outputs, verified):
    text = outputs["en/two-layer/derivation.md"]
    tags = re.findall(r"\\tag\{2L (\d+)\}", text)  # labelled: the note keeps the plain numbers
    assert tags == [str(n) for n in range(1, len(verified.steps) + 1)]
    assert re.findall(r'<span id="eq-2l-(\d+)"></span>', text) == tags


def test_reduction_links_the_note(outputs):
    assert "../derivation.md#summary" in outputs["en/two-layer/derivation.md"]
    assert "../derivation.md#요약" in outputs["ko/two-layer/derivation.md"]
    for lang in ("ko", "en"):
        assert "{ #reduction }" in outputs[f"{lang}/two-layer/derivation.md"]


def test_listing_is_the_file_verbatim(outputs):
    source = (Path(__file__).resolve().parents[2] / "gen/derivations/two_layer/listing.py").read_text(encoding="utf-8")
    for lang in ("ko", "en"):
        assert f"```python\n{source}```" in outputs[f"{lang}/two-layer/examples.md"]


def test_figures_titled_in_their_language(outputs):
    for path, text in outputs.items():
        if path.endswith(".svg") and "/graph-" not in path:  # the example figures (the catalog's graph has no shapes)
            title = re.search(r"<title[^>]*>(.*?)</title>", text).group(1)
            assert ("계산 그래프" in title) == path.startswith("ko/"), path
            assert "<desc" in text and 'stroke="currentColor"' in text
            assert re.search(r"\d×\d", text), path  # shapes on the edges


def test_glossary_terms_alike(outputs):
    import yaml
    terms = yaml.safe_load((Path(__file__).resolve().parents[2] / "gen/glossary.yml").read_text(encoding="utf-8"))
    for page, ko in pages(outputs, "ko").items():
        en = outputs[f"en/{page}"].lower()
        for key, term in terms.items():
            assert (term["ko"] in ko) == (term["en"].lower() in en), (page, key)


def test_deterministic(outputs, verified, two_layer, site):
    """A second computation from the same file writes byte-identical files."""
    again = dataclasses.replace(verified, workeds=two_layer.compute(two_layer.default_examples).workeds,
                                steps=named_steps(DECLARATION))
    assert generate(site, verified=again) == outputs


def test_committed_data_is_fresh(outputs):
    """docs/data/two-layer.json is what the default examples generate."""
    committed = Path(__file__).resolve().parents[2] / "docs" / "data" / "two-layer.json"
    assert committed.read_text(encoding="utf-8") == outputs["data/two-layer.json"], \
        "stale: regenerate with `python -m gen --derivation two-layer`"
