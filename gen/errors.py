"""The generator's exceptions: raised deep with the bad value, reported once by the CLI."""


class GenError(Exception):
    """Anything the CLI reports as one line and maps to an exit code."""

    exit_code = 1


class InputError(GenError):
    """A bad examples file: `FILE:LINE:COL: example 'id', field 'X': problem` (line and column when known)."""

    exit_code = 2

    def __init__(self, path, item, field, problem, position=None):
        self.path, self.item, self.field, self.problem = path, item, field, problem
        self.position = position
        where = f"{path}" if position is None else f"{path}:{position[0]}:{position[1]}"
        if item is not None:
            where += f": example {item!r}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")


class InputErrors(InputError):
    """Every problem of an examples file, one line each, in file order (the first one's fields as its own)."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.position or (0, 0)))
        first = self.errors[0]
        self.path, self.item, self.field, self.problem = first.path, first.item, first.field, first.problem
        self.position = first.position
        GenError.__init__(self, "\n".join(str(e) for e in self.errors))


class VerificationError(GenError):
    """A derived equation disagrees with direct differentiation."""

    exit_code = 3

    def __init__(self, label, detail, derivation=None):
        self.label, self.detail, self.derivation = label, detail, derivation
        where = f" of {derivation}" if derivation else ""
        super().__init__(f"equation {label}{where} failed verification: {detail}")


class SiteError(GenError):
    """The site cannot be built (a missing package, a failed mkdocs build)."""

    exit_code = 4


class UsageError(GenError):
    """A command line that names something that does not exist (e.g. an unknown derivation)."""

    exit_code = 2
