"""Description: each draft becomes a Document with its fields and their evidence.

Reads: the drafts from segmentation, the Layout, the source's declaration.
Adds: ``Source.documents`` — number (printed, or inferred between printed
neighbours), dates (dated / sent / received), kind, place, channel,
classification, salutation, closing, signature, heading, body paragraphs, note
markers, enclosures and witnesses; then senders and recipients (parties.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

from missive import authority
from missive.gc_pause import with_gc_paused
from missive.model import (
    CERTAIN,
    PROBABLE,
    Document,
    Evidence,
    Inferred,
    NoteRef,
    Paragraph,
    Party,
    Source,
    Span,
    Witness,
)
from missive.pipeline.cable_kind import cable_kind
from missive.pipeline.date_evidence import (
    date_evidence,
    year_from_neighbour,
    year_from_own_date,
)
from missive.pipeline.dates import parse_date_line, trailing_date
from missive.pipeline.literals import first_of, lowered
from missive.pipeline.normalize import Layout, Line, join_paragraph
from missive.pipeline.ocr_digits import number_line_evidence
from missive.pipeline.parties import PartyResolver, attribute_enclosures, gather_facts, settle
from missive.pipeline.replies import complete_year
from missive.pipeline.segment import Draft

_KIND_SELF_REFERENCE = re.compile(
    r"\bthis (telegram|letter|memorandum|note|cable|message|aide-m[ée]moire)\b", re.IGNORECASE
)
_SELF_REFERENCE_WORDS = tuple(  # what every match of _KIND_SELF_REFERENCE holds
    f"this {kind}"
    for kind in ("telegram", "letter", "memorandum", "note", "cable", "message", "aide-m")
)
_CHANNEL = re.compile(
    r"\b(?:by the hands of|through the good offices of|by courier|by special courier)"
    r"(?:\s+(?:my\s+\w+\s+friend,?\s+)?(?:Mr\.?\s+|Ambassador\s+|General\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})?"
)
# The words every match of _CHANNEL starts with: a text without them is not searched.
_CHANNEL_WORDS = (
    "by the hands of",
    "through the good offices of",
    "by courier",
    "by special courier",
)
_OWN_MESSAGE_TO = re.compile(
    r"\bmy (?:reply|answer) to (?:a |the |his |her )?(?:message|telegram|letter|note)\s+"
    r"from\s+(?:Mr\.?\s+)?(?P<answered>[A-Z][a-z]+)"
    r"|\b(?:my reply|my message|I sent a message|message which I sent)\b[^.]*?"
    r"\bto\s+(?:Mr\.?\s+)?(?P<addressee>[A-Z][a-z]+)"
)
_CLASSIFICATION = re.compile(
    r"^(?:personal and (?:most )?secret|most secret|top secret|strictly secret|secret|"
    r"personal|confidential|restricted)\b",
    re.IGNORECASE,
)


@with_gc_paused
def describe(source: Source, layout: Layout) -> None:
    resolver = PartyResolver(source, authority.load())
    documents: list[Document] = []
    headers: list[dict] = []
    for ordinal, draft in enumerate(layout.drafts):
        doc, header = build_document(draft, layout, ordinal, source)
        documents.append(doc)
        headers.append(header)
    infer_numbers(documents)
    complete_years(documents)
    assign_ids(documents, source)
    facts = [
        gather_facts(doc, resolver, header) for doc, header in zip(documents, headers, strict=True)
    ]
    settle(facts, resolver)
    for doc in documents:
        describe_enclosures(doc, resolver)
        attribute_enclosures(doc, resolver)
    source.documents = documents


def build_document(
    draft: Draft, layout: Layout, ordinal: int, source: Source
) -> tuple[Document, dict]:
    lines = layout.lines
    indices = draft.all_lines()
    # The document's span covers every transcript of it.
    last_index = max([indices[-1], *(w.all_lines()[-1] for w in draft.witnesses)])
    first, last = lines[indices[0]], lines[last_index]
    doc = Document(
        id="",
        ordinal=ordinal,
        span=Span(first.start, last.end),
        start_line=first.no,
        end_line=last.no,
    )
    header = read_header(draft, layout, doc)
    header["footnotes"] = [
        _item(lines[i]) for i in draft.footnotes if lines[i].info.get("first") == lines[i].no
    ]
    doc.body = [
        Paragraph(_span(lines, p), join_paragraph([lines[i] for i in p])) for p in draft.body
    ]
    take_fused_date(doc, draft, layout)
    doc.note_refs = [
        NoteRef(mk.number, Span(lines[i].start + mk.start, lines[i].start + mk.end), mk.form)
        for i in indices
        for mk in lines[i].markers
    ]
    text = doc.text
    doc.kind = read_kind(doc, header, text)
    doc.channel = doc.channel or read_channel(text)
    doc.witnesses = (
        [_witness(w, layout, k) for k, w in enumerate([draft, *draft.witnesses], 1)]
        if draft.witnesses
        else []
    )
    doc.enclosures = [
        build_enclosure(child, layout, source, k) for k, child in enumerate(draft.children, 1)
    ]
    return doc, header


def _span(lines: list[Line], indices: list[int]) -> Span:
    return Span(lines[indices[0]].start, lines[indices[-1]].end)


def _item(line: Line, text: str | None = None) -> dict:
    # A heading wrapped over two lines was read as one: its text and span cover both.
    return {
        "span": Span(line.start, line.info.get("end", line.end)),
        "text": text or line.info.get("text") or line.clean,
        "info": line.info,
        "line": line,
    }


def read_header(draft: Draft, layout: Layout, doc: Document) -> dict:
    """Fields read off the header and trailer lines; returns them by role."""
    header: dict = {}
    for i in draft.header + draft.trailer:
        line = layout.lines[i]
        kind, info = line.kind, line.info
        item = _item(line)
        if kind == "number" and _names_parties(header):  # "Decypher. …" above "No. 345."
            doc.serials.append(info["number"])
        if kind == "number" and doc.number is None:
            doc.number = Inferred(
                info["number"], number_line_evidence(info, item["span"], line.clean)
            )
            doc.number_printed = True
            if info.get("senders") or info.get("recipients"):  # "212. President ... to ..."
                header.setdefault("heading", item)
                doc.heading = doc.heading or Inferred(
                    item["text"], Evidence("heading", CERTAIN, item["span"], item["text"])
                )
            if info.get("received"):  # "No. 125. Mr. Newton ... (Received March 5, 10 a.m.)"
                rule = "receipt noted in the numbered heading"
                _set_date(doc, "received", info["received"], rule, CERTAIN, item)
        elif kind == "sent_received":
            role = info["role"]
            header.setdefault(role, item)
            _set_date(doc, role, info["date"], f"'{line.clean.split()[0]}' line", CERTAIN, item)
            if info.get("received"):  # "D. 7.30 p.m. March 2, 1939. R. 9.15 a.m. March 3, 1939."
                _set_date(doc, "received", info["received"], "'R.' on the 'D.' line", CERTAIN, item)
        elif kind == "dateline":
            rule = (
                "dateline before the body" if i in draft.header else "bare date line after the body"
            )
            _read_dateline(doc, header, item, rule)
        elif kind in ("heading", "from_to", "record_heading"):
            header.setdefault(kind, item)
            doc.heading = doc.heading or Inferred(
                item["text"],
                Evidence(kind.replace("_", " "), CERTAIN, item["span"], item["text"]),
            )
            _read_heading_extras(doc, line, item)
        elif kind == "file_reference" and info.get("classification"):
            _read_classification(doc, line, info["classification"], "classification line", item)
        elif kind == "file_reference" and not info.get("precedence"):
            header.setdefault(kind, item)
            if "serial" in info:  # "No. 482 Telegraphic [C 11863/15/18]"
                doc.serials.append(info["serial"])
        elif kind == "field":
            _read_field(doc, header, item)
        elif kind == "salutation":
            words = info.get("salutation", line.clean)
            header.setdefault("salutation", {**item, "text": words})
            doc.salutation = Inferred(
                words,
                Evidence(
                    "salutation line", CERTAIN, item["span"], info.get("evidence_text", line.clean)
                ),
            )
            if info.get("date"):  # the dateline set beside the salutation
                _read_dateline(doc, header, item, "dateline beside the salutation")
        elif kind == "place_line":
            header.setdefault("place_line", item)
            doc.address = Inferred(
                line.clean,
                Evidence("address line before the body", PROBABLE, item["span"], line.clean),
            )
        elif kind == "closing":
            doc.closing = Inferred(
                info.get("closing", line.clean),
                Evidence("closing formula", CERTAIN, item["span"], line.clean),
            )
            if name := info.get("signature"):  # "Affectionately yours, Woodrow Wilson"
                header.setdefault("signature", {**item, "text": name})
                doc.signature = Inferred(
                    name, Evidence("name after the closing", PROBABLE, item["span"], line.clean)
                )
        elif kind == "name":
            header.setdefault("signature", item)
            doc.signature = Inferred(
                line.clean, Evidence("name line after the body", PROBABLE, item["span"], line.clean)
            )
        elif kind == "addressee":  # the block under the signature (address_blocks.py)
            header.setdefault("addressee", item)
        elif kind == "receipt_time":
            header.setdefault("receipt_time", item)
    _receipt_on_the_datelines_day(doc, header)
    return header


RECEIPT_ON_DATELINE_DAY = "receipt noted with its hour only: the dateline's day"


def _receipt_on_the_datelines_day(doc: Document, header: dict) -> None:
    """ "[Received 8:43 a.m.]" under "London, October 5, 1941—8 a.m.": the editor gives a
    receipt's date only where it differs from the dateline's, so it is the dateline's
    day, less surely than a receipt that prints its date."""
    item = header.get("receipt_time")
    dated = doc.dates.get("dated")
    if item is None or dated is None or "dateline" not in header or "received" in doc.dates:
        return
    _set_date(doc, "received", dated.value, RECEIPT_ON_DATELINE_DAY, PROBABLE, item)


def _names_parties(header: dict) -> bool:
    """Whether a heading naming the parties was read above: a number line below it is
    the message's own number, not the edition's."""
    return any(role in header for role in ("heading", "record_heading", "from_to"))


def _read_dateline(doc: Document, header: dict, item: dict, rule: str) -> None:
    info, line = item["info"], item["line"]
    header.setdefault("dateline", item)
    _set_date(doc, "dated", info["date"], rule, CERTAIN, item)
    if info.get("received"):
        _set_date(doc, "received", info["received"], "bracketed 'Received' note", CERTAIN, item)
    if info.get("place"):
        doc.place = Inferred(
            info["place"], Evidence("place in the dateline", CERTAIN, item["span"], line.clean)
        )


def _read_field(doc: Document, header: dict, item: dict) -> None:
    """A memorandum's or cable's labelled header fields: "DATE:" dates it; "FROM:" and
    "TO:" name its parties (read in parties.py)."""
    info = item["info"]
    header.setdefault("fields", []).append(item)
    if info["label"] == "date":
        _set_date(doc, "dated", info["date"], "'Date:' field of the header", CERTAIN, item)
    elif info["label"] in ("from", "to"):
        header.setdefault(f"field_{info['label']}", item)


def _read_heading_extras(doc: Document, line: Line, item: dict) -> None:
    info = line.info
    span = item["span"]
    if info.get("number") is not None and doc.number is None:  # "112. Jan. 5. Whitehall.—"
        rule = info.get("number_rule", "number opening the entry")
        doc.number = Inferred(info["number"], Evidence(rule, CERTAIN, span, item["text"]))
        doc.number_printed = True
    if info.get("date"):
        rule = f"date in the {line.kind.replace('_', ' ')}"
        _set_date(doc, "dated", info["date"], rule, CERTAIN, item)
    if info.get("serial"):  # "... Personal and Secret. No. 140."
        doc.serials.append(info["serial"])
    if info.get("received"):
        rule = f"receipt noted in the {line.kind.replace('_', ' ')}"
        _set_date(doc, "received", info["received"], rule, CERTAIN, item)
    if info.get("channel"):
        doc.channel = Inferred(
            info["channel"], Evidence("channel in the record heading", CERTAIN, span, item["text"])
        )
    if info.get("place"):
        doc.place = Inferred(
            info["place"], Evidence("place in the record heading", PROBABLE, span, item["text"])
        )
    classification = info.get("classification")
    m = _CLASSIFICATION.match(line.clean)
    if m and line.kind == "heading":
        classification = m.group(0)
    if classification:
        _read_classification(doc, line, classification, "classification in the heading", item)


def _read_classification(doc: Document, line: Line, value: str, rule: str, item: dict) -> None:
    if doc.classification is not None and line.kind != "heading":
        return
    if any(value.lower() == s.lower() for s in line.struck):
        value, rule = f"{value} (struck through)", "classification struck through in the transcript"
    doc.classification = Inferred(value, Evidence(rule, CERTAIN, item["span"], line.raw.strip()))


def _set_date(doc: Document, role: str, iso: str, rule: str, confidence: float, item: dict) -> None:
    if role not in doc.dates:
        doc.dates[role] = Inferred(iso, date_evidence(iso, rule, confidence, item))


def take_fused_date(doc: Document, draft: Draft, layout: Layout) -> None:
    """A date fused onto the end of the last body line is the author's date."""
    if "dated" in doc.dates or not doc.body:
        return
    last_line = layout.lines[draft.body[-1][-1]]
    found = trailing_date(last_line.clean)
    if not found:
        return
    start = last_line.start + last_line.raw.find(found.text)
    span = Span(start, start + len(found.text))
    doc.dates["dated"] = Inferred(
        found.iso, Evidence("date fused onto the last body line", PROBABLE + 0.1, span, found.text)
    )
    paragraph = doc.body[-1]
    paragraph.text = paragraph.text[: paragraph.text.rfind(found.text)].rstrip()


