"""Shared, computed once: the default examples computed and verified, and every generated file."""

import pytest

from gen.derivations.two_layer import derivation
from tests.two_layer.contract import generate, verified_site


@pytest.fixture(scope="session")
def two_layer():
    return derivation()


@pytest.fixture(scope="session")
def site(verify_memo):
    return verified_site(verify_memo)


@pytest.fixture(scope="session")
def verified(site):
    return site[1]["two-layer"]


@pytest.fixture(scope="session")
def outputs(site):
    return generate(site)
