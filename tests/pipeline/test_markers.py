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
