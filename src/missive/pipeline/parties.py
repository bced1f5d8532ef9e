"""Who wrote each document, and to whom.

Candidates first, then one place that settles them:
1. what the document's own header says: a heading ("X TO Y"), a from/to line, a
   signature, a salutation ("My dear Mr Stalin"), an address line naming a
   person's seat ("The White House, Washington");
2. "Sent on"/"Received on" relative to the correspondents the volume declares
   (the principal sends, the counterpart of the day receives, and the reverse);
3. forms of address in the body ("Mr President" spoken to the reader);
4. the reply structure: "your message of February 16" was written by this
   document's addressee, "my message of February 16" by its writer — propagated
   over the whole source until nothing changes;
5. the voice: a message from the counterpart's side written wholly in "we", when the
   source names a partner ("you and Mr Churchill"), is a joint message.
Where nothing decides, the fields stay empty and `missive check` lists them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from missive.authority import Authority
from missive.model import CERTAIN, POSSIBLE, PROBABLE, Document, Evidence, Party, Source, Span
from missive.pipeline.attribution import document_date as _iso
from missive.pipeline.attribution import nearest_date as _nearest_date
from missive.pipeline.attribution import party_name
from missive.pipeline.attribution import set_parties as _set
from missive.pipeline.classify import split_parties as _split_parties
from missive.pipeline.introduced_writer import add_introduced_writer
from missive.pipeline.party_scans import may_announce_next, partner_matches, you_and_matches
from missive.pipeline.posts import post_named, posts_addressed
from missive.pipeline.replies import DateReference, complete_year, find_date_references
from missive.pipeline.signatures import (
    expand_editorial,
    is_full_name,
    is_initials_only,
    is_surname_only,
    signed_name,
    uninverted,
)
from missive.pipeline.style import STYLE_RULE as _STYLE_RULE
from missive.pipeline.style import attribute_by_style


@dataclass(slots=True)
class Cue:
    senders: list[str]
    recipients: list[str]
    evidence: Evidence
    names: dict[str, str] = field(default_factory=dict)  # keys the authority lacks: as named


@dataclass(slots=True)
class Facts:
    """What one document's text says about its parties, before settling."""

    doc: Document
    cues: list[Cue] = field(default_factory=list)
    references: list[DateReference] = field(default_factory=list)
    voice: str = ""  # "singular" | "plural" | "none"
    body_span: Span | None = None
    signed: tuple[str, str] | None = None  # the signer's key and name as signed


_VOCATIVE_PRESIDENT = re.compile(r"(?=M)(?<![Tt]he )\bMr\.? President\b")
_VOCATIVE_PM = re.compile(r"(?=M)(?<![Tt]he )\bMr\.? Prime Minister\b")
# \b(?:I|me|my|myself|mine)\b, each word led by its first letter (the regex engine
# then skips quickly to where one may begin), the word boundary before it tested after it.
_SINGULAR = re.compile(r"(?:I(?<!\wI)|m(?<!\wm)(?:e|y|yself|ine))\b")
_PLURAL = re.compile(r"\b(?:[Ww]e|us|[Oo]ur|ours|ourselves)\b")
_PARTNER = re.compile(
    r"\b(?:you and|and you|your and|you or)\s+(?:Mr\.?\s+|Prime Minister\s+|President\s+)?"
    r"(?P<name>[A-Z][a-z]+)\b|\b(?:Mr\.?\s+)?(?P<name2>[A-Z][a-z]+) and (?:I|myself)\b"
)
_YOU_AND = re.compile(
    r"\b(?:you and|between you and)\s+(?P<name>(?:Mr\.?\s+|the\s+(?:British\s+)?)?"
    r"(?:Prime Minister|[A-Z][a-z]+))\b(?!,?\s+and\s+(?:I|me|myself)\b)"
)
_OFFICE_PREFIX = re.compile(
    r"^(?:the|mr\.?)\s+(?:(?:british|american|soviet|u\.\s?s\.)\s+)?", re.IGNORECASE
)
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|Jnr|Snr|II|III)\.?$", re.IGNORECASE)
_POST = re.compile(
    r"\b(?:Embassy|Legation|Consulate|Mission|Department|Ministry|Office|Foreign Office|"
    r"Amembassy|Amconsul)\b",
    re.IGNORECASE,
)
_JOINT_NOTE = re.compile(
    r"\b(?:sent|signed|written|sent off)\s+by\s+(?P<names>[^.;]+?)\s+jointly\b", re.IGNORECASE
)
_YOUR_JOINT = re.compile(
    r"(?=[Yy])\b[Yy]our (?:friendly )?joint (?:message|telegram|letter|note)\b"
)
_ON_BEHALF = re.compile(
    r"(?=[fo])\b(?:for us both|on behalf of us both|for both of us|on our joint behalf)\b"
)
# A reply that opens by acknowledging "your message" without saying of which date.
_MESSAGE_NOUN = r"(?:messages?|telegrams?|letters?|cables?|notes?|communications?)\b"
_ACKNOWLEDGES = re.compile(
    r"\b(?:thank you for|thanks for|(?:I|we) (?:have )?(?:just )?(?:received|read|got)|"
    r"in (?:reply|answer) to|replying to)\s+your\s+(?:[\w-]+\s+){0,3}?"
    + _MESSAGE_NOUN
    + r"|\b[Yy]our\s+(?:[\w-]+\s+){0,3}?"
    + _MESSAGE_NOUN
    + r"\s+"
    r"(?:\S+\s+){0,6}?(?:has|have)\s+(?:just\s+)?(?:reached|been received|arrived)",
    re.IGNORECASE,
)
_MAYBE_JOINT = "no first-person voice, so it may be joint"
_OFFICE_ON_THE_DATE = 0.85  # an office's holder on the date: the authority file's dates
_SIGNED = re.compile(r"^\(?Signed\)?\.?:?\s*", re.IGNORECASE)  # "(Signed) CLARENDON."
# Rules that name the writer outright: nothing later may add a second one.
_NAMES_THE_WRITER = ("heading", "from/to line", "record heading", "'From:'", "signature")
# Words that address or describe someone by rank or bond, never by name.
_TITLE_WORDS = frozenset(
    [
        "sir",
        "madam",
        "madame",
        "friend",
        "friends",
        "colleague",
        "governor",
        "general",
        "admiral",
        "secretary",
        "minister",
        "ambassador",
        "excellency",
        "president",
        "premier",
        "chairman",
        "chief",
        "senator",
        "commissar",
        "marshal",
        "comrade",
        "colonel",
        "captain",
        "lord",
        "lady",
        "doctor",
        "judge",
        "father",
        "brother",
        "cousin",
        "gentlemen",
        "majesty",
        "highness",
        "state",
        "department",
        "office",
        "embassy",
        "legation",
        "government",
        # the last word of a body's name, no person's: "the Joint Chiefs of Staff"
        "staff",
        "chiefs",
        "committee",
        "council",
        "cabinet",
        "board",
        "union",
        "states",
        "commission",
        "command",
        "headquarters",
        "commissars",
        "ministers",
        "people",
        "workers",
    ]
)
# A word alone that names no one: a closing's ("Your" above "K. M."), or a document
# kind's before "to" ("INSTRUCTION TO SECRETARY STANTON").
_NO_NAME_WORDS = frozenset(
    ["your", "yours", "truly", "faithfully", "sincerely", "affectionately", "respectfully",
     "instruction", "instructions", "telegram", "letter", "memorandum", "message", "note",
     "despatch", "dispatch", "order", "orders", "proclamation", "reply", "circular", "report",
     "cable", "despatches", "telegrams", "letters"]
)  # fmt: skip
# A document's kind alone, with its qualifiers: "Ciphered Telegram", "Secret Letter".
_KIND_ALONE = re.compile(
    r"(?i)^(?:(?:ciphered|cipher|coded|secret|top|strictly|personal|private|confidential|urgent"
    r"|official|circular|telephone|radio|open)\s+)+(?:telegram|letter|memorandum|message|note"
    r"|despatch|dispatch|cable|report)s?$"
)
# A name the editor supplies after another, at the end: "Feng Xi [Stalin]", "Filippov (Stalin)".
_BRACKETED_NAME = re.compile(r"\s*[\[(]\s*(?P<name>[A-Z][\w.' -]{1,40}?)\s*[\])]\s*$")
# A longer run of words is a name and what follows it: "Stalin describing Kim Il Sung's
# reaction to ... of August 29, 1950" names Stalin, by its leading capitalised words.
_LONGEST_NAME = 6
_LEADING_NAME = re.compile(
    r"(?:(?:[A-Z][\w'’.-]*|of|the|de|von|van)\s+)*[A-Z][\w'’.-]*(?=\s+[a-z])"
)
# Nouns that end a web page's labels, never a person's name.
_PAGE_NOUNS = frozenset(["places", "topics", "organizations", "organisations", "information",
                         "date", "documents", "subjects", "foundation", "rights", "citation"])  # fmt: skip
