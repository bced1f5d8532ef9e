"""Finding input files and reading their bytes, with every failure an InputError."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from missive.errors import InputError

_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ELOOP: "symbolic link loop",
    errno.ENOTDIR: "not a directory",
}

_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(text: str | Path) -> str:
    """`text` (a path, or a message naming one) as valid text on one line: bytes of a
    file name that are not UTF-8 and control characters (a newline in a name) escaped."""
    decoded = os.fsencode(text).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), decoded)


def os_reason(error: OSError) -> str:
    """A short reason for an OSError: "permission denied", "is a directory", ..."""
    reason = _REASONS.get(error.errno or 0)
    return reason or (error.strerror or str(error)).lower()


def input_error(path: Path, error: OSError) -> InputError:
    if error.errno == errno.ENOENT and path.is_symlink():
        return InputError(printable(path), "broken symbolic link")
    return InputError(printable(path), os_reason(error))


def _not_regular(mode: int) -> str:
    return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'special file')})"


# Parsing holds tens of bytes of objects per byte of text; past this size a file is
# refused by name instead of exhausting memory (split the volume into parts).
MAX_FILE_BYTES = 200 * 1024 * 1024


def _too_large(size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"file too large ({size / (1024 * 1024):.0f} MB; the limit is {limit} MB: split it)"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; InputError for anything else."""
    try:
        info = path.stat()
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(printable(path), "is a directory")
        # Checked before opening: opening a named pipe would block.
        if not stat.S_ISREG(mode):
            raise InputError(printable(path), _not_regular(mode))
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(printable(path), _too_large(info.st_size))
        return path.read_bytes()
    except OSError as error:
        raise input_error(path, error) from error


def iter_input_files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Each path given, with folders expanded recursively in sorted order.  Hidden
    entries inside folders are skipped; whatever cannot be read comes out as an
    InputError naming it, so one bad entry never stops the walk."""
    for path in paths:
        yield from _expand(Path(path), ancestors=frozenset())


def _expand(path: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        info = path.stat()
    except OSError as error:
        yield input_error(path, error)
        return
    if stat.S_ISREG(info.st_mode):
        yield path
    elif not stat.S_ISDIR(info.st_mode):
        yield InputError(printable(path), _not_regular(info.st_mode))
    elif (info.st_dev, info.st_ino) in ancestors:
        yield InputError(printable(path), "symbolic link loop (leads back to an enclosing folder)")
    else:
        yield from _walk(path, ancestors | {(info.st_dev, info.st_ino)})


def _walk(folder: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError as error:
        yield input_error(folder, error)
        return
    for name in names:
        if not name.startswith(".") and not is_folder_documentation(name):
            yield from _expand(folder / name, ancestors)


# A folder's own documentation, by the names that convention gives it; named on the
# command line, such a file is still read.
_FOLDER_DOCUMENTATION = re.compile(
    r"^(?:readme|sources|license|licence|copying)"
    r"(?:\.[a-z]{1,4})?$",
    re.IGNORECASE,
)


def is_folder_documentation(name: str) -> bool:
    return bool(_FOLDER_DOCUMENTATION.match(name))
