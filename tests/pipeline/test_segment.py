"""Segmentation rules on small texts, one rule per test."""

from run_text import parse_text

from missive.model import Declaration

BODY = "I have received your message and I thank you for it most sincerely today."


def test_number_lines_open_documents():
    src = parse_text(f"No. 1\n\n{BODY}\n\nJanuary 5, 1943\n\nNo. 2\n\n{BODY}\n\nJanuary 6, 1943\n")
    assert [(d.number.value, d.start_line) for d in src.documents] == [(1, 1), (2, 7)]
    assert [d.dates["dated"].value for d in src.documents] == ["1943-01-05", "1943-01-06"]


def test_text_after_a_closing_date_line_is_a_new_unnumbered_document():
    text = f"No. 1\n\n{BODY}\n\nJanuary 5, 1943\n\n{BODY}\n\nJanuary 6, 1943\n\nNo. 3\n\n{BODY}\n"
    src = parse_text(text)
    assert [d.number.value for d in src.documents] == [1, 2, 3]
    assert [d.number_printed for d in src.documents] == [True, False, True]


def test_sent_and_received_relative_to_the_declared_principal():
    text = f"No. 1\n\nSent on January 5, 1943\n\n{BODY}\n\nNo. 2\n\nReceived on January 7, 1943\n\n{BODY}\n"
    src = parse_text(text, Declaration("stalin", ("roosevelt", "truman")))
    first, second = src.documents
    assert [p.key for p in first.senders] == ["stalin"]
    assert [p.key for p in first.recipients] == ["roosevelt"]
    assert [p.key for p in second.senders] == ["roosevelt"]
    assert first.dates["sent"].value == "1943-01-05"
    assert second.dates["received"].value == "1943-01-07"


def test_the_counterpart_is_who_held_office_on_the_day():
    text = f"No. 1\n\nSent on May 5, 1945\n\n{BODY}\n"
    src = parse_text(text, Declaration("stalin", ("roosevelt", "truman")))
    assert [p.key for p in src.documents[0].recipients] == ["truman"]


def test_headings_name_the_parties():
    text = f"W. CHURCHILL TO J. V. STALIN\n\n{BODY}\n\nMarch 15, 1943\n\nJ. V. STALIN TO W. CHURCHILL\n\n{BODY}\n"
    src = parse_text(text)
    assert [[p.key for p in d.senders] for d in src.documents] == [["churchill"], ["stalin"]]
    assert [[p.key for p in d.recipients] for d in src.documents] == [["stalin"], ["churchill"]]


def test_a_wider_gap_than_between_paragraphs_separates_documents():
    other = "The weather in the capital has been fine and the harvest is coming in well."
    text = f"No. 1\n\n{BODY}\n\n{BODY}\n\n\n{other}\n\n{other}\n\nNo. 3\n\n{BODY}\n"
    src = parse_text(text)
    assert len(src.documents) == 3
    assert src.documents[1].number.value == 2


def test_endnotes_are_separated_from_the_last_document():
    text = (
        f"No. 1\n\n{BODY} with a marker 7 here.\n\nJanuary 5, 1943\n\n"
        "7. The allusion is to an earlier message.\n\n8. Code name for the Azores.\n"
    )
    src = parse_text(text)
    assert [n.number for n in src.notes] == [7, 8]
    assert len(src.documents) == 1
    assert [r.number for r in src.documents[0].note_refs] == [7]


def test_two_transcripts_of_one_record_are_one_document_with_two_witnesses():
    record = " ".join([BODY] * 4)
    text = f"TELEGRAM dated June 28, 1944, sent from Moscow.\n\n{record}\n\nTELEGRAM dated June 28, 1944, sent from Moscow.\n\n{record}\n"
    src = parse_text(text)
    assert len(src.documents) == 1
    assert len(src.documents[0].witnesses) == 2


def test_a_multi_paragraph_quotation_after_a_colon_is_an_enclosure():
    text = (
        f"No. 1\n\nSent on November 13, 1943\n\nToday I sent a message which reads as follows:\n\n"
        f'"{BODY}\n\n"{BODY}\n\n"November 12, 1943."\n\nNo. 2\n\n{BODY}\n'
    )
    src = parse_text(text)
    assert len(src.documents) == 2
    enclosure = src.documents[0].enclosures[0]
    assert enclosure.dates["dated"].value == "1943-11-12"


def test_a_file_with_no_structure_is_one_document():
    src = parse_text(f"{BODY}\n\n{BODY}\n")
    assert len(src.documents) == 1
    assert src.documents[0].number is None
