"""Finding names in a text: candidate mentions from the authority file's forms, titles
with names, office titles, initials with surnames, quoted code names and other
capitalised words.  `settle` then keeps one candidate per stretch of text.

Compute, then annotate: every finder returns :class:`Candidate` values over one text;
conflicts are settled in one place (:func:`settle`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from missive.authority import TITLES, Authority, Office

# Confidence of each way of finding a name.
EXACT = 0.95  # a form of the authority file, several words or a title with a known name
SURNAME = 0.9  # a bare surname (or one-word name) the authority file lists
OFFICE = 0.85  # "the President": the holder of the office on the document's date
EDITION = 0.8  # a code name or pseudonym the edition's notes explain
AMBIGUOUS = 0.5
UNRESOLVED = 0.3

# Patterns begin with the character a match begins with, and test what comes before it
# only after it (`_NOT_AFTER_WORD` reads the character before it and itself): the regex
# engine then skips quickly to the few places where a match may begin.
_AFTER = r"(?![A-Za-z\-])"  # a name ends before a letter; digits may follow (fused markers)
_NOT_AFTER_WORD = r"(?<![\w\-][\s\S])"  # the character before the one just read
_NOT_AFTER_WORD_CHAR = r"(?<!\w[\s\S])"  # the same, a hyphen allowed before
_NAME_REST = r"[a-zà-ÿ]+(?:['’-][A-Za-z][a-zà-ÿ]+)*"  # a name word after its capital
_NAME_WORD = rf"[A-Z]{_NAME_REST}"
_INITIALS = r"(?:[A-Z]\.\s?){1,3}"


def _by_first_letter(alternatives: Iterable[str], then: str = "") -> str:
    """`alternatives` (regexes, each beginning with a plain letter) grouped by that
    letter, with `then` (a look-behind) after it: "M{then}(?:r\\.?|rs\\.?)|S{then}(?:ir)"
    for "Mr\\.?|Mrs\\.?|Sir".  Alternatives with different first letters never match at
    the same place, and those with the same one keep their order: the same matches."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        letter, rest = alternative[0], alternative[1:]
        if not letter.isalpha() or rest[:1] in ("?", "*", "+", "{"):
            raise ValueError(f"not a plain first letter: {alternative!r}")
        groups.setdefault(letter, []).append(rest)
    return "|".join(
        f"{re.escape(letter)}{then}(?:{'|'.join(rests)})" for letter, rests in groups.items()
    )


_TITLED = re.compile(
    rf"(?P<title>{_by_first_letter(TITLES, _NOT_AFTER_WORD)})"
    rf"\s+(?P<name>(?:{_INITIALS})?{_NAME_WORD}(?:[ \t]+(?P<second>{_NAME_WORD}))?){_AFTER}"
)
# A forename (its first letter read, then `forename_rest`) or the first initial.  The
# forename is read once (?>…): a shorter one would not end before the space that follows.
_INITIALLED = re.compile(
    rf"(?P<name>[A-Z](?<![\w\-.][\s\S])(?:(?P<forename_rest>(?>{_NAME_REST}))\s+{_INITIALS}"
    rf"|\.\s?(?:[A-Z]\.\s?){{0,2}}){_NAME_WORD}){_AFTER}"
)
_QUOTED = re.compile(r'"(?P<name>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)[.,]?"')
_CAPITALISED = re.compile(
    rf"[A-Z]{_NOT_AFTER_WORD}{_NAME_REST}(?:\s+(?:of\s+)?{_NAME_WORD})*{_AFTER}"
)
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


_Found = tuple[str | None, str, str, float]  # a candidate's key, type, rule, confidence


