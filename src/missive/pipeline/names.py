"""Finding names in a text: candidate mentions from the authority file's forms, titles
with names, office titles, initials with surnames, quoted code names and other
capitalised words.  `settle` then keeps one candidate per stretch of text.

Compute, then annotate: every finder returns :class:`Candidate` values over one text;
conflicts are settled in one place (:func:`settle`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from missive.authority import TITLE_WORDS, Authority

# Confidence of each way of finding a name.
EXACT = 0.95  # a form of the authority file, several words or a title with a known name
SURNAME = 0.9  # a bare surname (or one-word name) the authority file lists
OFFICE = 0.85  # "the President": the holder of the office on the document's date
EDITION = 0.8  # a code name or pseudonym the edition's notes explain
AMBIGUOUS = 0.5
UNRESOLVED = 0.3

_AFTER = r"(?![A-Za-z\-])"  # a name ends before a letter; digits may follow (fused markers)
_BEFORE = r"(?<![\w\-])"
_NAME_WORD = r"[A-Z][a-zà-ÿ]+(?:['’-][A-Za-z][a-zà-ÿ]+)*"
_INITIALS = r"(?:[A-Z]\.\s?){1,3}"
_TITLED = re.compile(
    rf"{_BEFORE}(?P<title>{TITLE_WORDS})\s+(?P<name>(?:{_INITIALS})?{_NAME_WORD}"
    rf"(?:[ \t]+(?P<second>{_NAME_WORD}))?){_AFTER}"
)
# The "(?=[A-Z])" in front only makes the scan quick: every match starts with a capital.
_INITIALLED = re.compile(
    rf"(?=[A-Z])(?<![\w\-.])(?P<name>(?:(?P<forename>{_NAME_WORD})\s+)?{_INITIALS}{_NAME_WORD}){_AFTER}"
)
_QUOTED = re.compile(r'"(?P<name>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)[.,]?"')
_CAPITALISED = re.compile(rf"(?=[A-Z]){_BEFORE}{_NAME_WORD}(?:\s+(?:of\s+)?{_NAME_WORD})*{_AFTER}")
# Words a title may precede that are not names ("General Staff", "Secretary General").
_NOT_NAME_WORDS = (
    "Staff Staffs Government Governments Command Commander Headquarters Assembly Council "
    "Committee Army Navy Officers Officer Conference Commission President Minister "
    "Secretary Ambassador Commissar Commissars Chairman Department Mission Embassy"
)
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
# Capitalised words that are not names of anything the authority file would hold.
_COMMON_WORDS = (
    "A An The Prime I I'm I'll I've I'd Mr Mrs Dr Sir Yours Dear My Your Our We He She They "
    "It This That These Those There Then When Where While What Which Who If As In On At To "
    "For From By With But And Or Not No Yes So Thank Please Best Warm Cordially Sincerely "
    "Always January February March April May June July August September October November "
    "December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Soviet Soviets "
    "German Germans American Americans British English French Italian Italians Russian "
    "Russians Japanese Polish Pole Poles Chinese Portuguese Spaniards Turks Greeks "
    "Yugoslavs Nazi Nazis Fascist Allied Allies Ally Axis Anglo-American Anglo-Portuguese "
    "Hitlerites Hitlerite Government Governments Army Navy Air Force Staff Staffs Command "
    "Supreme Commander Commander-in-Chief Chiefs Embassy Legation Ambassador Ambassadors "
    "Minister Ministers Premier President Secretary Marshal General Admiral Protocol "
    "Agreement Declaration Note Article Paragraph Document Conference Committee Commission "
    "Instrument Surrender Armistice Front Fronts Powers Power State States Republic "
    "Republics Union People's Commissariat Commissar Foreign Affairs Office Mission "
    "Military Political Eastern Western Northern Southern Central Deputy Chairman Council "
    "Congress Constitution Cabinet Charge d'Affaires Whereas Secret Received Sent Original "
    "Transcript Contents Summary Citation Language Container Paraphrase PARAPHRASE From P.S"
)
_COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str
    key: str | None
    type: str
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Form:
    """A written form of an entity that the text may contain."""

    text: str
    key: str
    type: str
    rule: str
    confidence: float


class Gazetteer:
    """The forms of the authority file, plus aliases a corpus adds (its edition's notes).

    Forms compare without a leading article, in any case after the first letter, whatever
    the spacing ("Washington conference"); a form written only as "the X" matches X only
    after "the".  `find` looks the text's words up in a table, which keeps it linear in
    the length of the text whatever the size of the authority file.
    """

    def __init__(self, authority: Authority, extra: Iterable[Form] = ()) -> None:
        self.authority = authority
        self.forms: dict[str, list[Form]] = {}  # by _match_key
        for entry in authority.entries.values():
            for text in entry.forms():
                single = " " not in text.strip() and entry.type == "person"
                conf = SURNAME if single else EXACT
                self._add(Form(text, entry.key, entry.type, "authority file", conf))
        for form in extra:
            self._add(form)
        self._first_words = {key.split()[0] for key in self.forms}
        initials = {_body(f.text)[0] for forms in self.forms.values() for f in forms}
        self._starts = re.compile(
            r"(?:^|(?<=[\s—–])|(?<=[a-z]\.))[^\w\s—–]*(?P<first>["
            + re.escape("".join(sorted(initials)))
            + "])",
            re.M,
        )
        self._longest = max((len(key.split()) for key in self.forms), default=1)
        # Whether a word (with the character after it) can begin a form: most words
        # cannot, and the same words come again and again.
        self._known_first: dict[str, bool] = {}
        self._offices: re.Pattern[str] | None = None
        self._holders: dict[tuple[str, str | None], list[str]] = {}

    def _add(self, form: Form) -> None:
        known = self.forms.setdefault(_match_key(form.text), [])
        if all(f.key != form.key for f in known):
            known.append(form)

    def find(self, text: str, offset: int = 0) -> Iterator[Candidate]:
        taken = 0
        for m in self._starts.finditer(text):
            start = m.start("first")
            if start < taken:
                continue
            found = self._longest_at(text, start)
            if found is not None:
                end, forms = found
                yield _candidate_of(forms, start + offset, end + offset, text[start:end])
                taken = end

    def _longest_at(self, text: str, start: int) -> tuple[int, list[Form]] | None:
        """The longest form that starts at `start` (a word's first letter), if any."""
        first = _WORD.match(text, start)
        if first is None:
            return None
        head = text[start : first.end() + 1]
        known = self._known_first.get(head)
        if known is None:
            known = self._known_first[head] = any(
                text[start:e].lower() in self._first_words for e in _ends(text, start, first.end())
            )
        if not known:
            return None
        words = [(start, first.end())]
        for m in _WORD.finditer(text, first.end()):
            if len(words) == self._longest:
                break
            words.append((m.start(), m.end()))
        for last_start, last_end in reversed(words):
            for end in _ends(text, max(start, last_start), last_end):
                forms = self.forms.get(_match_key(text[start:end]))
                if forms and self._fits(forms, text, start):
                    return end, forms
        return None

    def office_pattern(self) -> re.Pattern[str]:
        """The pattern of the authority's bare office titles ("the President")."""
        if self._offices is None:
            self._offices = _office_pattern(frozenset(self.authority.short_titles()))
        return self._offices

    def office_holders(self, title: str, iso_date: str | None) -> list[str]:
        """Who held the office called `title` on `iso_date` (one look-up per title and date)."""
        holders = self._holders.get((title, iso_date))
        if holders is None:
            holders = self._holders[(title, iso_date)] = self.authority.short_title_holders(
                title, iso_date
            )
        return holders

    def _fits(self, forms: list[Form], text: str, start: int) -> bool:
        body = _body(forms[0].text)
        if text[start] != body[0]:  # the first letter as the form writes it
            return False
        if all(_body(f.text) != f.text for f in forms):  # only ever written "the X"
            return _AFTER_ARTICLE.search(text, max(0, start - 8), start) is not None
        return True

    def resolve(self, name: str) -> tuple[str, str, float, str] | None:
        """(key, type, confidence, rule) for a name written `name`, if any form matches."""
        forms = self.forms.get(_match_key(name))
        if not forms:
            return None
        c = _candidate_of(forms, 0, 0, name)
        return (c.key, c.type, c.confidence, c.rule) if c.key else None


# A word: up to a space or a dash; a full stop ends it when a capitalised word follows
# at once ("Army.Staff"), not inside initials ("U.S.S.R.").
_AFTER_ARTICLE = re.compile(r"(?<![\w-])[Tt]he\s+[^\w\s]*$")
_WORD = re.compile(r"(?:[^\s—–.]|\.(?![A-Z][a-z]))+\.?")
_ARTICLE = re.compile(r"^the\s+", re.I)


@lru_cache(maxsize=4096)
def _body(form: str) -> str:
    return _ARTICLE.sub("", form.strip())


# A name's last word, then what may follow it: a possessive, a fused note marker
# ("Staff24"), punctuation.
_WORD_END = re.compile(r"(?P<core>.+?)(?:['’]s?)?\d*[^\w]*", re.S)


def _ends(text: str, start: int, end: int) -> list[int]:
    """Where a name ending in the word text[start:end] may end, longest first: with and
    without a final full stop ("U.S.A.", "Dr." but "Italy.")."""
    return [start + e for e in _word_ends(text[start : end + 1], end - start)]


@lru_cache(maxsize=16384)
def _word_ends(word: str, end: int) -> tuple[int, ...]:
    """`_ends` of word[:end] (word[end], if any, is the character after it)."""
    m = _WORD_END.fullmatch(word, 0, end)
    if m is None:
        return ()
    core_end = m.end("core")
    return (core_end + 1, core_end) if word[core_end : core_end + 1] == "." else (core_end,)


@lru_cache(maxsize=16384)
def _match_key(text: str) -> str:
    """Forms compare without a leading article, in any case, whatever the spacing."""
    return _ARTICLE.sub("", " ".join(text.split()).lower())


def _candidate_of(forms: list[Form], start: int, end: int, written: str) -> Candidate:
    if len(forms) == 1:
        f = forms[0]
        return Candidate(start, end, written, f.key, f.type, f.rule, f.confidence)
    types = {f.type for f in forms}
    return Candidate(start, end, written, None, types.pop() if len(types) == 1 else "unknown",
                     "ambiguous form: " + ", ".join(f.key for f in forms), AMBIGUOUS)  # fmt: skip


# --- the other finders -----------------------------------------------------------


def titled_names(text: str, gazetteer: Gazetteer, offset: int = 0) -> Iterator[Candidate]:
    """ "General Eisenhower", "Mr Hull", "Marshal Pietro Badoglio": a title and a name."""
    for m in _TITLED.finditer(text):
        name = m.group("name")
        if name.split()[0] in _NOT_NAME:
            continue
        names = [name]
        if m.group("second"):  # "Marshal Pietro Badoglio", else "General Eisenhower Monday"
            names.append(text[m.start("name") : m.start("second")].rstrip())
        for i, option in enumerate(names):
            written = text[m.start() : m.start("name") + len(option)]
            found = (
                gazetteer.resolve(written)
                or _resolve_name(option, gazetteer)
                or _resolve_name(option.replace("-", ""), gazetteer)  # "Molo-tov"
            )
            if not found and i < len(names) - 1:
                continue
            key, type_, conf, rule = found or (None, "person", UNRESOLVED, "")
            if type_ == "person":
                yield Candidate(m.start() + offset, m.start() + len(written) + offset, written,
                                key, "person",
                                f"title and name ({rule})" if rule else "title and name",
                                conf)  # fmt: skip
            break


def _resolve_name(name: str, gazetteer: Gazetteer) -> tuple[str, str, float, str] | None:
    key = gazetteer.authority.resolve(name)
    entry = gazetteer.authority.get(key) if key else None
    if entry is None or entry.type != "person":
        return None
    if name.split()[-1] != entry.surname and not gazetteer.resolve(name.split()[-1]):
        return None
    return (key, "person", EXACT, "authority file")


def initialled_names(
    text: str, gazetteer: Gazetteer, offset: int = 0, lowercase_words: set[str] | None = None
) -> Iterator[Candidate]:
    """ "V. M. Molotov", "Joseph E. Davies": initials and a surname."""
    for m in _INITIALLED.finditer(text):
        start = m.start()
        forename = m.group("forename")
        if forename and (forename in _COMMON or forename.lower() in (lowercase_words or ())):
            start = m.start("forename") + len(forename) + 1  # "To J. V. Stalin"
            start += len(text[start:]) - len(text[start:].lstrip())
        name = text[start : m.end()]
        last = name.split()[-1]
        if last in _COMMON or last in _NOT_NAME or last.lower() in (lowercase_words or ()):
            continue
        found = gazetteer.resolve(name) or _resolve_name(name, gazetteer)
        key = found[0] if found else None
        yield Candidate(start + offset, m.end() + offset, name, key, "person",
                        "initials and surname", EXACT if key else UNRESOLVED)  # fmt: skip


_HYPHENATED = re.compile(r"(?=[A-Z])(?<![\w-])([A-Z][a-z]+)-([A-Z][a-z]+)(?![\w-])")


def hyphenated_places(text: str, gazetteer: Gazetteer, offset: int = 0) -> Iterator[Candidate]:
    """ "a line Venice-Leghorn": two places joined by a hyphen."""
    for m in _HYPHENATED.finditer(text):
        found = [gazetteer.resolve(m.group(i)) for i in (1, 2)]
        if all(f and f[1] == "place" for f in found):
            for i, (key, type_, conf, rule) in zip((1, 2), found, strict=True):  # type: ignore[misc]
                yield Candidate(m.start(i) + offset, m.end(i) + offset, m.group(i), key, type_,
                                rule, conf)  # fmt: skip


def offices(
    text: str, gazetteer: Gazetteer, iso_date: str | None, offset: int = 0
) -> Iterator[Candidate]:
    """ "the President", "Mr President", "the Secretary of State": the office's holder on
    the document's date."""
    for m in gazetteer.office_pattern().finditer(text):
        title = m.group("title")
        qualifier = m.group("qualifier")
        holders = gazetteer.office_holders(title, iso_date)
        if qualifier and not _qualifier_is_holders_country(qualifier, holders, gazetteer):
            continue
        if len(holders) != 1:
            continue
        yield Candidate(m.start("title") + offset, m.end("title") + offset, title, holders[0],
                        "person", f"office held on {iso_date or 'an unknown date'}", OFFICE)  # fmt: skip


@cache
def _office_pattern(titles: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(titles, key=len, reverse=True)
    )
    # A quick first test (a title's first letter) spares the look-behinds at most positions.
    initials = "".join(sorted({t.split()[0][0] for t in titles if t.split()}))
    quick = f"(?=[{re.escape(initials)}])" if initials else ""
    return re.compile(
        rf"{quick}(?:(?<=\bthe\s)|(?<=\bThe\s)|(?<=\bMr\s)|(?<=\bMr\.\s))(?P<title>{alternatives})"
        r"(?![\w'’])(?:\s+(?:of|to|at|in)\s+(?P<qualifier>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*))?"
    )


_MONTHS_WORDS = (
    "January February March April May June July August September October November December"
)
_MONTHS = frozenset(_MONTHS_WORDS.split())


def _qualifier_is_holders_country(qualifier: str, holders: list[str], gaz: Gazetteer) -> bool:
    if qualifier.split()[0] in _MONTHS:  # "the Prime Minister of June 21": his message
        return True
    found = gaz.resolve(qualifier) or gaz.resolve(re.sub(r"^the\s+", "", qualifier))
    if not found or len(holders) != 1:
        return False
    entry = gaz.authority.get(holders[0])
    return entry is not None and found[0] == entry.country.lower()


def quoted_code_names(text: str, offset: int = 0) -> Iterator[Candidate]:
    """ "Husky", "Avalanche": one or two capitalised words alone in quotation marks."""
    for m in _QUOTED.finditer(text):
        name = m.group("name")
        if name in _COMMON:
            continue
        yield Candidate(m.start("name") + offset, m.end("name") + offset, name, None,
                        "operation", "quoted code name", UNRESOLVED)  # fmt: skip


def capitalised_words(text: str, lowercase_words: set[str], offset: int = 0) -> Iterator[Candidate]:
    """Other capitalised words inside a sentence: names the authority file lacks."""
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        while words and _common(words[0], lowercase_words):
            words.pop(0)
        while words and (_common(words[-1], lowercase_words) or words[-1] == "of"):
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        start = m.start() + m.group(0).index(words[0])
        adjectival = any(part in _COMMON for part in name.split("-"))  # "Soviet-German"
        if adjectival or _sentence_initial(text, start) or name.endswith(("ian", "ese", "ish")):
            continue
        yield Candidate(start + offset, start + len(name) + offset, name, None, "unknown",
                        "capitalised word", UNRESOLVED)  # fmt: skip


def _common(word: str, lowercase_words: set[str]) -> bool:
    """A word the source also writes in lowercase, or a plural of a common capitalised one."""
    return word in _COMMON or word.lower() in lowercase_words or word.removesuffix("s") in _COMMON


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“(")
    return not before or before[-1] in ".!?:;\n)"


def surnames_once_introduced(
    text: str, introduced: dict[str, str | None], offset: int = 0
) -> Iterator[Candidate]:
    """A bare surname after the source has named its bearer in full or with a title."""
    if not introduced:
        return
    for m in _alternation(tuple(sorted(introduced, key=len, reverse=True))).finditer(text):
        yield Candidate(m.start() + offset, m.end() + offset, m.group(0), introduced[m.group(0)],
                        "person", "surname introduced earlier in the source",
                        SURNAME if introduced[m.group(0)] else UNRESOLVED)  # fmt: skip


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_BEFORE + "(?:" + "|".join(map(re.escape, words)) + ")" + _AFTER)


# --- settling conflicts ------------------------------------------------------------

# Weak finders only fill the gaps the others leave: a quoted word, then any capitalised one.
_RULE_RANK = {"capitalised word": 2, "quoted code name": 1}


def settle(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: strong finders first; among them the longest,
    then the resolved, then the surest."""
    ranked = sorted(
        candidates,
        key=lambda c: (
            _RULE_RANK.get(c.rule, 0),
            -(c.end - c.start),
            c.key is None,
            -c.confidence,
            c.start,
        ),
    )
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)
