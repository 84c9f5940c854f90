"""What every builder's output gets after its run, before the passes: the data files, and the pages'
edits that need no builder (tab labels apart; no download link in the offline copy)."""

import shutil
from pathlib import Path

from gen.errors import SiteError
from gen.site import content


def data_files(docs_root: Path) -> list[Path]:
    """docs/data/*.json, which every language serves; a SiteError when there are none."""
    data = sorted((docs_root / "data").glob("*.json"))
    if not data:
        raise SiteError(f"no data files in {docs_root / 'data'} (the generator writes them)")
    return data


def finish_site(docs_root: Path, roots: list[Path], *, offline: bool) -> int:
    """Copy the data files into each language root and edit its pages; how many pages changed."""
    changed = 0
    for root in roots:
        (root / "data").mkdir(exist_ok=True)
        for path in data_files(docs_root):
            shutil.copyfile(path, root / "data" / path.name)
        for page in sorted(root.glob("**/*.html")):
            if any(other != root and other.is_relative_to(root) and page.is_relative_to(other) for other in roots):
                continue  # another language's page
            text = page.read_text("utf-8")
            new = content.apart_tab_labels(text)
            if offline:
                new = content.drop_offline_download(new)
            if new != text:
                page.write_text(new, encoding="utf-8")
                changed += 1
    return changed