class Candidate(NamedTuple):  # a tuple: made by the thousand, quick to make
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
        self._offices: re.Pattern[str] | None = None
        self._holders: dict[tuple[str, str | None], list[str]] = {}
        # What each match of `_TITLED` names (see `titled_names`).
        self._titled: dict[str, tuple[str, str | None, str, float] | None] = {}
        extra = list(extra)
        if extra:  # the authority's gazetteer, and what the extra forms change
            self._extend(gazetteer_of(authority), extra)
            return
        for entry in authority.entries.values():
            for text in entry.forms():
                single = " " not in text.strip() and entry.type == "person"
                conf = SURNAME if single else EXACT
                self._add(Form(text, entry.key, entry.type, "authority file", conf))
        self._first_words = frozenset(key.split()[0] for key in self.forms)
        self._initials = frozenset(_body(f.text)[0] for forms in self.forms.values() for f in forms)
        # Every beginning of a form's key: a longer name is tried only while the words
        # read so far begin one.
        self._key_prefixes = _prefixes(self.forms)
        self._longest = max((len(key.split()) for key in self.forms), default=1)
        self._may_start = _may_start_pattern(self._initials, self._first_words)
        # What a first word (with the character after it) can begin, by the word: the
        # same words come again and again.
        self._heads: dict[str, _Head | None] = {}

    def _extend(self, base: Gazetteer, extra: list[Form]) -> None:
        """The forms of `base` and `extra`; what `base` knew of the words that no extra
        form begins with (by their first letter) is kept."""
        self.forms = {key: list(forms) for key, forms in base.forms.items()}
        for form in extra:
            self._add(form)
        changed = [k for k, forms in self.forms.items() if len(forms) != len(base.forms.get(k, ()))]
        self._first_words = base._first_words | {key.split()[0] for key in changed}
        self._initials = base._initials | {_body(f.text)[0] for k in changed for f in self.forms[k]}
        self._key_prefixes = base._key_prefixes | _prefixes(changed)
        self._longest = max([base._longest, *(len(key.split()) for key in changed)])
        self._may_start = _may_start_pattern(self._initials, self._first_words)
        letters = {key[:1] for key in changed}
        self._heads = {}
        if len(base._heads) <= _HEADS_TO_SHARE:
            self._heads = {
                head: known
                for head, known in base._heads.items()
                if head[:1].isascii() and head[:1].lower() not in letters
            }

    def _add(self, form: Form) -> None:
        known = self.forms.setdefault(_match_key(form.text), [])
        if all(f.key != form.key for f in known):
            known.append(form)

    def find(self, text: str, offset: int = 0) -> Iterator[Candidate]:
        taken = 0
        for m in self._may_start.finditer(text):
            start = m.start()
            if start < taken:
                continue
            if start and not text[start - 1].isspace() and not _begins_word(text, start):
                continue
            found = self._longest_at(text, start)
            if found is not None:
                end, (key, type_, rule, confidence) = found
                yield Candidate(start + offset, end + offset, text[start:end], key, type_, rule,
                                confidence)  # fmt: skip
                taken = end

    def _longest_at(self, text: str, start: int) -> tuple[int, _Found] | None:
        """The longest form that starts at `start` (a word's first letter), if any: where
        it ends and what the candidate says of it."""
        first = _WORD.match(text, start)
        if first is None:
            return None
        head = text[start : first.end() + 1]
        if head in self._heads:
            known = self._heads[head]
        else:
            if len(self._heads) > _MAX_HEADS:
                self._heads.clear()
            known = self._heads[head] = self._head(head, first.end() - start)
        if known is None:
            return None
        if known.may_go_on and known.may_go_on_at(text, first.end() + 1):
            longer = self._longer_at(text, start, first.end())
            if longer is not None:
                return longer[0], _found(longer[1])
        for end, after_article, found in known.options:
            if not after_article or _AFTER_ARTICLE.search(text, max(0, start - 8), start):
                return start + end, found
        return None

    def _head(self, head: str, length: int) -> _Head | None:
        """What the word head[:length] (head[length:] the character after it, if any)
        can begin, or None when no form begins with it."""
        ends = _word_ends(head, length)
        if not any(head[:e].lower() in self._first_words for e in ends):
            return None
        options = []
        for end in ends:  # the forms of the word alone, as `_fits` would take them
            forms = self.forms.get(_match_key(head[:end]))
            if forms and head[0] == _body(forms[0].text)[0]:
                options.append((end, all(_body(f.text) != f.text for f in forms), _found(forms)))
        may_go_on = self._may_go_on(head, length)
        return _Head(
            tuple(options), may_go_on, self._next_letters(head, length) if may_go_on else None
        )

    def _may_go_on(self, head: str, length: int) -> bool:
        """Whether a form of several words may begin with the word head[:length]."""
        if len(head) == length:  # the text ends with the word
            return False
        word = head[:length].lower()
        if not head.isascii() or word == "the":  # lowercase by character; no article
            return True
        after = head[length]
        return word + (" " if after.isspace() else after.lower()) in self._key_prefixes

    def _next_letters(self, head: str, length: int) -> frozenset[str] | None:
        """When a space follows the word: the first letters (lowercase) of the next word
        in the forms that begin with the word; None when they cannot be told so."""
        if not head[length:].isspace() or not head.isascii() or head[:length].lower() == "the":
            return None
        begun = head[:length].lower() + " "
        return frozenset(
            k[len(begun)] for k in self.forms if k.startswith(begun) and len(k) > len(begun)
        )

    def _longer_at(self, text: str, start: int, first_end: int) -> tuple[int, list[Form]] | None:
        """The longest form of more than one word that starts at `start`, if any."""
        words: list[tuple[int, int]] = []
        for m in _WORD.finditer(text, first_end):
            if len(words) + 1 == self._longest:
                break
            read = text[start : m.start() + 1]  # every longer name begins so
            if read.isascii() and " ".join(read.split()).lower() not in self._key_prefixes:
                break
            words.append((m.start(), m.end()))
        for last_start, last_end in reversed(words):
            for end in _ends(text, last_start, last_end):
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
        if holders is None:  # what Authority.short_title_holders says, from fewer offices
            offices = _offices_by_short_title(self.authority).get(title.lower(), ())
            holders = sorted({key for key, office in offices if office.held_on(iso_date)})
            self._holders[(title, iso_date)] = holders
        return holders

    def _fits(self, forms: list[Form], text: str, start: int) -> bool:
        body = _body(forms[0].text)
        if text[start] != body[0]:  # the first letter as the form writes it
            return False
        if _ARTICLE_AT.match(text, start) and not _ARTICLE_AT.match(body):
            return False  # "THE Trident Conference": the article is no part of the name
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


