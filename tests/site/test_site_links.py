"""Every internal link and #fragment of both languages resolves; nothing points outside."""

from pathlib import Path

import pytest

from htmlscan import resolve, scan


def html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    # A language's 404 page is written for a site served at "/" of its own; only
    # the root one is used by a host (GitHub Pages serves /404.html).
    return [f for f in files if f.name != "404.html" or f.parent == site]


def broken_links(site: Path) -> list[str]:
    scans = {}
    problems = []
    for page in html_files(site):
        for link in scan(page).links:
            target = resolve(site, page, link)
            if target is None:
                continue
            path, fragment = target
            where = f"{page.relative_to(site)} -> {link}"
            if path is None:
                problems.append(f"{where}: points to another host")
            elif not path.is_file():
                problems.append(f"{where}: no such file")
            elif fragment and path.suffix == ".html":
                if path not in scans:  # each target page is read once
                    scans[path] = scan(path)
                if fragment not in scans[path].ids:
                    problems.append(f"{where}: no id {fragment!r}")
    return problems


@pytest.mark.parametrize("variant", ["http", "offline"])
def test_no_broken_links(site, offline_site, variant):
    root = site if variant == "http" else offline_site
    assert len(html_files(root)) >= 10
    assert broken_links(root) == []


def test_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h2 id="순전파">x</h2><a href="a/">ok</a><a href="#순전파">ok</a>'
        '<a href="a/#nope">bad id</a><a href="b/">bad</a><a href="https://x.org/">ext</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="yes"></p>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert [p.split(": ")[-1] for p in problems] == [
        "no id 'nope'", "no such file", "points to another host"]
