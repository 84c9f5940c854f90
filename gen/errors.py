"""The generator's exceptions: raised deep with the bad value, reported once by the CLI."""


class GenError(Exception):
    """Anything the CLI reports as one line and maps to an exit code."""

    exit_code = 1


class InputError(GenError):
    """A bad examples file: names the file, the example id and the field."""

    exit_code = 2

    def __init__(self, path, item, field, problem):
        self.path, self.item, self.field, self.problem = path, item, field, problem
        where = f"{path}"
        if item is not None:
            where += f": example {item!r}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")


class VerificationError(GenError):
    """A derived equation disagrees with direct differentiation."""

    exit_code = 3

    def __init__(self, label, detail):
        self.label = label
        super().__init__(f"equation {label} failed verification: {detail}")


class SiteError(GenError):
    """The site cannot be built (a missing package, a failed mkdocs build)."""

    exit_code = 4


class UsageError(GenError):
    """A command line that names something that does not exist (e.g. an unknown derivation)."""

    exit_code = 2