@dataclass(frozen=True, slots=True)
class _Head:
    """What a first word can begin: the forms of the word alone, longest first, each
    (end, whether only after "the", what they say), and whether a longer form may begin
    with it."""

    options: tuple[tuple[int, bool, _Found], ...]
    may_go_on: bool
    next_letters: frozenset[str] | None  # see Gazetteer._next_letters

    def may_go_on_at(self, text: str, after_space: int) -> bool:
        """Whether the word's next word, if it begins at `after_space` (one space after
        the word), may continue a form: the first test `_longer_at` makes, made cheaply."""
        if self.next_letters is None:
            return True
        letter = text[after_space : after_space + 1]
        if letter.isascii() and not letter.isspace() and letter != ".":
            return letter.lower() in self.next_letters  # "" (the text ends): no next word
        return True


_MAX_HEADS = 50_000  # first words remembered by one gazetteer
_HEADS_TO_SHARE = 5_000  # at most, from the authority's gazetteer to one with extra forms


@lru_cache(maxsize=4)
def gazetteer_of(authority: Authority) -> Gazetteer:
    """The gazetteer of the authority file alone, made once."""
    return Gazetteer(authority)


@lru_cache(maxsize=4)
def _offices_by_short_title(authority: Authority) -> dict[str, list[tuple[str, Office]]]:
    """(holder's key, office) of every office, by its bare title in lowercase."""
    by_title: dict[str, list[tuple[str, Office]]] = {}
    for entry in authority.entries.values():
        for office in entry.offices:
            by_title.setdefault(office.short_title.lower(), []).append((entry.key, office))
    return by_title


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(key[:i] for key in keys for i in range(1, len(key) + 1))


@lru_cache(maxsize=16)
def _may_start_pattern(initials: frozenset[str], first_words: frozenset[str]) -> re.Pattern[str]:
    """Where a form may start: a letter a form begins with, then (in any case) the
    beginning of a form's first word.  A quick filter, never stricter than
    `Gazetteer._head`: a word is compared up to its first character outside ASCII; one
    all in ASCII only where no letter follows it, as `_word_ends` reads a word's end
    (but after a full stop a word may end before a capital: "U.J.Stalin")."""
    by_letter: dict[str, dict[str, bool]] = {}
    for word in first_words:
        part = _ascii_part(word)
        whole = part == word and not word.endswith(".")
        rests = by_letter.setdefault(word[:1], {})
        rests[part[1:]] = rests.get(part[1:], True) and whole  # two words, one ASCII part
    branches = []
    for letter in sorted(initials):
        # Not inside a word (`find` skips a word character before the letter): tested
        # after the letter, so the engine still skips to the letters quickly.
        first = re.escape(letter) + _NOT_AFTER_WORD_CHAR
        if not letter.isascii():
            branches.append(first)
            continue
        rests = by_letter.get(letter.lower())
        if not rests:  # no form's first word begins with this letter
            continue
        trie = _prefix_trie(rests)
        branches.append(first + (f"(?=(?i:{trie}))" if trie else ""))
    return re.compile("|".join(branches) if branches else "(?!)")


