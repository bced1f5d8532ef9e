"""Reply threads: "your message of February 16" resolved to the message it answers.

Reads: documents with their senders, recipients and dates; the date references
(`replies.find_date_references`) in their bodies.
Adds: ``replies_to`` links (the addressee's message: "your message of ...", "I
received on ... your message") and ``cites`` links (the writer's own: "my message
of ..."), each with the phrase as evidence. The target is the other party's
document carrying that date as its dated, sent or received date. Several candidates
are all kept, at lower confidence; none is a missing message (who, when, cited
where) with no target. A reply counting more messages than the source has dated
("your two messages of October 14") dates the nearest undated message of that
writer, as a low-confidence inference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from missive import authority
from missive.model import (
    CERTAIN,
    POSSIBLE,
    PROBABLE,
    Document,
    Evidence,
    Inferred,
    Link,
    Note,
    Source,
    Span,
)
from missive.pipeline.replies import DateReference, complete_year, find_date_references

RESOLVED = round(CERTAIN - 0.05, 2)
UNSURE_PARTIES = PROBABLE
AMBIGUOUS = 0.5
DATED_BY_REPLY = 0.45
LOOK_BACK = 50  # documents before a reply searched for an undated message it dates
INFERRED = "inferred"  # the role of a date a reply gives an undated document
_COUNT = {"two": 2, "three": 3, "four": 4, "both": 2}
_COUNT_WORD = {word: re.compile(rf"\b{word}\b", re.I) for word in _COUNT}
_PLURAL = re.compile(r"\b(?:messages|telegrams|letters|cables|communications)\b", re.I)
_GIVES_TEXT = re.compile(
    r"\b(?:is|was) to the following\s+(?:letter|memorandum|message|note|telegram|statement|"
    r"text|communication|cable)\b|\bIt ran:",
    re.I,
)
_FROM_NAME = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,3}?from\s+(?:(?:Mr\.?|President|Prime Minister|Premier|Marshal|"
    r"General|Ambassador)\s+)?(?P<name>[A-Z][a-z]+)"
)


@dataclass(slots=True)
class Entry:
    """A document as a possible target: its place in the source and what it says of itself."""

    doc: Document
    position: int
    parent: Document | None

    @property
    def senders(self) -> set[str]:
        return {p.key for p in self.doc.senders}

    @property
    def recipients(self) -> set[str]:
        return {p.key for p in self.doc.recipients}

    @property
    def iso(self) -> str | None:
        best = self.doc.best_date
        return best.value if best and not best.value.startswith("--") else None

    def date_roles(self, iso: str) -> list[str]:
        return [role for role, inferred in self.doc.dates.items() if inferred.value == iso]


def entries_of(source: Source) -> list[Entry]:
    out: list[Entry] = []

    def walk(docs: list[Document], parent: Document | None) -> None:
        for doc in docs:
            out.append(Entry(doc, len(out), parent))
            walk(doc.enclosures, doc)

    walk(source.documents, None)
    return out


def resolve_threads(source: Source, entries: list[Entry]) -> None:
    names = authority.load()
    by_date: dict[str, list[Entry]] = {}
    for entry in entries:
        for iso in {d.value for d in entry.doc.dates.values()}:
            by_date.setdefault(iso, []).append(entry)
    notes = {n.number: n for n in source.notes}
    context: str | None = None
    for entry in entries:
        context = entry.iso or (entry.parent and _iso(entry.parent)) or context
        for ref in find_date_references(entry.doc.text, entry.iso or context):
            iso = complete_year(ref.iso, entry.iso or context)
            if iso:
                _resolve(source, notes, entries, by_date, entry, ref, iso, names)


def _iso(doc: Document) -> str | None:
    best = doc.best_date
    return best.value if best and not best.value.startswith("--") else None


def _resolve(source: Source, notes: dict[int, Note], entries: list[Entry],
             by_date: dict[str, list[Entry]], entry: Entry, ref: DateReference, iso: str,
             names: authority.Authority) -> None:  # fmt: skip
    doc = entry.doc
    sender_hint = _sender_hint(doc.text, ref, names)
    expected = _expected_count(ref.text)
    span = locate(source, doc, ref.text)
    # The editor's note on the phrase, when it names a document, outweighs a date match.
    note = _note_at(notes, entry, span) if span is not None else None
    if _quoted_by_note(note):
        add_link(doc, _missing(entry, ref, iso, span, sender_hint, names, given_in=note))
        return
    candidates = _named_by_note(entries, note) or _candidates(by_date, entry, ref, iso, sender_hint)
    if len(candidates) < expected:
        dated = _dated_by_reply(entries, entry, ref, iso, expected - len(candidates), span)
        for other in dated:
            by_date.setdefault(iso, []).append(other)
        candidates += dated
    if len(candidates) < expected:
        # "your messages of September 10" with one of them in the source: the other is missing
        add_link(
            doc, _missing(entry, ref, iso, span, sender_hint, names, expected - len(candidates))
        )
    if not candidates:
        return
    ambiguous = len(candidates) > expected
    for target in candidates:
        link_type = _link_type(entry, ref, target)
        confidence = _confidence(entry, target, ambiguous)
        rule = _rule(ref, target, iso, ambiguous, len(candidates))
        add_link(
            doc,
            Link(
                link_type,
                target.doc.id,
                Evidence(rule, confidence, span, ref.text),
                describe_target(target.doc),
                {"date": iso, "ambiguous": True} if ambiguous else {"date": iso},
            ),
        )


def add_link(doc: Document, link: Link) -> None:
    """Add a link unless the document already has it (a message named twice)."""
    key = (link.type, link.target, link.target_description, link.data.get("date"))
    if all((o.type, o.target, o.target_description, o.data.get("date")) != key for o in doc.links):
        doc.links.append(link)


def _note_at(notes: dict[int, Note], entry: Entry, span: Span) -> Note | None:
    """The note whose marker stands right after a phrase ("January 26 27")."""
    for ref in entry.doc.note_refs:
        note = notes.get(ref.note if ref.note is not None else ref.number)
        if note is not None and 0 <= ref.span.start - span.end <= 4:
            return note
    return None


def _named_by_note(entries: list[Entry], note: Note | None) -> list[Entry]:
    """ "your message of January 26 27", where note 27 says "See Document No. 70": the
    note's editor names the message the phrase means."""
    from missive.pipeline.crossrefs import document_numbers

    if note is None:
        return []
    numbers = document_numbers(note.text)
    targets = [e for e in entries if e.parent is None and e.doc.number is not None
               and e.doc.number.value in numbers]  # fmt: skip
    return targets if len(numbers) == 1 and len(targets) == 1 else []


