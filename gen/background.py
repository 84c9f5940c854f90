"""A function run in a forked process while the caller goes on (used to verify and to build in parallel)."""

import multiprocessing
import threading
import traceback

from gen.errors import VerificationError


class Background:
    """`fn(*args, **kwargs)` run in a forked process while the caller goes on; `result()` waits for its value
    or raises its error (a VerificationError as itself, so the CLI reports it as it would inline).

    Where forking is not safe or possible (another thread is running, the platform cannot fork, or
    this is a worker MAX_DEPTH deep), `fn` runs inline when `result()` is first called: the same value or
    error, only later."""

    def __init__(self, fn, *args, **kwargs):
        self._call = (fn, args, kwargs)
        self._process = self._conn = None
        if (threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
                and _depth < MAX_DEPTH):
            context = multiprocessing.get_context("fork")
            self._conn, child = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(child, fn, args, kwargs))
            self._process.start()
            child.close()

    def result(self):
        if self._process is None:
            fn, args, kwargs = self._call
            return fn(*args, **kwargs)
        try:
            kind, *payload = self._conn.recv()
        except EOFError:
            kind, payload = "lost", []
        finally:
            self._conn.close()
            self._process.join()
        if kind == "value":
            return payload[0]
        if kind == "verification":
            raise VerificationError(*payload)
        if kind == "error":
            error, trace = payload
            raise error from RuntimeError(f"in the worker process:\n{trace}")
        raise RuntimeError(f"the worker running {self._call[0].__name__} exited with status "
                           f"{self._process.exitcode} and no result")

    def cancel(self):
        """Stop the worker if it is still running (its result is no longer wanted)."""
        if self._process is not None and self._process.exitcode is None:
            self._process.terminate()
        if self._process is not None:
            self._process.join()
            self._conn.close()


MAX_DEPTH = 2
"""A worker may start workers of its own (a derivation verified meanwhile proves its lines meanwhile), no deeper."""
_depth = 0


def _run(conn, fn, args, kwargs):
    """In the worker: send ("value", result) or the error back, then exit."""
    global _depth
    _depth += 1
    try:
        message = ("value", fn(*args, **kwargs))
    except VerificationError as err:
        message = ("verification", err.label, err.detail, err.derivation)
    except BaseException as err:  # noqa: BLE001 — any other error goes back to be raised by the caller
        message = ("error", err, traceback.format_exc())
    conn.send(message)
    conn.close()
