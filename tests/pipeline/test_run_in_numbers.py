"""A calendar's run-in entry numbered 1400 to 2099 ("1412. Jan. 11. The Hague.—…"):
its number, not its year, where a year line in force or the numbers of the entries
around it say so; a year where it may stand ("1766. Jan. 3. Whitehall.—…")."""

from run_text import parse_text

from missive.pipeline.date_evidence import YEAR_FROM_SECTION

ABSTRACT = "Desires him to learn from the Pensionary whether the States mean to arm. 2 pp."


def _entries(*openings: str) -> str:
    people = ("Lord Rochford to Sir Joseph Yorke", "Sir Joseph Yorke to Lord Rochford")
    return "\n\n".join(
        f"{opening}—{people[k % 2]}. {ABSTRACT}" for k, opening in enumerate(openings)
    )


def _numbers_and_dates(text: str) -> list[tuple]:
    out = []
    for doc in parse_text(text).documents:
        dated = doc.dates.get("dated")
        out.append((doc.number.value if doc.number else None, dated.value if dated else None))
    return out


def test_a_number_the_year_line_cannot_follow_is_the_entry_number() -> None:
    text = "1771.\n\n" + _entries("1411. Jan. 5. St. James's.", "1412. Jan. 11. The Hague.")
    assert _numbers_and_dates(text) == [(1411, "1771-01-05"), (1412, "1771-01-11")]
    doc = parse_text(text).documents[0]
    assert "the year line above gives 1771" in doc.number.evidence.rule
    assert YEAR_FROM_SECTION in doc.dates["dated"].evidence.rule


def test_a_number_that_follows_the_entry_before_is_the_entry_number() -> None:
    text = "1771.\n\n" + _entries("1399. Jan. 5. St. James's.", "1400. Jan. 11. The Hague.")
    assert [n for n, _ in _numbers_and_dates(text)] == [1399, 1400]


def test_values_that_run_on_a_year_apart_are_entry_numbers() -> None:
    """As years, "1411. Jan. 5." then "1412. Jan. 11." would leave a year between two
    entries; as numbers they run on."""
    text = _entries("1411. Jan. 5. St. James's.", "1412. Jan. 11. The Hague.")
    assert [n for n, _ in _numbers_and_dates(text)] == [1411, 1412]
    text = _entries("1766. Dec. 30. Whitehall.", "1767. Jan. 4. Dublin Castle.")
    assert _numbers_and_dates(text) == [(None, "1766-12-30"), (None, "1767-01-04")]


def test_a_year_where_a_year_may_stand_stays_the_year() -> None:
    text = "1766.\n\n" + _entries("1766. Jan. 3. Whitehall.", "1767. Jan. 4. Dublin Castle.")
    assert _numbers_and_dates(text) == [(None, "1766-01-03"), (None, "1767-01-04")]


def test_an_entry_with_no_context_keeps_its_year() -> None:
    assert _numbers_and_dates(_entries("1766. Jan. 3. Whitehall.")) == [(None, "1766-01-03")]
