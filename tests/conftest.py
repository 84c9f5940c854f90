"""Shared fixtures: one generation of the default examples, in memory."""

import pytest


@pytest.fixture(scope="session")
def outputs():
    """Every generated file's text for the default examples."""
    from gen.derivations import discover
    from gen.pipeline import generate
    return generate(discover())