# Titles set after a name ("Reshid Pasha", "Levett Harris Esqr"): the name is before them.
_AFTER_NAME = frozenset(["pasha", "bey", "effendi", "agha", "esq", "esqr", "esquire"])
_OPENING_CHARS = 300  # an acknowledgement counts only in the opening lines
_ACK_CONFIDENCE = 0.65
# A message that announces the next one: "I am asking Ambassador Standley to deliver
# them to you", "I will send you this problem in another message".
_ANNOUNCES_NEXT = re.compile(
    r"\b(?:I|we) (?:am|are|have) (?:asking|asked|instructing|instructed|requesting|requested)"
    r" (?:[A-Z][\w.]*\s+){1,4}to (?:deliver|hand|give|bring|transmit|present|convey)"
    r" (?:them|it|this|these)\s+(?:\w+\s+){0,3}?to you\b"
    r"|\bI (?:will|shall) (?:send|give|forward) you\b[^.;]{0,80}?\b(?:in|by) (?:another|a separate|"
    r"a further|a later|my next) (?:message|telegram|cable|letter)\b"
    r"|\b(?:follows|will follow) (?:in|by) (?:a |my )?(?:separate|next|another)"
    r" (?:message|telegram|cable|letter)\b"
)
_ANNOUNCED_RULE = "announced by the message just before it, from one writer"
_CONGRATULATES = re.compile(r"(?=[Cc])\b[Cc]ongratulat\w*\b(?P<whom>[^.;!?]*)")
_CONGRATULATED_RULE = "congratulations to the army or people of the reader's country"


