"""The offline copy as a zip whose bytes depend only on the files in it."""

import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip(folder: Path, target: Path) -> Path:
    """Zip folder/ as <folder name>/... into target: sorted, fixed dates and modes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    partial.replace(target)
    return target
