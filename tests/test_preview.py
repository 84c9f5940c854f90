"""`serve`'s preview rebuilds an edited page in place (gen/site/preview.py): the page it writes is the page a
whole build writes, its search entries are replaced, and what it cannot rebuild alone is built whole."""

import importlib
import json
import re
import shutil

import pytest

from genrun import ROOT
from gen.errors import SiteError
from gen.site import preview
from gen.site.typeset import Typesetter

build = importlib.import_module("gen.site.build")
SKIP = {".git", "site", "build", "tests", "bench", ".venv", ".verify-cache"}
PAGE = "en/svm/index.md"
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def whole_builder(project, engine):
    def build_whole(out):
        with build._environ(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=build._FIXED_EPOCH):
            build._build_variant(project, out, engine, offline=False, base=None)
    return build_whole


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = tmp_path_factory.mktemp("preview") / "p"
    shutil.copytree(ROOT, project, ignore=lambda d, names: [n for n in names if n in SKIP and d == str(ROOT)])
    return project


@pytest.fixture(scope="module")
def site(project):
    with Typesetter() as engine:
        site = preview.Preview(project, project / "build" / "preview", engine, whole_builder(project, engine))
        site.whole(project / "build" / "staging")
        yield site


def out_path(rel):
    """docs-relative page → its built file (directory URLs)."""
    lang, _, page = rel.partition("/")
    page = page[:-3]
    page = page[:-len("index")] if page.endswith("index") else page + "/"
    return ("" if lang == "ko" else f"{lang}/") + page + "index.html"


def edit(project, rel, change):
    path = project / "docs" / rel
    old = path.read_text("utf-8")
    path.write_text(change(old), encoding="utf-8")
    return old


def test_an_edited_page_is_the_page_a_whole_build_writes(project, site, tmp_path):
    sentence = "A freshly added sentence with $W_1 x$ and 역전파 in it."
    edit(project, PAGE, lambda text: text + f"\n{sentence}\n")
    assert site.update([PAGE]) == 1
    rebuilt = (site.folder / out_path(PAGE)).read_text("utf-8")
    assert "freshly added sentence" in rebuilt and "\\(" not in ARTICLE.search(rebuilt).group(0)
    assert '<span lang="ko">역전파</span>' in rebuilt  # the language pass ran on it
    with Typesetter() as engine:
        whole_builder(project, engine)(tmp_path / "whole")
    whole = (tmp_path / "whole" / out_path(PAGE)).read_text("utf-8")
    assert ARTICLE.search(rebuilt).group(0) == ARTICLE.search(whole).group(0)
    # Its search entries are replaced, not added to: the same entries as the whole build's index.
    index = json.loads((site.folder / "en" / "search" / "search_index.json").read_text("utf-8"))
    fresh = json.loads((tmp_path / "whole" / "en" / "search" / "search_index.json").read_text("utf-8"))
    ours = sorted(json.dumps(d, sort_keys=True) for d in index["docs"])
    assert ours == sorted(json.dumps(d, sort_keys=True) for d in fresh["docs"])
    assert any("freshly added sentence" in d["text"] for d in index["docs"])


def test_a_page_that_fails_leaves_the_preview_as_it_was(project, site):
    before = (site.folder / out_path(PAGE)).read_text("utf-8")
    index = (site.folder / "en" / "search" / "search_index.json").read_text("utf-8")
    wide = "$$" + " + ".join(f"a_{{{n}}} b_{{{n}}}" for n in range(60)) + "$$"
    old = edit(project, PAGE, lambda text: text + f"\nA sentence that is not kept.\n\n{wide}\n")
    try:
        with pytest.raises(SiteError, match="wider than the desktop column"):
            site.update([PAGE])
    finally:
        (project / "docs" / PAGE).write_text(old, encoding="utf-8")
    assert (site.folder / out_path(PAGE)).read_text("utf-8") == before
    assert (site.folder / "en" / "search" / "search_index.json").read_text("utf-8") == index


def test_what_the_kept_state_cannot_answer_is_built_whole(project, site):
    new = project / "docs" / "en" / "svm" / "new.md"
    old = edit(project, PAGE, lambda text: re.sub(r"^# .*$", "# Another title", text, count=1, flags=re.M))
    try:
        with pytest.raises(preview.Whole, match="title changed"):  # every page's navigation shows it
            site.update([PAGE])
    finally:
        (project / "docs" / PAGE).write_text(old, encoding="utf-8")
    with pytest.raises(preview.Whole, match="nothing kept"):  # until a whole build, nothing kept is trusted
        site.update([PAGE])
    site.whole(project / "build" / "staging")
    new.write_text("# New\n", encoding="utf-8")
    try:
        with pytest.raises(preview.Whole, match="new page"):
            site.update(["en/svm/new.md"])
    finally:
        new.unlink()
    with pytest.raises(preview.Whole, match="removed"):
        site.update(["en/svm/new.md"])
    (project / "docs" / "notes.txt").write_text("a file beside the languages", encoding="utf-8")
    with pytest.raises(preview.Whole, match="outside"):
        site.update(["notes.txt"])
