"""Walking input paths and reading bytes: every failure is an InputError, never a raise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from missive.errors import InputError
from missive.sources import files, iter_input_files, read_source
from missive.sources.files import read_bytes


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "two.txt").write_text("two")
    (root / "a.txt").write_text("one")
    (root / "c.md").write_text("three")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("hidden")
    (root / ".hidden.txt").write_text("hidden")


def _names(entries: list[Path | InputError], root: Path) -> list[str]:
    return [
        str(e.relative_to(root)) if isinstance(e, Path) else f"error: {e.reason}" for e in entries
    ]


def test_folders_expand_sorted_and_skip_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    entries = list(iter_input_files([tmp_path]))
    assert _names(entries, tmp_path) == ["a.txt", "b/two.txt", "c.md"]


def test_explicit_files_come_out_in_the_order_given(tmp_path: Path) -> None:
    _tree(tmp_path)
    entries = list(iter_input_files([tmp_path / "c.md", tmp_path / "a.txt"]))
    assert _names(entries, tmp_path) == ["c.md", "a.txt"]


def test_missing_path_is_an_error_not_a_raise(tmp_path: Path) -> None:
    [entry] = list(iter_input_files([tmp_path / "nope.txt"]))
    assert isinstance(entry, InputError)
    assert str(entry) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_symlink_loop_is_reported_once_and_the_walk_goes_on(tmp_path: Path) -> None:
    _tree(tmp_path)
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    entries = list(iter_input_files([tmp_path]))
    assert _names(entries, tmp_path) == [
        "a.txt",
        "error: symbolic link loop (leads back to an enclosing folder)",
        "b/two.txt",
        "c.md",
    ]


def test_self_referencing_symlink(tmp_path: Path) -> None:
    os.symlink(tmp_path / "self", tmp_path / "self")
    [entry] = list(iter_input_files([tmp_path]))
    assert isinstance(entry, InputError) and entry.reason == "symbolic link loop"


def test_symlinked_folder_that_is_no_loop_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x.txt").write_text("x")
    (tmp_path / "walk").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "walk" / "linked")
    entries = list(iter_input_files([tmp_path / "walk"]))
    assert _names(entries, tmp_path) == ["walk/linked/x.txt"]


def test_dangling_symlink_is_an_unreadable_entry(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    os.symlink(tmp_path / "gone.txt", tmp_path / "b.txt")
    entries = list(iter_input_files([tmp_path]))
    assert _names(entries, tmp_path) == ["a.txt", "error: broken symbolic link"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_fifo_is_reported_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    [entry] = list(iter_input_files([tmp_path]))
    assert isinstance(entry, InputError)
    assert entry.reason == "not a regular file (a named pipe)"
    with pytest.raises(InputError, match="named pipe"):
        read_source(tmp_path / "pipe.txt")


def test_directory_given_to_the_reader(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(tmp_path)
    assert caught.value.reason == "is a directory"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 still reads; fail the read itself instead.
    path = tmp_path / "secret.txt"
    path.write_text("text")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert str(caught.value) == f"{path}: permission denied"


def test_unlistable_folder_is_an_error_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    [entry] = list(iter_input_files([tmp_path]))
    assert isinstance(entry, InputError) and entry.reason == "permission denied"


def test_reader_reports_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_source(tmp_path / "gone.txt")
    assert caught.value.reason == "no such file or directory"
    with pytest.raises(InputError) as caught:
        read_source(tmp_path)
    assert caught.value.reason == "is a directory"


def test_a_folders_own_documentation_is_skipped_but_read_when_named(tmp_path):
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("Credits.\n", encoding="utf-8")
    (tmp_path / "letters.txt").write_text("No. 1\n\nText.\n", encoding="utf-8")
    walked = [p.name for p in iter_input_files([tmp_path])]
    assert walked == ["letters.txt"]
    named = [p.name for p in iter_input_files([tmp_path / "README.md"])]
    assert named == ["README.md"]


def test_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(3 * 1024 * 1024)  # sparse: nothing written, nothing to read
    with pytest.raises(InputError, match=r"file too large \(3 MB; the limit is 1 MB: split it\)"):
        read_bytes(big)
