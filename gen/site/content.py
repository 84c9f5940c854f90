"""Edits to a page's rendered HTML: before mkdocs indexes it (its hooks), or on the built pages (gen.site.finish)."""

import re

# Figures are inline SVGs; the numbers and labels drawn in them are <text> elements,
# which search would read as one run ("y 8 -16 10 -20"). Their <title> and <desc> stay.
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_TEXT = re.compile(r"<text\b")
# Tab labels (pymdownx.tabbed) sit side by side with nothing between them.
_TAB_LABELS = re.compile(r"</label>(?=<label\b)")

# The index pages carry <p class="offline-download"><a href=...zip>...</a></p>.
_DOWNLOAD = re.compile(r'<p class="offline-download">.*?</p>\s*', re.S)


def searchable(html: str) -> str:
    """The page as search should read it: figures' drawn text excluded, tab labels apart.

    Math stays in, as TeX; `searchpass` makes it readable in the built index. Material's
    search plugin skips elements marked data-search-exclude, then strips the attribute.
    """
    html = _SVG.sub(lambda m: _SVG_TEXT.sub('<text data-search-exclude="figure"', m.group(0)), html)
    return apart_tab_labels(html)


def apart_tab_labels(html: str) -> str:
    """A space between adjacent tab labels, so that neither search nor a reader runs them together."""
    return _TAB_LABELS.sub("</label> ", html)


def drop_offline_download(html: str) -> str:
    """Remove the link to the offline zip: the offline copy does not contain itself."""
    return _DOWNLOAD.sub("", html)


_TAG = re.compile(r"<[^>]+>")


def offline_download_texts(html: str) -> list[str]:
    """The download paragraphs' words as a search index holds them: `<p>` and the text, tags gone."""
    return [f"<p>{' '.join(_TAG.sub('', m.group(0)).split())}</p>" for m in _DOWNLOAD.finditer(html)]


# Material writes <link rel="alternate" hreflang=…> for each language and, on
# every page, fetches each one's sitemap.xml; from file:// those requests fail.
_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternate_links(folder) -> int:
    """Remove the hreflang links from every page under folder (the offline copy); how many pages."""
    changed = 0
    for page in sorted(folder.rglob("*.html")):
        text = page.read_text("utf-8")
        new = _ALTERNATE.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed
