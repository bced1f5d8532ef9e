"""The words of a text as the quotation finder compares them: runs of letters and
digits (an apostrophe between two of them joins them: "don't"), lowercased.

Most texts are plain ASCII without an apostrophe: their words are the runs of
ASCII letters and digits, found by translating every other byte to a space and
splitting, several times faster than the pattern, which reads all other texts.
Where the words stand is found from one array of the text's characters: which
are letters or digits, and which apostrophes stand between two of them.
"""

from __future__ import annotations

import re
import string

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# The same words in a text whose underscores became spaces (a faster pattern).
_WORD_NO_UNDERSCORE = re.compile(r"\w+(?:['’]\w+)*")
_ALNUM = string.ascii_letters + string.digits
_APOSTROPHE, _RIGHT_QUOTE = ord("'"), ord("’")
_FOLD = bytes(ord(chr(b).lower()) if chr(b) in _ALNUM else ord(" ") for b in range(256))
# The same, but an apostrophe and every byte of a non-ASCII character kept as they are.
_FOLD_KEEPING_OTHERS = bytes(b if b >= 128 or chr(b) == "'" else _FOLD[b] for b in range(256))
_IS_WORD = bytes(chr(b) in _ALNUM for b in range(256))  # 1 for an ASCII letter or digit


def _plain(text: str) -> bool:
    return text.isascii() and "'" not in text


def _folded(text: str) -> bytes:
    """A plain text's bytes with its letters lowercased and all else a space."""
    return text.encode("ascii").translate(_FOLD)


def words(text: str) -> list[str]:
    """The lowercased words of `text`, in order."""
    if _plain(text):
        return _folded(text).decode("ascii").split()
    # ASCII punctuation and spaces end every word: the stretches between them are
    # split the fast way, and only those holding an apostrophe or a non-ASCII
    # character are read by the pattern (its words never cross such a character).
    out: list[str] = []
    for stretch in _stretches(text):
        if stretch.isascii() and "'" not in stretch:
            out.append(stretch)
        else:
            out += map(str.lower, _WORD_NO_UNDERSCORE.findall(stretch))
    return out


def _stretches(text: str) -> list[str]:
    """`text` split at ASCII characters other than letters, digits and apostrophes
    (and at any whitespace), its ASCII letters lowercased."""
    data = text.encode("utf-8", "surrogatepass").translate(_FOLD_KEEPING_OTHERS)
    return data.decode("utf-8", "surrogatepass").split()


# Characters outside ASCII that are neither letters, digits nor apostrophes: no word
# holds one, and each ends a word as a space does.
_SPACED_PUNCTUATION = ("\u2014", "\u2013", "\u201c", "\u201d", "\u2018", "\u2026", "\u00a0")


def punctuation_spaced(text: str) -> str:
    """`text` with its dashes, double quotation marks, left single quotation marks,
    ellipses and no-break spaces as spaces: the same words at the same places."""
    for char in _SPACED_PUNCTUATION:
        if char in text:
            text = text.replace(char, " ")
    return text


def word_bounds(text: str) -> list[int]:
    """Where each word of `text` starts and ends: [start, end, start, end, ...]."""
    # numpy is imported here: most documents never need their word offsets.
    import numpy as np

    word = np.zeros(len(text) + 2, dtype=bool)  # a non-word character at each end
    inner = word[1:-1]
    if text.isascii():
        chars = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        inner[:] = np.frombuffer(text.encode("ascii").translate(_IS_WORD), dtype=bool)
    else:
        chars = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ascii_ = chars < 128
        inner[ascii_] = np.frombuffer(_IS_WORD, dtype=bool)[chars[ascii_]]
        others, where = np.unique(chars[~ascii_], return_inverse=True)
        inner[~ascii_] = np.array([chr(ch).isalnum() for ch in others.tolist()], dtype=bool)[where]
    if "'" in text or "’" in text:  # "don't": one word
        apostrophe = (chars == _APOSTROPHE) | (chars == _RIGHT_QUOTE)
        inner |= apostrophe & word[:-2] & word[2:]
    return np.flatnonzero(word[1:] != word[:-1]).tolist()  # where words start or end
