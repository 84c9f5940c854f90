"""Edits to a page's rendered HTML, before search indexing and templating."""

import re

# pymdownx.arithmatex (generic) wraps math in <div|span class="arithmatex">.
_MATH = re.compile(r'<(div|span) class="arithmatex">')

# The index pages carry <p class="offline-download"><a href=...zip>...</a></p>.
_DOWNLOAD = re.compile(r'<p class="offline-download">.*?</p>\s*', re.S)


def exclude_math_from_search(html: str) -> str:
    """Mark math with data-search-exclude so search previews show no raw TeX.

    Material's search plugin skips such elements and then strips the attribute.
    """
    return _MATH.sub(r'<\1 class="arithmatex" data-search-exclude="math">', html)


def drop_offline_download(html: str) -> str:
    """Remove the link to the offline zip: the offline copy does not contain itself."""
    return _DOWNLOAD.sub("", html)


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
