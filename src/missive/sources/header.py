"""What the readers share about headers: the label -> metadata key table, what a
date line looks like, and how an archival citation splits into its parts."""

from __future__ import annotations

import re

from missive.pipeline.dates import MONTHS as _MONTH_TABLE
from missive.pipeline.dates import parse_date_line

# Label as printed (case and spacing folded) -> metadata key.  One table for every
# format.  Labels that also head a letter ("To", "From", "Date", "Subject") are left
# out on purpose: in a plain text they start a document, not a header.
LABEL_KEYS: dict[str, str] = {
    "title": "title",
    "author": "author",
    "by": "author",
    "creator": "author",
    "editor": "editor",
    "edited by": "editor",
    "translator": "translator",
    "translated by": "translator",
    "translated": "translator",
    "written": "written",
    "translation": "translator",
    "source": "source",
    "publisher": "publisher",
    "published": "publisher",
    "published by": "publisher",
    "first published": "published",
    "release date": "published",
    "transcription": "transcription",
    "transcribed by": "transcription",
    "transcriber": "transcription",
    "html markup": "transcription",
    "markup": "transcription",
    "proofread": "proofreading",
    "proofreading": "proofreading",
    "online version": "url",
    "url": "url",
    "public domain": "rights",
    "copyleft": "rights",
    "creative commons": "rights",
    "rights": "rights",
    "copyright": "rights",
    "license": "rights",
    "licence": "rights",
    "citation": "citation",
    "cite as": "citation",
    "suggested citation": "citation",
    "recommended citation": "citation",
    "archive": "archive",
    "repository": "repository",
    "collection": "collection",
    "container": "container",
    "box": "container",
    "folder": "container",
    "summary": "summary",
    "abstract": "summary",
    "description": "description",
    "original language": "language",
    "language": "language",
    "contents": "contents",
    "keywords": "keywords",
}

# Labels that are themselves the rights statement ("Public Domain : MIA (2010)"):
# the label is kept in the value.
STATEMENT_LABELS = frozenset({"public domain", "copyleft", "creative commons"})

_LABEL_PARTS = re.compile(r"\s*(?:/|&|\band\b)\s*")


def fold_label(label: str) -> str:
    return " ".join(label.lower().replace("_", " ").split()).rstrip(":").strip()


def label_key(label: str) -> str | None:
    """The metadata key of a printed label; a compound label ("Transcription/HTML
    Markup") takes the key of its first known part."""
    folded = fold_label(label)
    if folded in LABEL_KEYS:
        return LABEL_KEYS[folded]
    for part in _LABEL_PARTS.split(folded):
        if part in LABEL_KEYS:
            return LABEL_KEYS[part]
    return None


def label_value(label: str, value: str) -> str:
    value = " ".join(value.split())
    if fold_label(label) in STATEMENT_LABELS:
        return f"{label.strip()}: {value}"
    return value


def add_metadata(metadata: dict[str, str], key: str, value: str) -> None:
    """Set `key`, or append to it when a second label maps to the same key."""
    value = value.strip()
    if not value:
        return
    old = metadata.get(key)
    if not old:
        metadata[key] = value
    elif value not in old:
        metadata[key] = f"{old}; {value}"


_MONTH_NAMES = "|".join(sorted(_MONTH_TABLE, key=len, reverse=True))
# A month and year alone ("June 1944") also dates a record's title block.
_MONTH_YEAR = re.compile(rf"^(?:{_MONTH_NAMES})\.?\s+\d{{4}}\.?$", re.IGNORECASE)


def is_date_line(text: str) -> bool:
    """A line that is only a date, perhaps after a place: "June 28, 1944",
    "Moscow, 5 January 1943", "[Washington,] January 8, 1943."."""
    text = text.strip().replace("[", "").replace("]", "")
    return parse_date_line(text) is not None or bool(_MONTH_YEAR.match(text))


_CONTAINER = re.compile(r"^(?:Container|Box|Folder|Carton|Reel|File|Series)\s+\S", re.I)
_COLLECTION = re.compile(r"\b(?:Papers|Collection|Records|Fonds)\b", re.I)
_REPOSITORY = re.compile(r"\b(?:Library|Archives?|Museum|Record Office|Division)\b", re.I)
_DIGITAL = re.compile(r"\bDigital\b", re.I)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def citation_parts(citation: str) -> dict[str, str]:
    """Archive, collection, repository and container named in an archival citation
    ("..., Container 173, W. Averell Harriman Papers, Manuscript Division, Library
    of Congress, ..."); a digital archive that published the record is its publisher."""
    parts = [p.strip() for p in _QUOTED.sub("", citation).split(",")]
    found: dict[str, str] = {}
    archival: list[str] = []
    for part in parts:
        if _CONTAINER.match(part):
            add_metadata(found, "container", part)
        elif _DIGITAL.search(part) and _REPOSITORY.search(part):
            found.setdefault("publisher", part)
        elif _COLLECTION.search(part):
            found.setdefault("collection", part)
            archival.append(part)
        elif _REPOSITORY.search(part):
            if not part.lower().endswith("division"):
                found["repository"] = part
            archival.append(part)
    if archival:
        found["archive"] = ", ".join(archival)
    return found
