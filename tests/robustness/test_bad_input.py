"""`missive ingest` on a folder of everything that goes wrong in real archives.

One run of the real command over one messy folder: each bad entry gets one line
naming it and the reason, every good file is stored with the right text, the exit
code is 1 (some failed), and no traceback reaches the user.
"""

from __future__ import annotations

import codecs
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from missive.store import Store
from robustness.cli import Outcome, missive

LETTER = (
    "No. {n}\n\nSent on June {n}, 1943\n\n"
    "Dear Mr. Prime Minister, I have received your message of {n} June. "
    "The operations proceed as agreed between us.\n"
)
WESTERN = "Déjà vu: the café’s “naïve” owner paid £5 — très bien.\n"
LATIN_1 = "Genève, le 3 juin 1943. Très honoré Monsieur le Président, reçu à Zürich.\n"
NON_LATIN_NAMES = ("Письмо Сталину 1943.txt", "書簡 第一.txt", "ἐπιστολή.txt")


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _pdf() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letters.txt", LETTER.format(n=1))


# name -> (bytes, the reason its error line gives)
BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n", "empty file (only whitespace)"),
    "picture.png": (_png(), "binary file (PNG image)"),
    "scan.pdf": (_pdf(), "binary file (PDF document)"),
    "picture-named.txt": (_png(), "binary file (PNG image)"),
    "nul-bytes.txt": (b"text\x00\x01\x02 and more", "binary file (contains NUL bytes)"),
    "undecodable.txt": (
        bytes(range(1, 32)) * 20 + bytes(range(0x80, 0x100)) * 4,
        "cannot decode text (not UTF-8, and no other encoding fits)",
    ),
    'quote\'s "odd" name.txt': (b"", "empty file"),
    "Пустой файл.txt": (b"", "empty file"),
}

# name -> (bytes, the text missive must store)
GOOD_FILES = {
    "letter.txt": (LETTER.format(n=1).encode(), LETTER.format(n=1)),
    "with spaces in name.txt": (LETTER.format(n=2).encode(), LETTER.format(n=2)),
    "it's \"quoted\".txt": (LETTER.format(n=3).encode(), LETTER.format(n=3)),
    "utf16-bom.txt": (
        codecs.BOM_UTF16_LE + LETTER.format(n=4).encode("utf-16-le"),
        LETTER.format(n=4),
    ),
    "utf16le-no-bom.txt": (LETTER.format(n=5).encode("utf-16-le"), LETTER.format(n=5)),
    "utf16be-no-bom.txt": (LETTER.format(n=6).encode("utf-16-be"), LETTER.format(n=6)),
    "windows-1252.txt": (WESTERN.encode("cp1252"), WESTERN),
    "latin-1.txt": (LATIN_1.encode("latin-1"), LATIN_1),
    "damaged-utf8.txt": (
        (LETTER.format(n=7) + WESTERN * 3).encode().replace(b"paid", b"pa\x81id", 1),
        (LETTER.format(n=7) + WESTERN * 3).replace("paid", "pa\ufffdid", 1),
    ),
    "long-line.txt": (b"word " * 200_000, "word " * 200_000),
    "unclosed.html": (
        b"<html><body><p>Dear Sir, <b>thank <i>you for <div>your letter",
        None,
    ),
    "nested.html": (
        b"<html><body>" + b"<div>" * 20_000 + b"Dear Sir, thank you." + b"</div>" * 7,
        None,
    ),
    **{name: (LETTER.format(n=10 + i).encode(), LETTER.format(n=10 + i))
       for i, name in enumerate(NON_LATIN_NAMES)},
}  # fmt: skip

# name -> the reason its error line gives (entries that are not regular files)
SPECIAL_ENTRIES = {
    "named-pipe.txt": "not a regular file (a named pipe)",
    "dangling.txt": "broken symbolic link",
    "self-loop.txt": "symbolic link loop",
    "loop/back": "symbolic link loop (leads back to an enclosing folder)",
}


def _make_folder(root: Path) -> Path:
    folder = root / "messy archive"
    folder.mkdir()
    for name, (data, _) in {**BAD_FILES, **GOOD_FILES}.items():
        (folder / name).write_bytes(data)
    _zip(folder / "bundle.zip")
    os.mkfifo(folder / "named-pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "self-loop.txt").symlink_to(folder / "self-loop.txt")
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder, target_is_directory=True)
    # A name in Latin-1 bytes (not UTF-8) and a name with a newline in it.
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9 letter.txt"))).write_text(
        LETTER.format(n=8), "utf-8"
    )
    (folder / "new\nline.txt").write_bytes(b"")
    (folder / "volume.txt").mkdir()  # a folder that looks like a file is walked
    (folder / "volume.txt" / "inner.txt").write_text(LETTER.format(n=9), "utf-8")
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Outcome]:
    root = tmp_path_factory.mktemp("robust")
    folder = _make_folder(root)
    db = root / "robust.db"
    return folder, db, missive("ingest", folder, "--db", db, "-q")


