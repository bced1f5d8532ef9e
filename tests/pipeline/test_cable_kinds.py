"""What a cable's header says of its kind, and its "REF:" references to cables the
file does not hold."""

from run_text import parse_text

HEADER = "DATE: 10 MAR 1975\nFROM: AMEMBASSY MOSCOW\nTO: SECSTATE WASHDC 4187\n"
BODY = "1. (C) KORNIYENKO SAID THE SOVIET SIDE IS PREPARED TO GO TO HELSINKI.\n\nSTOESSEL\n"


def test_a_cable_header_in_capitals_without_its_mrn_is_a_telegram() -> None:
    text = f"CONFIDENTIAL\n\n{HEADER}SUBJECT: STAGE III\n\n{BODY}"
    (doc,) = parse_text(text).documents
    assert doc.kind.value == "telegram"
    assert "header" in doc.kind.evidence.rule


def test_a_memorandum_with_labelled_fields_in_plain_case_is_no_telegram() -> None:
    text = (
        "Date: March 10, 1975\nFrom: The Secretary of State\nTo: The President\n"
        "Subject: Stage III\n\nThe Soviet side is prepared to go to Helsinki.\n"
    )
    (doc,) = parse_text(text).documents
    assert doc.kind.value != "telegram"


def test_fields_without_a_subject_or_date_do_not_make_a_telegram() -> None:
    text = "FROM: AMEMBASSY MOSCOW\nTO: SECSTATE WASHDC\n\n" + BODY
    (doc,) = parse_text(text).documents
    assert doc.kind.value != "telegram"


def test_a_ref_to_a_cable_the_file_lacks_is_a_missing_message() -> None:
    text = (
        f"CONFIDENTIAL\n\nMRN: 1975MOSCOW03390\n{HEADER}SUBJECT: STAGE III\n"
        f"REF: (A) STATE 56789 (B) MOSCOW 3212\n\n{BODY}"
    )
    (doc,) = parse_text(text).documents
    missing = [link for link in doc.links if link.target is None]
    assert [link.data["reference"] for link in missing] == ["STATE 56789", "MOSCOW 3212"]
    assert [link.type for link in missing] == ["replies_to", "cites"]
    assert all(link.data["missing"] for link in missing)
    assert missing[0].data["from"] == ["state_department"]
    assert missing[0].data["year"] == 1975
    assert "STATE 56789" in missing[0].target_description


def test_the_absent_cable_is_listed_with_the_missing_messages(tmp_path) -> None:
    from missive.store import Store

    text = f"MRN: 1975MOSCOW03390\n{HEADER}SUBJECT: STAGE III\nREF: STATE 56789\n\n{BODY}"
    source = parse_text(text)
    with Store(tmp_path / "missive.db") as store:
        store.ingest(source)
        (entry,) = store.missing_messages()
    assert entry["from"] == ["state_department"]
    assert entry["number"] == 56789 and entry["text"] == "STATE 56789"
    assert entry["cited_in"] == source.documents[0].id


def test_the_same_header_fields_and_signer_on_every_cable_are_no_running_heads() -> None:
    cable = (
        "CONFIDENTIAL\n\nMRN: 1975MOSCOW0{n}\n{header}SUBJECT: STAGE III\n"
        "REF: (A) STATE 61022 (B) MOSCOW 3390\n\n{body}\nCONFIDENTIAL\n\n"
    )
    text = "".join(cable.format(n=n, header=HEADER, body=BODY) for n in (3401, 3402, 3403))
    docs = parse_text(text).documents
    assert [d.signature.value for d in docs] == ["STOESSEL"] * 3
    assert all([p.key for p in d.senders] == ["amembassy_moscow"] for d in docs)
    assert all(any(link.data.get("reference") == "STATE 61022" for link in d.links) for d in docs)
