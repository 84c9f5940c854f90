"""mkdocs's strict mode around any call into it: the first warning it logs becomes a SiteError."""

import contextlib
import logging

from gen.errors import SiteError


class FirstWarning(logging.Handler):
    """Remembers the first warning mkdocs logs."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.first = None

    def emit(self, record):
        if self.first is None:
            self.first = record.getMessage().replace("\n", " ")


@contextlib.contextmanager
def warnings(what: str):
    """Run the block with mkdocs's warnings caught; the first one fails it, naming `what` ran."""
    handler = FirstWarning()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
    if handler.first:
        raise SiteError(f"{what} failed: {handler.first}")