def _ascii_part(word: str) -> str:
    """`word` up to its first character outside ASCII."""
    for i, char in enumerate(word):
        if not char.isascii():
            return word[:i]
    return word


def _prefix_trie(words: dict[str, bool]) -> str:
    """A regex matching any text that begins with one of `words`, one marked whole
    only where no letter follows it ("" if a word not whole is empty)."""
    trie: dict = {}
    for word, whole in sorted(words.items(), key=lambda item: len(item[0])):
        node = trie
        for char in word:
            if node.get("") is True:  # a shorter word already suffices
                break
            node = node.setdefault(char, {})
        else:
            if node.get("") is True:
                continue
            if whole:
                node[_WHOLE] = True
            else:
                node.clear()
                node[""] = True
    return _trie_regex(trie)


_WHOLE = None  # a trie's key: a whole word ends here
# No letter next: the end of the word's core (digits, an apostrophe or punctuation may follow).
_NO_LETTER_NEXT = r"(?![^\W\d])"


def _trie_regex(node: dict) -> str:
    if node.get("") is True:
        return ""
    branches = [
        re.escape(char) + _trie_regex(child)
        for char, child in sorted((k, v) for k, v in node.items() if k is not _WHOLE)
    ]
    if node.get(_WHOLE):
        branches.append(_NO_LETTER_NEXT)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _begins_word(text: str, position: int) -> bool:
    """Whether a name may begin at `position`: at the start of a line, after a space or a
    dash, or after a lowercase letter's full stop ("army.Staff"), with any punctuation
    between ('("Stalin').  Word characters and spaces are what the regex \\w and \\s read."""
    if position == 0:
        return True
    before = text[position - 1]
    if before.isspace() or before in "—–":
        return True
    if before.isalnum() or before == "_":
        return False
    run = position - 1  # back over the punctuation before the name
    while run > 0 and _is_punctuation(text[run - 1]):
        run -= 1
    if run == 0:
        return True
    before = text[run - 1]
    if before.isspace() or before in "—–":
        return True
    return text[run] == "." and "a" <= before <= "z"


def _is_punctuation(char: str) -> bool:
    return not (char.isalnum() or char == "_" or char.isspace() or char in "—–")


# A word: up to a space or a dash; a full stop ends it when a capitalised word follows
# at once ("Army.Staff"), not inside initials ("U.S.S.R.").
_AFTER_ARTICLE = re.compile(r"(?<![\w-])[Tt]he\s+[^\w\s]*$")
_WORD = re.compile(r"(?:[^\s—–.]|\.(?![A-Z][a-z]))+\.?")
_ARTICLE = re.compile(r"^the\s+", re.I)
_ARTICLE_AT = re.compile(r"the\b", re.I)  # matched at a position, where "^" would fail


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


def _found(forms: list[Form]) -> _Found:
    """What the forms written alike say of a name: the one entity, or that it is ambiguous."""
    if len(forms) == 1:
        f = forms[0]
        return f.key, f.type, f.rule, f.confidence
    types = {f.type for f in forms}
    return (None, types.pop() if len(types) == 1 else "unknown",
            "ambiguous form: " + ", ".join(f.key for f in forms), AMBIGUOUS)  # fmt: skip


def _candidate_of(forms: list[Form], start: int, end: int, written: str) -> Candidate:
    return Candidate(start, end, written, *_found(forms))


# --- the other finders -----------------------------------------------------------


def titled_names(text: str, gazetteer: Gazetteer, offset: int = 0) -> Iterator[Candidate]:
    """ "General Eisenhower", "Mr Hull", "Marshal Pietro Badoglio": a title and a name."""
    remembered = gazetteer._titled
    for m in _TITLED.finditer(text):
        found = _remembered(remembered, m.group(), _titled_name, m, gazetteer)
        if found is not None:
            written, key, rule, conf = found  # type: ignore[misc]
            start = m.start() + offset
            yield Candidate(start, start + len(written), written, key, "person", rule, conf)