class PartyResolver:
    def __init__(self, source: Source, authority: Authority) -> None:
        self.source = source
        self.authority = authority
        declaration = source.declaration
        self.principal = declaration.principal if declaration else None
        self.counterparts = [k for k in (declaration.correspondents if declaration else ())
                             if k != self.principal]  # fmt: skip
        self.partner = self._joint_partner()
        self._counterpart_on: dict[str | None, str | None] = {}  # by date: asked per document

    # --- the volume's two sides ------------------------------------------------------

    def counterpart_on(self, iso: str | None) -> str | None:
        if iso not in self._counterpart_on:
            self._counterpart_on[iso] = self._counterpart_holding_on(iso)
        return self._counterpart_on[iso]

    def _counterpart_holding_on(self, iso: str | None) -> str | None:
        holding = [k for k in self.counterparts if self._active(k, iso)]
        if len(holding) == 1:
            return holding[0]
        return self.counterparts[0] if len(self.counterparts) == 1 else None

    def _active(self, key: str, iso: str | None) -> bool:
        offices = self.authority.offices_of(key)
        return not offices or any(o.held_on(iso) for o in offices)

    def _joint_partner(self) -> str | None:
        """The person the source most often names beside the reader or the writer
        ("you and Mr Churchill", "Mr Churchill and I"): the partner of joint messages."""
        counts: Counter[str] = Counter()
        for m in partner_matches(_PARTNER, self.source.readable):  # = _PARTNER.finditer
            key = self.authority.resolve(m.group("name") or m.group("name2") or "")
            if key and key != self.principal and key not in self.counterparts:
                counts[key] += 1
        if not counts:
            return None
        key, count = counts.most_common(1)[0]
        return key if count >= 3 else None

    def countries_named(self, text: str) -> set[str]:
        """The countries `text` names, itself ("the Soviet Union") or by a body of it
        ("the Red Army")."""
        pattern, country_of = _nation_forms(self.authority)
        return {country_of[m.group(0)] for m in pattern.finditer(text)} if country_of else set()

    # --- resolving names ------------------------------------------------------------

    def resolve_names(self, names: list[str], iso: str | None) -> list[str]:
        keys: list[str] = []
        for name in names:
            key = self.resolve_name(name, iso)
            if key and key not in keys:
                keys.append(key)
        return keys

    def resolve_name(self, name: str, iso: str | None) -> str | None:
        if _POST.search(name) and (post := post_named(name)):  # "the Embassy in the Soviet Union"
            return post.key
        name = _SUFFIX.sub("", expand_editorial(name))  # "E. R. STETTINIUS, JR.", "W[illiam]"
        if _KIND_ALONE.match(name.strip()):
            return None  # "Ciphered Telegram, Shtykov to ...": the kind, no sender
        if identified := self._identified_in_brackets(name):
            return identified  # "Feng Xi [Stalin]": the editor names the person behind a cover name
        inner = re.search(r"\s*\(\s*([A-Z][\w'-]+)\s*\)", name)
        if inner and _describes_a_post(name[: inner.start()], inner.group(1), self.authority):
            return self.authority.key_for(inner.group(1))  # "The Ambassador ... (Harriman)"
        if inner:  # "Sir N. Henderson (Berlin)": the post after a person's name
            name = name[: inner.start()] + name[inner.end() :]
        known = self.authority.resolve(name)
        if known:
            return known
        if self._only_a_place(name):
            return None  # "From: NEW YORK", "Tsaritsyn to ...": a city names no person
        # "the British Prime Minister" holds the office "Prime Minister of the UK".
        office = _OFFICE_PREFIX.sub("", name.strip())
        holders = self._office_holders(office, iso)
        if len(holders) == 1:
            return holders[0]
        words = [w for w in re.findall(r"[A-Za-z][\w'-]+", name) if w[0].isupper()]
        while len(words) > 1 and words[-1].lower() in _AFTER_NAME:  # "Reshid Pasha"
            words.pop()
        if not words or words[-1].lower() in _TITLE_WORDS:
            return None  # "Dear Governor", "the Ambassador": a title names nobody by itself
        if len(words) == 1 and words[0].lower() in _NO_NAME_WORDS:
            return None
        if words[-1].lower() in _PAGE_NOUNS:
            return None  # "Associated Places", "Original Uploaded Date": a page's labels
        if len(name.split()) > _LONGEST_NAME and (lead := _LEADING_NAME.match(name.strip())):
            return self.resolve_name(lead.group(0), iso)  # "Stalin describing ... of August 29"
        key = self.authority.key_for(words[-1])
        return None if len(words) == 1 and self.authority.is_place(key) else key

    def _only_a_place(self, name: str) -> bool:
        keys = self.authority.lookup(name.strip().rstrip(".,:"))
        return bool(keys) and all(self.authority.is_place(k) for k in keys)

    def _identified_in_brackets(self, name: str) -> str | None:
        """The person an editor's brackets name after a name the authority file does not
        know ("Feng Xi [Stalin]", "Filippov (Stalin)"): a cover name, and who used it."""
        m = _BRACKETED_NAME.search(name)
        if not m or self.authority.resolve(name[: m.start()]):
            return None
        key = self.authority.resolve(m.group("name"))
        entry = self.authority.get(key) if key else None
        return key if entry is not None and entry.type == "person" else None

    def names_an_office(self, name: str, iso: str | None) -> bool:
        """Whether `name` is no person's but an office's ("the Secretary of State")."""
        if self.authority.resolve(_SUFFIX.sub("", name)):
            return False
        return len(self._office_holders(_OFFICE_PREFIX.sub("", name.strip()), iso)) == 1

    def _office_holders(self, office: str, iso: str | None) -> list[str]:
        office = office.lower()
        matches = []
        for entry in self.authority.entries.values():
            for o in entry.offices:
                title = o.title.lower()
                if (title == office or title.startswith(office + " of")) and o.held_on(iso):
                    matches.append(entry.key)
        return sorted(set(matches))

    def seat_owner(self, place: str) -> str | None:
        """The declared party whose seat a place line names ("The Kremlin, Moscow")."""
        parties = [k for k in (self.principal, *self.counterparts) if k]
        for part in re.split(r",\s*", place):
            owners = [k for k in parties if any(
                seat.lower() == part.strip().lower().removeprefix("the ")
                for seat in self.authority.get(k).seats)]  # fmt: skip
            if len(owners) == 1:
                return owners[0]
        return None

    def direction(self, outgoing: bool, iso: str | None) -> tuple[list[str], list[str]] | None:
        if not self.principal:
            return None
        other = self.counterpart_on(iso)
        if not other:
            return None
        return ([self.principal], [other]) if outgoing else ([other], [self.principal])


