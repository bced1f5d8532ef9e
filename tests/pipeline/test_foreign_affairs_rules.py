"""The rules the nineteenth-century "Papers relating to Foreign Affairs" layout needs:
the despatch's number set off by a bracket ("No. 98.]   LEGATION …", "No. 45.]   Mr.
Dayton to Mr. Seward.   [Extract.]"), a volume title whose "to" joins no parties, the
addressee at the foot with "Esq., &c., &c., &c."."""

from run_text import parse_text

from missive.pipeline.classify import bracketed_number, classify_text, heading

BODY = "SIR: I have the honor to acknowledge the reception of your despatch of the 3d instant."


def test_a_bracketed_number_before_a_heading_is_the_number_and_the_heading() -> None:
    info = bracketed_number("No. 45.]                 Mr. Dayton to Mr. Seward.        [Extract.]")
    assert info["number"] == 45
    assert (info["senders"], info["recipients"], info["form"]) == (
        ["Mr. Dayton"],
        ["Mr. Seward"],
        "extract",
    )


def test_a_bracketed_number_before_the_legation_is_the_number_alone() -> None:
    kind, info = classify_text("No. 98.]                    LEGATION OF THE UNITED STATES,")
    assert (kind, info) == ("number", {"number": 98})


def test_a_title_relating_to_affairs_is_no_heading() -> None:
    assert heading("PAPERS RELATING TO FOREIGN AFFAIRS.") is None
    assert heading("Correspondence respecting to the affairs of the East") is None
    assert heading("Mr. Adams to Mr. Seward.") is not None


def test_a_despatch_headed_above_its_number_and_addressed_at_its_foot() -> None:
    text = (
        "PAPERS RELATING TO FOREIGN AFFAIRS.\n\nGREAT BRITAIN.\n\n"
        "                         Mr. Seward to Mr. Adams.\n\n"
        "No. 165.]                               DEPARTMENT OF STATE,\n"
        "                                           Washington, February 3, 1862.\n\n"
        f"{BODY}\n\nI am, sir, your obedient servant,\n"
        "                                        WILLIAM H. SEWARD.\n\n"
        "CHARLES FRANCIS ADAMS, Esq., &c., &c., &c.\n"
    )
    (doc,) = parse_text(text).documents
    assert (doc.number.value, doc.number_printed, doc.start_line) == (165, True, 5)
    assert [p.key for p in doc.senders] == ["seward"]
    assert [p.key for p in doc.recipients] == ["adams"]
    assert doc.dates["dated"].value == "1862-02-03"
