"""English counts in running text: 0–9 as words, larger counts as digits."""

WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def words(n):
    """`3` → "three", `12` → "12"."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)
