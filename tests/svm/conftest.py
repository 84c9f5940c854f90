"""The multiclass SVM computed and verified once, and every file it generates."""

import pytest

from gen.derivations import discover, named
from gen.pipeline import render_derivation, site_context, verify_all


@pytest.fixture(scope="session")
def svm():
    return named("svm")


@pytest.fixture(scope="session")
def verified(svm, verify_memo):
    return verify_all([svm], memo=verify_memo)["svm"]


@pytest.fixture(scope="session")
def outputs(svm, verified):
    return render_derivation(svm, verified, site_context(discover()))
