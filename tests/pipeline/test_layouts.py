"""The parser on layouts it was not built from: hand-made pages with expected results.

Each fixture in ``tests/fixtures/layouts/`` is a short page (1–8 documents) written in
the layout of a real kind of publication (a FRUS page, a Soviet-edition page with its
printed headings, an OCR'd library copy, an HTML page of letters). Beside it,
``<name>.expected.json`` lists its documents in order, as a careful human reads them:

    start_line      1-based line of the printed number if there is one, else of the
                    heading, else of the document's first line (HTML: the line of the
                    <h2> in the original file)
    start_line_alternatives   optional: other lines that are also a right answer
                    (old printed FRUS puts the file-number line above the heading)
    number          int or null;  number_printed: bool
    senders, recipients   person keys (sets; a joint sender is two keys)
    dated, sent, received "YYYY-MM-DD" or null; `received` only where the text says so
    kind            optional, informational only (not compared)

Optional, compared only where the expected entry has them: salutation, closing,
signature, classification, place, incipit (as printed), last_words (the text's last six
words: what ends the letter), note_numbers (of the notes its markers point at),
sender_names / recipient_names (the parties' display names), links (``[{"type", "target_line"}]``:
the start line of the linked top-level document, null for a missing one) and
enclosures (a list of entries with the same fields, start_line and number left out).

Documents are matched to the parser's output by start_line (a boundary a few lines
off is still paired, with a "start_line" row), so a missed or split document shows up
as one MISSING/EXTRA row instead of shifting every row after it.

The pages and what they exercise:

- frus_page.txt: history.state.gov FRUS 1944 — "212. President Roosevelt to Marshal
  Stalin1" (number and heading on one line, footnote marker fused to the heading),
  official titles resolved by date ("the Secretary of State" = hull), a memorandum,
  a joint heading, file-number lines, "[Translation]", datelines with times,
  "[Received March 13—2:15 a.m.]", telegram numbers opening the body ("812. …"),
  numbered paragraphs, "[Page 952]" markers, per-document footnotes, markers fused
  to dates ("February 282"), "received" in bodies and footnotes that is no receipt.
- frus_print_page.txt: printed FRUS — no document numbers, file-number line above
  the heading, running head with page number, page-bottom footnotes falling inside
  the next document, "the Secretary of State" = stettinius in December 1944, an
  unknown person (winant).
- soviet_edition_page.txt: "No. 112" + "PERSONAL AND SECRET FROM PREMIER J. V.
  STALIN TO …" headings (one wrapped over three lines, two recipients),
  "W. CHURCHILL TO J. V. STALIN*" whose asterisk note makes it joint, bare date
  lines after the body, "Sent on"/"Received on" lines, a bare "1943" section line.
- ocr_page.txt: hard-wrapped letters with datelines, salutations, closings and
  capitalised signatures, line-end hyphenation, running heads and page numbers
  (one inside a paragraph), a stray "'" line, ligatures, quote noise, no numbers.
- ocr_noise_page.txt: an OCR'd FRUS-like page with OCR's misreadings — digits read as
  letters in number lines and datelines ("No. l2", "Jan. l5, l943", "January 2O, I943",
  "February ll, 1943"), a month broken by a hyphen and a space ("Febru- ary"), specks
  before a dateline (". , Moscow, …", "' Washington, …"), running heads with misread page
  numbers ("4l7") between paragraphs of one letter, and a mangled month ("Jnne 3, 1943")
  that leaves the date unknown rather than guessed.
- cable_memo_page.txt: State Department cables and a memorandum with labelled header
  fields ("FROM: Moscow", "TO: Secretary of State", "DATE: ...", "NO.: 75"), record-type
  lines ("INCOMING TELEGRAM", "MEMORANDUM"), capitalised signatures with "JR.", a post
  as addressee ("American Embassy, Moscow").
- papers_edition_page.txt: an edition of statesmen's papers (Founders Online style) —
  "From Thomas Jefferson to John Jay, 19 September 1789" and "To George Washington
  from Gouverneur Morris, …" headings with their dates, place and date with no comma
  between ("Paris Sep. 19. 1789.", "London 24th January 1790"), salutations with no
  stop ("Sir", "Dear Sir"), long closing sentences, "Th: Jefferson" signatures.
- dbfp_page.txt: Documents on British Foreign Policy — "Sir N. Henderson (Berlin) to
  Viscount Halifax (Received August 23, 7.30 p.m.)" (the post in brackets after a
  name, the receipt after the heading), "No. 482 Telegraphic [C 11863/15/18]",
  capitalised place datelines with times ("FOREIGN OFFICE, August 23, 1939, 10 p.m.").
- papers_of_one_statesman_page.txt: a volume of one man's papers (Papers of Woodrow
  Wilson style) — one-sided headings ("To Edward Mandell House", "From …"), the dateline
  set at the right of the salutation line, closing and signature on one line
  ("Affectionately yours, Woodrow Wilson"), a salutation by title only ("Dear
  Governor:"), which names nobody: that addressee stays unknown.
- fo_telegrams_page.txt: British Foreign Office cypher telegrams — "Decypher. Sir A.
  Clark Kerr (Moscow). 5th February, 1944." (from him to the Foreign Secretary of the
  day), "Cypher telegram to …" (the reverse), "D. …"/"R. …" despatch and receipt
  lines, the telegram's number below the heading, "SECRET" and "MOST IMMEDIATE."
  marking lines (a classification, not a signature).
- kimball_page.txt: an edition of one correspondence with its own series numbers
  ("C-140", "R-180"), the place on its own line above the date, and headings that
  carry their classification and telegram number as sentences ("Former Naval Person
  to President Roosevelt. Personal and Secret. No. 140."); "President" alone is the
  office's holder on the date.
- calendar_page.txt: a calendar of state papers — a "1756." year line (no document
  number), year-less margin dates ("Jan. 3.") with the place below ("Whitehall."),
  "12. HOLDERNESS to MITCHELL." entries, an abstract and a "Draft. 3 pp." line each,
  a title line before the first entry.
- calendar_inline_page.txt: a calendar whose entries run in ("1766. Jan. 3.
  Whitehall.—Conway to Lord Hertford. Has laid his letter ..."): the date, place and
  heading inside the abstract's paragraph, the year printed once per section ("1767."
  between December and January).
- blue_book_page.txt: a parliamentary paper — title lines, "No. 12.", "Lord Cowley to
  the Earl of Clarendon.—(Received March 6.)" (the receipt after a dash), the
  dateline at the right of "My Lord," and of "(Extract.)", "I am, &c." and
  "(Signed) CLARENDON.", "Inclosure in No. 14." (and "Inclosure 1/2 in No. 21.")
  heading child documents, "(Telegraphic.)" beside the dateline, the despatch's own
  "(No. 48.)" under the heading, dual dates ("February 16 (28), 1854": the New Style
  day is the date; "January 28 (February 9), 1854" across two months gives February 9).
- calendar_numbered_page.txt: a calendar whose run-in entries print their number before
  the date ("112. Jan. 5. St. James's.—Lord Rochford to Sir Joseph Yorke. ..."), one
  with no place ("115. Feb. 2.—..."), year lines between sections.
- embassy_despatches_page.txt: American official despatches — the addressee's block
  above the salutation ("The Honorable / Cordell Hull, / Secretary of State, /
  Washington." over "Sir:"); a block naming only the office ("The Secretary of State")
  is its holder on the date (hull in February 1944, stettinius in December); the
  Department's reply headed "DEPARTMENT OF STATE," over its dateline; a note quoted in
  full and signed "V. Molotov." (an enclosure signed by its own writer).
- exchange_of_notes_page.txt: an exchange of notes (Avalon style) — headings naming
  offices ("The Secretary of State to the British Ambassador"), "Accept, Excellency,
  the renewed assurances ..." closings, the addressee's block under the signature
  ("His Excellency / The Right Honorable / The Viscount Halifax, K.G., ..."), which
  names the person the heading calls by office.
- letterbook_page.txt: a letterbook — letters parted only by their date lines
  ("12 February 1810."), "Dear Sir," salutations, the addressee at the foot ("Levett
  Harris Esqr." / "Consul of the United States.", "The Honble Robert Smith,").
- typescript_despatches_page.txt: OCR'd typed despatches — "SECRET" running heads and
  "- 2 -" page numbers with a page break mid-sentence, "No. 45" / "Despatch No. 52",
  "(R 1013/2)   BRITISH EMBASSY," over "ANKARA." over the date, closings wrapped over
  three lines, "Sir J. Bowker, K.C.M.G., O.B.E.," under the signature, an
  "ENCLOSURE" after the addressee's block.
- foreign_affairs_page.txt: the nineteenth-century US "Papers relating to Foreign
  Affairs" — a volume title whose "to" joins no parties ("PAPERS RELATING TO FOREIGN
  AFFAIRS."), country section lines, the heading above "No. 98.]   LEGATION OF THE
  UNITED STATES," or on one line with its number ("No. 45.]   Mr. Dayton to Mr.
  Seward.   [Extract.]"), run-in "SIR:", "I have the honor to be, sir, your obedient
  servant," over a capitalised signature, the addressee at the foot ("Hon. WILLIAM H.
  SEWARD," / "CHARLES FRANCIS ADAMS, Esq., &c., &c., &c."), an "[Inclosure.]".
- manuscript_letters_page.txt: transcribed manuscript letters — "[torn]",
  "[illegible]", "[sic]", interlined "^now^" and "<duly>", place and date with no comma
  ("Amsterdam 14 Feby. 1801"), a year the editor supplied ("Hull 28 March [1801]"),
  closings set over short lines with no stop ("I remain Dear Sir" / "your most obedt.
  humble Servt."), "P.S." after the signature, "Endorsed: Recd. 3 Mar. 1801.",
  "Addressed: Henry Hope Esqr. / Amsterdam", a signature with the editor's expansion
  ("W[illiam] Hope").
- consular_despatches_page.txt: manuscript despatches of a consul — run-in "SIR: I have
  the honor ...", closings over two lines ("I have the honor to be, Sir," / "Your
  obedient servant,") with the signature in the same paragraph, the editor completing a
  surname ("T. H. Dud[ley]"), a surname alone under an enclosure ("LAYARD."), the
  addressee's block at the foot.
- state_cables_page.txt: State Department cables of the 1970s as archival databases
  print them — "MRN:", "DATE: 10 MAR 1975", "FROM: AMEMBASSY MOSCOW", "TO: SECSTATE
  WASHDC PRIORITY 4187", a wrapped "INFO:", "TAGS:", "E.O. 11652:", the classification at
  head and foot, text in capitals with numbered paragraphs ("1. (C) ..."), the signer's
  surname ("STOESSEL"); the posts are the parties; "REF: (A) STATE 56789 (B) MOSCOW
  3212" a reply to the other post's cable and a citation of its own; a cable without
  its "MRN:" line (a telegram by its header block) whose REF names a cable the file
  lacks (a missing message); the same signer and field lines on every cable (no
  running heads).
- founders_notes_page.txt: an online edition of papers (Founders Online) — "To George
  Washington from Thomas Jefferson, 3 March 1792" headings, each document followed by
  its own "Notes" (the source note, note 0 of the document, and the numbered notes its
  markers point at), "Yrs. affecly.".
- frus_html_page.html: a history.state.gov FRUS page with several documents — <h3>
  "14. Telegram From the Embassy in the Soviet Union to the Department of State" (a
  post written out is the party, keyed as its telegraphic address would be), <p
  class="dateline"> "Moscow, March 3, 1947—7 p.m.", "[Received ...]", the source note
  as footnote 1 and each document's footnotes numbered afresh in its own <div
  class="footnotes"> with no heading, the signer's surname alone in a right-aligned <p>.
- avalon_page.html: an Avalon Project page — plain <h3> headings "Letter of the
  President to the Chairman of ... (Stalin)", "Message from ... to ...", "Note of the
  Secretary of State to the Soviet Ambassador (Litvinov)", datelines, "With sincere
  respect,", signatures in <p align="right">, the site's links and copyright at the foot.
- gutenberg_letters_page.txt: a book of letters as Project Gutenberg prints it — the
  library's header, "*** START OF ... ***", "Produced by ..." and the licence after
  "*** END OF ... ***" (none of them a document), "LETTER XII." (a Roman number),
  "TO THE EARL OF CHATHAM.", "SIR,", the dateline after the signature, "[Footnote 1:
  ...]" set after its paragraph with "[1]" markers.
- nsa_briefing_book_page.md: a National Security Archive electronic briefing book in
  Markdown — "# Document 12", "**Memorandum of Conversation**, Moscow, 3 March 1962,
  Secret" (the citation: kind, parties, place, date, classification), "Source: ..." (the
  record's source note, note 0), the editors' summary (no part of the text), then the
  transcript: "MEMORANDUM OF CONVERSATION", "Participants:", "SUBJECT:", "Drafted by:"
  (the memorandum's writer), a dateline, a telegram number, a salutation.
- wikisource_letter_page.html: a Wikisource page of one letter — MediaWiki's page
  furniture ("Jump to content", "From Wikisource", "Retrieved from", categories, the
  navigation menu and footer), the header template (title, author, notes: metadata),
  the dateline in a "poem" block, the addressee's <br> lines at the foot, the cite_ref
  markers and the "Notes" <ol class="references">.
- bdfp_telegrams_page.txt: British telegrams as Documents on British Foreign Policy
  prints them in its later volumes — "No. 123. Sir N. Henderson (Berlin) to Viscount
  Halifax. (Received March 3, 9.30 a.m.)" on one line, "D. 11.10 p.m. March 2, 1939. R.
  9.30 a.m. March 3, 1939." (despatch = sent, receipt = received), "Tel. No. 45." (the
  telegram's own number, which the answer names), a chapter title above.
- html_letters.html: <h2> "Churchill to Stalin" headings, date <p>s before or after
  the body, "Received …", a joint sender and two recipients, footnote <sup> links and
  an <ol class="footnotes">, entities, an unclosed <em>.
- collected_works_letter_page.txt: a collected-works web page of one letter (the
  Marxists Internet Archive's Marx–Engels layout) — the page title, the heading "Herzen
  To Ogarev" with the addressee's town under it ("In Geneva"), a block of apparatus lines
  ("Source:", "First published:", "Transcription:"), a bracketed place in the dateline,
  numbered paragraphs that are no notes, "Your" / "A. H.", one indented note "1. …".
- war_telegrams_page.txt: a war-telegrams page (ciml layout) — page title lines
  ("English", "TRUMAN", "War Telegrams") that are no document, "No. N" / date / heading /
  body / the same date again under the body / "* * *": the date under the body is that
  document's, never the next one's; the page cut off in the last document.
- docdata_letter_page.txt: an edition's record of one letter (Founders Online docdata) —
  "Title: From X to Y, date", inverted "From: Hamilton, Alexander" / "To: Washington,
  George" (a person the authority file has under another forename is named as written;
  a surname that is a place's key names a person), the editor's place in brackets and a
  clerk's stopless month ("[Philadelphia] Augt 4 1792"), the addressee under the signature.
- collected_telegrams_page.txt: a collected-works volume (Lincoln's writings, Gutenberg
  layout) — "TELEGRAM TO GENERAL H. W. HALLECK." (kind and addressee, no sender),
  "INSTRUCTION TO SECRETARY CHASE." (a kind word is no sender), datelines with common
  nouns in the place ("War department, Washington,", "Washington city,") and a clerk's
  time ("4 pm."), the signature "A. Lincoln." naming the writer.
- mecw_letter_page.txt: a Marx–Engels correspondence page — "Marx To Engels / In
  Manchester", "[London,] 2 May 1867", a forename salutation ("Dear Fred,"), "Your" /
  "K. M." (a closing word is no signer).
- frus_papers_page.txt: a FRUS conference-volume page — "Roosevelt Papers: Telegram", the
  heading "The Commanding General, United States Military Mission in the Soviet Union
  (Deane), to the Joint Chiefs of Staff" (the bracketed surname is the post's holder; a
  body of people is no person), "top secret", "Moscow, 21 October 1944.".
- frus_wrapped_telegrams_page.txt: FRUS telegrams as history.state.gov prints them — a
  dateline wrapped after its comma ("Moscow, March 3," / "1941—6 p.m."), a file number
  with an en dash ("…/8–1541: Telegram"), "[Excerpts]" between heading and dateline,
  numbered points "1." "2." "3." on lines of their own after a line ending in ":" (no
  documents), a heading whose recipient is a 20-word office, surname signers.
- collected_works_titles_page.txt: a collected-works page with no blank lines — an
  editor's title without parties ("A HORSE FOR THE PRESIDENT'S SON") over an addressee
  line "To Colonel John Hay. 12 F Street, …" and the dateline, signatures right under the
  body ("A. LINCOLN." before the next heading, "A. Lincoln, President"), the tail of a
  letter cut by the page's top (no document).
- ebook_site_telegrams_page.txt: an ebook site's page of a collected volume — the site's
  blurb ("… eBook" / "This eBook from the Gutenberg Project consists of …", no document),
  a dateline in capitals ("CITY POINT, VIRGINIA, APRIL 3, 1865", no running head).
- blog_letters_page.txt: a blog of Civil War letters — the post date ("Tuesday, March 11,
  2014") over a heading that names the letter's own date and hour ("…, December 14, 1862
  – 4 p.m."), place lines between a one-sided heading and the dateline ("War
  Department" / "Washington City, D. C."), "A. E. BURNSIDE," / "Major-General." (name
  and rank), "Yours truly A. LINCOLN" (closing and signature, no comma).
- docdata_spaced_closing_page.txt: a Founders Online record whose manuscript closing is
  run into one line with wide spaces ("With … esteem   I have the honor to be Sir   Yr.
  most obt. ser").
- farewell_closings_page.txt: two edition records (Founders docdata) with no blank line
  above the signature — a farewell alone over it ("Adieu." / "Jas. Monroe"), a closing
  run onto the end of the last paragraph ("… da⟨ys⟩. Yrs. Affecty") over initials in the
  editor's angle brackets of a torn page ("⟨A.H.⟩"), a letter that calls itself "this
  note" (still a letter: it is to "My dear Sir" and closes).
- mecw_street_address_page.txt: a Marx–Engels letter with no blank lines — the writer's
  street address between the dateline and the salutation ("Manchester, 21 October 1858"
  / "6 Thorncliffe Grove" / "Dear Moor,"), "Your" / "F. E." at the foot.
- initials_letter_page.txt: "Letter to Friedrich Engels, 9 March 1866" (a record heading
  with the addressee and the date), a forename salutation ("Dear Fred,": no person's key),
  signed with initials only ("Your" / "K. M."), which the authority file resolves.
- greeting_replies_page.txt: a newspaper page of replies to greetings — the introduction
  names the writer ("President Roosevelt has sent the following replies …") of the
  headed replies under it ("To Prime Minister Churchill", "To President Benes and Foreign
  Minister Masaryk": two addressees).
- author_line_telegram_page.txt: a collected-works page of one telegram — the author line
  ("J. V. Stalin") the only word on who wrote it (a writer, with less confidence), "Telegram
  to the Military Council of the … Front" (a body of people: no addressee key), signed by
  office only.
- catalogue_item_page.txt: a digital collection's item page (Omeka) — the record's labels
  on lines of their own with the value under each ("Title", "Creator", "Identifier",
  "Date" / "1916 March 3" read as the letter's date, "Source"), "Text" over the letter,
  the writer's address under the signature, "Original Format", "To", "Files",
  "Collection", "Citation" and the page's citation of itself after it: one letter.
- archive_cipher_telegram_page.txt: an archive's record page — the site's title lines,
  "Cipher telegram from X to Y with a message from …" (the subject cut from the
  addressee), the date, the repository on a line of its own, the quoted text.
- ciphered_record_page.txt: a documentary reader's record — "Document No. 4", a dated
  record heading, "[Source: …]" (the record's note), registry lines, "TOP SECRET CIPHERED
  TELEGRAM" and "HIGHEST PRIORITY" inside the record (no second document).
- note_verbale_page.txt: FRUS notes — the note's own serial with the registry's office
  ("No. 512, Political II") and "Note Verbale" between heading and text; the reply's
  formula cut short by the editors ("I avail myself [etc.]") read as its closing.
- listed_footnotes_page.txt: a FRUS page of one letter — the archive's line over the
  heading, a spaced marker on the heading ("Adenauer 1"), fused markers in the text, the
  notes as an indented list right under the initialled signature ("  1. Transmitted …").
- intercepted_messages_page.txt: intercepted and translated telegrams — "[Secret]" over
  "From: Berlin" / "To: Tokyo", the date, the cipher and the message number; under each
  text its serial, the translation line ("JD-1: 5871 (D) Navy Trans. 10-16-41 (S-TT)"),
  an editors' note to a "*" marker and the collection's citation in capitals within
  brackets: none of it text, and the next "[Secret]" heads the next message. The towns
  of "From:"/"To:" name no person; the signature ("OSHIMA") names the sender.
- coloured_book_page.txt: a war-time coloured book — "No. 187.—Baron Burian to Prince
  Hohenlohe." (number run into the heading by a dash, or by a hyphen as a scan reads it),
  "[Telegram.]", the dateline in capitals.
- transcription_viewer_page.txt: a crowd-transcription site's page of one letter — the
  viewer's "Viewing page 3 of 12", the site's status line, then the place and date over
  the letter (which head it, though the page has no heading), no salutation.
- nineteenth_century_notes_page.txt: printed diplomatic notes of the 1800s — "Sir: I have
  the honor …" run in right under the heading with no blank line, the editor's bracketed
  source line over "My Lord: 1 have received …" (OCR's "1"), the cut-short closing
  "I am, &c.," over the signature "GREY.".
- cover_name_telegram_page.txt: an archive's record of a ciphered telegram — "Ciphered
  Telegram, X to Filippov (Stalin)" (the kind before the parties; the editor names the
  person behind a cover name), "Sent by wire on 6/2/51 …" / "Received in Moscow on
  6/3/51 …" (dates in figures).
- fused_hour_dispatch_page.txt: Civil War dispatches as an edition prints them — "Banks to
  Halleck." over a dateline whose year runs into the hour ("NEW ORLEANS, March 9, 186310
  a.m.", the printer's dash lost).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from missive.pipeline.ocr_digits import ocr_reading

LAYOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"
EXPECTED_SUFFIX = ".expected.json"
DATE_ROLES = ("dated", "sent", "received")
FIELDS = ("number", "number_printed", "senders", "recipients", *DATE_ROLES)
OPTIONAL_FIELDS = ("salutation", "closing", "signature", "classification", "place", "incipit",
                   "sender_names", "recipient_names", "links", "last_words",
                   "note_numbers")  # fmt: skip


def _fixtures() -> list[Path]:
    """Every fixture that has an expected file: the page file with the same stem."""
    out = []
    for expected in sorted(LAYOUTS.glob("*" + EXPECTED_SUFFIX)):
        stem = expected.name[: -len(EXPECTED_SUFFIX)]
        pages = [
            p
            for p in LAYOUTS.glob(stem + ".*")
            if p.is_file() and not p.name.endswith(EXPECTED_SUFFIX)
        ]
        assert len(pages) == 1, f"{expected.name}: expected one page file, found {pages}"
        out.append(pages[0])
    return out


def _expected(page: Path) -> list[dict]:
    path = page.with_name(page.name.rsplit(".", 1)[0] + EXPECTED_SUFFIX)
    return json.loads(path.read_text(encoding="utf-8"))


def _keys(parties) -> list[str]:
    keys = []
    for party in parties or []:
        keys.append(party["key"] if isinstance(party, dict) else str(party))
    return sorted(keys)


def _date(dates, role: str) -> str | None:
    entry = (dates or {}).get(role)
    if entry is None:
        return None
    return entry["value"] if isinstance(entry, dict) else entry


def _start_line(d: dict) -> int | None:
    span = d.get("span") or {}
    return span.get("start_line", d.get("start_line"))


def _actual(d: dict, line_of_id: dict[str, int] | None = None) -> dict:
    """The compared fields of one serialized document, in the expected file's shape."""
    row = {
        "start_line": _start_line(d),
        "number": d.get("number"),
        "number_printed": d.get("number_printed"),
        "senders": _keys(d.get("senders")),
        "recipients": _keys(d.get("recipients")),
    }
    for role in DATE_ROLES:
        row[role] = _date(d.get("dates"), role)
    for name in ("salutation", "closing", "signature", "classification", "place", "incipit"):
        row[name] = d.get(name)
    row["sender_names"] = [p["name"] for p in d.get("senders") or []]
    row["recipient_names"] = [p["name"] for p in d.get("recipients") or []]
    row["links"] = [
        {"type": link["type"], "target_line": (line_of_id or {}).get(link.get("target"))}
        for link in d.get("links") or []
        if link["type"] != "encloses"
    ]
    row["enclosures"] = [_actual(child, line_of_id) for child in d.get("enclosures") or []]
    row["last_words"] = " ".join((d.get("text") or "").split()[-6:])
    row["note_numbers"] = [note["number"] for note in d.get("notes") or []]
    return row