def read_kind(doc: Document, header: dict, text: str) -> Inferred[str]:
    """`text`: the document's text (doc.text)."""
    for role in ("record_heading", "file_reference", "heading"):
        if (item := header.get(role)) and (role != "heading" or "kind" in item["info"]):
            kind = item["info"].get("kind", "message")
            if item["info"].get("form") == "paraphrase":
                kind = "paraphrase"
            return Inferred(
                kind,
                Evidence(
                    f"kind named in the {role.replace('_', ' ')}",
                    CERTAIN,
                    item["span"],
                    item["text"],
                ),
            )
    if "fields" in header and (cable := cable_kind(header["fields"])):
        return cable
    low = lowered(text)
    # Every word of _SELF_REFERENCE_WORDS begins "this ": one search spares the others.
    named = low is None or ("this " in low and first_of(low, _SELF_REFERENCE_WORDS) >= 0)
    m = _KIND_SELF_REFERENCE.search(text) if named else None
    # "this note" in a letter to "Dear Sir" that closes is a short letter, not a note
    familiar = doc.closing and doc.salutation and "dear" in doc.salutation.value.lower()
    if m and not (familiar and m.group(1).lower() == "note"):
        return Inferred(
            m.group(1).lower(), Evidence("the text calls itself so", PROBABLE, None, m.group(0))
        )
    if doc.salutation and doc.closing:
        return Inferred(
            "letter", Evidence("salutation and closing", PROBABLE, None, doc.closing.value)
        )
    return Inferred("message", Evidence("default for a document with no kind named", 0.7, None, ""))


