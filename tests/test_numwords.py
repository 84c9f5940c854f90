"""English counts in prose: 0–9 spelled out, larger counts as digits; the two-layer examples use them."""

from pathlib import Path

from gen.numwords import words

DOCS = Path(__file__).parent.parent / "docs"


def test_small_counts_are_words():
    assert [words(n) for n in (0, 1, 2, 9, 10, 12)] == ["zero", "one", "two", "nine", "10", "12"]


def off_sentences(text):
    """The lines of an examples page that say how many ReLU units are off."""
    return [line for line in text.splitlines() if "ReLU unit" in line and "off" in line]


def wrong(line):
    """A count before the math in digits, or a verb that does not agree with it."""
    return any(ch.isdigit() for ch in line.split("$")[0]) or \
        ("is non-positive, so that ReLU unit is off" in line) != line.startswith("One of")


def test_two_layer_examples_count_in_words_with_agreement():
    lines = off_sentences((DOCS / "en" / "two-layer" / "examples.md").read_text(encoding="utf-8"))
    assert lines and not [line for line in lines if wrong(line)]
    assert wrong("1 of the 2 entries of $z$ are negative, so those ReLU units are off.")
    assert wrong("One of the two entries of $z$ are non-positive, so those ReLU units are off.")
