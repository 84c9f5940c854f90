"""Build both languages with mkdocs or zensical (and the offline copy), or serve one live."""

import contextlib
import logging
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from gen.background import Background
from gen.errors import SiteError
from gen.progress import QUIET, Progress
from gen.site import (content, finish, langpass, layout, mathjax, mathpass, package, parity, preview, searchpass,
                      strict, urls, zensicalrun)
from gen.site.typeset import Typesetter

_FIXED_EPOCH = "315532800"  # 1980-01-01, when the tree has no commit yet
BUILDERS = ("mkdocs", "zensical")


def build(root: Path, *, offline: bool = False, site_url: str | None = None, builder: str = "mkdocs",
          progress: Progress = QUIET) -> Path:
    """Build the site into root/site and return it: Korean at the root, English in en/.

    offline=True builds the variant that opens from file:// instead. The normal
    build also carries that variant as downloads/<layout.OFFLINE_ZIP>. `builder` is one of BUILDERS;
    `progress` is told of each stage.
    """
    from gen.write import swap_in

    root = Path(root).resolve()
    _check_builder(builder)
    _preflight(root)
    site, staging = root / "site", root / "build" / "site-staging"
    shutil.rmtree(staging, ignore_errors=True)  # what an interrupted build left
    # Everything is built in `staging` and swapped in whole: an interrupted or failed build leaves the
    # previous site/ (and the zip inside it) as it was.
    copy = root / "build" / "offline" / Path(layout.OFFLINE_ZIP).stem
    with _environ(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=_source_date(root)):
        # The offline copy's mkdocs runs in a second process (started before MathJax's V8 is) while
        # this one builds and typesets the site; its passes then reuse every typeset equation.
        # Zensical's runs share one cache folder (.cache/), so they run one after another.
        pages = None if offline or builder == "zensical" else Background(
            _run_builder, builder, root, copy, offline=True, base=None)
        try:
            with Typesetter() as engine:
                _build_variant(root, staging, engine, offline=offline, builder=builder,
                               base=None if offline else urls.base_url(site_url), progress=progress)
                if not offline:
                    _build_variant(root, copy, engine, offline=True, base=None, builder=builder, pages=pages,
                                   progress=progress, label="the offline copy")
        finally:
            if pages is not None:
                pages.cancel()
        if not offline:
            with progress.stage("the offline copy: zipping it into downloads/"):
                archive = package.write_zip(copy, root / "build" / layout.OFFLINE_ZIP)
                (staging / "downloads").mkdir(exist_ok=True)
                shutil.copyfile(archive, staging / "downloads" / layout.OFFLINE_ZIP)
                progress.done(f"{layout.OFFLINE_ZIP}: {archive.stat().st_size / 1e6:.1f} MB")
    swap_in(staging, site)
    return site


