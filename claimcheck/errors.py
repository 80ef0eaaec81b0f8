"""Errors claimcheck reports to users (never as tracebacks)."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class for problems caused by input, rules or configuration."""


class LocatedError(ClaimcheckError):
    """A problem in a file (or on the command line, when `path` is None): reads
    "path:line:column: where: message"."""

    def __init__(self, path: str | None, message: str, *, line: int | None = None,
                 column: int | None = None, where: str | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.where = where
        location = path if path is not None else "command line"
        if line is not None:
            location += f":{line}"
            if column is not None:
                location += f":{column}"
        detail = f"{where}: {message}" if where else message
        super().__init__(f"{location}: {detail}")


class RuleError(LocatedError):
    """A rule file is malformed: names the file, the place in it and what was expected."""
