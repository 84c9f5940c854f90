"""Batch normalization computed and verified once, and every file it generates."""

import pytest

from gen.derivations import discover, named
from gen.pipeline import render_derivation, site_context, verify_all


@pytest.fixture(scope="session")
def batchnorm():
    return named("batchnorm")


@pytest.fixture(scope="session")
def verified(batchnorm, verify_memo):
    return verify_all([batchnorm], memo=verify_memo)["batchnorm"]


@pytest.fixture(scope="session")
def outputs(batchnorm, verified):
    return render_derivation(batchnorm, verified, site_context(discover()))
