"""mkdocs and zensical give the same pages: the <article> of every page, in both languages, after the
generator's passes, in the site and in its offline copy.

The comparison normalises exactly two things, both from the themes' templates, none from a page:
- zensical's theme puts its skip link's target, `<a id="__skip" tabindex="-1"></a>`, first in the
  article (Material for MkDocs puts it outside);
- the templates leave lines of only spaces in other places around the content (blank before the
  first heading in one, after the last paragraph in the other), so lines of only whitespace are dropped.
Everything else (the Markdown's HTML, the typeset math, the figures, the `lang` marks) must be equal.
The tests that build with zensical are skipped when it is not installed (pip install '.[zensical]').
"""

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import unzip_offline
from gen.errors import SiteError
from gen.site import build, layout, zensicalrun

needs_zensical = pytest.mark.skipif(not zensicalrun.available(),
                                    reason="zensical is not installed (pip install '.[zensical]')")

_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_SKIP_TARGET = re.compile(r'\s*<a id="__skip" tabindex="-1"></a>')
_INDEX_PREFIX = "var __index = "


def article(html: str) -> list[str]:
    """A page's <article>, normalised as the module's docstring says, line by line."""
    match = _ARTICLE.search(html)
    assert match, "no <article> element"
    return [line for line in _SKIP_TARGET.sub("", match.group(0)).splitlines() if line.strip()]


def differences(mkdocs_site: Path, zensical_site: Path) -> list[str]:
    """Every page whose article differs (or that one builder lacks), with the first lines of the diff."""
    pages = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*.html")}
    other = {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.html")}
    found = [f"{page}: built by one builder only" for page in sorted(pages ^ other)]
    for page in sorted(pages & other):
        a = article((mkdocs_site / page).read_text("utf-8"))
        b = article((zensical_site / page).read_text("utf-8"))
        if a != b:
            diff = list(difflib.unified_diff(a, b, "mkdocs", "zensical", lineterm="", n=0))
            found.append(f"{page}:\n" + "\n".join(line[:200] for line in diff[:8]))
    return found


@pytest.fixture(scope="module")
def zensical_site(zensical_built) -> Path:
    """The zensical build of the same docs/ as the shared mkdocs build (shared with its browser tests)."""
    return zensical_built


@needs_zensical
def test_every_article_is_the_same(site, zensical_site, pages):
    html = [p for p in site.rglob("*.html")]
    assert len(html) == 2 * (len(pages) + 1)  # every page and the 404 page, in both languages
    assert differences(site, zensical_site) == []


@needs_zensical
def test_the_offline_copies_articles_are_the_same(offline_site, zensical_site, tmp_path):
    assert differences(offline_site, unzip_offline(zensical_site, tmp_path)) == []


@needs_zensical
def test_the_comparison_sees_a_changed_page(site, zensical_site, tmp_path):
    """A word changed in one page's article is reported with its page; the skip target is what zensical
    adds (so its normalisation is needed), and nothing else is normalised away."""
    assert '<a id="__skip" tabindex="-1"></a>' in (zensical_site / "index.html").read_text("utf-8")
    mutated = tmp_path / "mutated"
    shutil.copytree(zensical_site, mutated, ignore=shutil.ignore_patterns("assets", "downloads"))
    page = mutated / "en" / "derivation" / "index.html"
    html = page.read_text("utf-8")
    start = html.index("<article")
    assert "ReLU" in html[start:]
    page.write_text(html[:start] + html[start:].replace("ReLU", "ReLu", 1), encoding="utf-8")
    (mutated / "en" / "errata" / "index.html").unlink()
    found = dict(entry.split(":", 1) for entry in differences(site, mutated))
    assert sorted(found) == ["en/derivation/index.html", "en/errata/index.html"]
    assert "+" in found["en/derivation/index.html"] and "ReLu" in found["en/derivation/index.html"]
    assert found["en/errata/index.html"] == " built by one builder only"
    assert article('<article>\n  \n<p>a</p>\n</article>') == article('<article>\n<p>a</p>\n\n</article>')
    assert article("<article><p>a</p></article>") != article("<article><p>b</p></article>")


def _index(path: Path) -> str:
    """A zensical search index's entries as one text (its .js form too), non-ASCII kept."""
    text = path.read_text("utf-8").removeprefix(_INDEX_PREFIX).rstrip(";")
    return json.dumps(json.loads(text)["items"], ensure_ascii=False)


@needs_zensical
def test_zensical_gets_what_the_mkdocs_hooks_give(site, zensical_site, project, tmp_path):
    """The data files in both languages, the search index without TeX delimiters, and no download
    sentence in the offline copy's index (the normal site's index has it: the check can see it)."""
    for source in sorted((project / "docs" / "data").glob("*.json")):
        for lang in layout.LANGUAGES:
            assert (zensical_site / lang.path / "data" / source.name).read_bytes() == source.read_bytes()
    offline = unzip_offline(zensical_site, tmp_path)
    for lang in layout.LANGUAGES:
        online = _index(zensical_site / lang.path / "search.json")
        copy = _index(offline / lang.path / "search.js")
        assert "\\\\(" not in online and "\\\\[" not in online
        assert "downloads/" not in copy
        home = (zensical_site / lang.path / "index.html").read_text("utf-8")
        sentence = re.search(r'<p class="offline-download"><a [^>]*>([^<]*)', home).group(1).strip()
        assert sentence in online and sentence not in copy, sentence



def _sections(config_file: Path) -> set[str]:
    from mkdocs.config import load_config

    return {title for item in load_config(str(config_file)).nav if isinstance(item, dict) for title in item}


@needs_zensical
def test_each_language_has_its_own_navigation_and_language_links(zensical_site, project):
    """mkdocs.en.yml's lists (nav, palette, language links) replace mkdocs.yml's, as MkDocs has it; Zensical
    appends them unless its merger is told otherwise (gen/site/zensicalrun.py)."""
    import html

    for lang in layout.LANGUAGES:
        page = html.unescape((zensical_site / lang.path / "derivation" / "index.html").read_text("utf-8"))
        own = _sections(project / lang.config)
        others = set().union(*(_sections(project / o.config) for o in layout.LANGUAGES if o != lang)) - own
        assert own and all(title in page for title in own), lang.code
        assert not [title for title in others if title in page], lang.code
        assert len(re.findall(r'<link rel="alternate"', page)) == len(layout.LANGUAGES)
        assert page.count('class="md-select__link"') == len(layout.LANGUAGES)


def test_an_unknown_or_missing_builder_is_refused_before_building(tmp_path, monkeypatch):
    with pytest.raises(SiteError, match=r"unknown builder 'hugo' \(known: mkdocs, zensical\)"):
        build(tmp_path, builder="hugo")
    monkeypatch.setattr(zensicalrun, "available", lambda: False)
    with pytest.raises(SiteError, match=r"zensical is not installed \(pip install '\.\[zensical\]'\)"):
        build(tmp_path, builder="zensical")
    assert list(tmp_path.iterdir()) == []
