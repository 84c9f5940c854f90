"""The vanilla RNN computed and verified once, and every file it generates."""

import pytest

from gen.derivations import discover, named
from gen.pipeline import render_derivation, site_context, verify_all


@pytest.fixture(scope="session")
def rnn():
    return named("rnn")


@pytest.fixture(scope="session")
def verified(rnn, verify_memo):
    return verify_all([rnn], memo=verify_memo)["rnn"]


@pytest.fixture(scope="session")
def outputs(rnn, verified):
    return render_derivation(rnn, verified, site_context(discover()))
