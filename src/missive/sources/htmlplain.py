"""HTML to plain text that keeps its block structure and a map back to the markup.

Each block element becomes its own paragraph (blocks are separated by one blank
line), `<br>` ends a line, whitespace collapses as a browser collapses it, entities
are decoded, and script, style, navigation and hidden elements are dropped.  Notes
(`<aside>`, lists or blocks whose class, id or role says foot- or endnote, a list
after a "Notes" heading) come out as "N. text" paragraphs.

`plain_map[i]` is the offset in the HTML of the character plain character i came
from: the character itself, the `&` of its entity, or for a character the markup
implies (a line break, an inserted note number) the `<` of the tag that implied it.
The map never decreases.  Broken markup is tolerated the way the stdlib parser
tolerates it; unclosed elements are closed where a browser would close them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

from missive.textutil import LineIndex


def _words(names: str) -> frozenset[str]:
    return frozenset(names.split())


BLOCK_TAGS = _words(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main "
    "ol p poem pre section summary table tbody tfoot thead tr ul"
)  # <poem>: a wiki's verse or address block, whose lines stay lines
HEADING_TAGS = _words("h1 h2 h3 h4 h5 h6")
SKIP_TAGS = _words("script style nav head template noscript svg iframe object canvas select button")
VOID_TAGS = _words("area base br col embed hr img input keygen link meta param source track wbr")
LIST_TAGS = _words("ol ul")
HEAD_TAGS = _words("title meta link script style base noscript template")
NOTE_ITEM_TAGS = _words("li p div aside dd section")
# Where an unclosed element ends: a new `li` closes the open `li` of its list, etc.
_IMPLICIT_CLOSE = {
    "li": ({"li"}, {"ol", "ul"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table", "tbody", "thead", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
}

_NOTE_SIGNAL = re.compile(
    r"foot.?notes?|end.?notes?|\bnotes?\b|^_?(?:fn|ftn|edn)\d*$|doc-(?:foot|end)notes?", re.I
)
_NOT_NOTES = re.compile(r"ref|back|anchor|call|link|marker", re.I)
_NOTES_HEADING = re.compile(r"^(?:foot|end)?notes?:?$|^references:?$", re.I)
_NAVIGATION = re.compile(
    r"(?:^|[-_])(?:nav|navbar|navigation|menu|breadcrumbs?|skip-?links?)$", re.I
)  # "nav", "mw-navigation"
# A wiki's page furniture: what its own stylesheet leaves out of print ("noprint"), the
# "Retrieved from" line, the category links, the "Jump to content" link.
_FURNITURE = _words("noprint ws-noexport printfooter catlinks mw-jump-link mw-editsection")
# A wiki page's header template (Wikisource): fields of the page's metadata, read before
# the template itself is dropped as furniture.
HEADER_FIELDS = {"header_title_text": "title", "header_author_text": "author",
                 "header_notes_text": "summary", "header_year_text": "date"}  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NOTE_ID = re.compile(r"(?:fn|ftn|edn|notes?)[-_:.]?(\d+)$", re.I)  # fn1, d1fn4, footnote-2
_TOKENS = re.compile(r"\s+|\S+")
_COLLAPSIBLE = re.compile(r"\s{2,}|[^\S ]")
_NUMBERED = re.compile(r"\s*\d{1,4}\.(?!\d)")
_LEADING_NUMBER = re.compile(
    r"\s*(?:\[(?P<bracket>\d{1,4})\]|\((?P<paren>\d{1,4})\)|(?P<bare>\d{1,4})(?P<punct>\)?)(?=\s))"
)


class Heading(NamedTuple):
    level: int
    text: str
    start: int  # offsets in the HTML
    end: int


class PlainText(NamedTuple):
    plain: str
    plain_map: list[int]
    title: str  # the <title>
    title_span: tuple[int, int]
    meta: list[tuple[str, str, int]]  # (name or property, content, offset of the tag)
    language: str
    headings: list[Heading]
    fields: tuple[tuple[str, str, int], ...] = ()  # (HEADER_FIELDS key, text, offset)


class _Element:
    __slots__ = ("counter", "mark", "notes", "number", "skip", "start", "tag")

    def __init__(self, tag: str, start: int) -> None:
        self.tag = tag
        self.start = start
        self.skip = False
        self.notes = False
        self.number: int | None = None
        self.counter = 0  # items seen, for lists
        self.mark: tuple[int, int] | None = None  # (chunks, plain length) at its start


def html_to_plain(text: str) -> PlainText:
    builder = _PlainBuilder(text)
    builder.feed(text)
    builder.close()
    return builder.result()


class _PlainBuilder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self._lines = LineIndex(text)
        self._text = text
        self._chunks: list[str] = []
        self._map: list[int] = []
        self._stack: list[_Element] = []
        self._break = 0  # newlines owed before the next text: 1 line, 2 paragraph
        self._break_at = 0
        self._space_at: int | None = None
        self._after_notes_heading = False
        self._title: list[str] = []
        self._title_done = False  # only the first <title> is the page's (an <svg> has its own)
        self._title_span = (0, 0)
        self._open_tags: Counter[str] = Counter()
        self._meta: list[tuple[str, str, int]] = []
        self._language = ""
        self._headings: list[Heading] = []
        self._fields: list[tuple[str, str, int]] = []
        self._captures: list[tuple[_Element, str, list[str]]] = []  # open header fields

    # -- parser callbacks -------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._here()
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            name = attributes.get("name") or attributes.get("property") or ""
            if name and attributes.get("content"):
                self._meta.append((name.lower(), attributes["content"], at))
        elif tag == "html":
            self._language = attributes.get("lang", "") or attributes.get("xml:lang", "")
        if tag == "br":
            self._line_break(at)
        elif tag == "hr":
            self._request_break(2, at)
        elif tag not in VOID_TAGS:
            self._open(tag, attributes, at)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        at = self._here()
        if tag == "br":
            self._line_break(at)
            return
        if not self._open_tags[tag]:
            return  # a stray end tag
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].tag == tag:
                self._close_from(index, at)
                return

    def handle_data(self, data: str) -> None:
        at = self._here()
        if self._open_tags["poem"] and "\n" in data.strip():
            self._add_poem_lines(data, at)
            return
        self._add(data, range(at, at + len(data)), verbatim=self._open_tags["pre"] > 0)

    def _add_poem_lines(self, data: str, at: int) -> None:
        """Text inside <poem>: each line of the source a line of its own."""
        offset = 0
        for k, piece in enumerate(data.split("\n")):
            if k and piece.strip() and self._map and self._chunks[-1][-1:] not in ("\n", ""):
                self._line_break(at + offset - 1)
            self._add(piece, range(at + offset, at + offset + len(piece)))
            offset += len(piece) + 1

    def handle_entityref(self, name: str) -> None:
        at = self._here()
        source = f"&{name};" if self._text.startswith(";", at + 1 + len(name)) else f"&{name}"
        decoded = html.unescape(source)
        if decoded == source:  # not an entity: keep the characters as written
            self._add(source, range(at, at + len(source)))
        else:
            self._add(decoded, [at] * len(decoded))

    def handle_charref(self, name: str) -> None:
        at = self._here()
        decoded = html.unescape(f"&#{name};")
        self._add(decoded, [at] * len(decoded))

    def close(self) -> None:
        super().close()
        if self._stack:
            self._close_from(0, len(self._text))

    # -- elements -----------------------------------------------------------

    def _open(self, tag: str, attributes: dict[str, str], at: int) -> None:
        self._close_implied(tag, at)
        parent = self._stack[-1] if self._stack else None
        element = _Element(tag, at)
        element.skip = (parent is not None and parent.skip) or _is_dropped(tag, attributes)
        element.notes = (parent is not None and parent.notes) or _is_notes(tag, attributes)
        if tag in LIST_TAGS:
            element.notes = element.notes or self._after_notes_heading
            element.counter = _int(attributes.get("start"), 1) - 1
        if tag == "title" and not self._title_done:
            self._title_span = (at, at)
        if key := _header_field(attributes):
            self._captures.append((element, key, []))
        if not element.skip:
            self._start_block(element, attributes, parent, at)
        self._stack.append(element)
        self._open_tags[tag] += 1

    def _start_block(
        self, element: _Element, attributes: dict[str, str], parent: _Element | None, at: int
    ) -> None:
        tag = element.tag
        if tag in BLOCK_TAGS:
            self._request_break(2, at)
        elif tag in ("td", "th") and self._space_at is None:
            self._space_at = at
        if tag == "li" and parent is not None and parent.tag in LIST_TAGS:
            parent.counter += 1
            element.number = _int(attributes.get("value"), parent.counter)
        if element.notes and tag in NOTE_ITEM_TAGS:
            number = _NOTE_ID.search(attributes.get("id", ""))
            if element.number is None and number:
                element.number = int(number[1])
            self._flush_break()
            element.mark = (len(self._chunks), len(self._map))
        elif tag in HEADING_TAGS:
            self._flush_break()
            element.mark = (len(self._chunks), len(self._map))
        elif tag == "a" and element.notes and attributes.get("href", "").startswith("#"):
            element.mark = (len(self._chunks), len(self._map))  # maybe a "↩" back-link

    def _close_implied(self, tag: str, at: int) -> None:
        # Content ends an unclosed <title> or <head>, as it does in a browser.
        if self._open_tags["title"] or (self._open_tags["head"] and tag not in HEAD_TAGS):
            for index, element in enumerate(self._stack):
                if element.tag in ("head", "title"):
                    self._close_from(index, at)
                    break
        if tag in BLOCK_TAGS and self._stack and self._stack[-1].tag == "p":
            self._close_from(len(self._stack) - 1, at)
        closes, stoppers = _IMPLICIT_CLOSE.get(tag, ((), ()))
        if not any(self._open_tags[name] for name in closes):
            return
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].tag in stoppers:
                return
            if self._stack[index].tag in closes:
                self._close_from(index, at)
                return

    def _close_from(self, index: int, at: int) -> None:
        while len(self._stack) > index:
            self._close(self._stack.pop(), at)

    def _close(self, element: _Element, at: int) -> None:
        self._open_tags[element.tag] -= 1
        if self._captures and self._captures[-1][0] is element:
            _, key, parts = self._captures.pop()
            if text := " ".join("".join(parts).split()):
                self._fields.append((key, text, element.start))
        if element.tag == "title" and not self._title_done:
            self._title_span = (self._title_span[0], at)
            self._title_done = True
        if element.skip:
            return
        if element.mark is not None and element.tag in HEADING_TAGS:
            self._record_heading(element)
        elif element.mark is not None and element.tag == "a":
            self._drop_symbol_link(element)
        elif element.mark is not None:
            self._number_note(element)
        if element.tag in BLOCK_TAGS:
            self._request_break(2, at)

    def _record_heading(self, element: _Element) -> None:
        chunk, start = element.mark or (0, 0)
        text = " ".join("".join(self._chunks[chunk:]).split())
        if text:
            self._headings.append(
                Heading(int(element.tag[1]), text, self._map[start], self._map[-1] + 1)
            )
            self._after_notes_heading = _NOTES_HEADING.match(text) is not None

    def _drop_symbol_link(self, element: _Element) -> None:
        """A link in a note with no letter or digit ("↩", "^") leads back to the text."""
        chunk, start = element.mark or (0, 0)
        if not any(c.isalnum() for c in "".join(self._chunks[chunk:])):
            del self._chunks[chunk:]
            del self._map[start:]

    def _number_note(self, element: _Element) -> None:
        """Give a note paragraph the form "N. text"."""
        chunk, start = element.mark or (0, 0)
        segment = "".join(self._chunks[chunk:])
        if not segment.strip():
            return
        numbered = _numbered(segment, self._map[start:], element.number, element.start, self._text)
        if numbered is not None:
            del self._chunks[chunk:]
            del self._map[start:]
            self._chunks.append(numbered[0])
            self._map.extend(numbered[1])

    # -- output ---------------------------------------------------------------

    def _add(self, text: str, origins: range | list[int], verbatim: bool = False) -> None:
        for _, _, parts in self._captures:
            parts.append(text)
        if self._open_tags["title"]:
            if not self._title_done:
                self._title.append(text)
            return
        if self._stack and self._stack[-1].skip:
            return
        if verbatim:
            self._flush()
            self._emit(text, origins)
            return
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        if start and self._space_at is None:
            self._space_at = origins[0]
        if start >= end:
            return
        words = text[start:end]
        if _COLLAPSIBLE.search(words):
            for token in _TOKENS.finditer(words):
                if token[0].isspace():
                    if self._space_at is None:
                        self._space_at = origins[start + token.start()]
                else:
                    self._flush()
                    self._emit(token[0], origins[start + token.start() : start + token.end()])
        else:  # single spaces only: the words pass through as they are
            self._flush()
            self._emit(words, origins[start:end])
        if end < len(text):
            self._space_at = origins[end]

    def _emit(self, text: str, origins: range | list[int]) -> None:
        self._chunks.append(text)
        self._map.extend(origins)
        self._after_notes_heading = False

    def _flush(self) -> None:
        """Write the line break or space owed before the next text."""
        if self._map and self._break:
            self._newlines(self._break, self._break_at)
        elif self._map and self._space_at is not None and self._chunks[-1][-1] != "\n":
            self._chunks.append(" ")
            self._map.append(self._space_at)
        self._break = 0
        self._space_at = None

    def _flush_break(self) -> None:
        if self._break:
            self._flush()

    def _request_break(self, level: int, at: int) -> None:
        if level > self._break:
            self._break, self._break_at = level, at

    def _line_break(self, at: int) -> None:
        if self._stack and self._stack[-1].skip:
            return
        self._flush_break()
        self._space_at = None
        if self._map and self._trailing_newlines() < 2:
            self._chunks.append("\n")
            self._map.append(at)

    def _newlines(self, level: int, at: int) -> None:
        missing = level - self._trailing_newlines()
        if missing > 0:
            self._chunks.append("\n" * missing)
            self._map.extend([at] * missing)

    def _trailing_newlines(self) -> int:
        count = 0
        for chunk in reversed(self._chunks):
            stripped = chunk.rstrip("\n")
            count += len(chunk) - len(stripped)
            if stripped or count >= 2:
                break
        return count

    def _here(self) -> int:
        line, column = self.getpos()
        return self._lines.start_of(line) + column

    def result(self) -> PlainText:
        plain = "".join(self._chunks)
        kept = len(plain.rstrip())
        title = " ".join("".join(self._title).split())
        return PlainText(
            plain[:kept],
            self._map[:kept],
            title,
            self._title_span,
            self._meta,
            self._language,
            self._headings,
            tuple(self._fields),
        )


def _is_dropped(tag: str, attributes: dict[str, str]) -> bool:
    """Script, navigation, hidden elements, and footnote back-links ("↩")."""
    if tag in SKIP_TAGS or "hidden" in attributes:
        return True
    if _HIDDEN_STYLE.search(attributes.get("style", "")):
        return True
    role = attributes.get("role", "")
    if role in ("navigation", "contentinfo") or any(
        _NAVIGATION.search(word) or word in _FURNITURE
        for name in ("id", "class")
        for word in attributes.get(name, "").split()
    ):
        return True
    return tag == "a" and ("backlink" in role or "back" in attributes.get("class", ""))


def _header_field(attributes: dict[str, str]) -> str | None:
    """The metadata key of a wiki header template's field ("header_author_text")."""
    for name in ("id", "class"):
        for word in attributes.get(name, "").split():
            if word in HEADER_FIELDS:
                return HEADER_FIELDS[word]
    return None


