"""Shared, computed once: the default examples computed and verified, and every generated file."""

import pytest

from gen.derivations.two_layer import derivation
from tests.two_layer.contract import generate


@pytest.fixture(scope="session")
def two_layer():
    return derivation()


@pytest.fixture(scope="session")
def verified(two_layer):
    return two_layer.verify(two_layer.compute(two_layer.default_examples))


@pytest.fixture(scope="session")
def outputs(verified):
    return generate(verified=verified)
