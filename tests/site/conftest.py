"""Shared fixtures: the site is built once per test run into a scratch project.

The scratch project links the real configs, overrides and gen/ and copies the
repository's generated docs/ (committed, and kept fresh by `python -m gen --check`).
With several test workers (pytest-xdist), the first to need it builds it and the
others wait for it, then read the same files.
"""

import contextlib
import fcntl
import functools
import http.server
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from gen.progress import Progress
from gen.site import build, layout

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
LINKED = ("mkdocs.yml", "mkdocs.en.yml", "overrides", "gen")


def docs_source() -> Path:
    """The generated docs tree the tests build."""
    return REPO / "docs"


def make_project(where: Path, docs: Path | None = None) -> Path:
    """A scratch project root: links to the real configs and code, a copy of docs/."""
    where.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        (where / name).symlink_to(REPO / name)
    shutil.copytree(docs or docs_source(), where / "docs")
    return where


@pytest.fixture(scope="session", autouse=True)
def _quiet_mkdocs():
    os.environ["NO_MKDOCS_2_WARNING"] = "1"


def shared_build(request, tmp_path_factory, name: str, **options) -> Path:
    """The scratch project `name`, built (`gen.site.build(**options)`) by one worker of the run, under a lock."""
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: its folder's parent is the run's
        shared = shared.parent
    project, done = shared / name, shared / f"{name}.built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(project, ignore_errors=True)  # a build that failed in another worker
            with open(shared / f"{name}.progress", "w", encoding="utf-8") as log:
                build(make_project(project), progress=Progress(stream=log), **options)
            done.touch()
    return project


@pytest.fixture(scope="session")
def built(request, tmp_path_factory) -> tuple[Path, Path]:
    """(scratch project, its normal build): built by one worker of the run, under a lock."""
    project = shared_build(request, tmp_path_factory, "site-project")
    return project, project / "site"


@pytest.fixture(scope="session")
def zensical_built(request, tmp_path_factory) -> Path:
    """The same docs/ built by zensical (its normal build, offline zip inside), shared like `built`."""
    from gen.site import zensicalrun

    if not zensicalrun.available():
        pytest.skip("zensical is not installed (pip install '.[zensical]')")
    return shared_build(request, tmp_path_factory, "zensical-project", builder="zensical") / "site"


@pytest.fixture(scope="session")
def build_progress(built) -> list[str]:
    """The lines the shared build printed as it went (gen.progress)."""
    return (built[0].parent / "site-project.progress").read_text("utf-8").splitlines()


@pytest.fixture(scope="session")
def project(built) -> Path:
    return built[0]


@pytest.fixture(scope="session")
def site(built) -> Path:
    """The normal build (directory URLs, offline zip under downloads/)."""
    return built[1]


def unzip_offline(site: Path, target: Path) -> Path:
    """The offline copy in `site`'s download, unpacked into `target`; its folder."""
    with zipfile.ZipFile(site / "downloads" / layout.OFFLINE_ZIP) as zf:
        zf.extractall(target)
    return target / Path(layout.OFFLINE_ZIP).stem


@pytest.fixture(scope="session")
def offline_site(site, tmp_path_factory) -> Path:
    """The offline copy exactly as readers get it: unpacked from the download."""
    return unzip_offline(site, tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="session")
def pages(project) -> list[str]:
    """Page sources shared by both languages, e.g. ["derivation.md", "index.md"]."""
    return sorted(layout.page_files(project / "docs" / layout.LANGUAGES[0].code))


@contextlib.contextmanager
def serving(folder: Path):
    """http://127.0.0.1:<free port>/ serving `folder` from a stdlib server thread, for the duration."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def http_url(site):
    """http://127.0.0.1:<free port>/ serving site/."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
