"""Typed errors that carry a Vietnamese message a TĐKT officer can act on.

Services raise these; the GUI shows ``str(error)`` in a message box and the CLI prints it and
exits with code 1. Anything else that escapes is a bug and goes to the crash handler.
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base for expected, explainable failures (bad input, missing record, refused operation)."""


@dataclass(frozen=True)
class FieldProblem:
    """One wrong field: its Vietnamese label and why it is wrong."""

    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class ValidationError(DomainError):
    """Input refused; lists every wrong field so the user can fix them all at once."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, field: str, label: str, message: str) -> ValidationError:
        return cls([FieldProblem(field, label, message)])


class NotFoundError(DomainError):
    """A record asked for by id/uuid/code does not exist (or is in the trash)."""


class ConflictError(DomainError):
    """The operation would break a rule about other records (duplicates, children, stale edits)."""


class StorageError(DomainError):
    """The database file cannot be used as asked: too new, damaged, unreadable, locked."""


class Cancelled(Exception):  # noqa: N818 - an outcome, not an error
    """Long work stopped because the user pressed Huỷ; never shown as an error."""
