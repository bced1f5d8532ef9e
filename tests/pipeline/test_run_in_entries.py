"""A calendar's run-in entries with the entry's number before the date ("112. Jan. 5.
St. James's.—Lord Rochford to Sir Joseph Yorke. ...")."""

import pytest
from run_text import parse_text

from missive.pipeline.classify import classify_text


@pytest.mark.parametrize(
    ("line", "number", "date", "place"),
    [
        ("12. Jan. 3. Whitehall.—Holderness to Mitchell. Acknowledges his letter.", 12,
         "--01-03", "Whitehall"),
        ("115. Feb. 2.—Lord Harcourt to Lord Rochford. The heads of the bill were laid.", 115,
         "--02-02", None),
        ("7. 1771. 3 March. Dublin.—Lord Harcourt to Lord Rochford. Arrived safely.", 7,
         "1771-03-03", "Dublin"),
    ],
)  # fmt: skip
def test_a_numbered_run_in_entry(line: str, number: int, date: str, place: str | None) -> None:
    kind, info = classify_text(line)
    assert kind == "heading"
    assert (info["number"], info["date"], info["place"]) == (number, date, place)
    assert info["run_in"]


def test_a_year_before_the_date_is_no_entry_number() -> None:
    kind, info = classify_text("1766. Jan. 3. Whitehall.—Conway to Lord Hertford. Has laid it.")
    assert (kind, info["date"], info.get("number")) == ("heading", "1766-01-03", None)


def test_numbered_entries_under_year_lines_are_numbered_dated_documents() -> None:
    text = (
        "1771.\n\n112. Jan. 5. St. James's.—Lord Rochford to Sir Joseph Yorke. Desires him "
        "to learn the Pensionary's mind. Draft. 2 pp.\n\n113. Jan. 11. The Hague.—Sir Joseph "
        "Yorke to Lord Rochford. The States will do nothing. 4 pp.\n\n1772.\n\n114. Jan. 7. "
        "Berlin.—Mr. Mitchell to Lord Suffolk. The King of Prussia has reviewed his troops. "
        "5 pp.\n"
    )
    docs = parse_text(text).documents
    assert [d.number.value for d in docs] == [112, 113, 114]
    assert all(d.number_printed for d in docs)
    assert [d.dates["dated"].value for d in docs] == ["1771-01-05", "1771-01-11", "1772-01-07"]
    assert [d.senders[0].key for d in docs] == ["rochford", "yorke", "mitchell"]
    assert [d.place.value for d in docs] == ["St. James's", "The Hague", "Berlin"]