def read_channel(text: str) -> Inferred[str] | None:
    m = _CHANNEL.search(text) if any(words in text for words in _CHANNEL_WORDS) else None
    if not m:
        return None
    return Inferred(
        m.group(0).rstrip(",. "), Evidence("delivery named in the body", PROBABLE, None, m.group(0))
    )


def _witness(draft: Draft, layout: Layout, k: int) -> Witness:
    lines = layout.lines
    indices = draft.all_lines()
    text = "\n\n".join(join_paragraph([lines[i] for i in p]) for p in draft.body)
    return Witness(
        label=f"copy {k}",
        span=_span(lines, indices),
        start_line=lines[indices[0]].no,
        end_line=lines[indices[-1]].no,
        text=text,
    )


def build_enclosure(child: Draft, layout: Layout, source: Source, k: int) -> Document:
    doc, _header = build_document(child, layout, k, source)
    doc.kind = Inferred(
        "message", Evidence(f"enclosure: {child.enclosure_rule}", PROBABLE, None, "")
    )
    _strip_quotes(doc)
    _quoted_date(doc)
    return doc


def _strip_quotes(doc: Document) -> None:
    for paragraph in doc.body:
        paragraph.text = paragraph.text.strip().strip('"“”')


def _quoted_date(doc: Document) -> None:
    """A quoted document's own date line ("November 12, 1943.") is its date."""
    if not doc.body or "dated" in doc.dates:
        return
    parsed = parse_date_line(doc.body[-1].text)
    if parsed:
        last = doc.body.pop()
        doc.dates["dated"] = Inferred(
            parsed.date.iso,
            Evidence("date line closing the quoted document", CERTAIN, last.span, last.text),
        )


