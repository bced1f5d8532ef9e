from __future__ import annotations

from missive.export.authority_refs import WIKIDATA, authority_uri


def test_a_qid_in_the_record_becomes_a_wikidata_uri() -> None:
    assert authority_uri("nobody-known", {"wikidata": "Q8007"}) == f"{WIKIDATA}Q8007"
    assert authority_uri(None, {"uri": "https://d-nb.info/gnd/118616242"}).endswith("118616242")


def test_unknown_persons_have_no_uri() -> None:
    assert authority_uri("nobody-known", {"name": "Nobody"}) is None
    assert authority_uri(None) is None
