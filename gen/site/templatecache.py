"""One in-memory Jinja bytecode cache for every mkdocs run in a process.

A build runs mkdocs four times (two languages, normal and offline copy); each run makes a new
Jinja environment and would compile Material's templates again. Entries are keyed by template
name and checked against the source's checksum, so a changed template is compiled afresh.
"""

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in a dict for the life of the process."""

    def __init__(self):
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


SHARED = MemoryBytecodeCache()