@functools.lru_cache(maxsize=4)  # one per authority file in use, not per source
def _nation_forms(authority: Authority) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every written form of a country (a place whose key is some person's
    country) or of a body with a country, and the country of each form."""
    countries = {e.country for e in authority.of_type("person") if e.country}
    country_of: dict[str, str] = {}
    for entry in authority.entries.values():
        country = entry.country if entry.type != "person" else ""
        if entry.type == "place" and entry.key.upper() in countries:
            country = entry.key.upper()
        if country:
            country_of.update(dict.fromkeys(entry.forms(), country))
    forms = sorted(country_of, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])"), country_of


def gather_facts(doc: Document, resolver: PartyResolver, header: dict) -> Facts:
    """Collect the direct cues of one document (header lines and body)."""
    facts = Facts(doc=doc)
    iso = _iso(doc)
    text = doc.text
    for names_key, rule, conf in (
        ("heading", "heading names sender and recipient", CERTAIN),
        ("from_to", "from/to line", CERTAIN),
        ("record_heading", "record heading names sender and recipient", PROBABLE + 0.1),
    ):
        item = header.get(names_key)
        if item and (item["info"].get("senders") or item["info"].get("recipients")):
            senders = resolver.resolve_names(item["info"]["senders"], iso)
            recipients = resolver.resolve_names(item["info"]["recipients"], iso)
            named = [*item["info"]["senders"], *item["info"]["recipients"]]
            names = {**_written_names(resolver, named, iso), **_post_names(named)}
            facts.cues.append(Cue(senders, recipients, _ev(rule, conf, item), names))
        elif item and names_key == "record_heading" and (m := _KIND_TO.match(item["text"])):
            key = resolver.resolve_name(m.group("r"), iso)
            if key and not _names_a_body(m.group("r"), key, resolver):
                names = _written_names(resolver, [m.group("r")], iso)
                rule = "record heading names the kind and the addressee"
                facts.cues.append(Cue([], [key], _ev(rule, PROBABLE + 0.1, item), names))
    _joint_note_cue(facts, resolver, header, iso)
    _header_field_cues(facts, resolver, header, iso)
    if (item := header.get("sent")) and (d := resolver.direction(True, iso)):
        facts.cues.append(Cue(*d, _ev("'Sent' line: the volume's principal writes", CERTAIN, item)))
    if (item := header.get("received")) and (d := resolver.direction(False, iso)):
        facts.cues.append(
            Cue(*d, _ev("'Received' line: the volume's principal receives", CERTAIN, item))
        )
    if item := header.get("salutation"):
        key = resolver.resolve_name(re.sub(r"^(?:my\s+)?(?:very\s+)?dear(?:est)?\s+", "",
                                           item["text"].rstrip(",:!"), flags=re.I), iso)  # fmt: skip
        if key:  # a name the authority file lacks may be a forename only ("Dear Fred,")
            confidence = CERTAIN if resolver.authority.get(key) else PROBABLE
            rule = "salutation names the addressee"
            facts.cues.append(Cue([], [key], _ev(rule, confidence, item)))
    if item := header.get("place_line"):
        owner = resolver.seat_owner(item["text"])
        if owner:
            facts.cues.append(
                Cue([], [owner], _ev("address line names the addressee's seat", PROBABLE, item))
            )
    if item := header.get("signature"):
        key = resolver.resolve_name(_SIGNED.sub("", item["text"]), iso)
        if key:
            # a surname alone ("RUSSELL.") names the writer less surely than a full name
            # and initials alone, by the authority file's aliases only ("K. M.")
            confidence = (
                PROBABLE
                if is_surname_only(item["text"]) or is_initials_only(item["text"])
                else CERTAIN
            )
            names = _written_names(resolver, [item["text"]], iso)
            facts.cues.append(Cue([key], [], _ev("signature", confidence, item), names))
            facts.signed = (key, signed_name(item["text"]))
    if (item := header.get("addressee")) and (name := item["info"].get("addressee")):
        key = resolver.resolve_name(name, iso)
        if key:
            where = "above the salutation" if item["info"].get("above") else "under the signature"
            if resolver.names_an_office(name, iso):  # "The Secretary of State": its holder
                rule = f"address block {where} names the addressee's office, held on the date"
                facts.cues.append(Cue([], [key], _ev(rule, _OFFICE_ON_THE_DATE, item)))
            else:
                rule = f"address block {where} names the addressee"
                facts.cues.append(Cue([], [key], _ev(rule, CERTAIN, item)))
    # Each only where the words its patterns need occur (most texts lack them).
    if "President" in text or "Prime Minister" in text:
        _vocative_cues(facts, resolver, text, iso)
    if "ongratulat" in text:
        _congratulated_nation_cue(facts, resolver, text, iso)
    if "you and" in text:
        _partner_of_reader_cue(facts, resolver, text, iso)
    facts.references = find_date_references(text, iso)
    if _SINGULAR.search(text):
        facts.voice = "singular"
    else:
        facts.voice = "plural" if _PLURAL.search(text) else "none"
    return facts


# A record heading that gives the kind and the addressee only: "TELEGRAM TO GENERAL
# G. B. McCLELLAN.", "Letter to V. I. Lenin", "Letter to Friedrich Engels, 9 March 1866",
# "Telegram to Voroshilov, Commander of the Front, Tsaritsyn" (the post and the place after).
_KIND_TO = re.compile(
    r"^(?:telegram|letter|note|message|despatch|dispatch|cable|memorandum)\s+to\s+"
    r"(?P<r>[A-Z][\w.'’ -]{1,60}?)(?:,\s+[^,]{0,30}\d{4}|,\s+(?-i:[A-Z])[^,\d]{2,60}"
    r"(?:,\s+(?-i:[A-Z])[\w'’ -]{2,30})?)?[.:]?$",
    re.IGNORECASE,
)


def _names_a_body(name: str, key: str, resolver: PartyResolver) -> bool:
    """Whether `name`, read as `key`, is a body of people ("the Military Council of the
    Southern Front" read as "front"), not a person or an office the authority file
    knows ("the Secretary of State", "the Duke of Wellington")."""
    return " of " in name and resolver.authority.get(key) is None


def _written_names(resolver: PartyResolver, names: list[str], iso: str | None) -> dict[str, str]:
    """The names as written, for keys whose entry in the authority file is someone
    else or no person ("Alexander Hamilton" beside the file's Maxwell M. Hamilton,
    "George Washington" beside the place Washington, D.C.)."""
    written: dict[str, str] = {}
    for name in map(uninverted, names):
        key = resolver.resolve_name(name, iso)
        inner = re.search(r"\(\s*([A-Z][\w'-]+)\s*\)", name)  # "... (Harriman)": the holder
        as_written = inner.group(1) if inner else signed_name(name).removeprefix("the ")
        if key and resolver.authority.names_someone_else(key, as_written):
            written.setdefault(key, as_written)
    return written


def _describes_a_post(outside: str, inner: str, authority: Authority) -> bool:
    """Whether the words before a name in brackets describe its holder's post ("The
    Ambassador in the Soviet Union (Harriman)", "United States Military Mission in the
    Soviet Union (Deane)") rather than name a person whose post the brackets give
    ("Sir N. Henderson (Berlin)")."""
    if re.match(r"(?i)the\b", outside.strip()):
        return True
    if authority.names_a_place(inner):
        return False
    return bool(_POST.search(outside) or re.search(r"\s(?:in|of|at|to) the\s", outside))


def _post_names(names: list[str]) -> dict[str, str]:
    """Display names of the posts a heading writes out ("American Embassy in the Soviet Union")."""
    return {
        post.key: post.name
        for name in names
        if _POST.search(name) and (post := post_named(name)) and post.name
    }


def _header_field_cues(
    facts: Facts, resolver: PartyResolver, header: dict, iso: str | None
) -> None:
    """ "FROM: The Secretary of State" / "TO: The President" name the parties; a post or a
    place ("FROM: Moscow", "TO: American Embassy, Moscow") names no person."""
    found = {}
    names: dict[str, str] = {}
    written: dict[str, str] = {}
    for role in ("from", "to"):
        item = header.get(f"field_{role}")
        if item and (posts := posts_addressed(item["info"]["value"])):  # "AMEMBASSY MOSCOW"
            found[role] = ([post.key for post in posts], item)
            names.update((post.key, post.name) for post in posts if post.name)
            continue
        key = _field_person(resolver, item["info"]["value"], iso) if item else None
        if key:
            found[role] = ([key], item)
            written.update(_written_names(resolver, [item["info"]["value"]], iso))
    if not found and (item := _drafted_by(header)):
        key = resolver.resolve_name(item["info"]["value"], iso)
        if key:  # a memorandum of conversation names no parties: its drafter wrote it
            rule = "'Drafted by:' line of a record that names no parties"
            facts.cues.append(Cue([key], [], _ev(rule, PROBABLE, item), {}))
            return
    senders = found["from"][0] if "from" in found else []
    recipients = found["to"][0] if "to" in found else []
    if senders or recipients:
        item = found.get("from", found.get("to"))[1]
        rule = "'From:'/'To:' header field" + (
            ": the posts' telegraphic addresses" if names else ""
        )
        facts.cues.append(Cue(senders, recipients, _ev(rule, CERTAIN, item), {**written, **names}))


def _drafted_by(header: dict) -> dict | None:
    return next(
        (f for f in header.get("fields", []) if f["info"].get("label") == "drafted by"), None
    )


def _field_person(resolver: PartyResolver, value: str, iso: str | None) -> str | None:
    value = _MARKUP_TAG.sub("", value).strip()  # "MOSCOW<br />" copied from a page's source
    if _POST.search(value):
        return _head_of_post(resolver, value, iso)
    if resolver.authority.names_a_place(value):
        return None
    while "," in value and resolver.authority.names_a_place(value.partition(",")[0]):
        rest = value.partition(",")[2].strip()
        if len(rest.split()) < 2:
            break  # "Washington, George": a surname, inverted
        value = rest  # "Moscow, Comrade Molotov": the city, then the person
    last = value.rpartition(",")[2].strip()
    if " of " in value.rpartition(",")[0] and " of " not in last and len(last.split()) > 1:
        value = last  # "NKVD of the USSR, Comrade Beria": the person after the body
    if not resolver.authority.names_a_place(value.rpartition(",")[2]):  # "Paris, France" stays
        value = uninverted(value)  # "Hamilton, Alexander"
    key = resolver.resolve_name(value, iso)
    if key and _names_a_body(value, key, resolver):
        return None  # "Kyiv, NKVD of the Ukrainian SSR": a body, no person
    return key


_MARKUP_TAG = re.compile(r"</?[a-zA-Z]{1,6}\s*/?>")
_NATIONALITY = {"american": "USA", "amembassy": "USA", "united states": "USA", "u.s.": "USA",
                "british": "UK", "soviet": "USSR", "russian": "USSR"}  # fmt: skip


def _head_of_post(resolver: PartyResolver, value: str, iso: str | None) -> str | None:
    """ "American Embassy, Moscow" on a date: the one person of that country seated in
    that city who then held an ambassador's or envoy's ("Minister to") office."""
    lowered = value.lower()
    countries = {
        c for word, c in _NATIONALITY.items() if re.search(rf"\b{re.escape(word)}", lowered)
    }
    if len(countries) != 1 or iso is None:
        return None
    (country,) = countries
    heads = [
        entry.key
        for entry in resolver.authority.of_type("person")
        if entry.country == country
        and any(seat.lower() in lowered for seat in entry.seats)
        and any(
            re.search(r"\bAmbassador\b|\bMinister to\b", office.title) and office.held_on(iso)
            for office in entry.offices
        )
    ]
    return heads[0] if len(heads) == 1 else None


def _joint_note_cue(facts: Facts, resolver: PartyResolver, header: dict, iso: str | None) -> None:
    """A heading's own note that calls the message joint ("W. CHURCHILL TO J. V. STALIN*"
    with "* Sent by the President and the Prime Minister jointly.") names its senders;
    it corrects the heading, so it outranks it."""
    heading = header.get("heading")
    if not heading:
        return
    symbol = re.search(r"[*†‡]+$", heading["line"].raw.rstrip())
    for note in header.get("footnotes", []):
        if not symbol or not note["line"].raw.lstrip().startswith(symbol.group(0)):
            continue
        m = _JOINT_NOTE.search(note["text"])
        if m:
            senders = resolver.resolve_names(_split_parties(m.group("names")), iso)
            recipients = resolver.resolve_names(heading["info"].get("recipients", []), iso)
            if len(senders) > 1 and recipients:
                ev = _ev("the heading's note calls the message joint", CERTAIN + 0.01, note)
                facts.cues.append(Cue(senders, recipients, ev))


def _partner_of_reader_cue(
    facts: Facts, resolver: PartyResolver, text: str, iso: str | None
) -> None:
    """ "you and Mr Churchill", "you and the British Prime Minister": the reader acts
    with the joint partner, so the reader is the counterpart who shares the partner's
    joint messages, not the volume's principal ("you and Churchill and I" is all three)."""
    if not resolver.partner or not resolver.principal:
        return
    for m in you_and_matches(_YOU_AND, text):  # = _YOU_AND.finditer(text)
        key = resolver.resolve_name(m.group("name"), iso)
        counterpart = resolver.counterpart_on(iso)
        if key == resolver.partner and counterpart:
            ev = Evidence("the reader acts together with the joint partner", PROBABLE, None,
                          m.group(0))  # fmt: skip
            facts.cues.append(Cue([], [counterpart], ev))
            return


