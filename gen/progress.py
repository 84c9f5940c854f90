"""What a long command is doing: a line on stderr as each stage starts, one when it ends (what it did, how long),
and lines for the steps of a long stage; nothing when quiet."""

import sys
import time
from contextlib import contextmanager


class Progress:
    """`stage(title)` around each stage; inside it `step(text)` for a part done, and `done(text)` for its outcome."""

    def __init__(self, enabled=True, stream=None):
        self.enabled = enabled
        self.stream = stream
        self._outcome = None

    def line(self, text):
        if self.enabled:
            print(text, file=self.stream or sys.stderr, flush=True)

    def step(self, text):
        self.line(f"  {text}")

    def done(self, text):
        self._outcome = text

    @contextmanager
    def stage(self, title):
        self.line(f"{title} …")
        start, self._outcome = time.perf_counter(), None
        yield self
        self.step(f"{self._outcome or 'done'} ({time.perf_counter() - start:.1f} s)")


QUIET = Progress(enabled=False)