def _titled_name(
    m: re.Match[str], gazetteer: Gazetteer
) -> tuple[str, str | None, str, float] | None:
    """(written, key, rule, confidence) of the person a `_TITLED` match names, if any: all
    read from the match alone, so the same words say the same wherever they stand."""
    name = m.group("name")
    if name.split()[0] in _NOT_NAME:
        return None
    text = m.string
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
            return written, key, f"title and name ({rule})" if rule else "title and name", conf
        return None
    return None


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
    for m in _initialled_matches(text):
        start = m.start()
        forename = text[start : m.end("forename_rest")] if m.group("forename_rest") else None
        if forename and (forename in _COMMON or forename.lower() in (lowercase_words or ())):
            start = m.start() + len(forename) + 1  # "To J. V. Stalin"
            start += len(text[start:]) - len(text[start:].lstrip())
        name = text[start : m.end()]
        last = name.split()[-1]
        if last in _COMMON or last in _NOT_NAME or last.lower() in (lowercase_words or ()):
            continue
        found = gazetteer.resolve(name) or _resolve_name(name, gazetteer)
        key = found[0] if found else None
        yield Candidate(start + offset, m.end() + offset, name, key, "person",
                        "initials and surname", EXACT if key else UNRESOLVED)  # fmt: skip


# The full stop of an initial that may begin a name: not inside "U.S.S.R.".
_INITIAL_STOP = re.compile(r"\.(?<=(?<![\w\-.])[A-Z]\.)")