def _quoted_by_note(note: Note | None) -> bool:
    """A note that gives the message itself ("The allusion is to the following
    Memorandum: ...") and names no document: the message is not one of the source's."""
    from missive.pipeline.crossrefs import document_numbers

    return bool(note and _GIVES_TEXT.search(note.text) and not document_numbers(note.text))


def _sender_hint(text: str, ref: DateReference, names: authority.Authority) -> str | None:
    """ "I received from Mr Churchill a message": whose message it was, when named."""
    if ref.owner != "received_by_me":
        return None
    m = _FROM_NAME.match(text[ref.end : ref.end + 60])
    return names.resolve(m.group("name")) if m else None


def _candidates(by_date: dict[str, list[Entry]], entry: Entry, ref: DateReference, iso: str,
                sender_hint: str | None) -> list[Entry]:  # fmt: skip
    writer, addressees = entry.senders, entry.recipients
    found: list[tuple[int, Entry]] = []
    for other in by_date.get(iso, ()):
        if other is entry or other.doc is entry.parent:
            continue
        roles = other.date_roles(iso)
        if not roles or not _right_parties(ref, other, writer, addressees, sender_hint):
            continue
        if entry.iso and other.iso and other.iso > entry.iso:
            continue  # a message cannot answer one written after it
        found.append((_tier(ref, roles), other))
    if not found:
        return []
    if not writer:
        return [other for _, other in found]  # whose message it is cannot be told apart
    best = min(tier for tier, _ in found)
    return [other for tier, other in found if tier == best]


def _tier(ref: DateReference, roles: list[str]) -> int:
    """Which of a target's dates the phrase names: "reached me on" names the received
    date; "your message of" the author's date first, then sent, then received."""
    order = (
        ("received", "dated", "sent") if ref.role == "received" else ("dated", "sent", "received")
    )
    return min(order.index(role) if role in order else len(order) for role in roles)


