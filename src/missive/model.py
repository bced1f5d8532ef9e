"""The data types of missive, defined once.

Every offset is a character offset into ``Source.text``, the exact original text
of the file.  Every inferred field is an :class:`Inferred` value: the value plus
the :class:`Evidence` it was read from (span, rule, confidence).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

# Confidence levels used across the pipeline; `missive check` lists fields below
# LOW_CONFIDENCE.
CERTAIN = 0.95
PROBABLE = 0.8
POSSIBLE = 0.6
LOW_CONFIDENCE = 0.7

DATE_ROLES = ("dated", "sent", "received")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets in the original text."""

    start: int
    end: int

    # Written out, as for Evidence: the generated __init__ of a frozen dataclass sets
    # each field through object.__setattr__, three times slower, and spans and
    # evidence are made by the hundred thousand.  Same signature, same checks.
    def __init__(self, start: int, end: int) -> None:
        if start < 0 or end < start:
            raise ValueError(f"bad span {start}..{end}")
        _set_span_start(self, start)
        _set_span_end(self, end)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a field has its value: the text it was read from, the rule, a confidence."""

    rule: str
    confidence: float
    span: Span | None = None
    text: str = ""
    note: str = ""

    def __init__(
        self, rule: str, confidence: float, span: Span | None = None, text: str = "",
        note: str = "",
    ) -> None:  # fmt: skip
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence {confidence} outside [0, 1]")
        _set_evidence_rule(self, rule)
        _set_evidence_confidence(self, confidence)
        _set_evidence_span(self, span)
        _set_evidence_text(self, text)
        _set_evidence_note(self, note)


# The slots' setters (of the classes @dataclass(slots=True) made), for the __init__s above.
_set_span_start, _set_span_end = Span.start.__set__, Span.end.__set__
_set_evidence_rule = Evidence.rule.__set__
_set_evidence_confidence = Evidence.confidence.__set__
_set_evidence_span = Evidence.span.__set__
_set_evidence_text = Evidence.text.__set__
_set_evidence_note = Evidence.note.__set__


@dataclass(frozen=True, slots=True)
class Inferred(Generic[T]):
    """A value read off the text, with its evidence."""

    value: T
    evidence: Evidence

    @property
    def confidence(self) -> float:
        return self.evidence.confidence


@dataclass(frozen=True, slots=True)
class Party:
    """A sender or recipient: an authority key (or a surname slug) and a display name."""

    key: str
    name: str
    evidence: Evidence

    @property
    def confidence(self) -> float:
        return self.evidence.confidence


@dataclass(frozen=True, slots=True)
class Declaration:
    """Who a source says it is about: the principal (the volume's author, if any)
    and the correspondents it names ("Correspondence with F. D. Roosevelt and ...")."""

    principal: str | None  # person key
    correspondents: tuple[str, ...]  # person keys
    evidence: Evidence | None = None


@dataclass(slots=True)
class NoteRef:
    """A note marker in a document: the number printed and where it stands."""

    number: int
    span: Span
    form: str  # "fused" | "spaced"
    # The note it points at (set by the apparatus stage): its number, or None when the
    # source has no such note; how the pairing was made.
    note: int | None = None
    evidence: Evidence | None = None
    # Where it stands in the document's text, when the reader states it (TEI import).
    offset: int | None = None


@dataclass(slots=True)
class Note:
    """An endnote or footnote of a source."""

    number: int
    text: str
    span: Span
    start_line: int
    end_line: int
    # Code names and pseudonyms the note explains (set by the apparatus stage):
    # {"alias", "name", "kind", "evidence"} with the marked term and the note's words.
    defines: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    """A typed link from one document to another (or to a missing message)."""

    type: str  # replies_to | cites | quotes | encloses | same_as
    target: str | None  # document id, or None when the target is not in the corpus
    evidence: Evidence
    target_description: str = ""
    data: dict = field(default_factory=dict)  # e.g. the date and writer of a missing message


@dataclass(slots=True)
class Paragraph:
    span: Span
    text: str  # normalized text (markers, page numbers and hyphenation removed)


@dataclass(slots=True)
class Mention:
    """A name in a document: a person, place, organization, operation, conference or
    ship, resolved to an authority key (None when unknown), with its evidence."""

    key: str | None
    type: str  # person | place | organization | operation | conference | ship | unknown
    text: str  # as written
    span: Span  # offsets into the original text
    evidence: Evidence


@dataclass(slots=True)
class Witness:
    """One transcript of a document when a source carries it more than once."""

    label: str
    span: Span
    start_line: int
    end_line: int
    text: str
    # Readings where this witness differs from the first one (set by collation).
    variants: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One letter, telegram, message, memorandum or note."""

    id: str
    ordinal: int  # position in its source, 0-based
    span: Span
    start_line: int
    end_line: int
    number: Inferred[int] | None = None
    number_printed: bool = False
    kind: Inferred[str] | None = None
    senders: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    dates: dict[str, Inferred[str]] = field(default_factory=dict)
    place: Inferred[str] | None = None
    channel: Inferred[str] | None = None
    classification: Inferred[str] | None = None
    salutation: Inferred[str] | None = None
    closing: Inferred[str] | None = None
    signature: Inferred[str] | None = None
    address: Inferred[str] | None = None
    heading: Inferred[str] | None = None
    body: list[Paragraph] = field(default_factory=list)
    note_refs: list[NoteRef] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    enclosures: list[Document] = field(default_factory=list)
    witnesses: list[Witness] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    parent_id: str | None = None
    # The sender's own numbers for the message (a telegram's "No. 482"), read off its
    # header; the pipeline links "your telegram No. 482" by them (not exported).
    serials: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.body)

    @property
    def best_date(self) -> Inferred[str] | None:
        """The date the author put on it, else when it was sent, else received."""
        for role in DATE_ROLES:
            if role in self.dates:
                return self.dates[role]
        return None


def with_enclosures(documents: list[Document]) -> Iterator[Document]:
    """Each document, followed by its enclosures (and theirs), in order."""
    for doc in documents:
        yield doc
        yield from with_enclosures(doc.enclosures)


@dataclass(slots=True)
class Source:
    """One ingested file: its exact text, provenance and what its header declares."""

    name: str  # file name as ingested
    path: str
    sha256: str
    format: str  # txt | md | html | tei
    text: str  # the exact original text, decoded
    encoding: str = "utf-8"
    # The reader stated the documents (TEI): the pipeline leaves them as they are.
    structured: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
    declaration: Declaration | None = None
    documents: list[Document] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Character offset where the header (title block, citation) ends, if the reader knows.
    header_end: int = 0
    # For formats whose text is markup (HTML, XML): the plain text the pipeline reads,
    # and the map from each of its characters back to an offset in `text`.
    plain: str | None = None
    plain_map: list[int] | None = None

    @property
    def slug(self) -> str:
        from missive.textutil import slugify

        return slugify(self.name.rsplit(".", 1)[0])

    @property
    def readable(self) -> str:
        """The text the pipeline reads: the plain text for markup, else the original."""
        return self.plain if self.plain is not None else self.text

    def original_offset(self, offset: int) -> int:
        """Map an offset in `readable` back to an offset in the original `text`."""
        if self.plain_map is None:
            return offset
        if offset >= len(self.plain_map):
            return len(self.text)
        return self.plain_map[offset]