def _congratulated_nation_cue(
    facts: Facts, resolver: PartyResolver, text: str, iso: str | None
) -> None:
    """Congratulations to a nation's army or people ("Sincere congratulations to the Red
    Army, the people of the Soviet Union and to yourself") go to that nation's leader:
    the reader is the declared correspondent of that country.  Not when the writer
    thanks for the reader's congratulations, nor when two countries are named."""
    for m in _CONGRATULATES.finditer(text):
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()))
        before = text[sentence_start + 1 : m.start()]
        if re.search(r"\b(?:[Yy]our|[Tt]hank)", before):
            continue
        countries = resolver.countries_named(m.group("whom"))
        if len(countries) != 1:
            continue
        (country,) = countries
        readers = [k for k in (resolver.principal, resolver.counterpart_on(iso))
                   if k and resolver.authority.get(k).country == country]  # fmt: skip
        if len(readers) == 1:
            phrase = m.group(0).strip()
            span = _phrase_span(resolver.source, facts.doc, phrase)
            ev = Evidence(_CONGRATULATED_RULE, PROBABLE, span, phrase)
            facts.cues.append(Cue([], readers, ev))
            return


def _vocative_cues(facts: Facts, resolver: PartyResolver, text: str, iso: str | None) -> None:
    for pattern, office in ((_VOCATIVE_PRESIDENT, "President"), (_VOCATIVE_PM, "Prime Minister")):
        m = pattern.search(text)
        if not m:
            continue
        holders = [k for k in resolver._office_holders(office, iso)
                   if k in (resolver.principal, *resolver.counterparts)]  # fmt: skip
        if len(holders) == 1:
            ev = Evidence("form of address spoken to the reader", PROBABLE + 0.1, None, m.group(0))
            facts.cues.append(Cue([], holders, ev))


