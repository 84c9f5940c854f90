"""Shared fixtures: the default examples verified once per run and kept by each test process, and one generation
of them, in memory; one verification cache for the run.

What is verified is kept on disk (gen/verifycache.py), here in a folder of this run, shared by its workers and
empty at its start: the first process of the run to need a derivation's default examples (a worker's
`verify_memo`, or a `python -m gen` a test starts) verifies them from scratch, and the others accept its entry.
No entry of an earlier run or of the project's own `.verify-cache/` is ever used."""

import fcntl
import os

import pytest

from gen import verifycache


@pytest.fixture(scope="session", autouse=True)
def _run_verify_cache(request, tmp_path_factory):
    shared = tmp_path_factory.getbasetemp()
    if hasattr(request.config, "workerinput"):  # a pytest-xdist worker: its folder's parent is the run's
        shared = shared.parent
    before = os.environ.get(verifycache.ENV)
    os.environ[verifycache.ENV] = str(shared / "verify-cache")
    yield shared / "verify-cache"
    if before is None:
        os.environ.pop(verifycache.ENV, None)
    else:
        os.environ[verifycache.ENV] = before


@pytest.fixture(scope="session")
def verify_memo(_run_verify_cache):
    """Each derivation's verified results for the default examples, kept for every fixture of this process
    that verifies them again (see gen.pipeline.verify_all). Made under a lock of the run, so that while one
    worker verifies, the other waits for its entries instead of verifying the same again."""
    from gen.derivations import discover
    from gen.pipeline import verify_all

    memo = {}
    with open(_run_verify_cache.parent / "verify-cache.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        verify_all(discover(), memo=memo, cache=verifycache.VerifyCache(_run_verify_cache))
    return memo


@pytest.fixture(scope="session")
def warm_cache(verify_memo, _run_verify_cache):
    """The run's verification cache once it holds every derivation's default examples: for a test whose
    `python -m gen` would otherwise verify them again at the same time as another process."""
    return _run_verify_cache


@pytest.fixture(scope="session")
def outputs(verify_memo):
    """Every generated file's text for the default examples."""
    from gen.derivations import discover
    from gen.pipeline import generate
    return generate(discover(), memo=verify_memo)