def _right_parties(ref: DateReference, other: Entry, writer: set[str], addressees: set[str],
                   sender_hint: str | None) -> bool:  # fmt: skip
    if sender_hint:
        return sender_hint in other.senders
    if ref.owner == "my":
        return not writer or not other.senders or bool(writer & other.senders)
    if ref.owner == "received_by_me":
        return not writer or not other.recipients or bool(writer & other.recipients)
    # "your ...": the addressee's message, never the writer's own
    if writer and writer & other.senders:
        return False
    return not (addressees and other.senders and not (addressees & other.senders))


def _expected_count(text: str) -> int:
    for word, n in _COUNT.items():
        if _COUNT_WORD[word].search(text):
            return n
    return 2 if _PLURAL.search(text) else 1


def _link_type(entry: Entry, ref: DateReference, target: Entry) -> str:
    if ref.owner == "my":
        return "cites"
    if (
        ref.owner == "received_by_me"
        and entry.recipients
        and not (entry.recipients & target.senders)
    ):
        return "cites"
    return "replies_to"


def _confidence(entry: Entry, target: Entry, ambiguous: bool) -> float:
    if ambiguous:
        return AMBIGUOUS
    if target.doc.dates and all(d.confidence < PROBABLE for d in target.doc.dates.values()):
        return min(d.confidence for d in target.doc.dates.values())
    if not entry.senders:
        return POSSIBLE
    return RESOLVED if target.senders else UNSURE_PARTIES


def _rule(ref: DateReference, target: Entry, iso: str, ambiguous: bool, count: int) -> str:
    roles = "/".join(target.date_roles(iso))
    whose = {"your": "the addressee's", "my": "the writer's own"}.get(ref.owner, "a received")
    rule = f"names {whose} message of {iso}; " + (
        f"the target's {roles} date" if roles else "the note at the phrase names the document"
    )
    if ambiguous:
        rule += f"; ambiguous: {count} messages of that date fit"
    return rule


def describe_target(doc: Document) -> str:
    number = f"No. {doc.number.value} " if doc.number else ""
    senders = "+".join(p.key for p in doc.senders) or "?"
    recipients = "+".join(p.key for p in doc.recipients) or "?"
    date = doc.best_date.value if doc.best_date else "undated"
    return f"{number}{senders} to {recipients}, {date}"


def _dated_by_reply(entries: list[Entry], entry: Entry, ref: DateReference, iso: str, wanted: int,
                    span: Span | None) -> list[Entry]:  # fmt: skip
    """The nearest undated messages before the reply, from the party it answers (or
    the writer, for "my message of"), take the date the reply gives them: kept as
    the ``inferred`` date, apart from the dates the document itself carries."""
    if ref.owner == "received_by_me":
        return []
    want_senders = entry.senders if ref.owner == "my" else entry.recipients
    if not want_senders:
        return []
    chosen: list[Entry] = []
    for other in reversed(entries[max(0, entry.position - LOOK_BACK) : entry.position]):
        if other.iso and other.iso < iso:
            break  # the edition is in date order: earlier messages lie beyond this one
        if other.doc.dates or other.parent is not None or other.doc is entry.parent:
            continue
        if want_senders & other.senders or not other.senders:
            chosen.append(other)
            what = "received" if ref.role == "received" else "written or sent"
            rule = f"dated by a later reply that names the message {what} on this date"
            if not other.senders:
                rule += " (its writer is unknown: the nearest undated document before the reply)"
            confidence = DATED_BY_REPLY if other.senders else DATED_BY_REPLY - 0.1
            ev = Evidence(rule, confidence, span, ref.text, note=f"in {entry.doc.id}")
            other.doc.dates[INFERRED] = Inferred(iso, ev)
            if len(chosen) == wanted:
                break
    return chosen


