"""Korean particles (조사) chosen from how the word before them is read aloud.

은/는, 이/가, 을/를, 과/와 depend on whether the last syllable read ends in a consonant (받침);
으로/로 also on whether that consonant is ㄹ (then 로). The word may be Hangul, a number, a
Latin letter, inline math (`$W_1$` is read 더블유 일, `$h^{T}$` 에이치 티), an equation tag
`(24)` or a Markdown link `[(24)](#eq-24)`.
"""

import re

VOWEL, RIEUL, CONSONANT = "vowel", "rieul", "consonant"

# particle → (after a consonant, after a vowel or ㄹ-for-로)
PAIRS = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"), "으로": ("으로", "로")}
FORMS = {form: key for key, pair in PAIRS.items() for form in pair}

# how a Korean reader says each Latin letter: 에이, 비, 씨, …, 엘, 엠, 엔, …, 알, 에스, …, 엑스, 와이, 제트
_LETTERS = {**dict.fromkeys("abcdefghijkopqstuvwxyz", VOWEL), **dict.fromkeys("mn", CONSONANT),
            **dict.fromkeys("lr", RIEUL)}
# English words as Korean readers say them (렐루, 로우, 컬럼, 심파이, …)
_WORDS = {"relu": VOWEL, "row": VOWEL, "column": CONSONANT, "sympy": VOWEL, "numpy": VOWEL, "pytorch": VOWEL,
          "backpropagation": CONSONANT, "html": RIEUL, "graph": VOWEL, "svg": VOWEL, "json": CONSONANT, "mathjax": VOWEL,
          "upstream": CONSONANT, "downstream": CONSONANT, "local": RIEUL}
# 영 일 이 삼 사 오 육 칠 팔 구
_DIGITS = [CONSONANT, RIEUL, VOWEL, CONSONANT, VOWEL, VOWEL, CONSONANT, RIEUL, RIEUL, VOWEL]
# 십 백 천 만 …: every power of ten ends in a consonant that is not ㄹ
_UNICODE = {**{0x2080 + d: f"_{d}" for d in range(10)}, ord("ᵀ"): "^T", ord("²"): "^2", ord("′"): "'"}
_COMMANDS = {"odot": CONSONANT, "top": VOWEL, "prime": CONSONANT, "infty": VOWEL, "cdot": VOWEL,
             # Greek letters as Korean readers say them: 뮤, 시그마, 감마, 베타, 입실론, 델타, 엘
             "mu": VOWEL, "sigma": VOWEL, "gamma": VOWEL, "beta": VOWEL, "varepsilon": CONSONANT, "lambda": VOWEL,
             "epsilon": CONSONANT, "delta": VOWEL, "ell": RIEUL}


def hangul_final(syllable):
    """받침 of one Hangul syllable."""
    coda = (ord(syllable) - 0xAC00) % 28
    return VOWEL if coda == 0 else RIEUL if coda == 8 else CONSONANT


def number_final(digits, digitwise=False):
    """How a number ends aloud: 24 → 사, 20 → 십, 0 → 영; subscripts `11` are read digit by digit."""
    if digitwise or set(digits) == {"0"}:
        return _DIGITS[int(digits[-1])]
    stripped = digits.rstrip("0")
    return _DIGITS[int(stripped[-1])] if len(stripped) == len(digits) else CONSONANT


def math_final(latex):
    """How inline math ends aloud: `W_{21}` → 일, `h^{T}` → 티, `\\frac{1}{2}` → 일 (이분의 일)."""
    s = latex.strip()
    frac = re.search(r"\\frac\{([^{}]*)\}\{[^{}]*\}$", s)
    if frac:
        return math_final(frac.group(1))
    ratio = re.search(r"([0-9]+)\s*/\s*[0-9]+$", s)
    if ratio:
        return number_final(ratio.group(1))
    s = re.sub(r"\\(right|left|rVert|lVert|Vert)\W?$", "", s).rstrip("}]) ,:").rstrip("{")
    command = re.search(r"\\([A-Za-z]+)$", s)
    if command:
        if command.group(1) not in _COMMANDS:
            raise ValueError(f"no Korean reading for the LaTeX command ending {latex!r}")
        return _COMMANDS[command.group(1)]
    digits = re.search(r"(_\{?)?([0-9]+)$", s)
    if digits:
        return number_final(digits.group(2), digitwise=bool(digits.group(1)) or "." in s[-len(digits.group(2)) - 1:])
    if s and s[-1].lower() in _LETTERS:
        return _LETTERS[s[-1].lower()]
    if s.endswith("'"):
        return CONSONANT
    raise ValueError(f"no Korean reading for the end of {latex!r}")


def final_sound(text):
    """How the last word of `text` ends when read aloud (markup and a trailing gloss ignored)."""
    s = re.sub(r"<[^>]+>", "", text)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s).rstrip()
    s = _without_gloss(s)
    if s.endswith("$"):
        return math_final(s[: -1][s[:-1].rfind("$") + 1:])
    s = s.translate(_UNICODE).rstrip(")*`\"'”’.")
    if not s:
        raise ValueError(f"no word before the particle in {text!r}")
    if s.endswith("$"):
        return math_final(s[:-1][s[:-1].rfind("$") + 1:])
    last = s[-1]
    if "가" <= last <= "힣":
        return hangul_final(last)
    word = re.search(r"[A-Za-z]+$", s)
    if word and len(word.group(0)) > 1:
        if word.group(0).lower() not in _WORDS:
            raise ValueError(f"no Korean reading for the word {word.group(0)!r}")
        return _WORDS[word.group(0).lower()]
    return math_final(s.split()[-1])


def _without_gloss(s):
    """`기울기(upstream gradient)` → `기울기`: a parenthesis right after Hangul glosses that word."""
    if not s.endswith(")"):
        return s
    depth = 0
    for k in range(len(s) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(s[k], 0)
        if depth == 0:
            return s[:k] if k and "가" <= s[k - 1] <= "힣" else s
    return s


def particle(text, form):
    """The form of the particle (`은`, `는`, `으로`, …) that fits after `text`."""
    if form not in FORMS:
        raise ValueError(f"not a particle this filter knows: {form!r}")
    after_consonant, after_vowel = PAIRS[FORMS[form]]
    final = final_sound(text)
    if FORMS[form] == "으로":
        return after_consonant if final == CONSONANT else after_vowel
    return after_vowel if final == VOWEL else after_consonant


def josa(text, form):
    """Jinja filter: `{{ term.upstream|josa("은") }}` → 상류 기울기는."""
    return f"{text}{particle(str(text), form)}"


# Inline math (not a `$$` display) followed by a particle that no Hangul continues.
_MATH_THEN_PARTICLE = re.compile(r"(?<!\$)(\$(?!\$)[^$\n]+?\$)(으로|은|는|이|가|을|를|과|와|로)(?![\uac00-\ud7a3])")


def particles_after_math(page):
    """A Korean page with every particle right after inline math chosen from how that math is read, so a
    template never has to pick 은/는, 이/가, 을/를, 과/와, 으로/로 after `$…$` by hand."""
    return _MATH_THEN_PARTICLE.sub(lambda m: m.group(1) + particle(m.group(1), m.group(2)), page)
