"""`python -m gen build` stages the whole site (and the offline zip in it) and swaps it in: a build that
fails part-way leaves the previous site/ exactly as it was."""

import contextlib
import importlib
import zipfile

import pytest

from gen.errors import SiteError
from gen.site import layout

site_build = importlib.import_module("gen.site.build")  # the module (gen.site.build is also the function)


def fake_build(fail_online):
    """A stand-in for one variant's mkdocs + typesetting run: writes pages, then fails if asked."""
    def variant(root, out, engine, *, offline, base, pages=None, **_):
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("offline" if offline else "new", encoding="utf-8")
        if fail_online and not offline:
            raise SiteError("mkdocs build mkdocs.yml failed: (stand-in)")
    return variant


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setattr(site_build, "_preflight", lambda root: None)
    monkeypatch.setattr(site_build, "Typesetter", contextlib.nullcontext)
    monkeypatch.setattr(site_build, "_mkdocs_variant", lambda *a, **k: None)  # the offline copy's mkdocs
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "downloads" / layout.OFFLINE_ZIP).write_bytes(b"old zip")
    return tmp_path


def test_failed_build_leaves_the_previous_site_whole(project, monkeypatch):
    monkeypatch.setattr(site_build, "_build_variant", fake_build(fail_online=True))
    with pytest.raises(SiteError):
        site_build.build(project)
    site = project / "site"
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert (site / "downloads" / layout.OFFLINE_ZIP).read_bytes() == b"old zip"
    assert {p.name for p in site.rglob("*")} == {"downloads", "index.html", layout.OFFLINE_ZIP}


def test_successful_build_replaces_site_and_zip_together(project, monkeypatch):
    monkeypatch.setattr(site_build, "_build_variant", fake_build(fail_online=True))
    with pytest.raises(SiteError):
        site_build.build(project)  # leaves a staging folder behind, which the next build clears
    monkeypatch.setattr(site_build, "_build_variant", fake_build(fail_online=False))
    site = site_build.build(project)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    with zipfile.ZipFile(site / "downloads" / layout.OFFLINE_ZIP) as archive:
        assert [n for n in archive.namelist() if n.endswith("index.html")] == ["backprop-derivation-offline/index.html"]
    assert not (project / "build" / "site-staging").exists()
    assert not (project / ".site.old").exists()
