"""The note's worked numbers as exact JSON."""

from gen.derivations.note.worked import note_record as record
from gen.exactjson import to_json

__all__ = ["document", "record"]


def document(workeds):
    """The whole `worked-examples.json` text."""
    return to_json({"examples": [record(w) for w in workeds]}) + "\n"
