"""A pass over the built HTML: words in the other language carry their own `lang`, so a screen reader
switches voice for them (English terms, names and code on a Korean page; Hangul on an English page).

Only the page content (`<article>`) is touched; math, figures, scripts and styles are left as they are.
It reads only HTML files, so it works on the output of any static site generator.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

# A run of words in the other script, kept together with the spaces and marks between them.
_RUNS = {
    "ko": re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'’/:][A-Za-z0-9]+)*(?:[ ,&+-]+[A-Za-z][A-Za-z0-9]*(?:[-.'’/:][A-Za-z0-9]+)*)*"),
    "en": re.compile(r"[\uac00-\ud7a3]+(?:[ ·]+[\uac00-\ud7a3]+)*"),
}
_OTHER = {"ko": "en", "en": "ko"}
_SKIP = {"script", "style", "svg", "math", "mjx-container", "code", "pre", "kbd", "samp"}
_CODE = {"code", "pre", "kbd", "samp"}
# Typeset math is left as it is: it is set aside before parsing (one element per glyph makes it most of
# the page) and put back after, behind a placeholder no run of either language can match.
_MJX = re.compile(r"<mjx-container\b.*?</mjx-container>", re.S)
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def mark_site(roots: dict) -> int:
    """Mark every page under each language root (`{lang code: folder}`); returns how many pages changed."""
    changed = 0
    for lang, root in roots.items():
        root = Path(root)
        below = [Path(other) for code, other in roots.items() if code != lang and root in Path(other).parents]
        for page in sorted(root.rglob("*.html")):
            if any(folder in page.parents for folder in below):
                continue  # another language's pages live below the default language's root
            text = page.read_text("utf-8")
            new = mark_page(text, lang)
            if new != text:
                page.write_text(new, encoding="utf-8")
                changed += 1
    return changed


def mark_page(text: str, lang: str) -> str:
    """The page with other-language runs in its `<article>` wrapped in `<span lang="…">`."""
    start = text.find("<article")
    end = text.rfind("</article>")
    if start < 0 or end < 0 or lang not in _RUNS:
        return text
    kept = []

    def set_aside(match):
        kept.append(match.group(0))
        return f"\ue000{len(kept) - 1}\ue001"

    marker = _Marker(lang)
    marker.feed(_MJX.sub(set_aside, text[start:end]))
    marker.close()
    article = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], "".join(marker.out))
    return text[:start] + article + text[end:]


class _Marker(HTMLParser):
    """Copies HTML through unchanged except for text runs in the other language (and code on a Korean page)."""

    def __init__(self, lang):
        super().__init__(convert_charrefs=False)
        self.lang, self.other, self.runs = lang, _OTHER[lang], _RUNS[lang]
        self.out, self.skip = [], []

    def handle_starttag(self, tag, attrs):
        raw, marked = self.get_starttag_text(), dict(attrs).get("lang")
        if tag in _CODE and self.lang == "ko" and not self.skip and marked is None:
            raw, marked = raw[:-1].rstrip("/") + f' lang="{self.other}">', self.other  # code is read in English
        self.out.append(raw)
        # Nothing inside math, figures, code or an element already marked with a language is touched.
        if (tag in _SKIP or marked is not None or self.skip) and tag not in _VOID:
            self.skip.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip:
            self.out.append(data)
            return
        self.out.append(self.runs.sub(lambda m: f'<span lang="{self.other}">{m.group(0)}</span>', data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