def _ev(rule: str, confidence: float, item: dict) -> Evidence:
    return Evidence(rule, confidence, item.get("span"), item.get("text", ""))


# --- settling ----------------------------------------------------------------------


def settle(all_facts: list[Facts], resolver: PartyResolver) -> None:
    """Decide senders and recipients of every document, then propagate replies."""
    for facts in all_facts:
        _settle_direct(facts, resolver)
        _apply_voice(facts, resolver)
    _propagate_references(all_facts, resolver)
    if attribute_by_style(all_facts, resolver):
        _propagate_references(all_facts, resolver)
    if _answer_previous(all_facts, resolver):
        _propagate_references(all_facts, resolver)
    if _announced_next(all_facts, resolver):
        _propagate_references(all_facts, resolver)
    for facts in all_facts:
        _apply_voice(facts, resolver)
        if facts.signed:
            _name_as_signed(facts.doc, *facts.signed, resolver)
    add_introduced_writer([facts.doc for facts in all_facts], resolver.source, resolver)


def _name_as_signed(doc: Document, key: str, name: str, resolver: PartyResolver) -> None:
    """A writer the authority file does not know is named as the signature gives the
    name ("William Hope" from "W[illiam] Hope"), not by the key's surname alone."""
    if resolver.authority.get(key) is not None or not is_full_name(name):
        return
    doc.senders = [Party(p.key, name, p.evidence) if p.key == key else p for p in doc.senders]


def _settle_direct(facts: Facts, resolver: PartyResolver) -> None:
    doc = facts.doc
    explicit = [c for c in facts.cues if c.senders and c.recipients]
    if explicit:
        best = max(explicit, key=lambda c: c.evidence.confidence)
        _set(doc, best.senders, best.recipients, best.evidence, resolver, best.names)
        return
    one_sided = [c for c in facts.cues if bool(c.senders) != bool(c.recipients)]
    if not one_sided:
        return
    by_sender = [c for c in one_sided if c.senders]
    by_recipient = [c for c in one_sided if c.recipients]
    if by_sender and by_recipient:  # a signature and a salutation: each names one side
        writer = max(by_sender, key=lambda c: c.evidence.confidence)
        reader = max(by_recipient, key=lambda c: c.evidence.confidence)
        if writer.senders[0] != reader.recipients[0]:
            _set(doc, writer.senders[:1], [], writer.evidence, resolver, writer.names)
            name = party_name(reader.recipients[0], resolver.authority, reader.names)
            doc.recipients = [Party(reader.recipients[0], name, reader.evidence)]
            return
    best = max(one_sided, key=lambda c: c.evidence.confidence)
    iso = _iso(doc)
    # The other side follows from the volume's declared correspondents, if it can;
    # otherwise only the side the text names is known.
    # A side the cue names whole: "To General De Gaulle and General Giraud" is to both.
    if best.recipients:
        sender = _other_side(best.recipients[0], resolver, iso)
        _set(doc, [sender] if sender else [], best.recipients, best.evidence, resolver, best.names)
    else:
        recipient = _other_side(best.senders[0], resolver, iso)
        _set(
            doc, best.senders, [recipient] if recipient else [], best.evidence, resolver, best.names
        )


def _other_side(key: str, resolver: PartyResolver, iso: str | None) -> str | None:
    if key == resolver.principal:
        return resolver.counterpart_on(iso)
    if key in resolver.counterparts:
        return resolver.principal
    return None


def _propagate_references(all_facts: list[Facts], resolver: PartyResolver) -> None:
    positions = {id(f): k for k, f in enumerate(all_facts)}
    by_date: dict[str, list[Facts]] = {}
    for facts in all_facts:
        for inferred in facts.doc.dates.values():
            by_date.setdefault(inferred.value, []).append(facts)
    changed = True
    rounds = 0
    while changed and rounds < 10:
        changed = False
        rounds += 1
        for position, facts in enumerate(all_facts):
            for ref in facts.references:
                target = _target(ref, facts, by_date, position, positions, all_facts, resolver)
                if target is not None and _propagate(facts, target, ref, resolver):
                    changed = True


