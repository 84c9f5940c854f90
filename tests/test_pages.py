"""Generated pages: golden files, Korean/English parity, glossary, and what each page must show."""

import re
from pathlib import Path

import pytest
import yaml

from gen.derivations.note import PAGES
from gen.paths import LANGUAGES

DOCS = Path(__file__).parent.parent / "docs"
REGENERATE = "python -m gen"
DISPLAY = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)
NUMBER = re.compile(r"(?<![_{\d])-?\d+(?:\.\d+)?")
INLINE = re.compile(r"(?<!\$)\$(?!\$)([^$\n]+?)\$")


def math_of(text):
    """(display blocks, inline math) of a Markdown page, in order."""
    displays = DISPLAY.findall(text)
    rest = DISPLAY.sub("", text)
    return displays, INLINE.findall(rest)


def test_docs_is_the_golden_output(outputs):
    """docs/ (committed) is the one golden copy: every generated file equals it, and it holds nothing stale."""
    stale = sorted(rel for rel, text in outputs.items()
                   if not (DOCS / rel).is_file() or (DOCS / rel).read_text(encoding="utf-8") != text)
    assert not stale, f"docs/ differs from the generator in {stale}; if intended, regenerate with: {REGENERATE}"
    on_disk = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}
    assert on_disk == set(outputs), f"files in docs/ the generator does not write: {sorted(on_disk - set(outputs))}"


@pytest.mark.parametrize("page", PAGES)
def test_same_equations_and_numbers_in_both_languages(outputs, page):
    """Display equations identical and in order; inline math the same set (word order differs between
    Korean and English), and inline math holding numbers in the same order."""
    ko, en = (math_of(outputs[f"{lang}/{page}"]) for lang in LANGUAGES)
    assert ko[0] == en[0], "display equations differ between languages"
    assert sorted(ko[1]) == sorted(en[1]), "inline math differs between languages"
    assert [m for m in ko[1] if NUMBER.search(m)] == [m for m in en[1] if NUMBER.search(m)]
    assert ko[0] or ko[1]


@pytest.mark.parametrize("page", PAGES)
def test_same_headings_structure(outputs, page):
    levels = {lang: [len(m) for m in re.findall(r"^(#+) ", outputs[f"{lang}/{page}"], re.M)] for lang in LANGUAGES}
    assert levels["ko"] == levels["en"]


def test_no_math_in_headings(outputs):
    for rel, text in outputs.items():
        if rel.endswith(".md"):
            for heading in re.findall(r"^#+ .*$", text, re.M):
                assert "$" not in heading and "\\" not in heading, f"{rel}: {heading}"


def test_derivation_shows_every_numbered_equation(outputs):
    for lang in LANGUAGES:
        tags = re.findall(r"\\tag\{([^}]+)\}", outputs[f"{lang}/derivation.md"])
        assert tags == [str(n) for n in range(1, 36)] + ["S1", "S2", "S3"]


def test_tags_are_outside_aligned(outputs):
    for rel, text in outputs.items():
        for block in DISPLAY.findall(text):
            if r"\tag" in block:
                assert block.rstrip().splitlines()[-1].startswith(r"\tag"), rel


def test_no_vector_named_h1(outputs):
    """One notation: h is the vector, h_1 an entry; `h_1 =` never defines the vector."""
    for rel, text in outputs.items():
        if rel.endswith("derivation.md"):
            assert "h_{1} = \\operatorname{ReLU}" not in text and "y = h_{1}" not in text


def test_glossary_terms_used_in_both_languages(outputs):
    terms = yaml.safe_load((Path(__file__).parent.parent / "gen" / "glossary.yml").read_text(encoding="utf-8"))
    for key, term in terms.items():
        for page in PAGES:
            en_uses = term["en"].lower() in outputs[f"en/{page}"].lower()
            ko_uses = term["ko"] in outputs[f"ko/{page}"]
            assert en_uses == ko_uses, f"{page}: term {key!r} used in one language only"


def test_korean_key_terms_present(outputs):
    text = outputs["ko/derivation.md"]
    for word in ("역전파", "기울기", "연쇄 법칙", "순전파", "은닉층", "손실 함수"):
        assert word in text or word in outputs["ko/index.md"] + outputs["ko/examples.md"], word


def test_examples_page_has_one_section_per_example(outputs):
    import json
    ids = [e["id"] for e in json.loads(outputs["data/worked-examples.json"])["examples"]]
    for lang in LANGUAGES:
        anchors = re.findall(r"^## .* \{ #([a-z0-9-]+) \}$", outputs[f"{lang}/examples.md"], re.M)
        assert anchors == ids


