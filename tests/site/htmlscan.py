"""Reading built pages with html.parser: links, ids, tab stops, absolute URLs."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes through which a page links to or loads something.
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src",
              "source": "src", "iframe": "src", "object": "data"}

# A scheme-relative or http(s) URL whose host ends in a top-level domain.
ABSOLUTE_URL = re.compile(
    r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?=[/:?#"'`\s]|$)[^\s"'`<>)\\]*""")


class PageScan(HTMLParser):
    """Collects a page's outgoing links and the ids it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.config: dict | None = None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_config = tag == "script" and attrs.get("id") == "__config"
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        wanted = LINK_ATTRS.get(tag)
        if wanted and attrs.get(wanted):
            self.links.append(attrs[wanted])

    def handle_data(self, data):
        if self._in_config:
            self.config = json.loads(data)  # Material's settings: base, search worker
            self._in_config = False


def scan(path: Path) -> PageScan:
    parser = PageScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file a same-site link points to and its fragment; None for other schemes."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None if parts.scheme in ("mailto", "data", "javascript") else (None, link)
    page_url = "/" + page.relative_to(site).as_posix()
    target = urlsplit(urljoin(page_url, parts.path)).path if parts.path else page_url
    path = site / unquote(target).lstrip("/")
    if target.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


class TabStops(HTMLParser):
    """The elements a keyboard can focus, in DOM order, each as (tag, first class, tabindex)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stops: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (tag == "a" and "href" in attrs) or tag in ("button", "input", "select", "textarea") or "tabindex" in attrs:
            self.stops.append((tag, (attrs.get("class") or "").split(" ")[0], attrs.get("tabindex")))


def tab_stops(path: Path) -> list[tuple]:
    parser = TabStops()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.stops


def absolute_urls(text: str) -> set[str]:
    return set(ABSOLUTE_URL.findall(text))
