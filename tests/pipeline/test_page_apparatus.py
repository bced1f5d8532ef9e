"""One-letter pages, war-telegram pages and edition source notes: where documents begin
and end (page_apparatus.py, segment.py, document_notes.py, sources/plaintext.py)."""

from pathlib import Path

from run_text import parse_text

from missive.pipeline.page_apparatus import apparatus_label
from missive.sources import read_source


def _starts(source) -> list[int]:
    return [d.start_line for d in source.documents]


def test_apparatus_labels_are_read():
    assert apparatus_label("First published: in Der Briefwechsel, 1913.") == "first published"
    assert apparatus_label("Transcription\\Markup: R. Cymbala") is not None
    assert apparatus_label("Dear Sir: I write") is None


def test_apparatus_block_opens_no_document_and_keeps_the_heading_with_its_letter():
    text = (
        "Herzen To Ogarev\nIn Geneva\n\nSource: Letters, Volume 9, p. 114;\n"
        "First published: in Pisma, 1896.\n\n[London,] 3 May 1858\n\nDear Nick,\n\n"
        "The proofs went off yesterday and I am glad of it.\n\nYour\nA. H.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1]
    assert [p.key for p in source.documents[0].recipients] == ["ogarev"]


def test_one_source_line_alone_stays_text():
    text = "Dear Sir,\n\nSource: the Embassy's own report of the meeting, which I enclose.\n"
    source = parse_text(text)
    assert "Source:" in source.documents[0].text


def test_the_reader_leaves_a_one_letter_heading_to_the_parser(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(
        "V. I. Lenin\n\nTO MAXIM GORKY\n\nWritten: November 1913\n"
        "Source: Collected Works, Volume 36, page 266.\n\nDear A. M.,\n\n"
        "I have received the novel and your letter, and I thank you.\n\nYours,\nLenin\n",
        encoding="utf-8",
    )
    source = read_source(page)
    assert source.metadata.get("source") == "Collected Works, Volume 36, page 266."
    assert source.text[: source.header_end].count("\n") <= 2  # the heading is not header


def test_sent_on_line_above_a_heading_heads_that_heading_s_message():
    text = (
        "Sent on January 8, 1942\n\nJ. V. Stalin to W. Churchill\n\n"
        "Thank you for the message and your good wishes for the New Year.\n\n\n"
        "Sent on January 16, 1942\n\nJ. V. Stalin to W. Churchill\n\n"
        "I have received your message of January 15 and I thank you.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1, 8]
    assert [d.dates["sent"].value for d in source.documents] == ["1942-01-08", "1942-01-16"]


def test_date_under_the_body_before_a_separator_closes_its_document():
    text = (
        "No. 1\n\nMay 2, 1945\n\nPersonal Message from President H. S. Truman to Marshal"
        " J. V. Stalin\n\nI thank you for your greetings on the junction of our armies.\n\n"
        "May 2, 1945\n\n* * *\n\nNo. 2\n\nMay 5, 1945\n\nPersonal Message from President"
        " H. S. Truman to Marshal J. V. Stalin\n\nThe instrument of surrender has been signed"
        " at Berlin today.\n\nMay 5, 1945\n\n* * *\n\nNo. 3\n\nMay 9, 1945\n\nPersonal Message"
        " from President H. S. Truman to Marshal J. V. Stalin\n\nYour message of May 8 received.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1, 13, 25]
    assert [d.dates["dated"].value for d in source.documents] == [
        "1945-05-02", "1945-05-05", "1945-05-09",
    ]  # fmt: skip


def test_one_sided_heading_under_an_edition_title_heads_the_same_letter():
    text = (
        "From George Washington to Alexander Hamilton, 10 August 1793\n"
        "To Alexander Hamilton\nPhiladelphia Augt 10th 1793.\nDear Sir,\n"
        "I thank you for the letters, which are herewith returned.1 Yours always\n"
        "Go: Washington\nALS, DLC: Hamilton Papers; LB, DLC:GW.\n"
        "1. Hamilton forwarded the letters on 9 Aug.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1]
    assert sorted(n.number for n in source.notes) == [0, 1]


def test_numbered_points_of_a_letter_are_no_notes_section():
    text = (
        "Dear Engels,\n\nSo, to keep it brief:\n\n1. Please send the letters back.\n\n"
        "My view is that we should write for them.\n\n2. You will receive the Address.\n\n"
        "3. Your stuff from the Guardian is most valuable, vol. 3 of it.\n"
    )
    source = parse_text(text)
    assert source.notes == []
    assert "Your stuff from the Guardian" in source.documents[0].text


def test_each_title_field_heads_its_record():
    text = (
        "Title: From Thomas Jefferson to James Madison, 6 September 1789\n"
        "From: Jefferson, Thomas\nTo: Madison, James\n\n\nParis Sep. 6. 1789.\nDear Sir\n"
        "I sit down to write to you without knowing by what occasion I shall send it.\n"
        "Th: Jefferson\n"
        "Title: From James Madison to Thomas Jefferson, 9 December 1789\n"
        "From: Madison, James\nTo: Jefferson, Thomas\n\n\nOrange Decr. 9. 1789\nDear Sir\n"
        "Your favor of the 6th of September came to hand a few days ago.\nJs. Madison Jr\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1, 10]
    assert [[p.key for p in d.senders] for d in source.documents] == [["jefferson"], ["madison"]]


def test_a_lone_paragraph_under_the_last_signature_is_its_postscript():
    text = (
        "January 11, 1916\n\nDear Alexei Maximovich,\n\nI am sending you the manuscript of a "
        "pamphlet and ask you to publish it.\n\nYours with respect,\nV. Ilyin\n\n"
        "The address is Seidenweg 4-a, Berne.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1]
    assert source.documents[0].text.endswith("The address is Seidenweg 4-a, Berne.")


def test_a_marker_in_parentheses_glued_to_a_word_points_at_its_note():
    text = (
        "Dear Comrade Lenin,(1)\n\nThe fight is on for the South and the Caspian, and we need "
        "ships.\n\nYours, Stalin\nAugust 31, 1918\n\n(1) Lenin sent the letter on as a directive.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1]
    assert [n.number for n in source.notes] == [1]
    assert [r.number for r in source.documents[0].note_refs] == [1]


def test_a_page_list_renumbered_from_one_keeps_the_volume_s_note_numbers():
    text = (
        "760C.61/2142: Telegram\n\nThe Ambassador in the Soviet Union (Kennan) to the "
        "Secretary of State\n\n76. Without notice the Commissar5 called me in at midnight and"
        " gave me a paper on the frontier.6 The text goes out by the agency7 this morning.\n\n"
        "Kennan\n  1. The People’s Commissar for Foreign Affairs.\n"
        "  2. See the conference papers of 1943.\n  3. The official news agency.\n"
    )
    source = parse_text(text)
    assert _starts(source) == [1]
    assert [n.number for n in source.notes] == [1, 2, 3]  # as printed
    refs = source.documents[0].note_refs
    assert [(r.number, r.note) for r in refs] == [(5, 1), (6, 2), (7, 3)]  # paired by order
