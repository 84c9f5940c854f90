"""No built page, stylesheet or script names another host, except known dead strings.

What matters is that nothing is requested from another host; the browser tests
record every request. This static check catches a URL before a browser would
follow it. Third-party scripts contain URLs that no code path here reaches;
each is listed with the reason it is never requested.
"""

import fnmatch
import json
from pathlib import Path

from htmlscan import absolute_urls, resolve, scan

# XML namespace names, never fetched.
NAMESPACES = ("http://www.w3.org/", "http://www.sitemaps.org/schemas/")

# (file glob, URL prefix): why it is never requested.
NEVER_REQUESTED = {
    ("*/bundle.*.min.js", "https://api.github.com/"):
        "repository facts; only with repo_url, which the configs do not set",
    ("*/bundle.*.min.js", "https://unpkg.com/mermaid@"):
        "only for mermaid diagrams; the pages have none (asserted below)",
    ("*/bundle.*.min.js", "https://unpkg.com/resize-observer-polyfill"):
        "only in browsers without ResizeObserver",
    ("*/bundle.*.min.js", "https://clipboardjs.com/"): "licence comment",
    ("*/workers/search.*.min.js", "http://lunrjs.com"): "licence comment",
    ("*/workers/search.*.min.js", "http://tartarus.org/"): "comment",
    ("*/workers/search.*.min.js", "https://bit.ly/"): "text of a console warning",
    ("*/stylesheets/main.*.min.css", "https://fontawesome.com"): "licence comment",
}


def loaded_files(site: Path) -> list[Path]:
    """The pages and every stylesheet and script they load or may load.

    That is what their tags name, the search worker (and the lunr language
    files its configured languages import), and all of MathJax's served files
    (it loads TeX extensions on demand). Theme files nothing loads, such as
    lunr stemmers for other languages, are left out.
    """
    found = set()
    for page in site.rglob("*.html"):
        found.add(page)
        parsed = scan(page)
        worker = [parsed.config["search"]] if parsed.config else []
        for link in parsed.links + worker:
            target = resolve(site, page, link)
            if target and target[0] and target[0].suffix in (".css", ".js"):
                found.add(target[0].resolve())
    for index in site.rglob("search/search_index.json"):
        assets = index.parent.parent / "assets" / "javascripts" / "lunr"
        langs = [lang for lang in json.loads(index.read_text("utf-8"))["config"]["lang"]
                 if lang != "en"]
        if langs:
            found.add(assets / "min" / "lunr.stemmer.support.min.js")
            found |= {assets / "min" / f"lunr.{lang}.min.js" for lang in langs}
    for folder in site.rglob("assets/mathjax"):
        found |= {p for p in folder.rglob("*.js")}  # none: the build typesets the math
    missing = [p for p in found if not p.is_file()]
    assert not missing, missing
    return sorted(found)


def unexpected_urls(site: Path) -> list[str]:
    found = []
    for path in loaded_files(site):
        rel = "/" + path.relative_to(site).as_posix()
        for url in absolute_urls(path.read_text("utf-8", errors="replace")):
            url = url if url.startswith("http") else "https:" + url
            if url.startswith(NAMESPACES):
                continue
            if any(fnmatch.fnmatch(rel, glob) and url.startswith(prefix)
                   for glob, prefix in NEVER_REQUESTED):
                continue
            found.append(f"{rel}: {url}")
    return found


def test_no_external_urls(site, offline_site):
    assert unexpected_urls(site) == []
    assert unexpected_urls(offline_site) == []
    # The scan covers what pages load, not only the pages.
    names = {p.name for p in loaded_files(site)}
    assert {"mathjax.css", "site.css", "iframe-worker.js", "language-switch.js"} <= names
    assert any(n.startswith("bundle.") for n in names)
    assert any(n.startswith("search.") and n.endswith(".js") for n in names)


def test_html_and_css_name_no_other_host_at_all(site):
    for path in loaded_files(site):
        if path.suffix in (".html",) or path.name in ("site.css", "mathjax.css"):
            urls = {u for u in absolute_urls(path.read_text("utf-8"))
                    if not u.startswith(NAMESPACES)}
            assert urls == set(), path


def test_conditions_behind_the_exceptions_hold(site):
    html = "".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert 'class="mermaid"' not in html
    assert "md-source" not in html  # no repo_url
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert "unpkg.com" not in html  # no CDN shim from the offline plugin


def test_scan_catches_a_new_url(tmp_path):
    (tmp_path / "x.js").write_text('fetch("https://cdn.example.com/a.js")', encoding="utf-8")
    (tmp_path / "y.html").write_text('<script src="x.js"></script><a href="//example.org/">',
                                     encoding="utf-8")
    assert unexpected_urls(tmp_path) == [
        "/x.js: https://cdn.example.com/a.js", "/y.html: https://example.org/"]
