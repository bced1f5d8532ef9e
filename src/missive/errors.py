"""The one exception hierarchy of missive.  The CLI catches MissiveError once per
file, prints ``path: reason`` and carries on."""


class MissiveError(Exception):
    """Base of every error missive reports to its user."""


class InputError(MissiveError):
    """A file cannot be read as a source (binary, undecodable, empty, unreadable)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(InputError):
    """No reader handles this kind of file."""


class StoreError(MissiveError):
    """The database cannot be opened or written."""


class QueryError(MissiveError):
    """A search query is malformed; the message says what would work."""


class UsageError(MissiveError):
    """The command was called with arguments that do not fit."""
