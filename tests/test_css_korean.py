"""Korean lines break between words: the site CSS sets word-break: keep-all, scoped to Korean pages only,
and lets long runs (links, code) still wrap."""

import re
from pathlib import Path

CSS = Path(__file__).parent.parent / "overrides" / "assets" / "stylesheets" / "site.css"


def rules(css):
    """(selector, declarations) of each rule, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def keep_all_problems(css):
    """What is wrong with the Korean word-break rules of `css` (empty when right)."""
    found = [(sel, body) for sel, body in rules(css) if re.search(r"word-break\s*:\s*keep-all", body)]
    problems = [] if found else ["no word-break: keep-all"]
    parts = [part.strip() for sel, _ in found for part in sel.split(",")]
    problems += [f"unscoped: {part}" for part in parts if not re.search(r':lang\(ko\)|\[lang="?ko"?\]', part)]
    wraps = [sel for sel, body in rules(css) if re.search(r"overflow-wrap\s*:\s*anywhere", body) and "code" in sel]
    return problems + ([] if wraps else ["long code/URLs cannot wrap"])


def test_site_css_keeps_korean_words_whole():
    assert keep_all_problems(CSS.read_text(encoding="utf-8")) == []


def test_check_catches_missing_unscoped_and_unwrappable():
    css = CSS.read_text(encoding="utf-8")
    assert keep_all_problems(css.replace("keep-all", "normal")) == ["no word-break: keep-all"]
    assert keep_all_problems(css.replace("html:lang(ko) body", "body")) == ["unscoped: body"]
    assert keep_all_problems(css.replace("overflow-wrap: anywhere", "overflow-wrap: normal")) == \
        ["long code/URLs cannot wrap"]
