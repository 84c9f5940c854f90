"""Shared fixtures: the default examples verified once per test process, and one generation of them, in memory;
one verification cache for the run's command lines.

The in-process generations (`outputs` and the `verify_memo` the command line is given) use no cache: every
derivation is verified from scratch in each test process. `python -m gen` and `gen.cli.main` keep what they
verified on disk (gen/verifycache.py); here in a folder of this run, shared by its workers and empty at its
start, so that the first command line of the run to need a derivation verifies it from scratch and the others
accept its entry (and no entry of an earlier run or of the project's own folder is ever used)."""

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
def verify_memo():
    """Each derivation's verified results for the default examples, kept for every fixture of this process
    that verifies them again (see gen.pipeline.verify_all)."""
    return {}


@pytest.fixture(scope="session")
def outputs(verify_memo):
    """Every generated file's text for the default examples."""
    from gen.derivations import discover
    from gen.pipeline import generate
    return generate(discover(), memo=verify_memo)