def infer_numbers(documents: list[Document]) -> None:
    """Unnumbered documents between two printed numbers whose gap they fill exactly
    take the missing numbers in order."""
    anchors = [i for i, d in enumerate(documents) if d.number_printed and d.number]
    for a, b in pairwise(anchors):
        first, second = documents[a].number.value, documents[b].number.value
        between = documents[a + 1 : b]
        if between and second - first - 1 == len(between):
            for k, doc in enumerate(between, 1):
                ev = Evidence(
                    f"fills the gap between printed No. {first} and No. {second}",
                    CERTAIN - 0.05, None, "",
                )  # fmt: skip
                doc.number = Inferred(first + k, ev)
        elif between:
            for doc in between:
                doc.warnings.append(
                    f"number unknown: {len(between)} unnumbered documents between No. {first} "
                    f"and No. {second}"
                )


def complete_years(documents: list[Document]) -> None:
    """Year-less dates ("[Received June 11]") take the year of their document or neighbours."""
    context = None
    for doc in documents:
        for role, inferred in list(doc.dates.items()):
            if inferred.value.startswith("--"):
                own = next(
                    (d.value for d in doc.dates.values() if not d.value.startswith("--")), None
                )
                full = complete_year(inferred.value, own or context)
                if full:
                    supplied = year_from_own_date if own else year_from_neighbour
                    evidence = supplied(inferred.evidence)
                    doc.dates[role] = Inferred(full, evidence)
                else:
                    del doc.dates[role]
        best = doc.best_date
        if best and not best.value.startswith("--"):
            context = best.value


