"""Links in the store: written with the documents, read both ways, missing messages."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from missive import pipeline
from missive.cli import main
from missive.sources import read_source
from missive.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "apparatus" / "thread.txt"


def _ingest(store: Store, path: Path = FIXTURE):
    source = read_source(path)
    pipeline.run(source)
    return store.ingest(source)


def test_links_are_read_both_ways(store: Store) -> None:
    _ingest(store)
    links = store.links("thread-no-12")
    assert [x["target"] for x in links["outgoing"] if x["type"] == "replies_to"] == [
        "thread-no-10", "thread-no-11"]  # fmt: skip
    [incoming] = [x for x in links["incoming"] if x["type"] == "replies_to"]
    assert (incoming["from"], incoming["relation"]) == ("thread-no-13", "replied by")
    cited = store.links("thread-no-10")["incoming"]
    assert {("thread-no-13", "cited by"), ("thread-no-12", "replied by")} <= {
        (x["from"], x["relation"]) for x in cited}  # fmt: skip


def test_missing_messages_say_who_when_and_where(store: Store) -> None:
    _ingest(store)
    [missing] = store.missing_messages()
    assert missing["date"] == "1943-10-02"
    assert missing["from"] == ["stalin"] and missing["to"] == ["roosevelt"]
    assert missing["cited_in"] == "thread-no-12"
    assert missing["text"] == "my message of October 2" and missing["line"] == 21


def test_reingesting_a_changed_file_replaces_its_links(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "thread.txt"
    shutil.copy(FIXTURE, copy)
    _ingest(store, copy)
    copy.write_text(FIXTURE.read_text().replace("my message of October 2", "my last message"))
    assert _ingest(store, copy).status == "replaced"
    assert store.missing_messages() == []
    assert len(store.links("thread-no-12")["outgoing"]) == 2


def test_cli_missing_show_and_check(db_path: Path) -> None:
    with Store(db_path) as store:
        _ingest(store)
    runner = CliRunner()
    result = runner.invoke(main, ["missing", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "1943-10-02  stalin -> roosevelt  cited in thread-no-12" in result.output
    shown = runner.invoke(main, ["show", "thread-no-12", "--db", str(db_path)])
    assert "replies_to thread-no-10" in shown.output and "replied by thread-no-13" in shown.output
    checked = runner.invoke(main, ["check", "--db", str(db_path)])
    assert "thread-no-11  date_inferred = '1943-10-14'" in checked.output


def test_same_document_in_two_sources_is_a_witness(store: Store, tmp_path: Path) -> None:
    _ingest(store)
    edition = tmp_path / "second-edition.txt"
    edition.write_text(
        FIXTURE.read_text().replace("my views on the conference", "my view of the conference")
    )
    _ingest(store, edition)
    [link] = [x for x in store.links("second-edition-no-10")["outgoing"] if x["type"] == "same_as"]
    assert link["target"] == "thread-no-10"
    assert link["data"]["share"] > 0.7
    [variant] = link["data"]["variants"]
    assert (variant["base"], variant["reading"]) == ("views on", "view of")
    incoming = store.links("thread-no-10")["incoming"]
    assert ("second-edition-no-10", "same as") in {(x["from"], x["relation"]) for x in incoming}
    # Different documents of the same date are not witnesses of each other.
    assert not [x for x in store.links("second-edition-no-12")["outgoing"]
                if x["type"] == "same_as" and x["target"] != "thread-no-12"]  # fmt: skip


def test_cli_missing_names_a_cable_as_its_ref_line_does(db_path: Path) -> None:
    cables = FIXTURE.parents[1] / "layouts" / "state_cables_page.txt"
    with Store(db_path) as store:
        _ingest(store, cables)
    result = CliRunner().invoke(main, ["missing", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("STATE 61022  cited in ")
    assert "No. 61022" not in result.output
