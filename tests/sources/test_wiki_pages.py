"""A wiki's page of one text (Wikisource): the header template is the page's metadata,
the wiki's furniture is no text, <poem> keeps its lines; the whole page is
tests/fixtures/layouts/wikisource_letter_page.html."""

from __future__ import annotations

from tests.sources.test_html import assert_maps_back

from missive.sources.htmlplain import html_to_plain

HEADER = (
    '<table id="headertemplate" class="ws-header noprint"><tr><td class="header_title">'
    '<span id="header_title_text">Letter to John Jay</span><br>by <span '
    'id="header_author_text"><a href="/wiki/Author:X">Benjamin Franklin</a></span></td></tr>'
    '<tr><td class="header_notes"><div class="header_notes_text">Sent from Passy.</div>'
    "</td></tr></table>"
)


def test_the_header_template_is_metadata_not_text() -> None:
    page = html_to_plain(f'<div class="mw-parser-output">{HEADER}<p>Dear Sir,</p></div>')
    assert page.plain == "Dear Sir,"
    assert [(key, value) for key, value, _ in page.fields] == [
        ("title", "Letter to John Jay"), ("author", "Benjamin Franklin"),
        ("summary", "Sent from Passy."),
    ]  # fmt: skip


def test_the_wikis_furniture_is_no_text() -> None:
    text = (
        '<a class="mw-jump-link" href="#c">Jump to content</a>'
        '<div id="siteSub" class="noprint">From Wikisource</div><p>Dear Sir,</p>'
        '<div class="printfooter">Retrieved from "<a href="x">x</a>"</div>'
        '<div id="catlinks" class="catlinks"><a href="c">Categories</a>: 1787 works</div>'
        '<div id="mw-navigation"><h2>Navigation menu</h2></div>'
        '<footer id="footer" role="contentinfo"><p>This page was last edited on 3 March.</p>'
        "</footer>"
    )
    page = html_to_plain(text)
    assert page.plain == "Dear Sir,"
    assert_maps_back(text, page.plain, page.plain_map)


def test_poem_lines_stay_lines() -> None:
    text = "<p>Sir,</p><poem>\nHis Excellency\nThomas   Jefferson, Esq.\n</poem><p>End.</p>"
    page = html_to_plain(text)
    assert page.plain == "Sir,\n\nHis Excellency\nThomas Jefferson, Esq.\n\nEnd."
    assert_maps_back(text, page.plain, page.plain_map)


def test_a_page_metadata_from_its_header_template(tmp_path) -> None:
    from missive.sources import read_source

    path = tmp_path / "letter.html"
    path.write_text(f"<html><head><title>X - Wikisource</title></head><body>{HEADER}"
                    "<p>Dear Sir,</p></body></html>", encoding="utf-8")  # fmt: skip
    source = read_source(path)
    assert source.metadata["title"] == "Letter to John Jay"
    assert source.metadata["author"] == "Benjamin Franklin"