def test_attribution(outputs):
    for lang in LANGUAGES:
        text = outputs[f"{lang}/index.md"]
        for needle in ("박주찬", "DICE Lab", "CS231n"):
            assert needle in text
        assert "KOREATECH" in text or "한국기술교육대학교" in text


def test_equation_references_in_prose_exist(outputs):
    """Every `(n)` the derivation's prose refers to is a tag on that page."""
    for lang in LANGUAGES:
        text = outputs[f"{lang}/derivation.md"]
        tags = set(re.findall(r"\\tag\{([^}]+)\}", text))
        own = re.sub(r"\[\((S?\d+)\)\]\([^)]*\.md#[^)]*\)", "", text)  # links to another page's equations
        refs = set(re.findall(r"\((S?\d+)\)", INLINE.sub("", DISPLAY.sub("", own))))
        assert refs and refs <= tags, f"{lang}: unknown references {sorted(refs - tags)}"


def nav_sections(config):
    """A config's nav as [(section title or None, [pages])]: the home page first, then one section each."""
    text = (Path(__file__).parent.parent / config).read_text(encoding="utf-8")
    block = re.search(r"^nav:\n((?:  .*\n)+)", text, re.M).group(1)
    sections = []
    for line in block.splitlines():
        if line.startswith("  - ") and line.endswith(":"):
            sections.append((line[4:-1], []))
        elif line.startswith("  - "):
            sections.append((None, [line[4:]]))
        else:
            sections[-1][1].append(line.strip()[2:])
    return sections


def test_site_navigation_has_one_section_per_derivation(outputs):
    """Both configs' navs list every derivation's pages in site order, one section each, titled in that language as
    the derivation's index page is headed (the note's section holds its pages but the home page)."""
    from gen.derivations import discover
    derivations = discover()
    for config, lang in (("mkdocs.yml", "ko"), ("mkdocs.en.yml", "en")):
        sections = nav_sections(config)
        assert sections[0] == (None, ["index.md"]) and len(sections) == 1 + len(derivations), config
        for (title, pages), d in zip(sections[1:], derivations):
            assert pages == [p for p in d.pages if p != "index.md"], (config, d.name)
            if d.name != "note":
                heading = re.match(r"# (.+)\n", (Path(__file__).parent.parent / "docs" / lang / d.pages[0]).read_text(encoding="utf-8")).group(1)
                assert title == heading, (config, d.name)
        korean = [bool(re.search("[가-힣]", t)) for t, _ in sections[1:]]
        assert all(korean) if lang == "ko" else not any(korean), config


def test_shape_table_matches_the_json(outputs):
    """Every gradient in the data file has the shape the shapes page states for its value."""
    import json
    example = json.loads(outputs["data/worked-examples.json"])["examples"][0]
    for lang in LANGUAGES:
        rows = re.findall(r"^\| \$(\S+)\$ \| \$(\d) \\times (\d)\$ \| \$\\frac\{\\partial L\}\{\\partial (\S+)\}\$ \| \$(\d) \\times (\d)\$ \|$",
                          outputs[f"{lang}/shapes.md"], re.M)
        assert len(rows) == 6
        for name, r, c, grad, gr, gc in rows:
            assert (r, c) == (gr, gc) and name == grad
            key = "dL_d" + name.replace("_", "")
            if key in example:
                assert (len(example[key]), len(example[key][0])) == (int(gr), int(gc))


def test_home_page_catalogs_every_derivation(outputs):
    """The home page, in each language, has one catalog entry per derivation in site order: its about text linking to
    it, its graph drawn small (a file the generator wrote), and a link to each of its pages."""
    from gen.derivations import discover
    derivations = discover()
    for lang in LANGUAGES:
        entries = re.findall(r'<div class="catalog-entry" markdown>\n\n<img class="catalog-graph" src="([^"]+)" alt="[^"]+"'
                             r' loading="lazy">\n\n(.*?)\n\n</div>', outputs[f"{lang}/index.md"], re.S)
        assert len(entries) == len(derivations), lang
        for (src, body), d in zip(entries, derivations):
            assert src == d.thumbnail and f"{lang}/{src}" in outputs, (lang, d.name)
            links = re.findall(r"\]\(([^)#]+)\)", body.split("\n\n")[-1])
            assert links == [p for p in d.pages if p != "index.md"], (lang, d.name)