def serve(root: Path, *, lang: str = "ko", dev_addr: str = "127.0.0.1:8000",
          regenerate=None, watch=()) -> None:
    """Serve both languages (Korean at /, English at /en/) with live reload for authors.

    On every change under `watch`, `regenerate()` runs and returns the generated files it changed (paths
    relative to docs/); the pages they touch are rebuilt in place (gen/site/preview.py), or, when that cannot
    be, the site is built whole into a staged folder and swapped in. A GenError is printed like
    `python -m gen` prints it and the last good pages stay."""
    import sys

    from mkdocs.livereload import LiveReloadServer

    from gen.errors import GenError

    root = Path(root).resolve()
    try:
        layout.language(lang)
    except KeyError as err:
        raise SiteError(str(err.args[0])) from None
    staging = root / "build" / "preview-staging"
    # One MathJax for the whole session: each rebuild typesets only equations it has not seen (its
    # stylesheet keeps the glyphs of earlier ones too, which a preview does not mind).
    engine = Typesetter()

    def build_whole(out):
        _preflight(root)
        with _environ(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=_FIXED_EPOCH):
            _build_variant(root, out, engine, offline=False, base=None)

    site = preview.Preview(root, root / "build" / "preview", engine, build_whole)

    def rebuild():
        changed = regenerate() if regenerate else None
        if changed == []:
            return "nothing changed"
        if changed is not None:
            try:
                with _environ(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=_FIXED_EPOCH):
                    count = site.update(changed)
                    return f"{count} page{'' if count == 1 else 's'} rebuilt in place"
            except preview.Whole as why:
                reason = f" ({why.reason})"
        else:
            reason = ""
        shutil.rmtree(staging, ignore_errors=True)
        site.whole(staging)
        return f"built whole{reason}"

    def rebuild_keeping_last_good():
        try:
            done = rebuild()
            print(f"preview rebuilt: {done}", file=sys.stderr, flush=True)
        except GenError as err:
            for line in str(err).splitlines():
                print(f"error: {line}", file=sys.stderr, flush=True)

    with engine:
        shutil.rmtree(staging, ignore_errors=True)
        site.whole(staging)
        host, port = dev_addr.rsplit(":", 1)
        # Polled every 0.1 s (mkdocs's default 0.5 s would be most of an edit's wait).
        server = LiveReloadServer(builder=rebuild_keeping_last_good, host=host, port=int(port),
                                  root=str(site.folder), polling_interval=0.1)
        for path in watch:
            server.watch(str(path))
        address = f"http://{host}:{server.server_address[1]}/"
        print(f"serving on {address} ({lang}: {address}{layout.language(lang).path}; "
              f"English at {address}en/) — Ctrl+C stops", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass


def _check_builder(builder: str) -> None:
    """Fail early on a builder that is unknown or not installed."""
    if builder not in BUILDERS:
        raise SiteError(f"unknown builder {builder!r} (known: {', '.join(BUILDERS)})")
    if builder == "zensical" and not zensicalrun.available():
        raise SiteError("zensical is not installed (pip install '.[zensical]')")


def _preflight(root: Path) -> None:
    """Fail early, with one clear line, on missing pages or data files or a missing MathJax."""
    parity.check_parity(root / "docs", [lang.code for lang in layout.LANGUAGES])
    finish.data_files(root / "docs")
    mathjax.es5_dir()


def _build_variant(root: Path, out: Path, engine: Typesetter, *, offline: bool, base: str | None,
                   builder: str = "mkdocs", pages=None, progress: Progress = QUIET, label: str = "the site") -> None:
    """Run the builder once per language into out/ (the default language first), then the passes.

    `pages`, when given, is that builder's run already started in the background (`Background`)."""
    languages = ", ".join(lang.code for lang in layout.LANGUAGES)
    with progress.stage(f"{label}: {builder}, once per language ({languages})"):
        if pages is None:
            _run_builder(builder, root, out, offline=offline, base=base, progress=progress)
        else:
            pages.result()
        progress.done(f"{sum(1 for _ in out.rglob('*.html'))} HTML pages")
    roots = [out / lang.path for lang in layout.LANGUAGES]
    finish.finish_site(root / "docs", roots, offline=offline)
    with progress.stage(f"{label}: typesetting the math, cutting the fonts, marking languages and search"):
        searchpass.rewrite_site(roots)
        typeset = mathpass.typeset_site(out, roots, engine, preload=not offline)
        langpass.mark_site({lang.code: out / lang.path for lang in layout.LANGUAGES})
        if offline:
            content.drop_alternate_links(out)
        progress.done(f"{typeset.equations} equations on {typeset.pages} pages; "
                      f"{typeset.fonts} font files, {typeset.font_bytes / 1e3:.0f} kB per language")


def _run_builder(builder: str, root: Path, out: Path, *, offline: bool, base: str | None,
                 progress: Progress = QUIET) -> None:
    """The pages of both languages into out/, by mkdocs or zensical."""
    run = zensicalrun.build_variant if builder == "zensical" else _mkdocs_variant
    run(root, out, offline=offline, base=base, progress=progress)


def _mkdocs_variant(root: Path, out: Path, *, offline: bool, base: str | None, progress: Progress = QUIET) -> None:
    """mkdocs once per language into out/, the default language first (its build empties out/)."""
    # The offline copy points nowhere online: no canonical or sitemap URLs.
    env = {"OFFLINE": "true" if offline else "false", "SITE_URL": None if offline else base}
    with _environ(**env):
        for lang in layout.LANGUAGES:
            config_file = root / lang.config
            site_dir = out / lang.path if lang.path else out
            _mkdocs(config_file, site_dir=str(site_dir),
                    site_url=urls.language_url(base, lang.path))
            progress.step(f"{lang.code}: built")


def _mkdocs(config_file: Path, **overrides) -> None:
    """One strict mkdocs build; its first warning goes into the SiteError."""
    warnings = strict.FirstWarning()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(str(config_file), strict=True, **overrides)
        mkdocs_build(config)
    except MkDocsException as err:
        detail = f" ({warnings.first})" if warnings.first else ""
        raise SiteError(f"mkdocs build {config_file.name} failed: {err}{detail}") from None
    finally:
        logger.removeHandler(warnings)


def _source_date(root: Path) -> str:
    """SOURCE_DATE_EPOCH for reproducible sitemaps: the env, else HEAD's commit time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or _FIXED_EPOCH


@contextlib.contextmanager
def _environ(**changes):
    """Set (or, for None, unset) environment variables for the duration."""
    saved = {key: os.environ.get(key) for key in changes}
    try:
        for key, value in changes.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