def test_exit_code_says_some_failed_and_no_traceback(run: tuple[Path, Path, Outcome]) -> None:
    _, _, outcome = run
    assert outcome.code == 1, outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_one_line_with_its_reason(run: tuple[Path, Path, Outcome], name: str) -> None:
    folder, _, outcome = run
    line = outcome.line_about(folder / name)
    assert line.startswith("error ")
    assert line.endswith(f": {BAD_FILES[name][1]}")


def test_newline_in_a_name_is_escaped_to_keep_one_line(run: tuple[Path, Path, Outcome]) -> None:
    folder, _, outcome = run
    assert outcome.line_about(f"{folder}/new\\nline.txt").endswith(": empty file")


def test_zip_archive_is_refused(run: tuple[Path, Path, Outcome]) -> None:
    folder, _, outcome = run
    assert outcome.line_about(folder / "bundle.zip").endswith(": binary file (ZIP archive)")


@pytest.mark.parametrize("name", sorted(SPECIAL_ENTRIES))
def test_unreadable_entry_gets_one_line(run: tuple[Path, Path, Outcome], name: str) -> None:
    folder, _, outcome = run
    assert SPECIAL_ENTRIES[name] in outcome.line_about(folder / name)


def test_every_good_file_is_stored_with_its_exact_text(run: tuple[Path, Path, Outcome]) -> None:
    _, db, outcome = run
    with Store(db) as store:
        stored = {s["name"] for s in store.sources()}
        expected = {*GOOD_FILES, "inner.txt", "caf\\xe9 letter.txt"}
        assert stored == expected, outcome.stderr
        for name, (_, text) in GOOD_FILES.items():
            if text is not None:
                assert store.source_text(name) == text, name


def test_letters_in_odd_encodings_and_names_are_parsed(run: tuple[Path, Path, Outcome]) -> None:
    _, db, _ = run
    with Store(db) as store:
        numbers = {d["source"]: d["number"] for d in store.documents()}
    assert numbers["utf16-bom.txt"] == 4
    assert numbers["utf16be-no-bom.txt"] == 6
    assert numbers["damaged-utf8.txt"] == 7
    assert numbers["inner.txt"] == 9
    assert numbers["caf\\xe9 letter.txt"] == 8
    assert {numbers[name] for name in NON_LATIN_NAMES} == {10, 11, 12}


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("windows-1252.txt", "decoded as cp1252 (guessed"),
        ("latin-1.txt", "decoded as iso-8859-1 (guessed"),
        ("damaged-utf8.txt", "1 invalid byte sequence replaced by U+FFFD (first at byte"),
    ],
)
def test_encoding_guess_is_reported(
    run: tuple[Path, Path, Outcome], name: str, warning: str
) -> None:
    folder, _, outcome = run
    line = outcome.line_about(folder / name)
    assert line.startswith("warning ") and warning in line


def test_usage_error_exits_2(tmp_path: Path) -> None:
    outcome = missive("ingest", "--db", tmp_path / "x.db")
    assert outcome.code == 2
    assert "Traceback" not in outcome.stderr


def test_missing_path_fails_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(LETTER.format(n=1), "utf-8")
    missing = tmp_path / "missing file.txt"
    outcome = missive("ingest", missing, good, "--db", tmp_path / "x.db", "-q")
    assert outcome.code == 1
    assert outcome.line_about(missing).endswith(": no such file or directory")
    with Store(tmp_path / "x.db") as store:
        assert [s["name"] for s in store.sources()] == ["good.txt"]


def test_all_good_exits_0_and_reingest_changes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(LETTER.format(n=1), "utf-8")
    db = tmp_path / "x.db"
    assert missive("ingest", good, "--db", db, "-q").code == 0
    again = missive("ingest", good, "--db", db)
    assert again.code == 0
    assert "unchanged" in again.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(LETTER.format(n=1), "utf-8")
    locked.chmod(0)
    outcome = missive("ingest", tmp_path, "--db", tmp_path / "x.db", "-q")
    assert outcome.code == 1
    assert outcome.line_about(locked).endswith(": permission denied")


@pytest.mark.parametrize("make", ["text file", "missing folder"])
def test_unusable_database_is_one_line(tmp_path: Path, make: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(LETTER.format(n=1), "utf-8")
    db = tmp_path / "no such folder" / "x.db"
    if make == "text file":
        db = tmp_path / "notes.db"
        db.write_text("not a database\n" * 10, "utf-8")
    outcome = missive("ingest", good, "--db", db, "-q")
    assert outcome.code == 1
    [line] = outcome.stderr.splitlines()
    assert line.startswith(f"missive: {db}: ")


def test_two_files_of_one_name_do_not_replace_each_other(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "letters.txt", tmp_path / "b" / "letters.txt"
    for n, path in enumerate((first, second), start=1):
        path.parent.mkdir()
        path.write_text(LETTER.format(n=n), "utf-8")
    outcome = missive("ingest", tmp_path / "a", tmp_path / "b", "--db", tmp_path / "x.db", "-q")
    assert outcome.code == 1
    assert outcome.line_about(second).endswith(
        f"same file name as {first}, read earlier in this run; rename one"
    )
    with Store(tmp_path / "x.db") as store:
        assert [d["number"] for d in store.documents()] == [1]
