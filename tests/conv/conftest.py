"""The convolution computed and verified once, and every file it generates."""

import pytest

from gen.derivations import discover, named
from gen.pipeline import render_derivation, site_context, verify_all


@pytest.fixture(scope="session")
def conv():
    return named("conv")


@pytest.fixture(scope="session")
def verified(conv, verify_memo):
    return verify_all([conv], memo=verify_memo)["conv"]


@pytest.fixture(scope="session")
def outputs(conv, verified):
    return render_derivation(conv, verified, site_context(discover()))
