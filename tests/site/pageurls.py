"""Where a page source (`docs/<lang>/<page>`) ends up in the built site, with and without directory URLs."""


def served_path(page: str) -> str:
    """The URL path below a language root: `derivation.md` → `derivation/`, `two-layer/index.md` → `two-layer/`."""
    stem = page[:-3]
    if stem == "index":
        return ""
    return stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def page_url(base: str, lang, page: str) -> str:
    """Its address on the served site: `http://…/en/derivation/` for English `derivation.md`."""
    return base + lang.path + served_path(page)


def built_html(page: str) -> str:
    """The file mkdocs writes for it: `derivation/index.html`, `two-layer/index.html`, `index.html`."""
    return served_path(page) + "index.html"


def file_path(page: str) -> str:
    """The file of the offline copy (no directory URLs): `derivation.html`, `two-layer/index.html`."""
    return page[:-3] + ".html"


def test_paths_of_nested_pages():
    assert [served_path(p) for p in ("index.md", "derivation.md", "two-layer/index.md", "two-layer/examples.md")] == \
        ["", "derivation/", "two-layer/", "two-layer/examples/"]
    assert built_html("two-layer/index.md") == "two-layer/index.html"
    assert file_path("two-layer/index.md") == "two-layer/index.html"
