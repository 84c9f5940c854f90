"""Every page must exist in every language: no silent fallback to another."""

from pathlib import Path

from gen.errors import SiteError
from gen.site.layout import page_files


def check_parity(docs_root: Path, codes: list[str]) -> None:
    """Raise SiteError unless docs_root/<code>/ holds the same pages for all codes."""
    pages = {}
    for code in codes:
        folder = docs_root / code
        if not folder.is_dir():
            raise SiteError(f"missing docs folder {folder} (run the generator first)")
        pages[code] = page_files(folder)
    every = set().union(*pages.values())
    for code in codes:
        missing = sorted(every - pages[code])
        if missing:
            raise SiteError(
                f"pages missing in docs/{code}: {', '.join(missing)} "
                f"(every page must exist in {', '.join(codes)})"
            )
