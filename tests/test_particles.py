"""Korean particles agree with the word they follow, on every generated Korean page and figure."""

import re
from pathlib import Path

import pytest
import yaml

from gen.particles import FORMS, PAIRS, final_sound, josa, particle

DOCS = Path(__file__).resolve().parents[1] / "docs" / "ko"
GLOSSARY = Path(__file__).resolve().parents[1] / "gen" / "glossary.yml"
PARTICLES = sorted(FORMS, key=len, reverse=True)
SUFFIXES = ("", "는", "도", "의", "만", "서")
# nouns whose last syllable is checked wherever a particle follows them
NOUNS = {v["ko"].split()[-1] for v in yaml.safe_load(GLOSSARY.read_text(encoding="utf-8")).values()}


def prose(text):
    """Page text as a reader sees it: no display math, code blocks, or tags (glosses kept)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"</?span[^>]*>", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"`[^`\n]*`", "코드", text)


def split_particle(run):
    """A Hangul run as (stem, particle): a bare particle first, else the longest ending."""
    for suffix in SUFFIXES:
        if run[: len(run) - len(suffix)] in FORMS and run.endswith(suffix):
            return "", run[: len(run) - len(suffix)]
    for suffix in SUFFIXES:
        for form in PARTICLES:
            tail = form + suffix
            if run.endswith(tail):
                return run[: -len(tail)], form
    return None


def mismatches(text):
    """Every (word, particle written, particle expected) that disagrees, in order."""
    found = []
    for line in prose(text).splitlines():
        for m in re.finditer(r"(?<![가-힣])[가-힣]+", line):
            split = split_particle(m.group(0))
            if split is None:
                continue
            stem, form = split
            if stem:
                if not any(stem.endswith(n) for n in NOUNS):
                    continue
                word = stem
            else:
                before = line[: m.start()]
                if not before or before[-1] in " \t([{,.:;·—-" or before.rstrip() != before:
                    continue
                word = before
            expected = particle(word, form)
            if expected != form:
                found.append((word.split()[-1] if stem else word.rsplit(" ", 1)[-1], form, expected))
    return found


def korean_texts():
    """Every generated Korean page and figure."""
    return sorted([*DOCS.glob("*.md"), *DOCS.glob("figures/*.svg")])


@pytest.mark.parametrize("path", korean_texts(), ids=lambda p: p.name)
def test_every_particle_agrees(path):
    assert mismatches(path.read_text(encoding="utf-8")) == []


def test_pages_were_scanned():
    assert len(korean_texts()) >= 10
    text = (DOCS / "derivation.md").read_text(encoding="utf-8")
    assert re.search(r"기울기는", text)


# The ten wrong particles a reader found, as the pages printed them.
OLD = """상류 기울기과 국소 미분을 구해 곱하면 됩니다.
상류 기울기은 손실을 출력으로 미분한 것입니다.
원소끼리 곱해 모든 $i, j$에 대해 더하면 하류 기울기이 나옵니다.
이번에는 $h$ 쪽의 하류 기울기을 구합니다. 상류 기울기은 다시 (1)입니다.
상류 기울기은 (10)이고 국소 미분은 (17)입니다.
원소마다 $\\sum_i$로 더해 하류 기울기을 구합니다.
각 그림은 상류 기울기이 들어와 국소 미분과 곱해져 하류 기울기이 되는 과정입니다.
꺼진 유닛 $h_2$으로는 기울기가 흐르지 않습니다.
꺼진 유닛 $h_1$과 $h_2$으로는 기울기가 흐르지 않습니다.
"""


def test_the_ten_old_mistakes_are_caught():
    assert mismatches(OLD) == [
        ("기울기", "과", "와"), ("기울기", "은", "는"), ("기울기", "이", "가"), ("기울기", "을", "를"),
        ("기울기", "은", "는"), ("기울기", "은", "는"), ("기울기", "을", "를"), ("기울기", "이", "가"),
        ("기울기", "이", "가"), ("$h_2$", "으로", "로"), ("$h_2$", "으로", "로")]


@pytest.mark.parametrize("word, form, expected", [
    ("상류 기울기", "은", "상류 기울기는"), ("국소 미분", "는", "국소 미분은"), ("연쇄 법칙", "로", "연쇄 법칙으로"),
    ("$h_2$", "으로", "$h_2$로"), ("$W_1$", "로", "$W_1$로"), ("$W_1$", "는", "$W_1$은"), ("$z$", "이", "$z$가"),
    ("$L$", "으로", "$L$로"), ("$h^{T}$", "을", "$h^{T}$를"), ("(24)", "과", "(24)와"), ("(6)", "를", "(6)을"),
    ("[(10)](#eq-10)", "와", "[(10)](#eq-10)과"), ("20", "는", "20은"), ("$1/2$", "을", "$1/2$을"), ("$X$", "을", "$X$를"),
    ("하류 기울기(<span lang=\"en\">downstream gradient</span>)", "이", "하류 기울기(<span lang=\"en\">downstream gradient</span>)가"),
])
def test_filter_reads_words_numbers_and_math(word, form, expected):
    assert josa(word, form) == expected


def test_unreadable_math_is_an_error():
    with pytest.raises(ValueError):
        final_sound(r"$\alpha$")
    assert set(PAIRS) == {"은", "이", "을", "과", "으로"}


def test_particles_after_inline_math_are_chosen_from_the_math():
    """Every Korean page goes through `particles_after_math`: a particle typed after `$…$` cannot be wrong."""
    from gen.particles import particles_after_math
    page = "$W_1$를 곱하고 $h$을 얻으며 $z$으로 보내고 $L$는 $W_{21}$와\n$$\nx\n$$는 그대로, $y$이다"
    assert particles_after_math(page) == ("$W_1$을 곱하고 $h$를 얻으며 $z$로 보내고 $L$은 $W_{21}$과\n$$\nx\n$$는 그대로, "
                                          "$y$이다")


def test_the_notes_english_terms_are_read():
    """The note's upstream, local, downstream, quoted with their particles (업스트림은, 로컬로)."""
    assert [josa(w, "는") for w in ("upstream", "local", "downstream")] == ["upstream은", "local은", "downstream은"]
    assert josa("local", "으로") == "local로" and josa("upstream", "로") == "upstream으로"
