"""A letter's foot and head as editions print them: a farewell alone over the
signature, a closing run onto the last paragraph, initials as the signature (resolved
through the authority file), the writer's street address under the dateline; the kind
of a letter that calls itself "this note"; two addressees in one heading; the writer
an introduction names."""

import pytest

from missive import pipeline
from missive.model import Document, Source
from missive.pipeline.signatures import expand_editorial, is_initials_only, signed_name

BODY = "The proofs came this morning, and I have gone through them at once."


def _parse(text: str) -> list[Document]:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text)
    return pipeline.run(source).documents


def _letter(foot: str, head: str = "London, 2 May 1867\n\nDear Fred,\n\n") -> Document:
    (doc,) = _parse(f"Marx To Engels\n\n{head}{BODY}\n\n{foot}\n")
    return doc


@pytest.mark.parametrize(
    ("foot", "closing", "signature"),
    [
        ("Your\nK. M.", "Your", "K. M."),
        ("Your\n\nK. M.", "Your", "K. M."),
        ("Adieu.\nTh: Jefferson", "Adieu.", "Th: Jefferson"),
        ("Yours ever\nK. Marx", "Yours ever", "K. Marx"),
    ],
)
def test_a_farewell_alone_over_the_signature_is_the_closing(foot, closing, signature):
    doc = _letter(foot)
    assert (doc.closing.value, doc.signature.value) == (closing, signature)


def test_a_closing_run_onto_the_last_paragraph_is_read_over_initials_that_sign():
    doc = _letter(f"{BODY[:-1]} for the Govern⟨ment⟩. Respecty & Affecty\n⟨K.M.⟩")
    assert doc.closing.value == "Respecty & Affecty"
    assert doc.signature.value == "⟨K.M.⟩"
    assert [p.key for p in doc.senders] == ["marx"]


def test_a_farewell_word_with_no_signature_under_it_stays_body_text():
    doc = _letter("Your\n\nhumble servant is all I can be now.")
    assert doc.closing is None


def test_initials_resolve_through_the_authority_file_with_less_confidence():
    (doc,) = _parse(f"London, 9 March 1866\n\nDear Moor,\n\n{BODY}\n\nYour\nF. E.\n")
    (sender,) = doc.senders
    assert (sender.key, sender.evidence.rule) == ("engels", "signature")
    assert sender.evidence.confidence < 0.95
    assert [p.key for p in doc.recipients] == ["marx"]  # "Moor" is Marx's alias


@pytest.mark.parametrize(
    ("signature", "initials", "name"),
    [
        ("K. M.", True, "K. M"),
        ("⟨A.H.⟩", True, "A.H"),  # the editor's angle brackets: letters restored
        ("K. Marx", False, "K. Marx"),
        ("THOS. H. DUDLEY.", False, "Thos. H. Dudley"),
    ],
)
def test_initials_only(signature, initials, name):
    assert is_initials_only(signature) is initials
    assert signed_name(signature) == name


def test_angle_brackets_are_the_editors_like_square_ones():
    assert expand_editorial("Jeffer⟨son⟩") == "Jefferson"


@pytest.mark.parametrize("address", ["7 Southgate", "No. 9 Grafton Terrace", "Modena Villas"])
def test_a_street_address_under_the_dateline_leaves_the_salutation_heading_the_letter(address):
    doc = _letter("Your\nF. E.", head=f"Manchester, 3 August 1859\n{address}\nDear Moor,\n")
    assert doc.salutation.value == "Dear Moor,"
    assert doc.place.value == "Manchester"
    assert doc.text.startswith(BODY)


def test_a_letter_that_calls_itself_this_note_is_a_letter():
    doc = _letter("Your\nK. M.", head="London, 2 May 1867\n\nMy dear Fred,\n\nI send this note. ")
    assert doc.kind.value == "letter"


def test_a_diplomatic_note_that_calls_itself_so_stays_a_note():
    (doc,) = _parse(
        "Moscow, 2 May 1944\n\nExcellency:\n\nI have the honor to inform you by this note "
        "that the Government accepts the proposal.\n\nAccept, Excellency, the renewed "
        "assurances of my highest consideration.\n"
    )
    assert doc.kind.value == "note"


INTRODUCED = """The Marshal's Thanks

Marshal Stalin has sent the following replies to messages of greeting:

To President Roosevelt

I thank you for your message and for the good wishes of the American people.

To General De Gaulle and General Giraud

I thank you and the French Committee for your greetings.
"""


def test_a_heading_to_two_addressees_gives_both():
    docs = _parse(INTRODUCED)
    assert [p.key for p in docs[1].recipients] == ["gaulle", "giraud"]


def test_the_introduction_names_the_writer_with_less_confidence():
    docs = _parse(INTRODUCED)
    for doc in docs:
        (sender,) = doc.senders
        assert sender.key == "stalin"
        assert sender.evidence.confidence <= 0.6
        assert "has sent the following replies" in sender.evidence.text


def test_no_introduction_leaves_the_writer_unknown():
    docs = _parse(INTRODUCED.replace("has sent the following replies to", "received"))
    assert all(not doc.senders for doc in docs)


AUTHOR_PAGE = """{author}

Telegram to the Military Council of the Southern Front

Source: Works, Volume 4, page 140.

The attack on the left bank has broken the enemy's front. The pursuit continues.

Member of the Military Council
"""


def test_the_author_line_names_the_writer_with_less_confidence():
    (doc,) = _parse(AUTHOR_PAGE.format(author="J. V. Stalin"))
    (sender,) = doc.senders
    assert (sender.key, sender.evidence.text) == ("stalin", "J. V. Stalin")
    assert sender.evidence.confidence <= 0.6
    assert doc.recipients == []  # a body of people, not a person named "Front"


@pytest.mark.parametrize("author", ["Stalin", "Collected Works", "Author: Somebody Unknown"])
def test_an_author_line_that_is_no_known_full_name_names_nobody(author):
    (doc,) = _parse(AUTHOR_PAGE.format(author=author))
    assert doc.senders == []
