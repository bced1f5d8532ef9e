"""Who wrote to whom: rules read from small texts, one rule per test."""

from missive import pipeline
from missive.model import Declaration, Source

DECLARED = Declaration("stalin", ("roosevelt",))
LONG = "The operations in the south continue as planned and the weather is now fair. " * 3
OTHER = "Our convoys sailed on time and the ports in the north are free of ice again. " * 3


def _parse(text: str, declaration=DECLARED) -> Source:
    source = Source(name="t.txt", path="t.txt", sha256="0", format="txt", text=text,
                    declaration=declaration)  # fmt: skip
    return pipeline.run(source)


def _parties(doc) -> tuple[list[str], list[str]]:
    return [p.key for p in doc.senders], [p.key for p in doc.recipients]


def test_an_undated_acknowledgement_answers_the_message_just_before_it():
    text = (
        f"No. 1\n\nReceived on March 3, 1943\n\n{LONG}\n\n"
        "No. 2\n\nThank you for your telegram. It was most welcome.\n\nMarch 4, 1943\n"
    )
    reply = _parse(text).documents[1]
    assert _parties(reply) == (["stalin"], ["roosevelt"])
    assert reply.senders[0].evidence.rule.startswith("reply: acknowledges the message")
    assert reply.senders[0].evidence.text == "Thank you for your telegram"
    assert reply.senders[0].evidence.span is not None


def test_an_acknowledgement_of_a_joint_message_is_addressed_to_both_writers():
    text = (
        f"No. 1\n\nW. CHURCHILL AND F. D. ROOSEVELT TO J. V. STALIN\n\n{LONG}\n\n"
        "No. 2\n\nYour Cairo message has reached me. I shall be there.\n\nMarch 4, 1943\n"
    )
    first, reply = _parse(text).documents
    assert sorted(_parties(first)[0]) == ["churchill", "roosevelt"]
    writer, readers = _parties(reply)
    assert writer == ["stalin"] and sorted(readers) == ["churchill", "roosevelt"]


def test_thanks_for_thanks_is_not_read_as_an_answer():
    text = (
        f"No. 1\n\nReceived on March 3, 1943\n\n{LONG}\n\n"
        "No. 2\n\nThank you for your message. It was most welcome.\n\nMarch 4, 1943\n\n"
        "No. 3\n\nThank you for your letter. It was most welcome too.\n\nMarch 5, 1943\n"
    )
    third = _parse(text).documents[2]
    assert _parties(third) == ([], [])


def test_a_dated_acknowledgement_is_left_to_the_date():
    text = (
        f"No. 1\n\nSent on March 1, 1943\n\n{LONG}\n\n"
        f"No. 2\n\nReceived on March 3, 1943\n\n{OTHER}\n\n"
        "No. 3\n\nI have received your message of March 1. Thank you.\n\nMarch 4, 1943\n"
    )
    third = _parse(text).documents[2]
    assert _parties(third) == (["roosevelt"], ["stalin"])  # answers No. 1, not No. 2
    assert "of that date" in third.senders[0].evidence.rule


def test_an_enclosed_reply_to_someone_elses_message_goes_to_that_someone():
    text = (
        "No. 1\n\nSent on June 24, 1943\n\n"
        "I am sending you the text of my reply to a message from Mr Churchill:\n\n"
        f'"{LONG}\n\n"{OTHER}\n\n"June 24, 1943."\n\nNo. 2\n\n{LONG}\n'
    )
    enclosure = _parse(text).documents[0].enclosures[0]
    assert _parties(enclosure) == (["stalin"], ["churchill"])
    assert enclosure.senders[0].evidence.text == "my reply to a message from Mr Churchill"


def test_congratulations_to_a_nation_go_to_its_leader():
    text = (
        f"No. 1\n\n{LONG}\n\nSincere congratulations to the Red Army, the people of the "
        "Soviet Union and to yourself upon the great victory.\n\nAugust 6, 1943\n"
    )
    doc = _parse(text).documents[0]
    assert _parties(doc) == (["roosevelt"], ["stalin"])
    assert doc.recipients[0].evidence.text.startswith("congratulations to the Red Army")
    assert doc.recipients[0].evidence.span is not None


def test_thanks_for_congratulations_or_two_nations_decide_nothing():
    thanks = f"No. 1\n\n{LONG}\n\nThank you for your congratulations to the Red Army.\n"
    both = f"No. 1\n\n{LONG}\n\nMy congratulations to the Red Army and to Britain.\n"
    for text in (thanks, both):
        assert _parties(_parse(text).documents[0]) == ([], [])


def test_a_message_announced_by_the_one_before_has_its_one_writer():
    partner = "Mr Churchill and I agree. " * 3
    text = (
        f"No. 1\n\nReceived on June 4, 1943\n\n{partner}{LONG}\n\n"
        "I am asking Ambassador Standley to deliver them to you personally.\n\n"
        "No. 2\n\nReceived on June 4, 1943\n\n"
        "We have decided to resume the bomber offensive. We believe our plans will hold.\n"
    )
    announced = _parse(text).documents[1]
    assert _parties(announced) == (["roosevelt"], ["stalin"])
    assert announced.senders[0].evidence.rule.startswith("announced by the message just before")


def test_without_the_announcement_such_a_we_message_is_joint():
    partner = "Mr Churchill and I agree. " * 3
    text = (
        f"No. 1\n\nReceived on June 4, 1943\n\n{partner}{LONG}\n\n"
        "No. 2\n\nReceived on June 4, 1943\n\n"
        "We have decided to resume the bomber offensive. We believe our plans will hold.\n"
    )
    writers = _parties(_parse(text).documents[1])[0]
    assert sorted(writers) == ["churchill", "roosevelt"]


def test_an_undated_message_after_the_named_date_leaves_the_reply_open():
    text = (
        f"No. 1\n\nSent on March 1, 1943\n\n{LONG}\n\n"
        f"No. 2\n\nF. D. ROOSEVELT TO J. V. STALIN\n\n{OTHER}\n\n"
        "No. 3\n\nI have received your message of March 1. Thank you.\n\nMarch 5, 1943\n"
    )
    third = _parse(text).documents[2]
    assert _parties(third) == ([], [])  # No. 1 or the undated No. 2: either may be meant