def assign_ids(documents: list[Document], source: Source) -> None:
    """Stable ids: the source's slug with the document's number (or its position)."""
    seen: set[str] = set()
    for doc in documents:
        label = f"no-{doc.number.value}" if doc.number else f"d{doc.ordinal + 1:04d}"
        doc_id = f"{source.slug}-{label}"
        suffix = 2
        while doc_id in seen:
            doc_id = f"{source.slug}-{label}-{suffix}"
            suffix += 1
        seen.add(doc_id)
        doc.id = doc_id
        for k, child in enumerate(doc.enclosures, 1):
            child.id = f"{doc_id}-enc{k}"
            child.parent_id = doc_id


def describe_enclosures(doc: Document, resolver: PartyResolver) -> None:
    """An enclosure the covering note calls the writer's own message ("my reply to
    a message from Mr Churchill", "I sent a message to Mr Churchill") was written by
    the parent's writer, to the person the note names."""
    if not (doc.enclosures and doc.senders):
        return
    intro = doc.body[0].text if doc.body else ""
    m = _OWN_MESSAGE_TO.search(intro)
    if not m:
        return
    writer = doc.senders[0]
    ev = Evidence("the covering note calls it the writer's own message", PROBABLE, None, m.group(0))
    for child in doc.enclosures:
        iso = child.best_date.value if child.best_date else None
        recipient = resolver.resolve_name(m.group("answered") or m.group("addressee"), iso)
        child.senders = [Party(writer.key, writer.name, ev)]
        if recipient:
            child.recipients = [Party(recipient, resolver.authority.display_name(recipient), ev)]