def _normalize_expected(e: dict) -> dict:
    row = {field: e.get(field) for field in ("start_line", *FIELDS)}
    row["senders"] = sorted(e.get("senders") or [])
    row["recipients"] = sorted(e.get("recipients") or [])
    return row


def _label(e: dict) -> str:
    who = ",".join(e["senders"]) + "->" + ",".join(e["recipients"])
    number = f"No. {e['number']}" if e.get("number") is not None else "unnumbered"
    return f"{number} {who}"


def _table(rows: list[tuple[str, ...]]) -> str:
    header = ("line", "document", "field", "expected", "got")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join("{:<" + str(w) + "}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join("    " + line.rstrip() for line in lines)


def _compare_fields(e: dict, a: dict, rows: list[tuple[str, ...]], raw: dict) -> None:
    for field in FIELDS:
        if e[field] != a[field]:
            rows.append((str(e["start_line"]), _label(e), field, repr(e[field]), repr(a[field])))
    for field in OPTIONAL_FIELDS:
        if field in raw and raw[field] != a[field]:
            rows.append((str(e["start_line"]), _label(e), field, repr(raw[field]), repr(a[field])))
    if "enclosures" in raw:
        _compare_enclosures(e, raw["enclosures"], a["enclosures"], rows)


def _compare_enclosures(
    parent: dict, expected: list[dict], actual: list[dict], rows: list[tuple[str, ...]]
) -> None:
    line, label = str(parent["start_line"]), _label(parent)
    if len(expected) != len(actual):
        rows.append((line, label, "enclosures", str(len(expected)), str(len(actual))))
        return
    for k, (raw, a) in enumerate(zip(expected, actual, strict=True), 1):
        e = {**_normalize_expected({"start_line": None, **raw}), **raw}
        for field in ("senders", "recipients"):
            e[field] = sorted(e.get(field) or [])
        for field in (f for f in (*FIELDS, *OPTIONAL_FIELDS) if f in raw):
            if e[field] != a[field]:
                rows.append((line, f"{label} enclosure {k}", field, repr(e[field]), repr(a[field])))


def compare(expected: list[dict], actual: list[dict]) -> list[tuple[str, ...]]:
    """Rows of (line, document, field, expected, got) for every disagreement.

    A parsed document is matched to an expected one by its start line (or one of the
    allowed alternatives).  An expected document left unmatched is then paired with
    the first unmatched parsed document that starts before the next expected one
    (a boundary off by a few lines: "start_line" row, then its fields); failing that
    it is MISSING.  Parsed documents matched to nothing are EXTRA.
    """
    rows: list[tuple[str, ...]] = []
    by_line: dict[int | None, list[dict]] = {}
    for a in actual:
        by_line.setdefault(a["start_line"], []).append(a)
    normalized = [_normalize_expected(e) for e in expected]
    pairs: list[dict | None] = []
    matched: set[int] = set()
    for raw, e in zip(expected, normalized, strict=True):
        lines = [e["start_line"], *raw.get("start_line_alternatives", [])]
        candidates = next((by_line[n] for n in lines if by_line.get(n)), [])
        a = candidates.pop(0) if candidates else None
        if a is not None:
            matched.add(id(a))
        pairs.append(a)
    for i, e in enumerate(normalized):
        if pairs[i] is not None:
            continue
        upper = normalized[i + 1]["start_line"] if i + 1 < len(normalized) else None
        near = [
            a
            for a in actual
            if id(a) not in matched
            and isinstance(a["start_line"], int)
            and a["start_line"] >= e["start_line"]
            and (upper is None or a["start_line"] < upper)
        ]
        if near:
            pairs[i] = near[0]
            matched.add(id(near[0]))
            rows.append(
                (
                    str(e["start_line"]),
                    _label(e),
                    "start_line",
                    str(e["start_line"]),
                    str(near[0]["start_line"]),
                )
            )
    for raw, e, a in zip(expected, normalized, pairs, strict=True):
        if a is None:
            rows.append((str(e["start_line"]), _label(e), "document", "present", "MISSING"))
        else:
            _compare_fields(e, a, rows, raw)
    for a in actual:
        if id(a) not in matched:
            desc = f"No. {a['number']}" if a["number"] is not None else "unnumbered"
            desc += " " + ",".join(a["senders"]) + "->" + ",".join(a["recipients"])
            rows.append((str(a["start_line"]), desc, "document", "absent", "EXTRA"))
    order = {"document": 0, "start_line": 1}
    rows.sort(key=lambda r: (int(r[0]) if r[0].isdigit() else 0, order.get(r[2], 2), r[2]))
    return rows


# Layouts the parser does not read right yet; strict, so a fix must remove the entry.
KNOWN_FAILING: dict[str, str] = {}


def _layout_params() -> list:
    return [
        pytest.param(
            page,
            id=page.name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILING[page.name])]
            if page.name in KNOWN_FAILING
            else [],
        )
        for page in _fixtures()
    ]


