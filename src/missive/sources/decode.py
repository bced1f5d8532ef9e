"""Bytes to text, with the encoding detected rather than assumed.

Order: binary formats by magic number; byte-order marks; UTF-16/32 without a BOM
(by where the NUL bytes fall); any other NUL byte means binary; strict UTF-8; a
charset the page declares; UTF-8 with a few damaged bytes (replaced by U+FFFD);
Windows-1252 when the text reads as Western European; charset-normalizer's best
guess.  Every guess is reported as a warning.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

from missive.errors import InputError

# Leading bytes of binary formats people drop into a folder of texts by mistake.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
)

# UTF-32 first: its little-endian BOM begins with UTF-16's.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

SAMPLE_SIZE = 4096
REPLACEMENT = "\ufffd"
# Damaged UTF-8 needs this many valid multi-byte characters per invalid sequence.
MULTIBYTE_PER_DAMAGED = 2
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
# Browsers read a page declared Latin-1 or ASCII as Windows-1252 (WHATWG Encoding).
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii"})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Western text has symbols beside words and few runs of accented letters; Cyrillic,
# Greek or Central European bytes read as Windows-1252 have both ("Ïåðåïèñêà",
# "Wroc³aw").
_SYMBOL_IN_WORD = re.compile(r"[A-Za-zÀ-ÿ][¢£¤¥¦§¨©¬®¯±²³´¶¸¹¼½¾×÷][A-Za-zÀ-ÿ]")
_ACCENTED_RUN = re.compile(r"[À-ÿ]{4,}")


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str | None = None


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` is, by its magic number, if any."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    return None


def decode(data: bytes, path: str) -> Decoded:
    """The text of `data`; InputError(path, ...) when it is binary or cannot be decoded."""
    kind = binary_kind(data)
    if kind:
        raise InputError(path, f"binary file ({kind})")
    found = _by_byte_order_mark(data, path) or _by_nul_pattern(data)
    if found:
        return found
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return Decoded(str(data, "utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    found = _declared(data) or _damaged_utf8(data, first_bad) or _western(data) or _guessed(data)
    if found is None:
        raise InputError(path, "cannot decode text (not UTF-8, and no other encoding fits)")
    return found


def _by_byte_order_mark(data: bytes, path: str) -> Decoded | None:
    for bom, codec in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                text = str(memoryview(data)[len(bom) :], codec)
            except UnicodeDecodeError as error:
                raise InputError(
                    path, f"cannot decode text (invalid {codec} after its byte-order mark)"
                ) from error
            return Decoded(text, "utf-8-sig" if codec == "utf-8" else codec)
    return None


def _by_nul_pattern(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a BOM: mostly-ASCII text leaves NULs at fixed positions."""
    codec = _nul_codec(data[:SAMPLE_SIZE])
    if codec is None:
        return None
    try:
        return Decoded(str(data, codec), codec)
    except UnicodeDecodeError:
        return None


def _nul_codec(sample: bytes) -> str | None:
    if len(sample) < 8:
        return None

    def nul_share(start: int, step: int) -> float:
        lane = sample[start::step]
        return lane.count(0) / len(lane)

    lanes4 = [nul_share(i, 4) for i in range(4)]
    if min(lanes4[1:]) > 0.9 and lanes4[0] < 0.5:
        return "utf-32-le"
    if min(lanes4[:3]) > 0.9 and lanes4[3] < 0.5:
        return "utf-32-be"
    even, odd = nul_share(0, 2), nul_share(1, 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _declared(data: bytes) -> Decoded | None:
    """The charset an HTML or XML file declares in its first bytes, if it decodes."""
    match = _DECLARED.search(data[:SAMPLE_SIZE])
    if not match:
        return None
    label = (match[1] or match[2]).decode("ascii").lower()
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    if codec in _WINDOWS_1252_ALIASES:
        codec = "cp1252"
    try:
        return Decoded(str(data, codec), codec)
    except UnicodeDecodeError:
        return None


def _damaged_utf8(data: bytes, first_bad: int) -> Decoded | None:
    """UTF-8 text with a few invalid bytes (a damaged copy): valid multi-byte characters
    outnumber the invalid sequences, which a single-byte text almost never has."""
    text = str(data, "utf-8", "replace")
    replaced = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count(REPLACEMENT)
    if multibyte < MULTIBYTE_PER_DAMAGED * replaced:
        return None
    plural = "" if replaced == 1 else "s"
    return Decoded(
        text,
        "utf-8",
        f"decoded as utf-8 with {replaced} invalid byte sequence{plural} replaced by U+FFFD "
        f"(first at byte {first_bad})",
    )


def _western(data: bytes) -> Decoded | None:
    """Windows-1252 (or its subset Latin-1) when the result reads as Western text."""
    try:
        text = str(data, "cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[: 1 << 20]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if (
        non_ascii > 0.2 * len(sample)
        or len(_CONTROL.findall(sample)) > 0.01 * len(sample)
        or _SYMBOL_IN_WORD.search(text)
        or _ACCENTED_RUN.search(text)
    ):
        return None
    # Without bytes 0x80-0x9F the two agree; name the one the bytes need.
    codec = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "iso-8859-1"
    return Decoded(text, codec, f"decoded as {codec} (guessed: not UTF-8, reads as Western text)")


def _guessed(data: bytes) -> Decoded | None:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    try:
        text = str(data, best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Decoded(
        text, best.encoding, f"decoded as {best.encoding} (guessed by charset-normalizer)"
    )
