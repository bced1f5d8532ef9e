"""The search query language, read into a small syntax tree.

    second front                 both words (AND is implied between terms)
    "second front"               the exact phrase
    stalin OR churchill          either; NOT word or -word excludes; ( ) groups
    front*                       words starting with "front"
    from:stalin to:"Uncle Joe" party:molotov mentions:hull kind:telegram source:NAME
    date:1943-02..1943-06  year:1944  number:75  number:70..80  has:notes
    sort:date  sort:relevance

Precedence: NOT binds tightest, then AND (explicit or implied), then OR.  Every
malformed query raises :class:`QueryError` with what is wrong and what would work.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from missive.errors import QueryError
from missive.search.text import analyze

MAX_QUERY_CHARS = 2000
MAX_DEPTH = 32
MIN_PREFIX_CHARS = 2

PARTY_FIELDS = ("from", "to", "party")
KEYWORD_FIELDS = ("mentions", "kind", "source")
RANGE_FIELDS = ("date", "year", "number")
FIELDS = (*PARTY_FIELDS, *KEYWORD_FIELDS, *RANGE_FIELDS, "has", "sort")
HAS_VALUES = ("notes",)
SORTS = ("relevance", "date")
OPERATORS = ("AND", "OR", "NOT")


# --- the syntax tree --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A word (analyzed: lowercase, accents folded); `prefix` for ``word*``."""

    text: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive words, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Party:
    """from: / to: / party: with the person key the name resolves to."""

    role: str  # "from" | "to" | "party"
    key: str
    name: str  # as typed


@dataclass(frozen=True, slots=True)
class Keyword:
    """mentions: / kind: / source: — an exact value, or a prefix with ``*``."""

    field: str
    value: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Range:
    """date: as YYYYMMDD integers (00/99 for an open month or day), year:, number:."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Has:
    what: str


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Word | Phrase | Party | Keyword | Range | Has | And | Or | Not


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: `root` is None when only ``sort:`` was given."""

    root: Node | None
    sort: str = "relevance"
    text: str = ""


# --- tokens -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "term" | "phrase" | "field" | "op" | "neg" | "(" | ")"
    text: str
    field: str = ""


_FIELD_RE = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Token(ch, ch))
            i += 1
        elif ch == '"':
            end = _closing_quote(query, i)
            out.append(_Token("phrase", query[i + 1 : end]))
            i = end + 1
        elif ch == "-" and i + 1 < n and (query[i + 1] in '"(' or query[i + 1].isalnum()):
            out.append(_Token("neg", "-"))
            i += 1
        else:
            i = _bare(query, i, out)
    return out


def _closing_quote(query: str, start: int) -> int:
    end = query.find('"', start + 1)
    if end == -1:
        raise QueryError(
            f'unbalanced quote at character {start + 1}: close the phrase with " '
            '(like "second front") or remove the quote'
        )
    return end


def _bare(query: str, i: int, out: list[_Token]) -> int:
    """A bare chunk: an operator, a field (its value may be quoted) or a term."""
    start = i
    while i < len(query) and not query[i].isspace() and query[i] not in '()"':
        i += 1
    chunk = query[start:i]
    field = _FIELD_RE.match(chunk)
    if field:
        name = field.group(1)
        value = field.group(2)
        if not value and i < len(query) and query[i] == '"':
            end = _closing_quote(query, i)
            value, i = query[i + 1 : end], end + 1
        out.append(_Token("field", value, name))
    elif chunk in OPERATORS:
        out.append(_Token("op", chunk))
    else:
        out.append(_Token("term", chunk))
    return i


# --- the parser ---------------------------------------------------------------


