"""Zensical as the builder: one `zensical build` per language, from a config written beside mkdocs.yml.

Zensical reads mkdocs.yml, but runs none of its hooks, takes no overrides on its command line and
wants docs_dir and site_dir under its config file's folder; so each run gets a small config at the
project root that inherits the language's and names the folders, site_url and the theme.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gen.errors import SiteError
from gen.progress import QUIET, Progress
from gen.site import layout, urls


# Zensical merges an INHERITed config into its parent with lists appended; MkDocs replaces a list whole, and
# mkdocs.en.yml relies on it (its nav, palette and language links replace the Korean ones). So zensical runs
# with its merger set to MkDocs' rule: mappings merged key by key, anything else replaced.
_MKDOCS_INHERIT = (
    "import sys\n"
    "from deepmerge import Merger\n"
    "import zensical.config\n"
    "zensical.config.always_merger = Merger([(dict, ['merge']), (list, ['override'])], ['override'], ['override'])\n"
    "from zensical.main import cli\n"
    "sys.argv[0] = 'zensical'\n"
    "cli()\n")


def available() -> bool:
    """Whether zensical is installed (`pip install '.[zensical]'`)."""
    try:
        import zensical  # noqa: F401
    except ImportError:
        return False
    return True


def build_variant(root: Path, out: Path, *, offline: bool, base: str | None, progress: Progress = QUIET) -> None:
    """zensical once per language into out/, the default language first."""
    if not available():
        raise SiteError("zensical is not installed (pip install '.[zensical]')")
    shutil.rmtree(out, ignore_errors=True)
    theme = _theme(root)
    env = dict(os.environ, OFFLINE="true" if offline else "false")
    for lang in layout.LANGUAGES:
        site_dir = out / lang.path if lang.path else out
        _zensical(root, lang, site_dir, None if offline else urls.language_url(base, lang.path), theme, env)
        progress.step(f"{lang.code}: built")


def _theme(root: Path) -> dict:
    """The theme's settings for zensical: the classic variant, Material for MkDocs' look, which the site's
    stylesheets are written for; the site's overrides without its copy of Material 9.8.2's search
    partial, whose markup is not the search zensical's theme has."""
    overrides = root / "build" / "zensical-overrides"
    shutil.rmtree(overrides, ignore_errors=True)
    shutil.copytree(root / "overrides", overrides, ignore=lambda folder, names: ["search.html"]
                    if Path(folder).name == "partials" else [])
    return {"variant": "classic", "custom_dir": overrides.relative_to(root).as_posix()}


def _zensical(root: Path, lang: layout.Language, site_dir: Path, site_url: str | None, theme: dict,
              env: dict) -> None:
    """One strict zensical build of one language; its output goes into the SiteError."""
    config = root / f".zensical-{os.getpid()}.{lang.code}.yml"
    settings = {"INHERIT": lang.config, "docs_dir": f"docs/{lang.code}",
                "site_dir": site_dir.relative_to(root).as_posix(), "theme": theme}
    if site_url:
        settings["site_url"] = site_url
    config.write_text("".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items()), encoding="utf-8")
    try:
        run = subprocess.run([sys.executable, "-c", _MKDOCS_INHERIT, "build", "--strict", "-f", config.name],
                             cwd=root, env=env, capture_output=True, text=True)
    finally:
        config.unlink(missing_ok=True)
    if run.returncode != 0 or not (site_dir / "index.html").is_file():
        detail = " ".join((run.stderr or run.stdout).split())[:400]
        raise SiteError(f"zensical build {lang.config} failed: {detail}")
