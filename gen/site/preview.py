"""`serve`'s preview: built whole once, then only the pages an edit changed, rebuilt in place.

A whole build (both languages, every pass) takes seconds; an edit to a template's words changes a page or
two. The first build keeps each language's mkdocs state (its config, files, navigation and theme, handed
over by the hooks); a changed page is then read, rendered and laid out again with that state, and the
passes run on that page alone: tab labels, the search index's entries for it, its math, its other-language
words. What the kept state cannot answer is built whole again, as the first time: a page added or removed,
a page whose title changed (every page's navigation shows it), a file mkdocs does not know yet.
"""

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from gen.site import content, fonts, langpass, layout, mathpass, searchpass, strict
from gen.write import atomic_write, swap_in

_KEPT: dict | None = None
"""While a preview builds whole: config file → the state its mkdocs run hands over (see `keep`)."""


def keep(config, **parts) -> None:
    """Called by the hooks with a run's navigation, files and theme; kept only while a preview builds."""
    if _KEPT is not None:
        _KEPT.setdefault(config.config_file_path, {"config": config}).update(parts)


class Whole(Exception):
    """This change needs a whole build (`reason` says why)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Language:
    """One language's mkdocs state after a whole build, and where its pages go."""

    lang: layout.Language
    root: Path
    state: dict = field(default_factory=dict)

    def page(self, uri: str):
        file = self.state["files"].get_file_from_path(uri)
        if file is None or file.page is None:
            raise Whole(f"{self.lang.code}/{uri} is a new page")
        return file.page


class Preview:
    """The preview folder of the project at `root`, built whole by `build_whole(out)` (into `out`, then swapped
    in) and kept up to date by `update(changed)`."""

    def __init__(self, root: Path, folder: Path, engine, build_whole):
        self.root, self.folder, self.engine, self._build_whole = Path(root), Path(folder), engine, build_whole
        self.languages: list[_Language] = []
        self.stylesheet = None

    def whole(self, staging: Path) -> None:
        """Build everything into `staging`, swap it in, and keep each language's state."""
        global _KEPT
        _KEPT = {}
        try:
            self._build_whole(staging)
            kept = dict(_KEPT)
        finally:
            _KEPT = None
        swap_in(staging, self.folder)
        self.languages = []
        for lang in layout.LANGUAGES:
            state = kept.get(str(self.root / lang.config))
            if not state or not {"files", "nav", "env"} <= state.keys():
                self.languages = []  # a builder that hands nothing over: every change builds whole
                break
            self.languages.append(_Language(lang, self.folder / lang.path, state))
        self.stylesheet = self.engine.stylesheet()

    def update(self, changed: list[str]) -> int:
        """Rebuild what the generated files `changed` (paths relative to docs/) touch; how many pages.
        Raises Whole when that needs a whole build. Nothing is written unless every page succeeded."""
        if not self.languages:
            raise Whole("nothing kept from the last build")
        by_code = {item.lang.code: item for item in self.languages}
        pages, copies = {}, []
        for rel in changed:
            code, _, uri = rel.partition("/")
            source = self.root / "docs" / rel
            if not source.is_file():
                raise Whole(f"{rel} was removed")
            if code == "data":
                copies += [(source, item.root / "data" / uri) for item in self.languages]
            elif code in by_code and uri.endswith(".md"):
                pages.setdefault(code, []).append(uri)
            elif code in by_code:
                file = by_code[code].state["files"].get_file_from_path(uri)
                if file is None:
                    raise Whole(f"{rel} is a new file")
                copies.append((source, by_code[code].root / file.dest_uri))
            else:
                raise Whole(f"{rel} is outside the languages' folders")
        built, indexes = {}, {}
        for code, uris in pages.items():
            html, index = self._pages(by_code[code], uris)
            built.update(html)
            indexes.update(index)
        written = {**self._typeset(built), **indexes}
        for source, target in copies:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for path, text in written.items():
            atomic_write(path, text)
        return len(built)

    def _pages(self, item: _Language, uris: list[str]) -> dict:
        """({output path: (language code, HTML before the math pass)}, {its search index's path: new text})."""
        from material.plugins.search.plugin import SearchIndex
        from mkdocs.commands.build import _build_page, _populate_page

        config, files, nav, env = (item.state[k] for k in ("config", "files", "nav", "env"))
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index = SearchIndex(**search.search_index.config)
        doc_files = files.documentation_pages()
        out, urls = {}, []
        with strict.warnings(f"mkdocs {item.lang.config}"), tempfile.TemporaryDirectory() as scratch:
            for n, uri in enumerate(uris):
                page = item.page(uri)
                title = page.title
                _populate_page(page, config, files)
                if page.title != title:
                    self.languages = []  # the kept pages are now half-read: until a whole build, trust none
                    raise Whole(f"{item.lang.code}/{uri}: its title changed")
                target = Path(page.file.abs_dest_path)
                page.file.abs_dest_path = str(Path(scratch) / f"{n}.html")
                try:
                    _build_page(page, config, doc_files, nav, env)
                finally:
                    page.file.abs_dest_path = str(target)
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
                html = content.apart_tab_labels((Path(scratch) / f"{n}.html").read_text("utf-8"))
                out[item.root / page.file.dest_uri] = (item.lang.code, html)
                urls.append(page.url)
        index = self._index(item, urls, search.search_index.entries) if search is not None else {}
        return out, index

    def _index(self, item: _Language, urls: list[str], entries: list[dict]) -> dict:
        """{path: text} of the language's search index with the rebuilt pages' entries replaced by `entries`
        (rewritten as the search pass rewrites every entry)."""
        path = item.root / "search" / "search_index.json"
        index = json.loads(path.read_text("utf-8"))
        rebuilt = set(urls)
        kept = [doc for doc in index["docs"] if doc["location"].split("#")[0] not in rebuilt]
        for entry in entries:
            for key in ("title", "text"):
                entry[key] = searchpass.rewrite_text(entry[key])
        index["docs"] = kept + entries
        return {path: json.dumps(index, separators=(",", ":"))}

    def _typeset(self, built: dict) -> dict:
        """{output path: finished HTML}: math typeset, fonts linked, other-language words marked."""
        typeset = {}
        for path, (code, html) in built.items():
            text, _ = mathpass.typeset_page(html, self.engine, where=path.relative_to(self.folder).as_posix())
            typeset[path] = (code, text)
        stylesheet = self.engine.stylesheet()
        web = fonts.subset(stylesheet)
        version = fonts.version(web.stylesheet.encode("utf-8"))
        written = {}
        if stylesheet != self.stylesheet:  # new glyphs: new fonts, and every page links the new version
            for item in self.languages:
                mathpass.write_assets(item.root, web)
            for page in sorted(self.folder.rglob("*.html")):
                if page not in typeset:
                    old = page.read_text("utf-8")
                    new = mathpass.relink(old, version)
                    if new != old:
                        written[page] = new
            self.stylesheet = stylesheet
        for path, (code, text) in typeset.items():
            written[path] = langpass.mark_page(mathpass.link_fonts(text, web, version), code)
        return written
