"""Small text helpers shared by several stages."""

from __future__ import annotations

import bisect
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Harry S. Truman' -> 'harry-s-truman'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-") or "x"


def ascii_key(text: str) -> str:
    """A person key: lowercase ASCII letters and underscores ('Combined Chiefs' -> 'combined_chiefs')."""
    return slugify(text).replace("-", "_")


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers and back."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.length = len(text)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def start_of(self, line: int) -> int:
        return self.starts[line - 1]

    def __len__(self) -> int:
        return len(self.starts)


def words(text: str, count: int) -> str:
    """The first `count` whitespace-separated words of `text`."""
    return " ".join(text.split(None, count)[:count])  # the rest is left unsplit


_LOWER_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Every byte but the letters a-z and the apostrophe becomes a space.
_WORD_BYTES = bytes(b if 97 <= b <= 122 or b == 39 else 32 for b in range(256))


def lower_words(text: str) -> list[str]:
    """``re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())``, found faster: words never
    span a character outside a-z and "'", so the text is cut at those characters (each
    non-ASCII one becomes "?") and only the pieces holding an apostrophe are searched."""
    pieces = text.lower().encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii").split()
    if "'" not in text:
        return pieces
    found: list[str] = []
    for piece in pieces:
        if "'" in piece:
            found.extend(_LOWER_WORD.findall(piece))
        else:
            found.append(piece)
    return found