def parse(query: str) -> Query:
    """The syntax tree of `query`; :class:`QueryError` if it is malformed."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    if not query.strip():
        raise QueryError(
            'empty query: type a word, a "quoted phrase" or a filter such as from:stalin'
        )
    tokens = _tokens(query)
    sort, rest = _take_sort(tokens)
    root = _Parser(rest).parse() if rest else None
    if root is None and rest == tokens:
        raise QueryError(
            f'nothing to search for in {query!r}: type a word, a "quoted phrase" or a filter '
            "such as from:stalin (sort:date alone lists every document)"
        )
    return Query(root, sort, query)


def _take_sort(tokens: list[_Token]) -> tuple[str, list[_Token]]:
    sorts = [t for t in tokens if t.kind == "field" and t.field.lower() == "sort"]
    if len(sorts) > 1:
        raise QueryError("sort: given more than once; keep one, sort:date or sort:relevance")
    if not sorts:
        return "relevance", tokens
    value = sorts[0].text.lower()
    if value not in SORTS:
        raise QueryError(
            f"sort:{sorts[0].text} is not a sort order; use sort:date or sort:relevance"
        )
    at = tokens.index(sorts[0])
    if at > 0 and tokens[at - 1].kind in ("neg", "op") and tokens[at - 1].text != "AND":
        raise QueryError("sort: cannot be negated or combined with OR; put it on its own")
    return value, tokens[:at] + tokens[at + 1 :]


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def parse(self) -> Node | None:
        node = self._or()
        if self.at < len(self.tokens):
            token = self.tokens[self.at]
            if token.kind == ")":
                raise QueryError("unmatched ')': remove it or add a '(' before it")
            raise QueryError(f"unexpected {token.text!r}")  # pragma: no cover - defensive
        return node

    def _peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _or(self) -> Node | None:
        items = [self._and()]
        while (token := self._peek()) is not None and token.kind == "op" and token.text == "OR":
            self.at += 1
            items.append(self._and())
        if len(items) > 1 and any(item is None for item in items):
            raise QueryError("OR needs a term on both sides, like stalin OR churchill")
        return _combine(Or, items)

    def _and(self) -> Node | None:
        items: list[Node | None] = []
        while (token := self._peek()) is not None:
            if token.kind == ")" or (token.kind == "op" and token.text == "OR"):
                break
            if token.kind == "op" and token.text == "AND":
                if not items:
                    raise QueryError("AND needs a term on both sides, like stalin AND churchill")
                self.at += 1
                following = self._peek()
                if (
                    following is None
                    or following.kind == ")"
                    or (following.kind == "op" and following.text in ("AND", "OR"))
                ):
                    raise QueryError("AND needs a term on both sides, like stalin AND churchill")
                continue
            items.append(self._unary())
        if not items:
            token = self._peek()
            if token is not None and token.kind == "op":
                raise QueryError(
                    f"{token.text} needs a term on both sides, like stalin {token.text} churchill"
                )
            return None
        return _combine(And, items)

    def _unary(self) -> Node | None:
        negations = 0
        while (token := self._peek()) is not None and (
            token.kind == "neg" or (token.kind == "op" and token.text == "NOT")
        ):
            negations += 1
            self.at += 1
        token = self._peek()
        if negations and (token is None or token.kind in (")", "op")):
            raise QueryError("NOT (or -) needs a term after it, like NOT churchill or -churchill")
        node = self._primary()
        if node is None or negations % 2 == 0:
            return node
        return Not(node)

    def _primary(self) -> Node | None:
        token = self.tokens[self.at]
        self.at += 1
        if token.kind == "(":
            return self._group()
        if token.kind == ")":
            raise QueryError("unmatched ')': remove it or add a '(' before it")
        if token.kind == "phrase":
            return _phrase(token.text)
        if token.kind == "field":
            return _field(token.field, token.text)
        return _term(token.text)

    def _group(self) -> Node | None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"too many nested parentheses (at most {MAX_DEPTH} levels)")
        node = self._or()
        token = self._peek()
        if token is None or token.kind != ")":
            raise QueryError("missing ')': every '(' needs a matching ')'")
        self.at += 1
        self.depth -= 1
        if node is None:
            raise QueryError("empty parentheses: put a term inside, like (stalin OR churchill)")
        return node


def _combine(kind: type[And] | type[Or], items: list[Node | None]) -> Node | None:
    kept = tuple(item for item in items if item is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(kept)


# --- terms ------------------------------------------------------------------


def _term(text: str) -> Node | None:
    """A bare word; punctuation inside ("C-47") makes it a phrase; none at all drops it."""
    prefix = text.endswith("*")
    words = analyze(text.rstrip("*"))
    if not words:
        if prefix:
            raise QueryError("a * needs letters before it, like front*")
        return None
    if prefix:
        if len(words[-1]) < MIN_PREFIX_CHARS:
            raise QueryError(
                f"prefix {text!r} is too short: give at least {MIN_PREFIX_CHARS} letters before *"
            )
        if len(words) > 1:
            raise QueryError(f"{text!r}: a * works on one word, like front*")
        return Word(words[0], prefix=True)
    return Word(words[0]) if len(words) == 1 else Phrase(tuple(words))


def _phrase(text: str) -> Node | None:
    words = analyze(text)
    if not words:
        return None
    return Word(words[0]) if len(words) == 1 else Phrase(tuple(words))


# --- fields -----------------------------------------------------------------


def _field(name: str, value: str) -> Node:
    field = name.lower()
    if field not in FIELDS:
        raise QueryError(
            f"unknown field {name}:; use one of {', '.join(f + ':' for f in FIELDS)} "
            f'(or quote it, "{name}:{value}", to search the text)'
        )
    value = value.strip()
    if not value:
        raise QueryError(f"{field}: needs a value, like {_EXAMPLES[field]}")
    if field in PARTY_FIELDS:
        return _party(field, value)
    if field in KEYWORD_FIELDS:
        prefix = value.endswith("*")
        bare = value.rstrip("*").strip()
        if not bare:
            raise QueryError(f"{field}: needs a value, like {_EXAMPLES[field]}")
        if field == "mentions" and not prefix:
            return Keyword(field, _entity_key(bare))
        return Keyword(field, bare if field == "source" else bare.lower(), prefix)
    if field == "has":
        if value.lower() not in HAS_VALUES:
            raise QueryError(f"has:{value} is unknown; use has:notes")
        return Has(value.lower())
    if field == "date":
        return _date_range(value)
    return _int_range(field, value)


_EXAMPLES = {
    "from": "from:stalin",
    "to": 'to:"Uncle Joe"',
    "party": "party:molotov",
    "mentions": "mentions:hull",
    "kind": "kind:telegram",
    "source": "source:volume.txt",
    "date": "date:1943-02..1943-06",
    "year": "year:1944",
    "number": "number:75",
    "has": "has:notes",
    "sort": "sort:date",
}


def _entity_key(name: str) -> str:
    """An entity key as typed ("second-front"), or the key an authority alias names."""
    from missive.authority import load

    return load().resolve(name) or name.lower()


def _party(role: str, name: str) -> Party:
    from missive.authority import load

    key = load().key_for(name)
    if not key:
        raise QueryError(f"{role}:{name} names nobody; use a surname, like {_EXAMPLES[role]}")
    return Party(role, key, name)


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_INT_RE = re.compile(r"^\d{1,9}$")


def _date_range(value: str) -> Range:
    low_text, sep, high_text = value.partition("..")
    if not sep:
        low_text = high_text = value
    if not low_text and not high_text:
        raise QueryError("date:.. needs at least one end, like date:1943-02..1943-06")
    low = _date_bound(low_text, end=False) if low_text else None
    high = _date_bound(high_text, end=True) if high_text else None
    if low is not None and high is not None and low > high:
        raise QueryError(f"date:{value} ends before it begins; put the earlier date first")
    return Range("date", low, high)


def _date_bound(text: str, end: bool) -> int:
    m = _DATE_RE.match(text.strip())
    if not m:
        raise QueryError(
            f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, like date:1943-02..1943-06"
        )
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return year * 10000 + (9999 if end else 0)
    if not 1 <= int(month) <= 12:
        raise QueryError(f"impossible date {text!r}: months run from 01 to 12")
    if day is None:
        return year * 10000 + int(month) * 100 + (99 if end else 0)
    last = calendar.monthrange(year, int(month))[1] if year >= 1 else 31
    if not 1 <= int(day) <= last:
        raise QueryError(
            f"impossible date {text!r}: {calendar.month_name[int(month)]} {year} has {last} days"
        )
    return year * 10000 + int(month) * 100 + int(day)


def _int_range(field: str, value: str) -> Range:
    low_text, sep, high_text = value.partition("..")
    if not sep:
        high_text = low_text
    bounds = []
    for text in (low_text, high_text):
        text = text.strip()
        if text and not _INT_RE.match(text):
            raise QueryError(
                f"{field}:{value} needs a whole number or a range, like {_EXAMPLES[field]} "
                f"or {field}:{'1943..1944' if field == 'year' else '70..80'}"
            )
        bounds.append(int(text) if text else None)
    low, high = bounds
    if low is None and high is None:
        raise QueryError(f"{field}:.. needs at least one end, like {_EXAMPLES[field]}")
    if low is not None and high is not None and low > high:
        raise QueryError(f"{field}:{value} ends before it begins; put the smaller number first")
    return Range(field, low, high)