def _target(ref: DateReference, facts: Facts, by_date: dict[str, list[Facts]], position: int,
            positions: dict[int, int], all_facts: list[Facts],
            resolver: PartyResolver) -> Facts | None:  # fmt: skip
    iso = complete_year(ref.iso, _iso(facts.doc) or _nearest_date(all_facts, position))
    if not iso:
        return None
    dated = by_date.get(iso, [])  # in position order: the earlier ones are a prefix
    candidates = dated[: bisect.bisect_left(dated, position, key=lambda f: positions[id(f)])]
    if ref.role == "received":
        candidates = [f for f in candidates if "received" in f.doc.dates
                      and f.doc.dates["received"].value == iso] or candidates  # fmt: skip
    if ref.owner == "your" and facts.doc.senders:
        writer = facts.doc.senders[0].key
        candidates = [f for f in candidates if writer not in {p.key for p in f.doc.senders}]
    if ref.owner == "my" and facts.doc.senders:
        writer = facts.doc.senders[0].key
        candidates = [f for f in candidates
                      if not f.doc.senders or writer in {p.key for p in f.doc.senders}]  # fmt: skip
    known = [f for f in candidates if f.doc.senders]
    if candidates:  # undated messages right after the last candidate may be of that date
        between = _undated_after(
            all_facts, max(positions[id(f)] for f in candidates), position, iso
        )
        if any(not f.doc.senders for f in between):
            return None  # not yet known who wrote them: decide later
        known = [f for f in between if f.doc.senders] + known
    if len({tuple(p.key for p in f.doc.senders) for f in known}) > 1:
        return None  # ambiguous: two candidates by different writers
    pick = known[-1] if known else (candidates[-1] if len(candidates) == 1 else None)
    return pick


def _undated_after(all_facts: list[Facts], start: int, end: int, iso: str) -> list[Facts]:
    """The undated documents after position `start` and before `end` that may still be
    of the date `iso`: in a chronological volume, none after a document dated later."""
    undated = []
    for facts in all_facts[start + 1 : end]:
        own = _iso(facts.doc)
        if own is None:
            undated.append(facts)
        elif not own.startswith("--") and own > iso:
            break
    return undated


