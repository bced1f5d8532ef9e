"""What each line of a source is: a document number, a heading ("W. CHURCHILL TO
J. V. STALIN", "President Roosevelt to Marshal Stalin"), a "Sent on"/"Received on"
line, a date line, a salutation, a closing, a name, a place line, or body text.

Each rule reads one general pattern of printed correspondence; what the line says
(the date, the names) is kept in ``line.info`` for the describe stage.
"""

from __future__ import annotations

import re
from datetime import date

from missive.pipeline.address_blocks import address_panel
from missive.pipeline.dates import (
    ANY_FULL_DATE,
    MONTHS,
    find_dates,
    find_new_style_dates,
    new_style,
    old_style_part,
    parse_date_line,
)
from missive.pipeline.normalize import Line
from missive.pipeline.ocr_digits import MAX_OCR_LINE, digits_from_letters, ocr_reading

NUMBER = re.compile(
    r"^(?:No\.?|Nr\.?|Number|Doc(?:ument)?\.?(?:\s+No\.?)?)\s*(?P<n>\d{1,5})\s*\.?$"
    r"|^\[(?:No\.?\s*|Document\s+)?(?P<b>\d{1,5})\]$|^(?P<d>\d{1,4})\.$"
    # an edition's series letter and number: "C-140", "R-180/1" (Kimball's numbering)
    r"|^(?-i:[A-Z]{1,2})-(?P<s>\d{1,5})(?:/\d{1,3})?(?:,\s*(?:draft\s+)?[A-Z])?$",
    re.IGNORECASE,
)
# A message's own number on a line of its own: "Despatch No. 52", "Telegram No. 345."
_KIND_NUMBER = re.compile(
    r"^(?P<kind>Despatch|Dispatch|Telegram|Airgram|Instruction|Note)\s+No\.?\s*(?P<n>\d{1,5})\.?$",
    re.IGNORECASE,
)
# A British telegram's own number under its heading: "Tel. No. 45.", "Tel. No. 38. Saving."
# (a "saving" telegram goes by bag).
_TEL_NUMBER = re.compile(r"^Tel\.\s+No\.?\s*(?P<n>\d{1,5})\.?(?:\s+(?:Saving|En clair)\.?)?$")
# A book's letter by its ordinal: "LETTER XII.", "Letter 12", "EPISTLE IV."
_LETTER_ORDINAL = re.compile(
    r"^(?:LETTER|Letter|EPISTLE|Epistle)\s+(?P<n>[IVXLCDM]{1,8}|\d{1,4})"
    r"(?:\.?\s*(?:—|–|--)\s*(?P<rest>[A-Z].*)|\.\s+(?P<rest2>T[Oo]\s.*)|\.?)$"  # "LETTER XII.—TO ..."
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_or_arabic(numeral: str) -> int:
    """12 for "XII" (or "12")."""
    if numeral.isdigit():
        return int(numeral)
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


# A registry reference at the left with the place at the right of one typed line:
# "(R 1013/2)                                   BRITISH EMBASSY,".
_REFERENCE_AND_PLACE = re.compile(
    r"^(?P<ref>[(\[][A-Z]{0,3}\s*\d[\w/ .-]{0,24}[)\]])\s{3,}(?P<place>[A-Z][\w'’. -]{1,40}?)[,.]?$"
)
SENT_RECEIVED = re.compile(
    r"^\[?(?P<role>Sent|Despatched|Dispatched|Transmitted|Received|Delivered|Handed over|Handed"
    r"|D\.|R\.)"  # a British telegram's "D. 11.50 p.m. 5th February, 1944." / "R. ..."
    r"(?:\s+(?:on|at|in|by\s+[^,]{1,60}?\s+on))?\s*:?\s+(?P<rest>.+?)\]?\.?$",
    re.IGNORECASE,
)
_BRACKETED_RECEIVED = re.compile(r"\s*\[\s*Received:?\s+(?P<rest>[^\]]+)\]\s*\.?$", re.IGNORECASE)
SALUTATION = re.compile(
    r"^(?:My\s+)?(?:very\s+)?(?:dear|dearest)\s+\S.{0,60}[,:!]$"
    # many editions print the salutation with no stop: "Dear Sir", "My dear General"
    r"|^(?:My\s+)?(?:very\s+)?(?:dear|dearest)(?:\s+[A-Z][\w'’.-]*){1,4}$"
    r"|^(?:Sir|Madam|Gentlemen|(?:Your\s+)?Excellency|Dear\s+Sir|Mr\.?\s+President|My\s+Lord|"
    r"Mr\.?\s+Prime\s+Minister|Monsieur\s+le\s+\w+)[,:!]?$",
    re.IGNORECASE,
)
_CLOSING_WORDS = re.compile(
    r"\b(?:sincerely|faithfully|cordially|respectfully|truly|yours|affectionately|devotedly|"
    r"your devoted)\b",
    re.IGNORECASE,
)
_WITH_CLOSING = re.compile(
    r"^With\s+(?:[\w-]+\s+){0,3}(?:respect|regards?|esteem|wishes|greetings|compliments)\s*,$",
    re.IGNORECASE,
)
# The longer formula of older letters, a sentence of its own: "I have the Honor to be
# with Respect Sir your obedient Servant", "I am dear Sir ... Your's affectionately,".
_FORMAL_CLOSING = re.compile(
    r"^(?:With\s+[^,.]{3,80},\s*)?"
    r"(?:I\s+(?:am|have\s+the\s+honou?r\s+to\s+be|remain)\b|(?:Believe|Accept)\s+me\b|Adieu\b)"
    r".{0,120}\b(?:servant|serv[t]|ser|friend|affectionately|affectly|sincerely|faithfully|"
    r"respectfully|truly|yours|yrs)\b[.,]?$",
    re.IGNORECASE,
)
# The note's courtesy formula ("Accept, Excellency, the renewed assurances of my highest
# consideration.", "I avail myself of this opportunity to renew ...") and the closing a
# printed paper cuts short ("I am, &c.", "I have, &c.", "Believe me, &c.").
_COURTESY_CLOSING = re.compile(
    r"^(?:(?:Please\s+)?Accept|I\s+avail\s+myself|I\s+take\s+(?:this|the)\s+opportunity|"
    r"I\s+(?:have\s+the\s+honou?r\s+to\s+)?renew)\b.{0,200}\b(?:consideration|esteem|respect|"
    r"regard)\.?$"
    r"|^(?:I\s+(?:am|have|remain)|Believe\s+me|Yours|Your\s+\w+)\b[^.]{0,60}?,?\s*&c\.?$"
    # FRUS cuts the formula short with its own "[etc.]": "I avail myself [etc.]",
    # "With high regard, I am [etc.]", "Accept [etc.]"
    r"|^(?:(?:With\s+[\w ]{3,30},\s*)?I\s+(?:am|have|remain|avail\s+myself)|Accept|Believe\s+me"
    r"|With\s+[\w ]{3,30})\b[^.\[]{0,40}?\s*\[etc\.?\]$",
    re.IGNORECASE,
)
# A line that is only a security classification or a precedence: "SECRET", "MOST
# IMMEDIATE.", "Personal and Secret" (not a signature, though it looks like a name).
_MARKING = re.compile(
    r"^\[?(?:(?P<classification>personal and (?:most )?secret|most secret|top secret|"
    r"strictly (?:secret|confidential)|secret|confidential|restricted|eyes only|"
    r"private(?: and confidential)?|"
    r"limited official use|unclassified)"
    r"|(?P<precedence>(?:most )?immediate|(?:highest )?priority|emergency|urgent|niact|"
    r"clear the line))"
    r"\.?\]?$",
    re.IGNORECASE,
)
NOTES_HEADING = re.compile(
    r"^(?:notes|endnotes|footnotes|notes and references|editorial notes|references)\s*:?$",
    re.IGNORECASE,
)
# The archive's reference above a document: a decimal file number ("740.0011 European
# War 1939/33602: Telegram"), a collection ("Roosevelt Papers: Telegram"), or an
# editor's bracketed label ("[Translation]").
FILE_REFERENCE = re.compile(
    r"^(?:[\d.]+[\w./ ()–-]*|[A-Z][\w.'’ ]{0,40}\b(?:Papers|Files|Records|Archives?|Collection))"
    r":\s*(?P<kind>Telegram|Airgram|Despatch|Dispatch|Letter|Memorandum|"
    r"Note|Instruction|Circular)\b"
    r"|^\d{2,4}\.\d+(?:\s+[\w ]{1,40})?\s+\d{4}/\d+$"
    # a telegram's own number and registry mark: "No. 482 Telegraphic [C 11863/15/18]"
    r"|^No\.?\s*(?P<serial>\d{1,6})\s+(?:\w+:?\s+){0,2}?(?P<kind2>Telegraphic|Telegram|Despatch|Dispatch|"
    r"Airgram|Letter|Note|Memorandum|Circular)\b(?:\s+\[[^\]]{1,40}\])?\.?$"
    r"|^\[(?P<form>Translation|Paraphrase|Extracts?|Excerpts?|Summary|Draft)\]$"
    # a note's own serial and the registry's office mark: "No. 203, Asia I"
    r"|^No\.\s*(?P<serial2>\d{1,6}),\s+(?-i:[A-Z][A-Za-z.]*(?:\s+(?:[IVX]{1,4}|\d{1,3}|"
    r"[A-Z][a-z.]*)){0,2})$",
    re.IGNORECASE,
)
RECORD_HEADING = re.compile(
    r"^(?:(?P<form>paraphrase|translation|copy|text|draft|summary)\s+of\s+(?:a\s+|the\s+)?)?"
    r"(?:(?:cipher(?:ed)?|coded|encrypted|secret|urgent)\s+)?"  # "Cipher telegram from …"
    r"(?P<kind>telegram|cable|letter|message|memorandum|note|aide-m[ée]moire|dispatch|despatch)"
    r"\s+(?P<rest>(?:dated|sent|from|to|of|no\.|number)\b.*)$",
    re.IGNORECASE,
)
FROM_TO = re.compile(
    r"^From:?\s+(?P<sender>[^.:;]{2,80}?)\.?\s+"
    r"(?:(?P<cls>Top Secret|Most Secret|Personal and Secret|Secret|Personal|Confidential|"
    r"Restricted|Eyes only)\s+)?(?:for|to):?\s+(?P<recipient>.{2,80}?)\.?$",
    re.IGNORECASE,
)
HEADING_PREFIX = re.compile(
    r"^(?:(?:personal|and|secret|most|top|strictly|confidential|urgent|private|message|"
    r"telegram|letter|cable|memorandum|immediate)\s+)+",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^(?:\(?[A-Z][\w'’.-]*\)?,?|[A-Z]\.|of|the|in|and|de|du|von|van|la|le|da|for|on|at|mr\.?"
    r"|[A-Z][a-z]{0,2}:"  # "Th: Jefferson", "Go: Washington": a clerk's abbreviation
    r"|\(|\),?)$"  # a bracket set apart from its name: "Soviet Union ( Harriman ) to"
)
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]?$")
HEADER_FIELD = re.compile(
    r"^(?P<label>FROM|TO|DATE|DATED|SUBJECT|SUBJ|RE|NO\.?|NUMBER|CC|ATTN|REFS?"
    # a State Department cable's: "MRN: 1975MOSCOW03212", "INFO:", "TAGS:", "E.O. 11652:"
    r"|MRN|INFO|TAGS|CAPTION|E\.\s?O\.(?:\s+\d{4,6})?)\s*:\s*(?P<value>\S.{0,150})$",
    re.IGNORECASE,
)
# "INCOMING TELEGRAM", "MEMORANDUM", "TELEGRAM SENT": a line naming the kind of record.
DOCUMENT_TYPE_LINE = re.compile(
    r"^(?:(?P<cls>top secret|most secret|secret|confidential|restricted)\s+)?"
    r"(?:(?:incoming|outgoing|paraphrase of|cipher(?:ed)?)\s+)?(?P<kind>telegram|cable|airgram|"
    r"memorandum|aide-m[ée]moire|despatch|dispatch|note verbale|verbal note)"
    r"(?:\s+(?:sent|received|for the files))?\.?$",
    re.IGNORECASE,
)
# The line that heads a document enclosed in the one before: "Inclosure in No. 14.",
# "Enclosure 2 to despatch No. 45", "[Enclosure]". Not the covering document's list of
# its enclosures ("Enclosures:", "Enclosure: Copy of note No. 123").
ENCLOSURE_LINE = re.compile(
    r"^\[?(?:In|En)closure(?:\s+(?:No\.?\s*)?\d{1,3}|\s+[A-Z])?"
    r"(?:\s+(?:in|to|with)\s+(?:(?:the\s+)?(?:despatch|dispatch|telegram|letter|note|No\.?)\s*)?"
    r"(?:No\.?\s*)?(?P<parent>\d{1,5})?(?:,?\s+of\s+[^\]]{3,40})?)?\s*\.?\]?$",
    re.IGNORECASE,
)
# A printed paper's label for what follows: "(Extract.)", "(Confidential.)", "(Telegraphic.)".
_PAPER_LABEL = re.compile(
    r"^[(\[](?:(?P<form>Extract|Translation|Paraphrase|Copy|Summary|Draft)"
    r"|(?P<classification>(?:Most |Very |Strictly )?Confidential|Secret|Most Secret|"
    r"Private(?: and Confidential)?)|(?P<kind>Telegraphic|Telegram|Circular|Separate))\.?[)\]]$",
    re.IGNORECASE,
)
# "212. President Roosevelt to ..." (FRUS), "No. 123. Sir N. Henderson (Berlin) to ..." (BDFP)
# "No. 204.—Baron Burian to Baron Macchio.": a coloured book's number run into its heading.
_NUMBERED_HEADING = re.compile(
    r"^(?:No\.\s*)?(?P<n>\d{1,5})\.(?:\s+|\s*[—–-]{1,2}\s*)(?P<rest>[A-Z].{3,200})$"
)
_DOCUMENT_BY = re.compile(
    r"^(?P<kind>memorandum|letter|note|telegram|message|aide-m[ée]moire|minute|report)"
    r"\s+(?:by|from)\s+(?=(?:the\s+)?[A-Z])",
    re.IGNORECASE,
)


def classify(line: Line) -> None:
    """Set ``line.kind`` (and ``line.info``) from the line's clean text."""
    text = line.clean
    if not text:
        line.kind = "blank"
    elif line.noise:
        line.kind = "noise"
    else:
        line.kind, line.info = classify_as_printed(text)


def classify_as_printed(text: str) -> tuple[str, dict]:
    """The line's kind and info, its number or date read through OCR's misreadings."""
    kind, info = classify_text(text)
    if kind in ("number", "dateline") or len(text) > MAX_OCR_LINE:
        return kind, info
    if (read := ocr_reading(text)) != text:
        return _classify_ocr_reading(text, read, kind, info)
    return kind, info


def _classify_ocr_reading(printed: str, read: str, kind: str, info: dict) -> tuple[str, dict]:
    """A number or dateline line once OCR's misreadings are undone; the dates it
    quotes are quoted as printed (the repairs keep every offset)."""
    read_kind, read_info = classify_text(read)
    if read_kind not in ("number", "dateline"):
        return kind, info
    for key in ("date_text", "received_text"):
        if (quoted := read_info.get(key)) and (at := read.find(quoted)) >= 0:
            read_info[key] = printed[at : at + len(quoted)]
    if digits_from_letters(printed, read):
        read_info["ocr_digits"] = True
    return read_kind, read_info


# An editor's receipt that gives the hour only ("[Received 8:43 a.m.]"): FRUS prints the
# date in it only where it differs from the dateline's.
_RECEIPT_TIME = re.compile(
    r"^\[Received\s+(?P<time>\d{1,2}(?:[.:]\d\d)?\s*[ap]\.\s?m\.|noon|midnight)\]$",
    re.IGNORECASE,
)


def classify_text(text: str) -> tuple[str, dict]:
    # Each pattern is tried only when the line opens with a character it can open with.
    first = _first_char(text)
    low = first.lower()
    if (low in _NUMBER_STARTS or "-" in text[1:3]) and (m := NUMBER.match(text)):
        return "number", {
            "number": int(m.group("n") or m.group("b") or m.group("d") or m.group("s"))
        }
    if (low in _DIGITS or text[:3] == "No.") and (info := numbered_heading(text)):
        return "number", info
    if low in "le" and (m := _LETTER_ORDINAL.match(text)):  # "LETTER XII." in a book of letters
        info = {"number": roman_or_arabic(m.group("n")), "kind": "letter"}
        rest = m.group("rest") or m.group("rest2")
        if rest and (named := heading(rest)):  # "LETTER XII.—TO THE EARL OF CHATHAM."
            info.update(named, text=rest)
        return "number", info
    if low == "n" and "]" in text[:10] and (info := bracketed_number(text)):
        return "number", info
    if len(text) < 40 and low in _MARKING_STARTS and (m := _MARKING.match(text)):
        return "file_reference", {k: v for k, v in m.groupdict().items() if v}
    if first == "[" and (m := _RECEIPT_TIME.match(text)):
        return "receipt_time", {"time": m.group("time")}
    if first == "T" and text.startswith("Title:") and (titled := _titled_heading(text)):
        return titled
    if low in _NOTES_STARTS and NOTES_HEADING.match(text):
        return "notes_heading", {}
    if low in _SENT_STARTS and (info := sent_or_received(text)):
        return "sent_received", info
    if low in "ed" and (info := endorsement(text)):
        return "sent_received", info
    if low in "adsi" and (info := address_panel(text)):
        return "addressee", info
    if "   " in text and (info := salutation_and_dateline(text)):
        return ("dateline" if "label" in info else "salutation"), info
    if first in _DATE_STARTS and (info := date_line(text)):
        return "dateline", info
    if low in "ie[" and (m := ENCLOSURE_LINE.match(text)):
        parent = m.group("parent")
        return "enclosure", {"parent": int(parent)} if parent else {}
    if low in _FIELD_STARTS and (info := header_field(text)):
        if info["label"] == "mrn":  # a cable's message reference number: its record
            return "file_reference", {"kind": "telegram", "reference": info["value"]}
        return "field", info
    if low in _TYPE_STARTS and (m := DOCUMENT_TYPE_LINE.match(text)):
        kind = m.group("kind").lower()
        info = {"kind": "note" if "note" in kind else kind}
        if m.group("cls"):  # "TOP SECRET CIPHERED TELEGRAM"
            info["classification"] = m.group("cls")
        return "file_reference", info
    if _may_be_file_reference(text) and (m := FILE_REFERENCE.match(text)):
        kind = m.group("kind") or m.group("kind2")
        info = {"kind": _KIND_WORDS.get(kind.lower(), kind.lower())} if kind else {}
        if serial := m.group("serial") or m.group("serial2"):
            info["serial"] = int(serial)
        if m.group("form"):
            info["form"] = m.group("form").lower()
        return "file_reference", info
    if low in "([" and (info := paper_label(text)):
        return "file_reference", info
    if low in "([" and (m := _REFERENCE_AND_PLACE.match(text)):
        return "file_reference", {"reference": m.group("ref"), "place": m.group("place")}
    if first == "T" and (m := _TEL_NUMBER.match(text)):
        return "file_reference", {"kind": "telegram", "serial": int(m.group("n"))}
    if low in "dtain" and (m := _KIND_NUMBER.match(text)):
        kind = _KIND_WORDS.get(m.group("kind").lower(), m.group("kind").lower())
        return "number", {"number": int(m.group("n")), "kind": kind}
    if low in _RECORD_STARTS and (info := record_heading(text)):
        return "record_heading", info
    if (
        (text[-1:] in _DIGITS or text[-2:] == "m.")
        and len(text) < 240
        and (info := dated_heading(text))
    ):
        return "heading", info
    if ("—" in text[:80] or "–" in text[:80]) and (info := run_in_entry(text)):
        return "heading", info
    if low in "f" and (m := FROM_TO.match(text)):
        return "from_to", {
            "senders": [m.group("sender")],
            "recipients": [m.group("recipient")],
            "classification": m.group("cls"),
        }
    if info := heading(text):
        return "heading", info
    if len(text) < 200 and ". " in text and (info := marked_heading(text)):
        return "heading", info
    if low in _SALUTATION_STARTS and SALUTATION.match(text):
        return "salutation", {}
    if is_closing(text):
        return "closing", {}
    if "   " in text and (closing := spaced_closing(text)):
        return "closing", {"closing": closing}
    if low in _SIGNED_CLOSING_STARTS and (m := _SIGNED_CLOSING.match(text)):
        return "closing", {"closing": m.group("closing"), "signature": m.group("name")}
    if is_place_line(text):
        return "place_line", {}
    if is_name_line(text):
        return "name", {}
    if "[" in text and is_name_line(expanded := _EDITOR_EXPANSION.sub(r"\1\2", text)):
        return "name", {"text": expanded}  # "W[illiam] Hope": the editor's expansion
    if low == "p" and _POSTSCRIPT.match(text):
        return "body", {"postscript": True}
    return "body", {}


# "P.S. The Minerva sails …", "PS. …", "P. S.—…", "P.P.S. …": written after the signature.
_POSTSCRIPT = re.compile(r"^(?:P\.\s?)+S\.?(?:\s*[—–:-]+\s*|\s+)\S|^PS\b\.?\s+\S")


# The characters each pattern can open with (lowercased for the case-insensitive ones).
_DIGITS = "0123456789"
_NUMBER_STARTS = "nd[" + _DIGITS  # and a series letter before a hyphen: "C-140"
_NOTES_STARTS = "nefr"
_SENT_STARTS = "[sdtrh"  # "d." and "r." too
_DATE_STARTS = "[ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _DIGITS  # a bracket, a place, a month, a day
_FIELD_STARTS = "ftdsrncamie"
_TYPE_STARTS = "ioptcamdnvsr"
_RECORD_STARTS = "ptcdslmnaue"
_SALUTATION_STARTS = "mvdsgye"
_MARKING_STARTS = "[pmtscrfieunlh"
_SIGNED_CLOSING_STARTS = "asfcrvty"


def _first_char(text: str) -> str:
    """The text's first character, or "" (which every `in` test above passes) when it
    is not ASCII or is a space: case-insensitive patterns match some non-ASCII letters
    to ASCII ones ("ſ" to "s"), and a pattern may skip leading spaces."""
    first = text[:1]
    return first if first.isascii() and not first.isspace() else ""


_KIND_WORDS = {"telegraphic": "telegram", "telegram": "telegram"}


def _may_be_file_reference(text: str) -> bool:
    """What every form of FILE_REFERENCE needs: a ":", a "/", an opening "[", or a
    telegram's number ("No. 482 Telegraphic")."""
    return ":" in text or "/" in text or text.startswith(("[", "No"))


# Despatch and receipt on one line: "D. 7.30 p.m. March 2, 1939. R. 9.15 a.m. March 3, 1939."
_DESPATCH_AND_RECEIPT = re.compile(r"^(?P<d>D\.\s+.+?)\s+(?P<r>R\.\s+.+)$")


def sent_or_received(text: str) -> dict | None:
    if text[:2] == "D." and (both := _DESPATCH_AND_RECEIPT.match(text)):
        sent, received = _one_role(both.group("d")), _one_role(both.group("r"))
        if sent and received and sent["role"] == "sent" and received["role"] == "received":
            return {**sent, "received": received["date"], "received_text": received["date_text"]}
    return _one_role(text)


def _one_role(text: str) -> dict | None:
    m = SENT_RECEIVED.match(text)
    if not m:
        return None
    # An editor's bracketed receipt ("[Received March 13—2:15 a.m.]") may omit the year.
    dates, old_style = find_new_style_dates(m.group("rest"), yearless=text.startswith("["))
    if not dates or len(m.group("rest")) > 80:
        return None
    role = "received" if m.group("role").lower() in {"received", "delivered", "r."} else "sent"
    if m.group("role").lower().startswith("handed"):
        role = "received"
    info = {"role": role, "date": dates[0].iso, "date_text": dates[0].text}
    return {**info, "old_style": old_style} if old_style else info


# The receiver's note on the back of a manuscript letter: "Endorsed: Recd. 3 Mar. 1801.
# Ansd. 10 Mar.", "Docketed by Jefferson: Received 5 May 1790".
_ENDORSEMENT = re.compile(r"^(?:Endorsed|Endorsement|Docketed)\b[^:]{0,40}:\s*(?P<rest>.+)$")
_RECEIPT_WORD = re.compile(r"\b(?:Rec(?:eive)?d|Rec'd|Recd|Reced)\.?\s+(?:on\s+)?", re.IGNORECASE)


def endorsement(text: str) -> dict | None:
    """The receipt an endorsement notes, as a "received" line."""
    m = _ENDORSEMENT.match(text)
    if not m or len(text) > 160 or not (receipt := _RECEIPT_WORD.search(m.group("rest"))):
        return None
    found = find_dates(m.group("rest")[receipt.end() :], yearless=True)
    if not found or found[0].start > 0:
        return None
    return {"role": "received", "date": found[0].iso, "date_text": found[0].text}


def date_line(text: str) -> dict | None:
    received = None
    bracket = _BRACKETED_RECEIVED.search(text) if "[" in text else None
    if bracket:
        found = find_dates(bracket.group("rest"), yearless=True)
        received = found[0] if found else None
        text = text[: bracket.start()]
    parsed = parse_date_line(text)
    if not parsed:
        return None
    info = {"date": parsed.date.iso, "date_text": parsed.date.text, "place": parsed.place}
    if parsed.old_style:  # the New Style day was read; the evidence says so
        info["old_style"] = parsed.old_style
    if parsed.editor_year:
        info["year_from_editor"] = True
    if received is not None:
        info["received"] = received.iso
        info["received_text"] = received.text
    return info


# A British cypher telegram's heading: "Decypher. Sir A. Clark Kerr (Moscow). 5th February,
# 1944." (received from him), "Cypher telegram to Sir A. Clark Kerr (Moscow). Foreign
# Office, 7th February, 1944. 4.30 p.m." (sent to him).
_CYPHER_HEADING = re.compile(
    r"^(?P<form>Decypher|Decipher|Decode|Cypher|Cipher|Code)(?:\s+telegram)?\.?\s+"
    r"(?:(?P<dir>to|from)\s+)?"
    r"(?P<name>(?:[A-Z][\w'’-]*\.?\s+){0,5}[A-Z][\w'’-]+)(?:\s*\((?P<post>[^)]{1,40})\))?\.\s+"
    r"(?P<rest>.{6,120})$",
    re.IGNORECASE,
)


_CYPHER_OFFICE = "the Foreign Secretary"


def cypher_heading(text: str) -> dict | None:
    m = _CYPHER_HEADING.match(text)
    if not m or not (dates := find_dates(m.group("rest"))):
        return None
    incoming = m.group("form").lower().startswith("de") or (m.group("dir") or "").lower() == "from"
    # The other side is the office the telegram was deciphered in or sent from.
    name, office = [m.group("name")], [_CYPHER_OFFICE]
    info = {
        "kind": "telegram",
        "form": m.group("form").lower(),
        "senders": name if incoming else office,
        "recipients": office if incoming else name,
        "date": dates[0].iso,
        "date_text": dates[0].text,
    }
    place = m.group("rest")[: dates[0].start].strip(" ,.")
    if place and re.fullmatch(r"[A-Z][\w' .-]{1,40}", place):
        info["place"] = place
    return info


_DATE_START = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d")
_RECORD_PARTY = r"(?:[Tt]he\s+)?[A-Z][\w .,'’()-]+?"
_RECORD_FROM_TO = re.compile(
    rf"\b(?i:from)\s+(?P<s>{_RECORD_PARTY})\s+(?i:to)\s+(?P<r>{_RECORD_PARTY})\.?$"
)
_RECORD_OF_TO = re.compile(
    rf"(?i:of|by)\s+(?P<s>{_RECORD_PARTY})\s+(?i:to)\s+(?P<r>{_RECORD_PARTY})\.?$"
)


# A briefing book's citation of a record ends with where, when and how secret it was:
# "Telegram from X to Y, Moscow, 4 March 1962, Secret": the place before the date.
_CITED_PLACE = re.compile(r",\s*(?:(?P<place>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}),\s*)?$")
_CITED_CLASSIFICATION = re.compile(
    r"^\s*(?:,\s*(?P<cls>(?i:top secret|secret|confidential|restricted|unclassified)"
    r"(?:\s*/\s*[A-Za-z]+)?))?\s*\.?\s*$"
)


def _citation_tail(rest: str, dates: list) -> tuple[int, dict] | None:
    """Where the ", Place, Date, Classification" tail of a record's citation starts in
    `rest`, and what it says; None when `rest` does not end so."""
    if not dates:
        return None
    date = dates[-1]
    before = _CITED_PLACE.search(rest[: date.start])
    after = _CITED_CLASSIFICATION.match(rest[date.end :])
    if before is None or after is None or before.start() == 0:
        return None
    info = {}
    if before.group("place"):
        info["place"] = before.group("place")
    if after.group("cls"):
        info["classification"] = after.group("cls")
    return before.start(), info


# "Letter from Wilhelmchen enclosed. I sent him …": a lower-case word ends a sentence
# and another begins, which a heading never does ("… to the Secretary. Secret." may).
_SENTENCE_BREAK = re.compile(
    r"\b[a-z]{3,}[.!?]\s+(?:I|We|He|She|It|They|You|The|This|[A-Z][a-z]+\s+[a-z]+)\b"
)


def _titled_heading(text: str) -> tuple[str, dict] | None:
    """ "Title: From Thomas Jefferson to James Madison, 6 September 1789": a record's
    heading given as its title field (an edition's API text) heads the record."""
    kind, info = classify_text(text.removeprefix("Title:").strip())
    return (kind, info) if kind in ("heading", "record_heading") else None


def record_heading(text: str) -> dict | None:
    if text[:1] in "CcDd" and (info := cypher_heading(text)):
        return info
    m = RECORD_HEADING.match(text)
    if not m or len(text) > 240 or _SENTENCE_BREAK.search(m.group("rest")):
        return None
    dates = find_dates(m.group("rest"))
    info: dict = {"kind": m.group("kind").lower(), "form": (m.group("form") or "").lower()}
    if dates:
        info["date"] = dates[0].iso
        info["date_text"] = dates[0].text
    via = re.search(r"\bvia\s+([\w .'-]+?)(?:[.,;]|$)", m.group("rest"))
    if via:
        info["channel"] = f"via {via.group(1).strip()}"
    place = re.search(r"\bsent from\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)", m.group("rest"))
    if place:
        info["place"] = place.group(1)
    rest = m.group("rest")
    if tail := _citation_tail(rest, dates):
        rest = rest[: tail[0]]
        info.update(tail[1])
    # "... from X to Y", "Telegram From the Embassy ... to the Department of State";
    # "Letter of the President to ...", "Memorandum by ..." right after the kind.
    parties = _RECORD_FROM_TO.search(rest) or (
        _RECORD_OF_TO.match(rest) if rest[:3].lower() in ("of ", "by ") else None
    )
    if parties and not any(_DATE_START.match(parties.group(g)) for g in ("s", "r")):
        info["senders"] = [parties.group("s")]
        info["recipients"] = [_RECORD_SUBJECT.split(parties.group("r"), maxsplit=1)[0]]
    return info


# An archive's title goes on from the recipient to the subject: "… to the Soviet
# ambassador in Washington with congratulations from …", "… to Hull on the Azores".
_RECORD_SUBJECT = re.compile(
    r"\s+(?:with|on|concerning|regarding|about|transmitting|enclosing|containing)\s+(?=[a-z])"
)


def header_field(text: str) -> dict | None:
    """A labelled field of a memorandum or cable header: "FROM: Moscow", "TO: The
    President", "DATE: January 12, 1945", "SUBJECT: ...", "NO.: 61"."""
    m = HEADER_FIELD.match(text)
    if not m:
        return None
    label = m.group("label").lower().rstrip(".")
    label = {"subj": "subject", "re": "subject", "number": "no", "dated": "date",
             "refs": "ref"}.get(label, label)  # fmt: skip
    if label.startswith("e.o"):
        label = "e.o."
    info: dict = {"label": label, "value": m.group("value").strip()}
    if label == "date":
        found = find_dates(info["value"])
        if not found:
            return None
        info["date"] = found[0].iso
    return info


def numbered_heading(text: str) -> dict | None:
    """ "212. President Roosevelt to Marshal Stalin": a document number and its heading
    on one line (FRUS). A numbered paragraph of prose never reads as a heading."""
    m = _NUMBERED_HEADING.match(text)
    if not m:
        return None
    rest = m.group("rest")
    if rest.count('"') == 1:  # an unpaired quote: a scan's speck ('to "Baron Macchio.')
        rest = rest.replace('"', "")
    info = heading(rest)
    if info is None:
        return None
    return {"number": int(m.group("n")), **info, "text": rest}


# "No. 98.]   LEGATION OF THE UNITED STATES," / "No. 45.]   Mr. Dayton to Mr. Seward.
# [Extract.]": the despatch's number set off by a bracket at the head of its first line
# (the nineteenth-century "Papers relating to Foreign Affairs").
_BRACKETED_NUMBER = re.compile(r"^No\.?\s*(?P<n>\d{1,5})\.?\]\s+(?P<rest>\S.*)$")
_TRAILING_LABEL = re.compile(r"\s{2,}(?P<label>[(\[][A-Za-z .]{3,30}[)\]])$")


def bracketed_number(text: str) -> dict | None:
    """The number of "No. 98.]   …" and the heading after it, if it is one."""
    m = _BRACKETED_NUMBER.match(text)
    if not m:
        return None
    info: dict = {"number": int(m.group("n"))}
    rest = m.group("rest").strip()
    if (label := _TRAILING_LABEL.search(rest)) and (form := paper_label(label.group("label"))):
        info.update({k: v for k, v in form.items() if k in ("form", "classification")})
        rest = rest[: label.start()]
    if found := heading(rest):
        info.update({**found, "text": rest})
    return info


# and the hour after it: "…, July 4, 1862 – 1 p.m."
_HEADING_DATE = re.compile(
    rf",\s*(?P<date>{ANY_FULL_DATE})(?:\s*[—–-]+\s*\d{{1,2}}(?:[.:]\d\d)?\s*(?i:[ap]\.\s?m\.))?$"
)


def dated_heading(text: str) -> dict | None:
    """ "From Thomas Jefferson to James Madison, 6 September 1789": a heading with its
    date after a comma (the editions of founders' and statesmen's papers)."""
    kept = new_style(text)  # "…, February 16 (28), 1854": the New Style date
    m = _HEADING_DATE.search(kept)
    if not m or not (info := heading(text[: m.start()])):
        return None
    found = find_dates(m.group("date"))
    if found:
        info = {**info, "date": found[0].iso, "date_text": found[0].text}
    if found and (old_style := old_style_part(text, kept)):
        info["old_style"] = old_style
    return info


# The receipt after a heading, in brackets; a blue book sets it off with a dash:
# "Lord Cowley to the Earl of Clarendon.—(Received March 6.)".
_HEADING_RECEIVED = re.compile(
    r"[.,]?\s*(?:[—–-]+\s*)?[(\[]\s*Received:?\s+(?P<rest>(?:[^()\[\]]|\([^()]*\)){3,60}?)"
    r"\.?[)\]]\.?$",
    re.I,
)


def marked_heading(text: str) -> dict | None:
    """ "Former Naval Person to President Roosevelt. Personal and Secret. No. 140.": a
    heading whose classification and telegram number follow it as sentences."""
    first, *rest = re.split(r"(?<=\.)\s+(?=[A-Z])", text.strip())
    if not rest or len(rest) > 3 or not (info := heading(first)):
        return None
    for part in rest:
        if m := _MARKING.match(part):
            info.update({k: v for k, v in m.groupdict().items() if v})
        elif m := NUMBER.match(part):
            info["serial"] = int(m.group("n") or m.group("b") or m.group("d") or 0)
        else:
            return None
    return info


# The opening of a calendar's run-in entry: "1766. Jan. 3. Whitehall.—", "Jan. 9. Paris.—",
# and with the entry's number first: "112. Jan. 5. St. James's.—".
_RUN_IN_START = re.compile(
    r"^(?:(?P<n>\d{1,5})\.\s+)?(?:(?P<year>1[4-9]\d\d|20\d\d)\.?\s+)?(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>[0-3]?\d)"
    r"|(?P<day2>[0-3]?\d)\s+(?P<month2>[A-Z][a-z]{2,8})\.?)[.,]?\s*"
    r"(?:(?P<place>[A-Z][\w'’ .]{1,40}?)[.,]?\s*)?[—–]+\s*"
)
_SENTENCE_CUT = re.compile(r"\.\s+(?=[A-Z])")


def run_in_entry(text: str) -> dict | None:
    """ "1766. Jan. 3. Whitehall.—Conway to Lord Hertford. Has laid his letter ...": a
    calendar's entry that runs its date, place and heading into its abstract. The date
    may lack the year (the section's or the entry before gives it)."""
    m = _RUN_IN_START.match(text)
    if not m:
        return None
    month = MONTHS.get((m.group("month") or m.group("month2")).lower())
    day = int(m.group("day") or m.group("day2"))
    year = int(m.group("year")) if m.group("year") else None
    number = int(m.group("n")) if m.group("n") else None
    number_or_year = None
    if year is None and number is not None and _YEAR_VALUES.start <= number < _YEAR_VALUES.stop:
        # "1766. Jan. 3.": a year where a year may stand, unless the context says it
        # is the entry's number (run_in_numbers.py)
        year, number, number_or_year = number, None, number
    if month is None or not _valid_day(year or 2000, month, day):  # 2000: Feb 29 may be
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    rest = text[m.end() :]
    for cut in _SENTENCE_CUT.finditer(rest[:200]):
        info = heading(rest[: cut.start()])
        if info and info["senders"] and info["recipients"]:
            date_start = m.end("n") + 1 if number is not None else 0
            date_end = m.start("place") if m.group("place") else m.end()
            date_text = text[date_start:date_end].strip(" .,—–")
            info = {**info, "date": iso, "date_text": date_text, "place": m.group("place"),
                    "run_in": True}  # fmt: skip
            if number_or_year is not None:
                info["number_or_year"] = number_or_year
            return {**info, "number": number} if number is not None else info
    return None


_YEAR_VALUES = range(1400, 2100)


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def heading(text: str) -> dict | None:
    """ "W. CHURCHILL TO J. V. STALIN*", "President Roosevelt to Marshal Stalin",
    "PERSONAL AND SECRET FOR MARSHAL STALIN FROM PRESIDENT ROOSEVELT", and with the
    receipt noted after it: "Sir N. Henderson (Berlin) to Viscount Halifax (Received
    August 23, 7.30 p.m.)"."""
    if text.endswith((")", "]")) and (m := _HEADING_RECEIVED.search(text)):
        found, old_style = find_new_style_dates(m.group("rest"), yearless=True)
        info = heading(text[: m.start()]) if found else None
        if not info:
            return None
        info = {**info, "received": found[0].iso, "received_text": found[0].text}
        return {**info, "received_old_style": old_style} if old_style else info
    if len(text) > 200 or text.endswith((",", ";", ":")):
        return None
    if text[-1:] in _MARK_CHARS or text[-1:].isdigit() or text.endswith("\n"):
        text = _HEADING_MARK.sub("", text)
    stripped = text.strip().rstrip(".")
    info: dict = {}
    if m := _DOCUMENT_BY.match(stripped):  # "Memorandum by the Secretary of State to ..."
        info["kind"] = m.group("kind").lower()
        stripped = stripped[m.end() :]
    prefix = HEADING_PREFIX.match(stripped)
    core = stripped[prefix.end() :] if prefix else stripped
    if not _all_heading_words(core):
        return None
    for pattern in _HEADING_FORMS:
        m = pattern.match(core)
        if not m:
            continue
        sides = m.groupdict()
        if len(sides) == 1 and _LINK_WORD.search(sides.get("s") or sides.get("r")):
            continue  # one side only: a link word inside it means a malformed heading
        if _TAKES_TO.search(sides.get("s") or "") or _COLLECTION.match(sides.get("s") or ""):
            return None  # a title: "PAPERS RELATING TO FOREIGN AFFAIRS", "LETTERS TO STATESMEN"
        if all(_is_name_phrase(side) for side in sides.values()):
            return {
                **info,
                "senders": split_parties(sides.get("s") or ""),
                "recipients": split_parties(sides.get("r") or ""),
            }
    return None


_MARK_CHARS = "*†‡"
_HEADING_MARK = re.compile(r"[*†‡]+$|\s+\d{1,3}$|(?<=[a-z.)])\d{1,3}$")  # a note marker
_HEADING_FORMS = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^(?:from\s+)(?P<s>.+?)\s+to\s+(?P<r>.+)$",
        r"^(?:for|to)\s+(?P<r>.+?)\s+from\s+(?P<s>.+)$",
        r"^(?:from\s+)(?P<s>.+?)\s+for\s+(?P<r>.+)$",
        r"^(?P<s>.+?)\s+to\s+(?P<r>.+)$",
        # one side only, in a volume of one person's papers: "To Edward Mandell House"
        r"^to\s+(?P<r>.+)$",
        r"^from\s+(?P<s>.+)$",
    )
]
_HEADING_LINKS = {"from", "to", "for"}
# Words that govern a "to" and end no name: the "to" after them is no heading's.
_TAKES_TO = re.compile(
    r"\b(?:relating|respecting|concerning|pertaining|referring|addressed|according|relative|"
    r"belonging|owing|due|prior)$",
    re.IGNORECASE,
)
_LINK_WORD = re.compile(r"\b(?:from|to|for)\b", re.IGNORECASE)
# A collection's name before "to" makes a title, not a heading: no one is called "Letters".
_COLLECTION = re.compile(
    r"^(?:the\s+)?(?:(?:\w+\s+)?(?:letters|correspondence|despatches|dispatches|papers|"
    r"documents|messages|epistles|telegrams))$",
    re.IGNORECASE,
)


def _all_heading_words(core: str) -> bool:
    """A cheap first test: every word of a heading is a name word, or one of the
    words that join sender and recipient (each heading form needs this)."""
    return all(
        _NAME_WORD.match(w) or w.isupper() or w.lower() in _HEADING_LINKS
        for w in core.replace(",", " ").split()
    )


# A side may name a long office: "the Vice President of the Council of People's
# Commissars and People's Commissar for Foreign Affairs of the Soviet Union (Molotov)".
_MAX_SIDE_WORDS = 24


def _is_name_phrase(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not words or len(words) > _MAX_SIDE_WORDS:
        return False
    if _SENTENCE_END.search(text) and not text.endswith("."):
        return False
    if not (words[0][0].isupper() or words[0].lower() == "the"):
        return False
    if text.isupper() and not _capitals_name(text, words):
        return False
    return all(_NAME_WORD.match(w) or w.isupper() for w in words)


# Words of a sentence, never of a name or an office: in text set all in capitals (a
# cable's) every word looks like a name word, and "SOVIET SIDE IS PREPARED TO GO TO
# HELSINKI" like a heading.
_SENTENCE_WORDS = frozenset((
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "WILL", "WOULD", "SHALL", "SHOULD", "CAN",
    "COULD", "MAY", "MIGHT", "MUST", "HAS", "HAVE", "HAD", "DO", "DOES", "DID", "NOT", "NO",
    "THAT", "THIS", "THESE", "THOSE", "WHICH", "WHO", "WHOM", "WHAT", "WHEN", "WHERE", "WHY",
    "HOW", "IF", "BUT", "OR", "AS", "BY", "WITH", "THAN", "THEN", "IT", "ITS", "HE", "SHE",
    "THEY", "WE", "YOU", "HIS", "THEIR", "OUR", "YOUR", "THEM", "HIM", "US", "ME", "MY",
    "ALSO", "ONLY", "ALL", "ANY", "SOME", "SUCH", "INTO", "ABOUT", "AFTER", "BEFORE", "OVER",
    "UPON", "BETWEEN", "THROUGH", "WHETHER", "SAID", "TOLD", "ASKED",
))  # fmt: skip
# A cable's markers of its own parts: "END SUMMARY.", "BEGIN TEXT", "UNQUOTE".
_NO_NAME_IN_CAPITALS = _SENTENCE_WORDS | {"END", "BEGIN", "SUMMARY", "TEXT", "QUOTE", "UNQUOTE",
                                          "COMMENT", "NOTE", "NNN", "NNNN"}  # fmt: skip
_INNER_TO = re.compile(r"(?<!AND)(?<!,)\s+TO\s+")


def _capitals_name(text: str, words: list[str]) -> bool:
    """A side of a heading in capitals holds no sentence word, and no "TO" but after
    "AND" ("... AND TO THE PRESIDENT")."""
    return not _INNER_TO.search(text) and not any(w.strip(".") in _SENTENCE_WORDS for w in words)


def split_parties(text: str) -> list[str]:
    """The persons a heading's side names: "Stalin, Roosevelt and Churchill" is three;
    "Levett Harris, Esqr." and "Robert Smith, Secretary of State" are one (what follows
    the comma is a post-nominal or the office of the person before it)."""
    parts = []
    for match in _PARTY_SEPARATOR.split(text):
        part = match.strip(" ,.")
        if not part:
            continue
        if parts and text[: text.find(part)].rstrip().endswith(",") and _APPOSITIVE.match(part):
            continue
        parts.append(part)
    return parts


_PARTY_SEPARATOR = re.compile(r",?\s+(?:and|AND|&)\s+|,\s+(?=(?:the\s+)?[A-Z])")
# After a person's name and a comma: a post-nominal ("Esqr.", "K.G.", "Jr.") or an office
# named without a person ("Secretary of State", "Consul of the United States").
_APPOSITIVE = re.compile(
    r"^(?:Esq(?:r|re|uire)?|(?:[A-Z]\.){2,5}[A-Z]?|Jr|Sr|Bart|Bt)\.?$"
    r"|^(?:(?:His|Her)\s+Majesty['’]s\s+)?(?:Secretary|Minister|Ambassador|Consul|Envoy|"
    r"Governor|Chargé|Under[- ]Secretary|Commissioner|Agent)(?:\s+General)?"
    r"(?:\s+(?:of|at|to|for|in)\s+.+)?$"
)


# "Affectionately yours, Woodrow Wilson": the closing and the signature on one line.
_SIGNED_CLOSING = re.compile(
    r"^(?P<closing>(?:(?:Very\s+)?(?:Affectionately|Faithfully|Sincerely|Cordially|Truly|"
    r"Respectfully|Devotedly|Gratefully)\s+yours|Yours\s+(?:very\s+)?(?:affectionately|"
    r"faithfully|sincerely|cordially|truly|respectfully|devotedly|ever)|Yours)"
    r"(?:\s*,|(?=\s+[A-Z]\.\s)))"  # no comma before initials: "Yours truly A. LINCOLN"
    r"\s+(?P<name>[A-Z][\w'’.:-]*(?:\s+[A-Z][\w'’.:-]*){0,4})\.?$"
)
_SPLIT_LINE = re.compile(r"^(?P<left>\S.*?\S)\s{3,}(?P<right>\S.*)$")


# The despatch's own number under a blue book's heading: "(No. 48.)", "(No. 48.
# Confidential.)".
_PAPER_SERIAL = re.compile(
    r"^[(\[]No\.?\s*(?P<serial>\d{1,6})\.?(?:\s+(?P<classification>(?:Most |Very )?"
    r"Confidential|Secret|Private)\.?)?[)\]]$",
    re.IGNORECASE,
)


def paper_label(text: str) -> dict | None:
    """ "(Extract.)", "(Confidential.)", "(No. 48.)": a printed paper's label above a
    document."""
    if s := _PAPER_SERIAL.match(text):
        info: dict = {"label": text, "serial": int(s.group("serial"))}
        if s.group("classification"):
            info["classification"] = s.group("classification")
        return info
    m = _PAPER_LABEL.match(text)
    if not m:
        return None
    info = {"label": text}
    if m.group("form"):
        info["form"] = m.group("form").lower()
    if m.group("classification"):
        info["classification"] = m.group("classification")
    if m.group("kind"):
        info["kind"] = _KIND_WORDS.get(m.group("kind").lower(), "despatch")
    return info


def salutation_and_dateline(text: str) -> dict | None:
    """ "My dear Friend,          The White House 5 May, 1915.": a salutation with the
    dateline set at the right of the same line; likewise a printed paper's label
    ("(Extract.)          St. Petersburgh, February 28, 1854.")."""
    m = _SPLIT_LINE.match(text)
    if not m:
        return None
    left = m.group("left")
    label = paper_label(left) if left[:1] in "([" else None
    if not label and not SALUTATION.match(left):
        return None
    dated = date_line(m.group("right"))
    if not dated:
        return None
    if label:
        return {**dated, **label}
    return {"salutation": left, **dated}


# A manuscript's closing set over short lines, often with no stop: "I remain Dear Sir" /
# "your most obedt. humble Servt.", "Yours very sincerely", "Your affectionate Brother".
_CLOSING_LEAD_IN = re.compile(
    r"^I\s+(?:am|remain)\s*,?\s+(?:(?:my\s+)?dear\s+\w+|Sir|Madam)\s*,?$", re.IGNORECASE
)
_SUBSCRIPTION = re.compile(
    # "Yrs. affecly.", "Yr. obt. Servt.": the clerk's abbreviations
    r"^(?:Your(?:s|'s)?\b|Yrs?\.|Yrs\b)(?:\s+(?:most|very|ever|truly|sincerely|affectionately|"
    r"faithfully|obliged|obed\w*\.?|obt\.?|humble|hble\.?|affectionate|aff\w*\.?|faithful|"
    r"devoted|sincere|sincly\.?|"
    r"loving|dutiful|and|&))*"
    r"(?:\s+(?:servant|serv\w{0,3}\.?|brother|sister|son|daughter|friend|father|mother|cousin))?"
    r"\s*[.,]?$",
    re.IGNORECASE,
)


# Letters an editor supplies inside a word: "W[illiam]", "Jno[.]", "Th[omas]".
_EDITOR_EXPANSION = re.compile(r"(\w)\[(\w+\.?)\]")


def is_closing(text: str) -> bool:
    if text.endswith(",") and len(text.split()) <= 6 and _CLOSING_WORDS.search(text):
        return True
    if text[:1] in "Ww" and _WITH_CLOSING.match(text):  # "With sincere respect,"
        return True
    if (
        text[:1] in "IYiy"
        and len(text) <= 60
        and (_CLOSING_LEAD_IN.match(text) or (len(text.split()) >= 2 and _SUBSCRIPTION.match(text)))
    ):
        return True
    if len(text) <= 240 and text[:1] in "AIBYPWaibypw" and _COURTESY_CLOSING.match(text):
        return True
    return len(text) <= 160 and bool(_FORMAL_CLOSING.match(text))


_SPACED_PARTS = re.compile(r"\s{3,}")


def spaced_closing(text: str) -> str | None:
    """ "With the truest respect & attachment   I have the honor to be Sir   Yr. Obed
    ser": a manuscript's closing over several short lines, run into one line by a
    transcription that keeps the line breaks as wide spaces; the closing as one text."""
    parts = _SPACED_PARTS.split(text.strip())
    if not 2 <= len(parts) <= 5 or any(len(p) > 60 for p in parts):
        return None
    joined = ", ".join(p.rstrip(",") for p in parts)
    return " ".join(parts) if is_closing(joined) else None


_DIGIT = re.compile(r"\d")


def is_place_line(text: str) -> bool:
    """ "The White House, Washington", "Moscow, Russia": short, capitalized, a comma."""
    if "," not in text or len(text) > 60 or _DIGIT.search(text):
        return False
    if text.endswith((".", ":", ";", "?", "!")) and not text.endswith("D.C."):
        return False
    words = text.replace(",", " ").split()
    return len(words) <= 7 and all(_NAME_WORD.match(w) for w in words)


def is_name_line(text: str) -> bool:
    """A signature-shaped line: two to five name words ("FRANKLIN D. ROOSEVELT", "J. Stalin")."""
    if len(text) > 60:
        return False
    words = text.rstrip(".").split()
    if not 1 <= len(words) <= 5:
        return False
    if text.isupper() and any(w.strip(".,") in _NO_NAME_IN_CAPITALS for w in words):
        return False  # "END SUMMARY.", "BEGIN TEXT:": a cable's markers
    if len(words) == 1:  # a surname alone: "STOESSEL", "RUSSELL."
        word = words[0]
        return word.isupper() and len(word) > 2 and word.isalpha()
    return all(_NAME_WORD.match(w) and w.lower() not in {"of", "the", "in", "and"} for w in words)
