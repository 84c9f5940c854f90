"""Verification work run in a second process: the same value, and the same error, as inline."""

import threading

import pytest

from gen.errors import VerificationError
from gen.background import Background


def square(x):
    return {"x": x * x}


def wrong(label):
    raise VerificationError(label, "line 2 differs (case (True, False))")


def broken():
    raise ValueError("not a verification error")


def test_value_comes_back():
    assert Background(square, 7).result() == {"x": 49}


def test_verification_error_is_the_same_as_inline():
    with pytest.raises(VerificationError) as inline:
        wrong("(12)")
    with pytest.raises(VerificationError) as background:
        Background(wrong, "(12)").result()
    assert str(background.value) == str(inline.value) and background.value.label == "(12)"


def test_other_errors_come_back():
    with pytest.raises(ValueError, match="not a verification error"):
        Background(broken).result()


def test_inline_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        job = Background(square, 3)
        assert job._process is None and job.result() == {"x": 9}
    finally:
        stop.set()
        thread.join()


def nested(x):
    return Background(square, x).result()


def test_a_worker_runs_its_own_background_work_inline():
    assert Background(nested, 5).result() == {"x": 25}
