"""The built site: one build per language, strict, same pages, own search index."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, make_project
from gen.errors import SiteError
from gen.site import build, layout, mathjax, package
from htmlscan import scan
from pageurls import built_html, file_path, served_path

HANGUL = re.compile("[가-힣]")


def built_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob("**/index.html")
                  if "en" not in p.relative_to(site_dir).parts[:1])


def html_name(page: str) -> str:
    return built_html(page)


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_mkdocs_build_strict(project, tmp_path, lang):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", lang.config,
         "-d", str(tmp_path / "out")],
        cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_every_page_in_both_languages(site, pages):
    expected = sorted(html_name(p) for p in pages)
    assert built_pages(site) == expected
    assert sorted(p.relative_to(site / "en").as_posix()
                  for p in (site / "en").glob("**/index.html")) == expected


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_html_lang_and_ui_strings(site, pages, lang):
    root = site / lang.path
    search_label = {"ko": "검색", "en": "Search"}[lang.code]
    for page in pages:
        html = (root / html_name(page)).read_text(encoding="utf-8")
        assert f'<html lang="{lang.code}"' in html, page
        assert f'placeholder="{search_label}"' in html, page


@pytest.mark.parametrize("lang", layout.LANGUAGES, ids=lambda lang: lang.code)
def test_search_index_per_language(site, pages, lang):
    index = json.loads((site / lang.path / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {served_path(p) for p in pages}
    assert locations == expected
    titles = " ".join(doc["title"] for doc in index["docs"])
    if lang.code == "ko":
        assert HANGUL.search(titles)
    else:
        assert not HANGUL.search(titles)


def test_search_index_has_no_tex(site):
    for lang in layout.LANGUAGES:
        index = json.loads((site / lang.path / "search" / "search_index.json").read_text("utf-8"))
        text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
        for tex in ("\\(", "\\[", "\\frac", "\\tag", "\\begin", "$$"):
            assert tex not in text, (lang.code, tex)
    korean = (site / "search" / "search_index.json").read_text("utf-8")
    assert "역전파" in json.loads(korean)["docs"][0]["text"] + json.loads(korean)["docs"][0]["title"]


def test_hangul_heading_anchors(site, pages):
    ids = set()
    for page in pages:
        ids |= scan(site / html_name(page)).ids
    assert any(HANGUL.search(i) for i in ids), sorted(ids)
    # The default slugify drops Hangul, leaving ids such as "_1".
    assert not [i for i in ids if re.fullmatch(r"_\d+", i)]


def test_math_typeset_at_build_no_script(site):
    for lang in layout.LANGUAGES:
        folder = site / lang.path / mathjax.TARGET
        assert (folder / mathjax.STYLESHEET).is_file()
        assert list((folder / mathjax.FONT_URL).iterdir())
        assert not list(folder.rglob("*.js"))
        html = (site / lang.path / "derivation" / "index.html").read_text("utf-8")
        assert "<mjx-container" in html and "<mjx-assistive-mml" in html
        assert "\\frac" not in html and "tex-chtml" not in html


def test_tex_error_names_page_equation_and_message():
    from gen.site.mathpass import typeset_page
    from gen.site.typeset import Typesetter

    page = '<p><span class="arithmatex">\\(x\\)</span> <span class="arithmatex">\\(\\frac{a}{\\)</span></p>'
    with Typesetter() as engine, pytest.raises(SiteError) as err:
        typeset_page(page, engine, where="ko/broken.html")
    assert "ko/broken.html: equation 2" in str(err.value)
    assert "MathJax: Missing close brace" in str(err.value)
    with Typesetter() as engine, pytest.raises(SiteError, match=r"MathJax: Undefined control sequence \\foo"):
        typeset_page('<span class="arithmatex">\\(\\foo\\)</span>', engine, where="x.html")


def test_equation_wider_than_desktop_column_fails():
    from gen.site.mathpass import typeset_page
    from gen.site.typeset import Typesetter

    wide = " + ".join(f"x_{{{i}}}" for i in range(60))
    page = f'<div class="arithmatex">\\[{wide}\\]</div>'
    with Typesetter() as engine, pytest.raises(SiteError, match=r"wider than the desktop column"):
        typeset_page(page, engine, where="x.html")


def test_mathjax_missing_names_package(monkeypatch):
    monkeypatch.setattr(mathjax.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SiteError, match=r"pip install 'django-static-mathjax==3\.2\.2\.1'"):
        mathjax.es5_dir()


def test_data_files_in_both_languages(site, project):
    sources = sorted((project / "docs" / "data").glob("*.json"))
    assert "worked-examples.json" in [s.name for s in sources]
    for source in sources:
        for lang in layout.LANGUAGES:
            assert (site / lang.path / "data" / source.name).read_bytes() == source.read_bytes()
        json.loads(source.read_bytes())


def test_missing_page_fails_build(tmp_path, project):
    broken = make_project(tmp_path / "broken", docs=project / "docs")
    (broken / "docs" / "en" / "errata.md").unlink()
    with pytest.raises(SiteError, match=r"pages missing in docs/en: errata\.md"):
        build(broken)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
                            cwd=broken, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "errata.md" in result.stderr


def test_site_url_for_sub_path(tmp_path, project):
    hosted = make_project(tmp_path / "hosted", docs=project / "docs")
    site = build(hosted, site_url="https://user.github.io/repo")
    ko = (site / "sitemap.xml").read_text("utf-8")
    en = (site / "en" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://user.github.io/repo/derivation/</loc>" in ko
    assert "<loc>https://user.github.io/repo/en/derivation/</loc>" in en
    assert "/repo/en/" not in ko
    canonical = (site / "en" / "derivation" / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://user.github.io/repo/en/derivation/">' in canonical


def test_offline_zip(site, offline_site, pages):
    for lang in layout.LANGUAGES:
        root = offline_site / lang.path
        for page in pages:
            html = (root / file_path(page)).read_text("utf-8")
            # file:// shows no index.html for a folder: links name the file.
            up = "../" * page.count("/")
            assert f'href="{up}derivation.html"' in html or page == "derivation.md", page
        assert (root / "search" / "search_index.js").read_text("utf-8").startswith("var __index =")
    index = (offline_site / "index.html").read_text("utf-8")
    assert "offline-download" not in index
    assert not (offline_site / "downloads").exists()


def test_zip_is_reproducible(offline_site, tmp_path):
    first = package.write_zip(offline_site, tmp_path / "a.zip").read_bytes()
    second = package.write_zip(offline_site, tmp_path / "b.zip").read_bytes()
    assert first == second


def test_home_pages_offer_the_offline_zip(site):
    """Both home pages link the zip, and the link lands on the built file (the link check covers it too)."""
    for lang in layout.LANGUAGES:
        home = site / lang.path / "index.html"
        html = home.read_text("utf-8")
        href = re.search(r'<p class="offline-download"><a href="([^"]+)" download>', html).group(1)
        assert (home.parent / href).resolve() == (site / "downloads" / layout.OFFLINE_ZIP).resolve()
        assert (site / "downloads" / layout.OFFLINE_ZIP).stat().st_size > 100_000


def test_the_build_says_what_each_stage_did(build_progress, site):
    """Each stage's line as it starts, then what it did; the counts are the built site's."""
    stages = [line.removesuffix(" …") for line in build_progress if not line.startswith("  ")]
    assert stages == ["the site: mkdocs, once per language (ko, en)",
                      "the site: typesetting the math, cutting the fonts, marking languages and search",
                      "the offline copy: mkdocs, once per language (ko, en)",
                      "the offline copy: typesetting the math, cutting the fonts, marking languages and search",
                      "the offline copy: zipping it into downloads/"]
    assert build_progress[1:3] == ["  ko: built", "  en: built"]  # the long stage's steps, language by language
    pages = sum(1 for _ in site.rglob("*.html"))
    assert f"  {pages} HTML pages (" in build_progress[3]
    html = "".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    equations = html.count('class="arithmatex"')
    fonts = len(list((site / mathjax.TARGET / mathjax.FONT_URL).iterdir()))
    assert re.fullmatch(rf"  {equations} equations on \d+ pages; {fonts} font files, \d+ kB per language \([\d.]+ s\)",
                        build_progress[5])
    size = (site / "downloads" / layout.OFFLINE_ZIP).stat().st_size / 1e6
    assert build_progress[-1].startswith(f"  {layout.OFFLINE_ZIP}: {size:.1f} MB (")