def _missing(entry: Entry, ref: DateReference, iso: str, span: Span | None,
             sender_hint: str | None, names: authority.Authority, count: int = 1,
             given_in: Note | None = None) -> Link:  # fmt: skip
    doc = entry.doc
    if ref.owner == "my":
        writers, readers = sorted(entry.senders), sorted(entry.recipients)
    elif sender_hint:
        writers, readers = [sender_hint], sorted(entry.senders)
    else:
        writers, readers = sorted(entry.recipients), sorted(entry.senders)
    who = " and ".join(names.display_name(k) for k in writers) or "unknown writer"
    to = " and ".join(names.display_name(k) for k in readers) or "unknown addressee"
    link_type = "cites" if ref.owner == "my" else "replies_to"
    what = "message" if count == 1 else f"{count} messages"
    rule = "names a message that is not in the source"
    if count < _expected_count(ref.text):
        rule = f"names more messages of that date than the source has ({what} missing)"
    if given_in is not None:
        rule = (
            f"note {given_in.number} at the phrase gives the message itself; it is not a document"
        )
    return Link(
        link_type,
        None,
        Evidence(rule, PROBABLE if count == _expected_count(ref.text) else POSSIBLE, span, ref.text),
        f"missing: {what} from {who} to {to} of {iso}",
        {"missing": True, "date": iso, "date_role": ref.role, "from": writers, "to": readers,
         "cited_in": doc.id, "count": count,
         **({"given_in_note": given_in.number} if given_in else {})},
    )  # fmt: skip


def locate(source: Source, doc: Document, phrase: str) -> Span | None:
    """Where a phrase read off a document's normalized text stands in the original."""
    words = phrase.split()
    if words:  # what the words joined by whitespace patterns find, without compiling them
        found = find_words(source.readable, words, doc.span.start, doc.span.end)
    else:
        m = re.compile("").search(source.readable, doc.span.start, doc.span.end)
        found = m.span() if m else None
    if found:
        return Span(*found)
    for paragraph in doc.body:
        if phrase in paragraph.text:
            return paragraph.span
    return None


def locate_passage(source: Source, doc: Document, passage: str, edge: int = 4) -> Span | None:
    """Where a long passage stands: its first words, then its last words after them
    (short patterns: a long one would cost more to compile than to search)."""
    words = passage.split()
    if len(words) <= 2 * edge:
        return locate(source, doc, passage)
    # The passage is the text with characters only deleted (a line break read as a
    # space): its tail cannot start before the rest of it (repeated words match early),
    # and where its first words recur, the stretch that holds it is the one.
    before_tail = len(" ".join(words[:-edge])) + 1
    letters = "".join(words)
    start = doc.span.start
    for _ in range(_HEAD_TRIES):
        head = find_words(source.readable, words[:edge], start, doc.span.end)
        if head is None:
            return None
        tail = find_words(
            source.readable, words[-edge:], max(head[1], head[0] + before_tail), doc.span.end
        )
        if tail is None:
            return None
        if _holds(source.readable[head[0] : tail[1]], letters):
            return Span(head[0], tail[1])
        start = head[0] + 1
    return None


_HEAD_TRIES = 16


def _holds(stretch: str, letters: str) -> bool:
    """Whether `stretch` is the passage whose non-space characters are `letters`, give
    or take what cleaning deleted (note markers, hyphens, emphasis)."""
    squeezed = "".join(stretch.split())
    if squeezed == letters:  # the usual case: nothing was deleted
        return True
    if len(squeezed) > len(letters) + len(letters) // 10 + 20:
        return False
    return _is_subsequence(letters, squeezed)


def _is_subsequence(small: str, big: str) -> bool:
    """Whether `small` is `big` with characters deleted: matched greedily, a stretch
    where the two agree at a time (the deletions are few)."""
    i = j = 0
    while i < len(small):
        i, j = _agree(small, i, big, j)
        if i == len(small):
            return True
        j = big.find(small[i], j) + 1
        if not j:
            return False
        i += 1
    return True


def _agree(a: str, i: int, b: str, j: int) -> tuple[int, int]:
    """Past the stretch where a[i:] and b[j:] agree."""
    for step in (64, 8, 1):
        while i + step <= len(a) and a[i : i + step] == b[j : j + step]:
            i, j = i + step, j + step
    return i, j


def find_words(text: str, words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The first stretch of text[start:end] that is `words` separated by whitespace: what
    a search for the escaped words joined by whitespace patterns finds, without compiling
    a pattern for every passage (each passage has its own words)."""
    first, rest = words[0], words[1:]
    end = min(end, len(text))
    at = text.find(first, start, end)
    while at >= 0:
        position = at + len(first)
        for word in rest:
            gap = position
            while gap < end and text[gap].isspace():
                gap += 1
            if gap == position or not text.startswith(word, gap, end):
                break
            position = gap + len(word)
        else:
            return at, position
        at = text.find(first, at + 1, end)
    return None
