from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from missive.search import snippet as snippets
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


# --- the fast paths give what the general ones give ------------------------------

_VOCABULARY = ["will", "front", "fr", "a", "ab", "1943", "second", "wil"]
_ASCII_TEXT = st.lists(
    st.sampled_from([*_VOCABULARY, "Will", "WILL", "FRONTs", "_", " ", "-", "\n", "x", "&", "<"]),
    max_size=60,
).map("".join)
_TERMS = st.builds(
    snippets.Terms,
    st.frozensets(st.sampled_from(_VOCABULARY), max_size=3),
    st.lists(st.sampled_from(["fr", "wi", "se", "19"]), max_size=2, unique=True).map(tuple),
    st.just(()),
)


@settings(max_examples=200, deadline=None)
@given(_ASCII_TEXT, _TERMS)
def test_ascii_words_are_found_where_the_regex_finds_them(text: str, terms: snippets.Terms) -> None:
    if snippets._plain_words(terms):
        assert snippets._ascii_word_spans(text, terms) == snippets._regex_spans(text, terms)


def test_many_hits_are_cut_at_the_same_candidate() -> None:
    text = " ".join(["will front"] * 100)
    terms = hit_terms(parse("will front fr*").root)
    assert snippets._ascii_word_spans(text, terms) == snippets._regex_spans(text, terms)
    assert len(snippets._ascii_word_spans(text, terms)) == snippets.MAX_CANDIDATES


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab <>&\"'\x00\x01\n", max_size=80), st.data())
def test_marks_escaped_at_once_are_the_marks_escaped_one_by_one(
    text: str, data: st.DataObject
) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    if "\x00" in text or "\x01" in text:
        return  # the placeholders: such texts take the one-by-one way (below)
    assert snippets._marked_at_once(text, spans, 0, len(text)) == snippets._marked_one_by_one(
        text, spans, 0, len(text)
    )


def test_a_text_holding_the_placeholders_keeps_them_as_text() -> None:
    out = _snippet(["a \x00 <b> will \x01 end"], "will")
    assert out == "a \x00 &lt;b&gt; <mark>will</mark> \x01 end"