def _is_notes(tag: str, attributes: dict[str, str]) -> bool:
    """A block whose class, id or role says it holds foot- or endnotes."""
    if tag == "aside":
        return True
    if tag not in BLOCK_TAGS:
        return False
    for name in ("class", "id", "role"):
        for word in attributes.get(name, "").split():
            if _NOTE_SIGNAL.search(word) and not _NOT_NOTES.search(word):
                return True
    return False


def _numbered(
    segment: str, origins: list[int], number: int | None, tag_at: int, html_text: str
) -> tuple[str, list[int]] | None:
    """`segment` as "N. text": an existing "[N]", "(N)", "N)" or bare "N" becomes "N.",
    keeping its digits; else the element's number is put in front.  None: unchanged."""
    if _NUMBERED.match(segment):
        return None
    match = _LEADING_NUMBER.match(segment)
    if match and match["bare"] and not match["punct"]:
        # A bare number is the note's own when it is the number expected, or when
        # markup closes right after it (<sup>4</sup>); else it is a year or a figure.
        after = origins[match.end("bare") - 1] + 1
        if (number is None and not html_text.startswith("<", after)) or (
            number is not None and int(match["bare"]) != number
        ):
            match = None
    if match:
        name = "bracket" if match["bracket"] else "paren" if match["paren"] else "bare"
        start, end = match.start(name), match.end(name)
        rest = match.end()
        # The "." stands where the markup after the digits stood ("]", ")", "</sup>").
        dot = "." if segment[rest : rest + 1].isspace() else ". "
        return (
            segment[start:end] + dot + segment[rest:],
            [*origins[start:end], *[origins[end - 1] + 1] * len(dot), *origins[rest:]],
        )
    if number is None:
        return None
    prefix = f"{number}. "
    body = len(segment) - len(segment.lstrip())
    return prefix + segment[body:], [tag_at] * len(prefix) + origins[body:]


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default
