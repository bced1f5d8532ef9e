"""HTML pages: block structure, notes, metadata, and the map back to the markup."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from missive.sources import read_source
from missive.sources.htmlplain import html_to_plain

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "input"


def assert_maps_back(text: str, plain: str, plain_map: list[int]) -> None:
    """Every plain character stands where it came from: the character itself, the `&`
    of its entity, or the `<` of the tag that implied it; a "." added to a note
    number stands on the bracket or markup it replaced.  The map never decreases."""
    assert len(plain) == len(plain_map)
    assert all(a <= b for a, b in pairwise(plain_map))
    for index, char in enumerate(plain):
        origin = text[plain_map[index]]
        if char.isspace() or origin == char or origin in "&<":
            continue
        assert char == "." and origin in "])", (index, char, text[plain_map[index] :][:20])


def test_blocks_notes_and_entities() -> None:
    source = read_source(FIXTURES / "letters-page.html")
    assert source.format == "html"
    assert source.plain == (
        "Correspondence with Winston Churchill\n\n"
        "No. 1\n\n"
        "Dear Mr Churchill,\nI received your message1 of June 5.\nBest regards.\n\n"
        "A quoted passage — with an entity & a stress.\n\n"
        "first item\n\nsecond item\n\n"
        "Sent June 5, 1943\n\n"
        "  Moscow,\n  June 5, 1943\n\n"
        "1. The conference at Tehran.\n\n"
        "2. A bracketed note.\n\n"
        "3. A word-processor note.\n\n"
        "4. A note numbered in a superscript.\n\n"
        "Notes\n\n"
        "5. A list after a Notes heading.\n\n"
        "9. Numbered by value.\n\n"
        "After the notes © 1943 &bogus; end"
    )
    assert source.plain_map is not None
    assert_maps_back(source.text, source.plain, source.plain_map)


def test_metadata_and_declaration() -> None:
    source = read_source(FIXTURES / "letters-page.html")
    assert source.metadata == {
        "author": "J. V. Stalin",
        "description": "Letters, 1943.",
        "publisher": "Progress Publishers",
        "title": "Stalin–Churchill Correspondence | An Archive",
        "heading": "Correspondence with Winston Churchill",
        "language": "en",
    }
    declaration = source.declaration
    assert declaration is not None
    assert (declaration.principal, declaration.correspondents) == ("stalin", ("churchill",))
    assert source.header_end == 0  # offsets into `plain` start at its first block


def test_heading_offsets_point_into_the_markup() -> None:
    source = read_source(FIXTURES / "letters-page.html")
    assert source.plain is not None
    start = source.plain.index("No. 1")
    assert source.text[source.original_offset(start) :].startswith("No. 1</h2>")


def test_broken_markup() -> None:
    source = read_source(FIXTURES / "broken-markup.html")
    assert source.metadata == {"title": "Broken page"}
    assert source.plain == (
        "Para one\n\n"
        "Para two bold both italic\n\n"
        "Block inside an open paragraph\n\n"
        "One\n\nTwo\n\nThree\n\n"
        "Stray < and & and a lone < sign & more\n\n"
        "a b\n\nc"
    )
    assert source.plain_map is not None
    assert_maps_back(source.text, source.plain, source.plain_map)


def test_deep_nesting_and_stray_end_tags() -> None:
    # Speed is measured in benchmarks/robustness.py; this checks the result.
    page = html_to_plain("<div>" * 20000 + "deep" + "</span>" * 20000 + "</div>" * 20000)
    assert page.plain == "deep"
    page = html_to_plain("<b><i>" * 10000 + "<li>x" * 1000)
    assert page.plain.split() == ["x"] * 1000


def test_line_breaks_and_preformatted_text() -> None:
    page = html_to_plain("<p>one<br>two<br><br><br>three</p><pre>a\n\n  b</pre>tail")
    assert page.plain == "one\ntwo\n\nthree\n\na\n\n  b\n\ntail"


def test_numbers_that_are_not_note_numbers_stay() -> None:
    page = html_to_plain('<div class="notes"><p>1943 was the year.</p></div>')
    assert page.plain == "1943 was the year."


_TAGS = ["p", "div", "span", "b", "li", "ol", "ul", "h1", "h2", "pre", "table", "tr", "td",
         "script", "style", "nav", "aside", "sup", "a", "br", "blockquote", "title", "head"]  # fmt: skip
_PIECES = st.one_of(
    st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            '<ol class="footnotes">',
            '<li id="fn3">',
            '<p class="footnote">',
            "<br/>",
            '<a href="#r1">',
            "<!-- c -->",
            "<![CDATA[x]]>",
            "<",
            "&",
            "&amp;",
            "&lt;",
            "&#8212;",
            "&#x2014;",
            "&nbsp;",
            "&copy",
            "&bogus;",
            "[1]",
            "(2)",
            "3)",
            "1943",
            " ",
            "\n",
            "\r\n",
            "\t",
            "  ",
        ]  # fmt: skip
    ),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_markup_maps_back(text: str) -> None:
    page = html_to_plain(text)
    assert_maps_back(text, page.plain, page.plain_map)
    assert page.plain == page.plain.rstrip()
    if "<pre" not in text:  # preformatted text keeps its own whitespace
        assert page.plain == page.plain.lstrip()
        assert "\n\n\n" not in page.plain


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_maps_back(text: str) -> None:
    page = html_to_plain(text)
    assert_maps_back(text, page.plain, page.plain_map)


def test_only_note_ids_number_notes() -> None:
    page = html_to_plain(
        '<div class="notes"><p id="p12">Plain paragraph.</p><p id="note-3">A note.</p></div>'
    )
    assert page.plain == "Plain paragraph.\n\n3. A note."
