"""What every builder's output gets after its run, before the passes: the data files, and the edits
that need no builder: tab labels apart; in the offline copy, no download link, on a page or in search."""

import shutil
from pathlib import Path

from gen.errors import SiteError
from gen.site import content, searchpass


def data_files(docs_root: Path) -> list[Path]:
    """docs/data/*.json, which every language serves; a SiteError when there are none."""
    data = sorted((docs_root / "data").glob("*.json"))
    if not data:
        raise SiteError(f"no data files in {docs_root / 'data'} (the generator writes them)")
    return data


def finish_site(docs_root: Path, roots: list[Path], *, offline: bool) -> int:
    """Copy the data files into each language root and edit its pages; how many pages changed."""
    changed, dropped = 0, set()
    for root in roots:
        (root / "data").mkdir(exist_ok=True)
        for path in data_files(docs_root):
            shutil.copyfile(path, root / "data" / path.name)
        for page in _pages(root, roots):
            text = page.read_text("utf-8")
            new = content.apart_tab_labels(text)
            if offline:
                dropped.update(content.offline_download_texts(new))
                new = content.drop_offline_download(new)
            if new != text:
                page.write_text(new, encoding="utf-8")
                changed += 1
    if dropped:  # an index that holds a page's HTML (zensical's) holds the paragraph too
        searchpass.rewrite_site(roots, edit=lambda text: _without(text, dropped))
    return changed


def _pages(root: Path, roots: list[Path]) -> list[Path]:
    """The HTML pages of the language at root, not those of another language inside it (en/)."""
    inner = [other for other in roots if other != root and other.is_relative_to(root)]
    return [page for page in sorted(root.glob("**/*.html")) if not any(page.is_relative_to(o) for o in inner)]


def _without(text: str, paragraphs: set[str]) -> str:
    for paragraph in paragraphs:
        text = text.replace(paragraph, "")
    return text
