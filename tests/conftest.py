"""Shared fixtures: the default examples verified once per test process, and one generation of them, in memory."""

import pytest


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