def _initialled_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_INITIALLED.finditer(text)` finds, tried only where a match may begin: at
    an initial, or at a capital of the word before the spaces before one (a forename).
    A quick scan for full stops replaces a slow one for capitals."""
    resume = 0  # where finditer would go on: past the last match and what was tried
    for stop in _INITIAL_STOP.finditer(text):
        initial = stop.start() - 1
        if initial < resume:
            continue
        for start in (*_capitals_of_word_before(text, initial, resume), initial):
            m = _INITIALLED.match(text, start)
            if m:
                yield m
                resume = m.end()
                break
        else:
            resume = initial + 1


def _capitals_of_word_before(text: str, position: int, low: int) -> list[int]:
    """The capitals, from `low` on, of the word before the spaces before `position`."""
    space = position
    while space > low and text[space - 1].isspace():
        space -= 1
    if space == position:
        return []
    word = space
    while word > low and not text[word - 1].isspace():
        word -= 1
    return [i for i in range(word, space) if "A" <= text[i] <= "Z"]


_HYPHENATED = re.compile(rf"([A-Z]{_NOT_AFTER_WORD}[a-z]+)-([A-Z][a-z]+)(?![\w-])")
_HYPHEN = re.compile(r"-(?=[A-Z])")


def _hyphenated_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_HYPHENATED.finditer(text)` finds, tried only where a match may begin: at
    the capital before the lowercase letters before a hyphen (a quick scan for hyphens)."""
    resume = 0
    for hyphen in _HYPHEN.finditer(text):
        capital = hyphen.start()
        while capital > resume and "a" <= text[capital - 1] <= "z":
            capital -= 1
        capital -= 1
        if resume <= capital < hyphen.start() - 1:
            m = _HYPHENATED.match(text, capital)
            if m:
                yield m
                resume = m.end()


def hyphenated_places(text: str, gazetteer: Gazetteer, offset: int = 0) -> Iterator[Candidate]:
    """ "a line Venice-Leghorn": two places joined by a hyphen."""
    for m in _hyphenated_matches(text):
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
    longest_first = [
        r"\s+".join(map(re.escape, t.split())) for t in sorted(titles, key=len, reverse=True)
    ]
    qualifier = r"(?![\w'’])(?:\s+(?:of|to|at|in)\s+(?P<qualifier>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*))?"
    if not all(t[:1].isalpha() for t in longest_first):
        return re.compile(
            rf"(?:(?<=\bthe\s)|(?<=\bThe\s)|(?<=\bMr\s)|(?<=\bMr\.\s))(?P<title>{'|'.join(longest_first)})"
            + qualifier
        )
    # The title's first letter first (a quick scan), then what stands before it.
    before = r"(?:(?<=\bthe\s[\s\S])|(?<=\bThe\s[\s\S])|(?<=\bMr\s[\s\S])|(?<=\bMr\.\s[\s\S]))"
    return re.compile(rf"(?P<title>{_by_first_letter(longest_first, before)})" + qualifier)


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


def capitalised_words(
    text: str,
    lowercase_words: set[str],
    offset: int = 0,
    seen: dict[str, tuple[int, str] | None] | None = None,
) -> Iterator[Candidate]:
    """Other capitalised words inside a sentence: names the authority file lacks.

    `seen` remembers, for calls with the same `lowercase_words`, what each run of
    capitalised words holds."""
    if seen is None:
        seen = {}
    for m in _CAPITALISED.finditer(text):
        words = m.group()
        found = _remembered(seen, words, _name_in, words, lowercase_words)
        if found is None:
            continue
        start = m.start() + found[0]
        if _sentence_initial(text, start):
            continue
        name = found[1]
        yield Candidate(start + offset, start + len(name) + offset, name, None, "unknown",
                        "capitalised word", UNRESOLVED)  # fmt: skip


_UNSEEN = object()
_MAX_SEEN = 100_000  # runs of capitalised words remembered


def _remembered(memory: dict, key: str, work: Callable[..., Any], *args: Any) -> Any:
    """`work(*args)`'s answer for `key`, computed once while `memory` holds it (cleared
    when it grows past _MAX_SEEN, so a long volume cannot grow it without bound)."""
    found = memory.get(key, _UNSEEN)
    if found is _UNSEEN:
        if len(memory) > _MAX_SEEN:
            memory.clear()
        found = memory[key] = work(*args)
    return found


def _name_in(run: str, lowercase_words: set[str]) -> tuple[int, str] | None:
    """(where, name): the name in a run of capitalised words, less the common words
    around it; None for none, or for an adjective ("Soviet-German", "Italian")."""
    words = run.split()
    while words and _common(words[0], lowercase_words):
        words.pop(0)
    while words and (_common(words[-1], lowercase_words) or words[-1] == "of"):
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    adjectival = any(part in _COMMON for part in name.split("-"))  # "Soviet-German"
    if adjectival or name.endswith(("ian", "ese", "ish")):
        return None
    return run.index(words[0]), name


def _common(word: str, lowercase_words: set[str]) -> bool:
    """A word the source also writes in lowercase, or a plural of a common capitalised one."""
    return word in _COMMON or word.lower() in lowercase_words or word.removesuffix("s") in _COMMON


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“(")
    return not before or before[-1] in ".!?:;\n)"


def surnames_once_introduced(
    text: str,
    introduced: dict[str, str | None],
    offset: int = 0,
    pattern: re.Pattern[str] | None = None,
) -> Iterator[Candidate]:
    """A bare surname after the source has named its bearer in full or with a title.

    `pattern`: ``introduced_pattern(introduced)``, made once by a caller that reads
    many texts."""
    if not introduced:
        return
    for m in (pattern or introduced_pattern(introduced)).finditer(text):
        name = m.group(0)
        key = introduced[name]
        yield Candidate(m.start() + offset, m.end() + offset, name, key, "person",
                        "surname introduced earlier in the source",
                        SURNAME if key else UNRESOLVED)  # fmt: skip


def introduced_pattern(introduced: dict[str, str | None]) -> re.Pattern[str]:
    """Any of the introduced surnames, as a whole word (the longest first)."""
    return _alternation(tuple(sorted(introduced, key=len, reverse=True)))


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words`, as a whole word; each tried from its first character (quick)."""
    if not all(word[:1].isalpha() for word in words):
        return re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, words)) + ")" + _AFTER)
    return re.compile(
        "(?:" + _by_first_letter(map(re.escape, words), _NOT_AFTER_WORD) + ")" + _AFTER
    )


# --- settling conflicts ------------------------------------------------------------

# Weak finders only fill the gaps the others leave: a quoted word, then any capitalised one.
_RULE_RANK = {"capitalised word": 2, "quoted code name": 1}


def settle(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: strong finders first; among them the longest,
    then the resolved, then the surest."""
    kept: list[Candidate] = []
    # The kept spans in order of (start, end): no two overlap, so their ends rise too,
    # and the last one starting before a candidate's end is the only one to test.
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=_settling_order):
        before = bisect_left(taken, (c.end,))
        if before and taken[before - 1][1] > c.start:
            continue
        kept.append(c)
        insort(taken, (c.start, c.end))
    return sorted(kept, key=attrgetter("start"))


def _settling_order(c: Candidate) -> tuple:
    return (_RULE_RANK.get(c.rule, 0), c.start - c.end, c.key is None, -c.confidence, c.start)
