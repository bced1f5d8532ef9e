"""The reader's small parts: note markers placed in the text, collation, the timeline."""

from __future__ import annotations

from missive.web.auth import Keys
from missive.web.body import body_pieces
from missive.web.charts import timeline_bars
from missive.web.compare import collate
from missive.web.searching import engine_query, reescape_marked, safe_snippet


def _doc(text: str, refs: list[tuple[int, int]]) -> dict:
    return {
        "paragraphs": [{"start_line": 3, "end_line": 3, "text": text}],
        "note_refs": [{"number": n, "start_line": line, "form": "fused"} for n, line in refs],
    }


def test_marker_goes_back_after_the_words_before_it() -> None:
    lines = ["", "", "our Combined Chiefs of Staff24 the need for speed"]
    pieces = body_pieces(_doc("our Combined Chiefs of Staff the need for speed", [(24, 3)]), lines)
    assert pieces == [[{"text": "our Combined Chiefs of Staff"}, {"note": 24},
                       {"text": " the need for speed"}]]  # fmt: skip


def test_spaced_marker_after_punctuation_and_unknown_place_at_the_end() -> None:
    lines = ["", "", "I enclose the text: 25"]
    assert body_pieces(_doc("I enclose the text:", [(25, 3)]), lines)[0][-1] == {"note": 25}
    pieces = body_pieces(_doc("Nothing matches here.", [(7, 99)]), lines)
    assert pieces == [[{"text": "Nothing matches here."}, {"note": 7}]]


def test_a_source_note_gets_no_marker_in_the_text() -> None:
    doc = _doc("The letter itself.", [(2, 3)])
    doc["note_refs"].append({"number": 0, "start_line": 9, "form": "source"})
    pieces = body_pieces(doc, ["", "", "The letter itself.2"])
    assert pieces == [[{"text": "The letter itself."}, {"note": 2}]]


def test_body_without_paragraphs_falls_back_to_text() -> None:
    pieces = body_pieces({"text": "One.\n\nTwo."}, None)
    assert pieces == [[{"text": "One."}], [{"text": "Two."}]]


def test_collation_marks_changed_and_missing_words() -> None:
    result = collate("the Red Army.Staff. went home", "the Red Army. Staff. [sic]. went home")
    assert result["variants"] >= 1
    assert any(run["state"] != "same" for run in result["right"])
    assert "".join(r["text"] for r in result["left"]) == "the Red Army.Staff. went home"
    assert collate("same words", "same  words")["variants"] == 0


def test_timeline_bars_stack_within_the_chart() -> None:
    timeline = {"directions": ["a → b", "b → a"], "months": [
        {"month": "1943-01", "counts": {"a → b": 2, "b → a": 1}, "total": 3},
        {"month": "1943-02", "counts": {"a → b": 0, "b → a": 0}, "total": 0},
    ]}  # fmt: skip
    chart = timeline_bars(timeline)
    first = chart["bars"][0]["segments"]
    assert [s["count"] for s in first] == [2, 1]
    assert min(s["y"] for s in first) >= 0
    assert chart["bars"][1]["segments"] == []


def test_snippets_let_only_mark_through() -> None:
    assert safe_snippet("\x02<b>x</b>\x03 & y", ("\x02", "\x03")) == (
        "<mark>&lt;b&gt;x&lt;/b&gt;</mark> &amp; y"
    )
    engine_html = "a &lt;script&gt; <mark>front</mark> <img src=x onerror=1>"
    assert reescape_marked(engine_html) == (
        "a &lt;script&gt; <mark>front</mark> &lt;img src=x onerror=1&gt;"
    )


def test_facets_become_query_clauses_for_the_engine() -> None:
    assert engine_query("front", {"sender": "stalin"}) == "front from:stalin"
    assert engine_query("a OR b", {"kind": "a b"}) == '(a OR b) kind:"a b"'


def test_sessions_and_csrf_tokens_are_signed() -> None:
    keys = Keys.create("token")
    cookie = keys.session_cookie("Ada", now=1000)
    assert keys.editor_of(cookie, now=1001) == "Ada"
    assert keys.editor_of(cookie, now=10**9) is None  # expired
    assert keys.editor_of(cookie[:-2] + "xx", now=1001) is None
    assert Keys.create("token").editor_of(cookie, now=1001) is None  # another server
    assert keys.csrf_ok("nonce", keys.csrf_token("nonce"))
    assert not keys.csrf_ok("nonce", keys.csrf_token("other"))
    assert keys.token_matches("token") and not keys.token_matches("tokem")
    assert not Keys.create(None).token_matches("")
