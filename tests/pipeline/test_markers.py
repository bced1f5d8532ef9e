import pytest

from missive.pipeline.markers import find_markers, strip_markers

NOTES = frozenset([14, *range(21, 52)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("our Combined Chiefs of Staff24 the need", [(24, "fused")]),
        ("in the future.30", [(30, "fused")]),
        ("the protocol year15 at the same time", [(15, "fused")]),  # note lost from the file
        ("bringing with him your message 25 to me", [(25, "spaced")]),
        ("November 29, 1943 51", [(51, "spaced")]),
        ("the joint message of January 26, 27 sent by you", [(27, "spaced")]),
        ('a full-scale thrust at "Avalanche." 32 It is', [(32, "spaced")]),
    ],
)
def test_markers(text, expected):
    assert [(m.number, m.form) for m in find_markers(text, NOTES)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "send 100 bombers",
        "In 38 days General Eisenhower",
        "7,596 destroyed, 1, 748 probably destroyed",
        "on Tuesday, 21 September.",
        "2. We are in no doubt",
        "On July 12,1943, U.S.",
        "see Document No. 27",
        "the 27th of November",
        "B-25 bombers and C-47 planes",
        "January 26, 27 and 28",
    ],
)
def test_numbers_in_prose_are_not_markers(text):
    assert find_markers(text, NOTES) == []


def test_without_notes_nothing_is_a_marker():
    assert find_markers("Staff24", frozenset()) == []


def test_strip_markers():
    text = "message 25 to me"
    assert strip_markers(text, find_markers(text, NOTES)) == "message to me"


# A volume with running note numbers in the hundreds: the numbers in prose that
# could be note numbers must still not be read as markers.
MANY_NOTES = frozenset(range(1, 800))


@pytest.mark.parametrize(
    "text",
    [
        "send 100 bombers to the front",
        "7,596 destroyed, 1, 150 probably destroyed",
        "In 38 days General Eisenhower will land",
        "with reference to your 761 of today",
        "the joint message of January 26, 27 and 28",
        "on Tuesday, 21 September.",
    ],
)
def test_numbers_in_prose_are_not_markers_even_when_notes_have_them(text):
    assert find_markers(text, MANY_NOTES) == []


def test_a_marker_that_cannot_be_a_day_follows_a_date():
    text = "Mr Molotov's note of October 14, 45 and in order that"
    assert [(m.number, m.form) for m in find_markers(text, NOTES)] == [(45, "spaced")]
