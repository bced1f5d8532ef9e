"""A parsed source whose every text field is an attacker's string, and a check that a
page shows such strings only as text."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from missive.model import (
    Document,
    Evidence,
    Inferred,
    Link,
    Mention,
    Note,
    NoteRef,
    Paragraph,
    Party,
    Source,
    Span,
    Witness,
)

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'><svg onload=alert(1)>",
    "</textarea><iframe src=//evil>",
    "{{ 7*7 }} {% raw %}",
)
# What the reader's own templates may contain; anything else came from the data.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "nav", "ul",
    "ol", "li", "form", "label", "input", "button", "main", "footer", "p", "section", "h1",
    "h2", "h3", "cite", "code", "table", "thead", "tbody", "tr", "th", "td", "span", "div",
    "dl", "dt", "dd", "details", "summary", "q", "em", "strong", "sup", "time", "article",
    "aside", "figure", "figcaption", "svg", "rect", "line", "g", "text", "circle", "select",
    "path", "desc",
    "option", "fieldset", "legend", "mark", "blockquote", "br", "pre",
}  # fmt: skip


def hostile_source(payload: str, name: str = "hostile.txt") -> Source:
    text = "\n".join(
        ["HEADER", f"No. 1 {payload}", f"Body {payload} 1", "", "NOTES", f"1 {payload}"]
    )
    span = Span(0, len(text))
    evidence = Evidence("rule " + payload, 0.5, Span(0, 6), payload, note=payload)
    party = Party("evil" + payload, "Name " + payload, evidence)
    inferred = Inferred(payload, evidence)
    first = Document(
        id="hostile-1",
        ordinal=0,
        span=span,
        start_line=2,
        end_line=3,
        number=Inferred(1, evidence),
        number_printed=True,
        kind=inferred,
        senders=[party],
        recipients=[Party("stalin", "Joseph " + payload, evidence)],
        dates={"dated": Inferred("1943-01-02", evidence)},
        place=inferred,
        channel=inferred,
        classification=inferred,
        salutation=inferred,
        closing=inferred,
        signature=inferred,
        body=[Paragraph(Span(20, 30), f"Body {payload} findme")],
        note_refs=[NoteRef(1, Span(28, 29), "spaced")],
        links=[
            Link("replies_to", "hostile-2", evidence),
            Link("cites", None, evidence, target_description=payload),
            Link(payload, "hostile-2", evidence),
        ],
        witnesses=[
            Witness(payload, span, 2, 3, f"one {payload} two"),
            Witness("b" + payload, span, 2, 3, f"one {payload}{payload} three"),
        ],
        entities=[
            {
                "key": "k" + payload,
                "type": payload,
                "name": payload,
                "count": 2,
                "mentions": [{"text": payload, "context": payload}],
            }
        ],  # fmt: skip
        mentions=[Mention("k" + payload, payload, payload, Span(20, 30), evidence)],
        warnings=[payload],
    )
    second = Document(
        id="hostile-2",
        ordinal=1,
        span=span,
        start_line=3,
        end_line=3,
        senders=[Party("stalin", payload, evidence)],
        dates={"sent": Inferred("1943-01-01", evidence)},
        body=[Paragraph(Span(0, 5), f"findme {payload}")],
    )
    return Source(
        name=name,
        path="/corpus/" + name,
        sha256=hashlib.sha256((text + payload).encode("utf-8", "surrogatepass")).hexdigest(),
        format="txt",
        text=text,
        metadata={"title": payload, "citation": "cited " + payload, "rights": payload},
        documents=[first, second],
        notes=[Note(1, payload, span, 6, 6)],
    )


class Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def injected_markup(html: str) -> list[str]:
    """What in `html` could only have come from data rendered as markup."""
    parser = Elements()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.tags:
        if tag not in ALLOWED_TAGS:
            problems.append(f"element <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "//")
            ):
                problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script" and attrs.get("src") != "/static/missive.js":
            problems.append("a script other than the reader's own")
    return problems
