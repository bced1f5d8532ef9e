"""The lines of a British telegram as Documents on British Foreign Policy prints them;
the page: tests/fixtures/layouts/bdfp_telegrams_page.txt."""

from missive.pipeline.classify import classify_text


def test_number_heading_and_receipt_on_one_line() -> None:
    kind, info = classify_text(
        "No. 123. Sir N. Henderson (Berlin) to Viscount Halifax. (Received March 3, 9.30 a.m.)"
    )
    assert (kind, info["number"], info["received"]) == ("number", 123, "--03-03")
    assert (info["senders"], info["recipients"]) == (["Sir N. Henderson (Berlin)"],
                                                     ["Viscount Halifax"])  # fmt: skip


def test_despatch_and_receipt_on_one_line() -> None:
    kind, info = classify_text("D. 7.30 p.m. March 2, 1939. R. 9.15 a.m. March 3, 1939.")
    assert kind == "sent_received"
    assert (info["role"], info["date"], info["received"]) == ("sent", "1939-03-02", "1939-03-03")


def test_despatch_alone() -> None:
    kind, info = classify_text("D. 7.30 p.m. March 3, 1939.")
    assert (kind, info["role"], "received" in info) == ("sent_received", "sent", False)


def test_the_telegrams_own_number() -> None:
    assert classify_text("Tel. No. 45.") == ("file_reference", {"kind": "telegram", "serial": 45})
    assert classify_text("Tel. No. 38. Saving.")[1]["serial"] == 38
    assert classify_text("Tel. No. 38 was lost in transit.")[0] == "body"
