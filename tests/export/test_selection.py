from __future__ import annotations

import pytest

from missive.errors import UsageError
from missive.export import Selection


def _doc(date: str | None, *senders: str) -> dict:
    return {"date": date, "senders": [{"key": s} for s in senders]}


def test_date_range_is_inclusive_and_accepts_partial_dates() -> None:
    june = Selection(date_from="1943-06", date_to="1943-06")
    assert june.accepts(_doc("1943-06-01")) and june.accepts(_doc("1943-06-30"))
    assert not june.accepts(_doc("1943-07-01")) and not june.accepts(_doc("1943-05-31"))
    assert Selection(date_to="1943-06-15").accepts(_doc("1943-06-15"))


def test_undated_documents_fall_outside_any_date_range() -> None:
    assert not Selection(date_from="1943").accepts(_doc(None))
    assert Selection().accepts(_doc(None))


def test_sender_filter_matches_any_joint_sender() -> None:
    assert Selection(sender="churchill").accepts(_doc("1943-01-01", "roosevelt", "churchill"))
    assert not Selection(sender="stalin").accepts(_doc("1943-01-01", "roosevelt"))


def test_a_malformed_date_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--from"):
        Selection(date_from="June 1943")