@pytest.mark.parametrize("page", _layout_params())
def test_layout(page: Path) -> None:
    import missive.pipeline
    import missive.serialize
    import missive.sources

    expected = _expected(page)
    source = missive.sources.read_source(page)
    missive.pipeline.run(source)
    docs = [missive.serialize.document_to_dict(doc, source) for doc in source.documents]
    line_of_id = {d["id"]: _start_line(d) for d in docs}
    actual = [_actual(d, line_of_id) for d in docs]

    rows = compare(expected, actual)
    problems = []
    if len(actual) != len(expected):
        problems.append(f"document count: expected {len(expected)}, got {len(actual)}")
    if rows:
        problems.append(f"{len(rows)} field mismatch(es):\n" + _table(rows))
    if problems:
        pytest.fail(f"{page.name}:\n" + "\n".join(problems), pytrace=False)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


def test_fixtures_are_well_formed() -> None:
    """The expected files themselves: fields present, lines in range, dates ISO."""
    import re

    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    pages = _fixtures()
    assert len(pages) >= 4
    for page in pages:
        text_lines = page.read_text(encoding="utf-8").splitlines()
        n_lines = len(text_lines)
        expected = _expected(page)
        assert 1 <= len(expected) <= 8, page.name  # a wiki's page holds one letter
        lines = [e["start_line"] for e in expected]
        assert lines == sorted(set(lines)), f"{page.name}: start lines not increasing"
        for e in expected:
            missing = {"start_line", *FIELDS} - e.keys()
            assert not missing, f"{page.name}: {missing}"
            for line in [e["start_line"], *e.get("start_line_alternatives", [])]:
                assert 1 <= line <= n_lines, page.name
                assert text_lines[line - 1].strip(), f"{page.name}: blank start line {line}"
            # a side the page does not name stays empty, but never both
            assert e["senders"] or e["recipients"], page.name
            if e["number_printed"]:  # on the start line, or in the header just below it
                header = text_lines[e["start_line"] - 1 : e["start_line"] + 10]
                printed = rf"\b(?:{e['number']}|{_roman(e['number'])})\b"  # "LETTER XII."
                # as OCR may print it: "No. l2"
                assert any(re.search(printed, ocr_reading(t)) for t in header), page.name
            for role in DATE_ROLES:
                assert e[role] is None or iso.match(e[role]), f"{page.name}: {role}={e[role]}"
