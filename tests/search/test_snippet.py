from __future__ import annotations

from missive.search.query import parse
from missive.search.render import snippet_markup
from missive.search.snippet import hit_terms, snippet


def _snippet(texts: list[str], query: str) -> str:
    return snippet(texts, hit_terms(parse(query).root))


def test_marks_hit_terms_and_escapes_everything_else() -> None:
    text = 'Tom & <b>Jerry</b> said "the second front" is near; a second opinion.'
    out = _snippet([text], '"second front" Jerry')
    assert out == (
        "Tom &amp; &lt;b&gt;<mark>Jerry</mark>&lt;/b&gt; said &quot;the <mark>second</mark> "
        "<mark>front</mark>&quot; is near; a second opinion."
    )


def test_prefix_and_accents() -> None:
    out = _snippet(["The Café served fronts and frontiers."], "cafe front*")
    assert out == "The <mark>Café</mark> served <mark>fronts</mark> and <mark>frontiers</mark>."


def test_negated_terms_are_not_marked() -> None:
    assert "<mark>" not in _snippet(["arctic convoy"], "-arctic -convoy")


def test_a_long_text_gives_the_window_around_the_hits() -> None:
    text = " ".join(["filler"] * 200 + ["Stalingrad", "victory"] + ["filler"] * 200)
    out = _snippet([text], "stalingrad")
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>Stalingrad</mark>" in out and len(out) < 400


def test_falls_back_to_the_note_that_matched_then_to_the_body_start() -> None:
    assert _snippet(["body text", "the note on Husky"], "husky") == "the note on <mark>Husky</mark>"
    assert _snippet(["body text", "a note"], "from:stalin") == "body text"


def test_terminal_markup_keeps_brackets_literal() -> None:
    assert snippet_markup("[x] &amp; <mark>y</mark>") == "\\[x] & [bold yellow]y[/bold yellow]"