def _phrase_span(source: Source, doc: Document, phrase: str) -> Span | None:
    """Where a phrase of the document's normalized text stands in the text (None when
    cleaning changed it beyond whitespace)."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in phrase.split()))
    m = pattern.search(source.readable, doc.span.start, doc.span.end)
    return Span(m.start(), m.end()) if m else None


def _propagate(facts: Facts, target: Facts, ref: DateReference, resolver: PartyResolver) -> bool:
    doc, other = facts.doc, target.doc
    rule = f"refers to {ref.owner} message of that date"
    # A reference names its target outright: it outweighs the wording model's guess.
    open_ = not doc.senders or doc.senders[0].evidence.rule == _STYLE_RULE
    if ref.owner == "your":
        if open_ and other.senders and other.recipients:
            span = _phrase_span(resolver.source, doc, ref.text)
            ev = Evidence(f"reply: {rule}", PROBABLE, span, ref.text)
            _set(doc, [p.key for p in other.recipients][:1],
                 [p.key for p in other.senders], ev, resolver)  # fmt: skip
            return True
        if doc.senders and not other.senders:
            ev = Evidence("answered by a later document", PROBABLE, None, ref.text)
            senders = [p.key for p in doc.recipients]
            if ref.joint and resolver.partner and resolver.partner not in senders:
                senders.append(resolver.partner)
            _set(other, senders, [doc.senders[0].key], ev, resolver)
            return True
        if (
            ref.joint
            and other.senders
            and len(other.senders) == 1
            and resolver.partner
            and not other.senders[0].evidence.rule.startswith(_NAMES_THE_WRITER)
        ):
            ev = Evidence("called a joint message by the reply", PROBABLE, None, ref.text)
            _set(other, [other.senders[0].key, resolver.partner],
                 [p.key for p in other.recipients], ev, resolver)  # fmt: skip
            return True
        if (
            doc.senders
            and other.senders
            and len(other.senders) > len(doc.recipients)
            and (doc.recipients and doc.recipients[0].key in {p.key for p in other.senders})
        ):
            _set(doc, [p.key for p in doc.senders], [p.key for p in other.senders],
                 doc.senders[0].evidence, resolver)  # fmt: skip
            return True
    elif ref.owner == "received_by_me":
        recipients = [p.key for p in other.recipients]
        if not doc.senders and len(recipients) == 1 and other.senders:
            ev = Evidence("the writer says they received that message", PROBABLE, None, ref.text)
            writer = recipients[0]
            addressee = _other_side(writer, resolver, _iso(doc)) or other.senders[0].key
            _set(doc, [writer], [addressee], ev, resolver)
            return True
    elif ref.owner == "my":
        if open_ and other.senders:
            ev = Evidence(f"same writer: {rule}", PROBABLE, None, ref.text)
            _set(doc, [p.key for p in other.senders][:1],
                 [p.key for p in other.recipients][:1], ev, resolver)  # fmt: skip
            return True
    return False


def _acknowledgement(doc: Document) -> re.Match | None:
    """The opening "Thank you for your message" / "Your message has reached me"."""
    opening = doc.text.lstrip()[:_OPENING_CHARS].split("\n\n", 1)[0]
    return _ACKNOWLEDGES.search(opening)


def _answer_previous(all_facts: list[Facts], resolver: PartyResolver) -> bool:
    """A document that opens by acknowledging "your message" without a date answers the
    message just before it: its writer is that message's addressee, its readers that
    message's writers (both, when it was joint).  Not when the message before is itself
    such an acknowledgement (nobody thanks for thanks), nor when the document names a
    date ("your message of May 5": the date decides, in _propagate_references).
    Runs after attribution by wording: where the wording named the same writer the two
    cues agree; where it named the other side, the reply still decides, uncertainly."""
    changed = False
    for position, facts in enumerate(all_facts):
        doc = facts.doc
        by_style = bool(doc.senders) and doc.senders[0].evidence.rule == _STYLE_RULE
        if (doc.senders and not by_style) or position == 0:
            continue
        if any(r.owner == "your" for r in facts.references) or not (m := _acknowledgement(doc)):
            continue
        previous = all_facts[position - 1].doc
        if not (previous.senders and previous.recipients) or _acknowledgement(previous):
            continue
        readers = {p.key for p in doc.recipients}
        if readers and not by_style and readers != {p.key for p in previous.senders}:
            continue  # its own header names another addressee
        writer = previous.recipients[0].key
        rule, confidence = "reply: acknowledges the message just before it", _ACK_CONFIDENCE
        if by_style and doc.senders[0].key == writer:
            rule, confidence = rule + "; the wording agrees", PROBABLE
        elif by_style:  # the document's own words outweigh a volume-wide guess, barely
            rule, confidence = rule + "; the wording points to the other side", POSSIBLE - 0.05
        span = _phrase_span(resolver.source, doc, m.group(0))
        ev = Evidence(rule, confidence, span, m.group(0))
        _set(doc, [writer], [p.key for p in previous.senders], ev, resolver)
        changed = True
    return changed


def _announced_next(all_facts: list[Facts], resolver: PartyResolver) -> bool:
    """A message that announces the next one ("I am asking Ambassador Standley to
    deliver them to you") makes the document right after it, from the same side, that
    next message: written by the same one writer to the same readers, even when it
    speaks in "we" of decisions taken jointly.  Not when the next document names its own
    writer otherwise, or when its wording alone placed it on the other side."""
    changed = False
    for position, facts in enumerate(all_facts[:-1]):
        doc = facts.doc
        if len(doc.senders) != 1 or not doc.recipients:
            continue
        text = doc.text
        if "to you" not in text and "message" not in text:
            continue
        if not may_announce_next(text) or not (m := _ANNOUNCES_NEXT.search(text)):
            continue
        following = all_facts[position + 1]
        writer = doc.senders[0].key
        if not _may_be_announced(following, writer, doc):
            continue
        span = _phrase_span(resolver.source, doc, m.group(0))
        ev = Evidence(_ANNOUNCED_RULE, PROBABLE, span, m.group(0))
        _set(following.doc, [writer], [p.key for p in doc.recipients], ev, resolver)
        changed = True
    return changed


def _may_be_announced(following: Facts, writer: str, announcer: Document) -> bool:
    """Whether the document after an announcing message can be the announced one."""
    if any(c.senders and writer not in c.senders for c in following.cues):
        return False  # its own header names another writer
    senders = following.doc.senders
    if not senders:
        return True
    if senders[0].evidence.rule == _ANNOUNCED_RULE:
        return False
    readers = {p.key for p in announcer.recipients}
    same_side = senders[0].key == writer and (
        not following.doc.recipients or {p.key for p in following.doc.recipients} == readers
    )
    return same_side and len(senders) > 1


def _apply_voice(facts: Facts, resolver: PartyResolver) -> None:
    doc = facts.doc
    if not doc.senders or not resolver.partner:
        return
    keys = [p.key for p in doc.senders]
    from_counterpart = keys[0] in resolver.counterparts
    settled_here = doc.senders[0].evidence.rule.startswith(
        ("written wholly", "one writer", _ANNOUNCED_RULE)
    )
    if from_counterpart and len(keys) == 1 and not settled_here:
        if facts.voice == "plural":
            ev = Evidence("written wholly in 'we' from the counterpart's side: a joint message",
                          PROBABLE, None, "")  # fmt: skip
            _set(doc, [*keys, resolver.partner], [p.key for p in doc.recipients], ev, resolver)
        elif facts.voice == "none":
            ev = Evidence(
                _with_reason(doc.senders[0].evidence.rule, _MAYBE_JOINT),
                POSSIBLE,
                doc.senders[0].evidence.span,
                doc.senders[0].evidence.text,
            )
            _set(doc, keys, [p.key for p in doc.recipients], ev, resolver)
    text = doc.text
    if keys[0] == resolver.principal and "joint " in text and (m := _YOUR_JOINT.search(text)):
        recipients = [p.key for p in doc.recipients]
        if recipients and resolver.partner not in recipients:
            ev = Evidence("replies to 'your joint message': both its senders are addressed",
                          PROBABLE, None, m.group(0))  # fmt: skip
            name = resolver.authority.display_name(resolver.partner)
            doc.recipients.append(Party(resolver.partner, name, ev))
    if (
        resolver.principal not in keys
        and ("both" in text or "joint behalf" in text)
        and (m := _ON_BEHALF.search(text))
    ):
        names = {p.key for p in doc.senders}
        writer = _third_party_writer(doc, resolver)
        if writer and writer not in names:
            ev = Evidence("one writer replies 'for us both' and names the other in the third "
                          "person", POSSIBLE, None, m.group(0))  # fmt: skip
            _set(doc, [writer, *[k for k in keys if k != writer]],
                 [p.key for p in doc.recipients], ev, resolver)  # fmt: skip


def _with_reason(rule: str, reason: str) -> str:
    return rule if rule.endswith(reason) else f"{rule}; {reason}"


def _third_party_writer(doc: Document, resolver: PartyResolver) -> str | None:
    """When a counterpart is named in the third person ("I have consulted the
    President"), the writer is the joint partner."""
    iso = _iso(doc)
    for key in resolver.counterparts:
        for office in resolver.authority.offices_of(key):
            short = office.title.split(" of ")[0]
            if office.held_on(iso) and re.search(rf"\bthe {short}\b", doc.text):
                return resolver.partner
    return None


# --- enclosures --------------------------------------------------------------------


def attribute_enclosures(doc: Document, resolver: PartyResolver) -> None:
    """An enclosure is read by its own heading ("Inclosure in No. 14." / "Count
    Nesselrode to Baron Brunnow.") and its signature ("(Signed) STRATFORD DE
    REDCLIFFE.", a quoted note's closing "V. Molotov."): what it says of itself wins
    over what the covering document was read to say of it."""
    for child in doc.enclosures:
        _attribute_by_own_lines(child, resolver)
        attribute_enclosures(child, resolver)


def _attribute_by_own_lines(doc: Document, resolver: PartyResolver) -> None:
    from missive.pipeline.enclosure_lines import own_heading, own_signature

    iso = _iso(doc)
    if heading := own_heading(doc):
        senders = resolver.resolve_names(heading.info.get("senders", []), iso)
        recipients = resolver.resolve_names(heading.info.get("recipients", []), iso)
        if senders or recipients:
            ev = Evidence("the enclosure's own heading", CERTAIN, heading.span, heading.text)
            _set(doc, senders, recipients, ev, resolver)
            return
    signature = own_signature(doc)
    key = resolver.resolve_name(_SIGNED.sub("", signature.text), iso) if signature else None
    if signature is None or key is None or [p.key for p in doc.senders] == [key]:
        return
    recipients = [p.key for p in doc.recipients if p.key != key]
    ev = Evidence("the enclosure's signature", PROBABLE, signature.span, signature.text)
    _set(doc, [key], recipients, ev, resolver)
    _name_as_signed(doc, key, signed_name(signature.text), resolver)
