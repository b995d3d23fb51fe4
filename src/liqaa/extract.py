"""Meetings: who met whom, when, where, and what about (schema ``liqaa.meetings/1``).

The stage is a plain function of an analysed Document: ``find_meetings(doc, kb, claims)``
reads what the single gazetteer scan already found — people and titles (entity layer), the
meeting, goal and topic words of ``lexicons/meeting.yaml``, ``goals.yaml`` and
``topics.yaml`` (lexicon layer), places (``lexicons/places.yaml`` and the KB's capitals) —
plus the claims of the check stage, and returns one record per meeting.

How a meeting is found
  1. A trigger word reports a meeting (استقبل، التقى، بحث مع، اتصالا هاتفيا، زيارة، قمة؛ met,
     received, held talks, visited, phoned, summit). Figures of speech that contain one
     (قمة الهرم، في قمة السعادة) are longer lexicon entries and win the match; family and
     private occasions, negated meetings ("لم يلتق", "did not meet") and "received a letter"
     are dropped.
  2. The clause around the trigger (up to words such as قال، بعد، الذي؛ said, before, who) is
     searched for participants: claims (people with a role), other KB people, unknown
     English names, delegations (وفد أمريكي). The grammatical subject is told apart from
     the objects (Arabic verb-subject-object, English subject-verb-object, relative "who",
     pronouns "إنه/he", استقبله "received him", لقائه "his meeting", dropped Arabic
     subjects), so that "استقبل X Y" makes X the host. Possessors are not participants
     (خطة ترامب، مبعوثي الرئيس ترامب، "Trump's plan"), nor fathers in name chains (بن سلمان).
     A meeting needs two parties (or a visitor and a destination), at least one of them a
     KB person, a person the text gives a role, or a delegation.
  3. Status: markers near the trigger (سيلتقي، من المقرر، من المتوقع، قد؛ will, is expected to,
     may) and the tense of the trigger say whether it happened, is planned or speculated.
  4. Place: a city, venue, "the Saudi capital" or (for visits and close to the trigger) a
     country, after a locative word (في، إلى، in, at, to). Calls have no place. Date: the
     claims' rule (``claims.assign_date``): a date in the sentence, else the document's
     date (else --as-of).
  5. Reports of the same meeting in one article (same people, compatible date, place and
     status) merge into one record; "the talks", "اللقاء", "the two sides" in later
     sentences attach to the meeting they refer to.
  6. Topics: a topic word (topics.yaml) counts when a goal or agenda marker (goals.yaml:
     لبحث، تناول، على جدول الأعمال؛ to discuss, focused on) precedes it in a sentence about
     the meeting; the evidence is the word's span in the original text, with who says so
     (a statement, a participant, an official, unnamed sources, media, analysts) and
     whether the text only speculates (قد يتناول، may discuss).

Kinds: ``call`` (phone or video), ``summit`` (the text calls it a summit), ``host`` (a
reception: استقبل، received, or a meeting held in one participant's country), ``visit``
(someone travels: زار، visited, arrived in), ``third_place`` (in a country that is none of
the participants', or on the sidelines of an event), ``talks`` (place unknown).

The meeting ``key`` is the same for reports of the same meeting, in any language: sorted
KB person ids + the date + ``phone`` for calls (``liqaa.meeting_key``; the archive merges
reports whose days follow each other). Each participant whose role the text claims carries
the check's verdict on that claim (``identity_verdict``), so that a refuted identity is
never passed on as fact.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache, partial

from liqaa.claims import _NSTART, _PERSON_KINDS, GOVERNING_WORDS, Claim, ClaimFinder, _Stream, assign_date, find_claims, mention_lang
from liqaa.document import Document, analyze
from liqaa.gazetteer import Mention, gazetteer_for, load_lexicon
from liqaa.kb.model import KB, PartialDate
from liqaa.meeting_key import participant_ident, report_key
from liqaa.text import has_capital, normalize
from liqaa.verify import DEFAULT_STALE_AFTER, Verdict, Verifier

MEETINGS_SCHEMA = "liqaa.meetings/1"
KINDS = ("visit", "host", "third_place", "call", "summit", "talks")
STATUSES = ("happened", "planned", "speculated")
SOURCE_TYPES = ("statement", "participant", "official", "unnamed_source", "media", "analysts")

_MEETING, _GOAL, _TOPIC = "meeting", "goal", "topic"


# --- lexicons ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicons:
    meeting: dict          # ref -> entry (role, type, pos, tense, needs, status)
    goal: dict             # ref -> entry (role, source)
    places: dict           # id -> (name_en, name_ar, country or None)
    words: re.Pattern      # every function word of meeting.yaml ``words``, one pass
    word_roles: dict       # normalised form -> roles (a role, or the status of a status marker)


def _words_regex(forms) -> re.Pattern:
    ar, en = set(), set()
    for n in forms:
        (ar if any("\u0600" <= c <= "\u06ff" for c in n) else en).add(n)
    parts = []
    if ar:
        parts.append(r"(?<!\w)[وف]?(?:%s)(?!\w)" % _prefix_tree(ar))
    if en:
        parts.append(r"(?<!\w)(?:%s)(?!\w)" % _prefix_tree(en))
    return re.compile("|".join(parts) or r"(?!x)x")


def _prefix_tree(forms) -> str:
    """An alternation of the forms factored by their common prefixes (a space matches any
    whitespace): the engine tries one branch per letter instead of every form at every
    position. A form is tried before its own prefixes, so a position matches the longest
    form that ends at a word boundary, as a longest-first list of forms would."""
    tree: dict = {}
    for form in forms:
        node = tree
        for c in form:
            node = node.setdefault(r"\s+" if c == " " else re.escape(c), {})
        node[""] = {}    # a form ends here
    return _tree_regex(tree)


def _tree_regex(node: dict) -> str:
    branches = [unit + _tree_regex(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:%s)" % "|".join(branches)
    if "" not in node:
        return group
    return (group if len(branches) > 1 else "(?:%s)" % group) + "?"


_LEXICON_FILES = ("meeting.yaml", "goals.yaml", "places.yaml")


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    """The extraction lexicons, from the on-disk cache while their files are unchanged
    (parsing the YAML costs more than extracting from one article)."""
    from liqaa.cache import cached, fingerprint
    from liqaa.gazetteer import LEXICON_DIR

    key = fingerprint("lexicons-2", files=[LEXICON_DIR / name for name in _LEXICON_FILES])
    return cached("extract-lexicons", key, _read_lexicons, _Lexicons)


def _read_lexicons() -> _Lexicons:
    meeting = load_lexicon("meeting.yaml")
    goals = load_lexicon("goals.yaml")
    places = load_lexicon("places.yaml")
    roles: dict[str, tuple[str, ...]] = {}
    for ref, entry in (meeting.get("words") or {}).items():
        key = entry.get("status") if entry.get("role") == "status" else entry.get("role", ref)
        for f in [*(entry.get("ar") or []), *(entry.get("en") or [])]:
            n = normalize(str(f)).strip()
            if n and key not in roles.get(n, ()):
                roles[n] = (*roles.get(n, ()), key)
    place_names = {}
    for pid, entry in (places.get("entries") or {}).items():
        en = (entry.get("en") or [pid])[0]
        ar = (entry.get("ar") or [None])[0]
        place_names[str(pid)] = (en[4:] if en.lower().startswith("the ") else en, ar, entry.get("extra") or None)
    return _Lexicons(meeting=meeting.get("entries") or {}, goal=goals.get("entries") or {},
                     places=place_names, words=_words_regex(roles), word_roles=roles)


# --- records ----------------------------------------------------------------------------

@dataclass
class Span:
    start: int
    end: int
    text: str

    def to_dict(self, offset: int = 0) -> dict:
        return {"start": self.start + offset, "end": self.end + offset, "text": self.text}


@dataclass
class Participant:
    mention: str                      # as written (first report)
    start: int
    end: int
    person_id: str | None = None
    role: str | None = None           # as the text claims it
    country: str | None = None        # as the text claims it, else from the KB
    org: str | None = None
    side: str | None = None           # host | guest
    type: str = "person"              # person | delegation

    claim: Claim | None = None        # the claim that gives the role, if the text claims one
    identity_verdict: Verdict | None = None   # the check's verdict on that claim

    @property
    def ident(self) -> str:
        return participant_ident(self.person_id, self.type, self.country, self.org, self.mention)

    def to_dict(self, kb: KB, offset: int = 0) -> dict:
        person = kb.people[self.person_id].ref() if self.person_id in kb.people else None
        out = {"mention": self.mention, "start": self.start + offset, "end": self.end + offset, "person": person,
               "role": self.role, "country": self.country, "side": self.side, "type": self.type,
               "identity_verdict": self._identity_dict(offset)}
        if self.org:
            out["org"] = self.org
        return out

    def _identity_dict(self, offset: int) -> dict | None:
        if self.claim is None or self.identity_verdict is None:
            return None
        c = self.claim
        return {"verdict": self.identity_verdict.verdict, "reason": self.identity_verdict.reason,
                "mention": c.mention, "start": c.start + offset, "end": c.end + offset}


@dataclass
class StatedBy:
    type: str                         # one of SOURCE_TYPES
    span: Span | None = None
    person_id: str | None = None

    def to_dict(self, offset: int = 0) -> dict:
        return {"type": self.type, "text": self.span.text if self.span else None,
                "start": self.span.start + offset if self.span else None,
                "end": self.span.end + offset if self.span else None,
                "person": self.person_id}


@dataclass
class Topic:
    topic: str
    evidence: list[Span] = field(default_factory=list)
    stated_by: StatedBy | None = None
    speculative: bool = True          # every report of it is hedged (قد، may, expected)

    def to_dict(self, offset: int = 0) -> dict:
        return {"topic": self.topic, "evidence": [e.to_dict(offset) for e in self.evidence],
                "stated_by": self.stated_by.to_dict(offset) if self.stated_by else None,
                "speculative": self.speculative}


@dataclass
class Goal:
    span: Span                        # the goal statement, marker to end of its clause
    topics: list[str]
    stated_by: StatedBy | None
    speculative: bool

    def to_dict(self, offset: int = 0) -> dict:
        return {**self.span.to_dict(offset), "topics": self.topics,
                "stated_by": self.stated_by.to_dict(offset) if self.stated_by else None,
                "speculative": self.speculative}


@dataclass
class Place:
    name: str | None
    country: str | None
    name_ar: str | None = None
    mention: Span | None = None
    level: str = "city"               # city | venue | country

    def to_dict(self, offset: int = 0) -> dict:
        return {"name": self.name, "country": self.country, "name_ar": self.name_ar,
                "mention": self.mention.text if self.mention else None,
                "start": self.mention.start + offset if self.mention else None,
                "end": self.mention.end + offset if self.mention else None}


@dataclass
class Meeting:
    key: str
    kind: str
    status: str
    date: PartialDate | None
    date_basis: str
    place: Place | None
    participants: list[Participant]
    topics: list[Topic] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    triggers: list[Span] = field(default_factory=list)
    occasion: Span | None = None

    def to_dict(self, kb: KB, offset: int = 0) -> dict:
        """The liqaa.meetings/1 meeting; spans index the source file (``offset`` = where
        the document's text starts in it, after front matter)."""
        return {
            "key": self.key,
            "kind": self.kind,
            "status": self.status,
            "date": str(self.date) if self.date else None,
            "date_basis": self.date_basis,
            "place": self.place.to_dict(offset) if self.place else None,
            "participants": [p.to_dict(kb, offset) for p in self.participants],
            "topics": [t.to_dict(offset) for t in self.topics],
            "goals": [g.to_dict(offset) for g in self.goals],
            "occasion": self.occasion.to_dict(offset) if self.occasion else None,
            "triggers": [t.to_dict(offset) for t in self.triggers],
            "evidence": [e.to_dict(offset) for e in self.evidence],
        }


@dataclass
class MeetingsReport:
    document: Document
    kb: KB
    meetings: list[Meeting] = field(default_factory=list)

    def to_dict(self) -> dict:
        doc = self.document
        return {
            "schema": MEETINGS_SCHEMA,
            "source": doc.source or doc.id or None,
            "language": doc.language,
            "meetings": [m.to_dict(self.kb, doc.offset) for m in self.meetings],
            "as_of": str(doc.as_of or doc.date) if (doc.as_of or doc.date) else None,
            "kb": {"version": self.kb.version, "as_of": str(self.kb.as_of)},
            **doc.described(),
        }


# --- working structures -----------------------------------------------------------------

@dataclass
class _Unit:
    nstart: int                       # normalised span, proclitics included
    nend: int
    start: int                        # original span of the name as written
    end: int
    mention: str
    person_id: str | None = None
    role: str | None = None
    country: str | None = None
    org: str | None = None
    type: str = "person"
    prefix: str = ""
    claim: Claim | None = None
    sides_of: int = -1                # a side of "talks between X and Y" (a country or movement): the talks' position
    role_claim: Claim | None = None   # the claim of another report of this person that gave the role

    @property
    def claim_of_role(self) -> Claim | None:
        """The claim the unit's role rests on (None: no role, or one the KB gave)."""
        if self.role_claim is not None:
            return self.role_claim
        return self.claim if self.claim is not None and self.claim.role else None

    @property
    def ident(self) -> str:
        """Who the unit is, for merging reports: the KB person; for a name the KB does not
        know but whose surname is a KB person's ("ألكسندر ويتكوف"), that person — a garbled
        name still groups with the real meeting, while the participant keeps the name as
        written and the role the text claims."""
        if self.person_id:
            return self.person_id
        if self.claim is not None and self.claim.surname_of:
            return self.claim.surname_of
        if self.type == "delegation":
            return f"delegation:{self.country or self.org or normalize(self.mention)}"
        return f"person:{normalize(self.mention)}"


@dataclass
class _Cand:
    trigger: Mention
    type: str                         # meet | receive | visit | call | summit | talks | discuss
    pos: str
    sentence: int
    status: str | None
    subject: list[_Unit]
    others: list[_Unit]
    locate: Callable[[], Place | None] = field(repr=False)   # finds the place, when it is asked for
    date: PartialDate | None
    date_basis: str
    sideline: bool = False
    occasion: Span | None = None
    passive: bool = False
    anaphoric: bool = False

    @cached_property
    def place(self) -> Place | None:
        """Found on first use: most reports that only refer to a meeting are dropped
        without it. A record may set it from a later report."""
        return self.locate()

    @property
    def units(self) -> list[_Unit]:
        return [*self.subject, *self.others]

    @property
    def idents(self) -> set[str]:
        return {u.ident for u in self.units}


@dataclass
class _Record:
    cands: list[_Cand] = field(default_factory=list)
    units: dict[str, _Unit] = field(default_factory=dict)
    sides: dict[str, str] = field(default_factory=dict)
    sentences: set[int] = field(default_factory=set)
    attached: list[tuple[int, Mention]] = field(default_factory=list)

    @property
    def call(self) -> bool:
        return any(c.type == "call" for c in self.cands)

    @property
    def statuses(self) -> set[str]:
        return {c.status for c in self.cands if c.status}

    @property
    def place(self) -> Place | None:
        """Where a visit went; else the most precise place the reports give (a palace
        over its city over the country), the first report's among equals: a headline
        says "in Cairo", the lead "at Ittihadiya Palace in Cairo"."""
        for c in self.cands:
            if c.type == "visit" and c.place and c.place.level != "country":
                return c.place
        places = [c.place for c in self.cands if c.place]
        return min(places, key=lambda p: _PRECISION[p.level]) if places else None

    @property
    def explicit_date(self) -> PartialDate | None:
        for c in self.cands:
            if c.date_basis == "explicit":
                return c.date
        return None

    def add(self, cand: _Cand) -> None:
        self.cands.append(cand)
        self.sentences.add(cand.sentence)
        for u in cand.units:
            known = self.units.get(u.ident)
            if known is None:
                self.units[u.ident] = u
            elif known.claim is None and u.claim is not None and known.person_id == u.person_id:
                self.units[u.ident] = u   # the report that names the role: "الرئيس الروسي فلاديمير بوتين"
            elif known.role is None and u.role is not None:
                known.role, known.country, known.org = u.role, u.country or known.country, u.org or known.org
                known.role_claim = u.claim_of_role
        if cand.type == "receive":
            host, guest = ("others", "subject") if cand.passive else ("subject", "others")
            for u in getattr(cand, host):
                self.sides.setdefault(u.ident, "host")
            for u in getattr(cand, guest):
                self.sides.setdefault(u.ident, "guest")
        elif cand.type == "visit":
            for u in cand.subject:
                self.sides.setdefault(u.ident, "guest")


# --- the finder ---------------------------------------------------------------------------

_HARD_BREAK = re.compile(r"(?<!\w)(?:before|after|while|whereas|but|however|although|meanwhile|قبل|بعد|بينما|فيما|لكن|لكنه|"
                         r"ولكن|غير ان|الا ان|في حين|كما|وكما)(?!\w)|;")
_WITH = re.compile(r"(?<!\w)(?:[وف]?مع|with|and|و)(?!\w)")
_BETWEEN_OK = frozenset("""the a an city of resort town port seaside coastal black red sea mediterranean
mountain palace مدينه منتجع مدينة العاصمه قصر""".split())
_LOC_WORDS = frozenset(normalize(w) for w in "في الى إلى لدى داخل in at to inside".split())
_AR_OBJECT_MARK = ("ب", "وب", "فب", "ل", "ول")
# Given names that are also everyday Arabic words: not the start of an unknown name.
_NOT_NAME = frozenset(normalize(w) for w in """علي على غير لي شي جو بيت بدر أمين صالح كريم جميل سعيد هادي حسن عادل
سالم منصور رياض كمال نبيل شريف تور مون يون كير رون جان آدم أدم منى ناصر راشد حمد جابر قاسم هاشم""".split())
_TIME_WORDS = re.compile(r"(?<!\w)(?:اليوم|امس|يوم|مساء|صباح|ظهر|فجر|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)(?!\w)")
_CONNECTORS = re.compile(r"[\s,،]*(?:(?:و|and|with|مع|بين|between|&|كل من|both)\s*[\s,،]*)*")
# نائب وزير الخارجية، the deputy foreign minister: the words that govern a title (claims.py's).
_GOVERNING_BEFORE = re.compile(r"(?<!\w)[وف]?(?:لل|ال|ل)?(?:%s)\s+(?:(?:(?:ال)?اول|first)\s+)?$"
                               % "|".join(sorted(GOVERNING_WORDS)))
_SEPARATELY = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(
    normalize(p) for p in ("كل على حدة", "كل منهما على حدة", "each separately", "separately")))
_PARTICIPLE_BEFORE = re.compile(r"(?<!\w)(?:%s)\s+(?:(?:في|خلال|عبر)\s+)?$" % "|".join(
    normalize(w) for w in "مضيفا مضيفة مشيرا مشيرة مؤكدا مؤكدة موضحا موضحة لافتا لافتة معربا معربة".split()))
# Verbs whose object names the meeting: عقد اجتماعا، أجرى مباحثات، held talks (normalised).
_AR_LIGHT_VERBS = "عقد|عقدا|عقدت|اجري|اجريا|اجرت"
_LIGHT_VERB_BEFORE = re.compile(rf"(?<!\w)(?:held|hold|holds|holding|had|have|has|{_AR_LIGHT_VERBS})\s+"
                                r"(?:[\w-]+\s+)?$")
_AR_LIGHT_VERB = re.compile(rf"(?<!\w)[وف]?(?:{_AR_LIGHT_VERBS})(?!\w)")
# A partner introduced after the named parties: مع or with (up to two words between, not a
# new coordinated clause), or بـ right after them before a noun (not بحضور، برئاسة، بشأن ...,
# which introduce no partner).
_UNNAMED_WITH = re.compile(r"\s*[،,]?\s*(?:(?:(?![وف])[\w-]+\s+){0,2}?(?:مع|with)\s+|(?P<bi>ب)(?:ال)?(?!حضور|مشارك|شان"
                           r"|هدف|غيه|رئاس|قياد|مقر|قصر|عاصم|مدين|طلب|دعو|مناسب|حث|حسب|ين|عد|دء|دايه|رعايه|وساطه|تنظيم)\w)")
_WITH_BEFORE = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:مع|with)\s+(?:[\w-]+\s+){0,4}?")
# "وفد حماس برئاسة خليل الحية ووفد فتح": who heads the first does not part it from the second,
# and "وفد فتح برئاسة حسين الشيخ": the head is joined to his delegation
_HEADED_BY = re.compile(r"^\s*,?\s*(?:%s|headed by|led by)(?:\s+[\w-]+){0,4}\s*(?=,?\s*$)"
                        % "|".join(normalize(w) for w in ("برئاسة", "بقيادة")))
_TALKS_MODIFIERS = frozenset(normalize(w) for w in """غير المباشرة مباشرة المباشرة الثنائية ثنائية الجارية الجديدة
جديدة المقبلة المرتقبة الأخيرة السرية الرسمية الفنية النووية الأمنية السياسية indirect direct new bilateral
secret formal fresh the""".split())
_SIDE_GAP = re.compile(r"\s*(?:and\s+)?(?:the\s+)?")
_BETWEEN_AHEAD = re.compile(r"(?<!\w)(?:بين|between)\s")
_BETWEEN = re.compile(r"\s*(?:[\w-]+\s+){0,4}?(?P<word>بين|between)\s")
_DUAL_DELEGATION = frozenset(normalize(w) for w in ("الوفدين", "الوفدان", "وفدين", "وفدان"))
_REPORTER_BEFORE = re.compile(r"(?<!\w)[لو]?(?:موفد|مراسل|مبعوث[ه]?\s+(?:ال)?(?:صحيفه|قناه|وكاله)|(?:ال)?سفير)\w*"
                              r"(?:\s+[\w-]+){0,2}?\s+(?:الي|في|لدي)\s+$|(?:correspondent|reporter)s?\s+(?:in|to)\s+$")
def _conjunction(prefix: str) -> int:
    """The letters of a proclitic that are a conjunction (و، ف), left out of a span as written:
    "ووفد حركة فتح" is the participant "وفد حركة فتح"."""
    return len(prefix) - len(prefix.lstrip("وف"))


def _says_between(text: str) -> bool:
    """A cheap look before the "between" patterns, which most sentences do not need."""
    return "بين" in text or "between" in text


_TODAY = re.compile(r"(?:اليوم|today|tonight)(?!\w)")
_PATRONYM = re.compile(r"(?<!\w)(?:بن|ابن|بنت|bin|ibn|bint)\s+$")
_ON = re.compile(r"(?<!\w)(?:on|over)\s+(?:the\s+|a\s+)?")
_LIST_ITEM = re.compile(r"\s*(?:[-*•·]|\d+[.)])\s*")
_WHITESPACE = re.compile(r"\s+")
_LATIN_WORD_START = re.compile(r"(?<!\w)[a-z]")   # in normalised text: É and Ａ are e and a there
_GERUNDS = frozenset({"meeting", "visiting", "receiving", "hosting"})
_MONTHS_EN = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())


_PRECISION = {"venue": 0, "city": 1, "country": 2}


def _as_people(units, others) -> set[str]:
    """The idents of units, a country's delegation read as the people of that country among
    the other report's units: "الوفد الأميركي يلتقي نتنياهو" and "فانس سيبحث مع نتنياهو"
    report one meeting."""
    found = set()
    for u in units:
        people = {o.ident for o in others if o.type == "person" and u.type == "delegation" and o.country
                  and o.country == u.country}
        found |= people or {u.ident}
    return found


def _starting_in(mentions: list[Mention], s: int, e: int) -> list[Mention]:
    """The mentions of a list in text order that start in [s, e)."""
    return mentions[bisect_left(mentions, s, key=_NSTART):bisect_left(mentions, e, key=_NSTART)]


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


class _Finder:
    def __init__(self, doc: Document, kb: KB, claims: list[Claim], meeting_words: list[Mention], named: set[int]):
        self.doc = doc
        self.kb = kb
        self.lex = _lexicons()
        self.meeting_words = meeting_words   # lexicon mentions of meeting.yaml's entries
        self.claims = claims
        self.named = named   # the sentences where a meeting word may have participants
        self._units_cache: dict[int, list[_Unit]] = {}
        self._words_cache: dict[int, list[tuple[int, int, str]]] = {}

    # Most articles with a meeting word name nobody beside it: what only the reading of a
    # candidate needs is made on first use.
    @cached_property
    def _meeting_words_by_role(self) -> dict[str | None, list[Mention]]:
        by_role: dict[str | None, list[Mention]] = {}   # each in text order
        for m in self.meeting_words:
            by_role.setdefault(self._entry(m.of(_MEETING)).get("role"), []).append(m)
        return by_role

    @cached_property
    def claims_by_person(self) -> dict[str, Claim]:
        """Each person's claim that names a role (one with a place, when there is one)."""
        found: dict[str, Claim] = {}
        for c in self.claims:
            if c.person_id and c.role:
                known = found.get(c.person_id)
                if known is None or (known.place is None and c.place is not None):
                    found[c.person_id] = c
        return found

    # --- helpers --------------------------------------------------------------------

    def norm_pos(self, orig: int) -> int:
        offsets = self.doc.offsets
        try:
            return offsets.position_of(orig)
        except AttributeError:   # the array of the rare presentation-forms path
            return bisect_left(offsets, orig)

    def span(self, nstart: int, nend: int) -> Span:
        s, e = self.doc.original(nstart, nend)
        return Span(s, e, self.doc.text[s:e])

    def sentence_span(self, i: int) -> Span:
        s, e = self.doc.sentences[i]
        return self.span(s, e)

    def sentence_index(self, npos: int) -> int:
        return self.doc.sentence_index(npos)

    def entities_in(self, s: int, e: int) -> list[Mention]:
        return _starting_in(self.doc.mentions, s, e)

    def lexicon_in(self, s: int, e: int) -> list[Mention]:
        return self.doc.lexicon_in(s, e)

    def meeting_words_in(self, role: str, s: int, e: int) -> list[Mention]:
        """The meeting words starting in [s, e) whose (first) meeting.yaml entry has this role."""
        return _starting_in(self._meeting_words_by_role.get(role, []), s, e)

    def words(self, i: int) -> list[tuple[int, int, str]]:
        """Function-word matches in sentence i: (nstart, nend, role or status)."""
        cached = self._words_cache.get(i)
        if cached is not None:
            return cached
        s, e = self.doc.sentences[i]
        found = []
        roles_of = self.lex.word_roles
        dates = None
        for m in self.lex.words.finditer(self.doc.norm, s, e):
            text = m.group()
            if not text.isalpha():
                text = _WHITESPACE.sub(" ", text)   # a form of several words
            roles = roles_of.get(text) or roles_of.get(text[1:], ())
            if text == "may":
                if dates is None:
                    dates = [(d.nstart, d.nend) for d in self.doc.dates_in(s, e)]
                if any(ds <= m.start() < de for ds, de in dates):
                    continue  # "May" the month is not "may" the modal
            for role in roles:
                found.append((m.start(), m.end(), role))
        self._words_cache[i] = found
        return found

    def is_heading(self, i: int) -> bool:
        """Sentence i is a Markdown heading or the article's title."""
        doc = self.doc
        s, e = doc.sentences[i]
        os_, _ = doc.original(s, e)
        line_start = doc.text.rfind("\n", 0, os_) + 1
        if doc.text[line_start:os_].lstrip().startswith("#") or doc.text[os_:os_ + 1] == "#":
            return True
        title = self._title_span
        return title is not None and title[0] <= s and e <= title[1]

    @cached_property
    def _title_span(self) -> tuple[int, int] | None:
        """Where the article's title stands in the normalised text, if it does: a headline
        may be several sentences ("الحرب على غزة.. بايدن يبحث مع نتنياهو"), all of it a heading."""
        if not self.doc.title:
            return None
        title = normalize(self.doc.title).strip()
        at = self.doc.norm.find(title) if title else -1
        return None if at < 0 else (at, at + len(title))

    def lang_of(self, m: Mention) -> str:
        return mention_lang(m)

    # --- participants ---------------------------------------------------------------

    def units(self, i: int) -> list[_Unit]:
        cached = self._units_cache.get(i)
        if cached is not None:
            return cached
        doc = self.doc
        s, e = doc.sentences[i]
        units: list[_Unit] = []
        for c in self._claims_in(s, e):
            ns = max(s, self.norm_pos(c.span_start))
            ne = self.norm_pos(c.span_end)
            units.append(_Unit(ns, ne, c.start, c.end, c.mention, c.person_id, c.role, c.country, c.org, claim=c))
        ents = self.entities_in(s, e)

        def covered(ns: int, ne: int) -> bool:
            return any(u.nstart <= ns and ne <= u.nend for u in units)

        for m in ents:
            pids = [p.ref for p in m.patterns if p.kind in ("person", "person_short")]
            if not pids or covered(m.nstart, m.nend):
                continue
            if _PATRONYM.search(doc.norm, max(0, m.nstart - len(m.prefix) - 6), m.nstart - len(m.prefix)):
                continue   # "فيصل بن سلمان بن عبد العزيز": سلمان بن عبد العزيز is a father's name here
            pid = self._pick_person(pids)
            units.append(_Unit(m.nstart - len(m.prefix), m.nend, m.start, m.end, m.text, pid, prefix=m.prefix))
        units.extend(self._unknown_names(s, e, units, ents))
        units.extend(self._officials(s, e, units, ents))
        units.extend(self._sides_between(i, e, units, ents))
        units.extend(self._delegations(s, e, ents))
        units.extend(self._offices(s, e, units, ents))
        for u in units:
            if u.prefix == "" and u.claim is not None:
                first = next((m for m in ents if m.nstart - len(m.prefix) == u.nstart), None)
                u.prefix = first.prefix if first else ""
        modifiers = [u for u in units if self._is_modifier(i, u, ents)]
        # and the same name read again around them ("بمبعوث رئيس الوزراء حيدر العبادي مستشار ...")
        units = [u for u in units if not any(m.nstart < u.nend and u.nstart < m.nend for m in modifiers)]
        units.sort(key=lambda u: u.nstart)
        self._units_cache[i] = units
        return units

    @cached_property
    def _claims_by_start(self) -> tuple[list[Claim], list[int]]:
        claims = sorted(self.claims, key=_NSTART)
        return claims, [c.nstart for c in claims]

    def _claims_in(self, s: int, e: int) -> list[Claim]:
        claims, starts = self._claims_by_start
        return claims[bisect_left(starts, s):bisect_left(starts, e)]

    @cached_property
    def _claim_finder(self) -> ClaimFinder:
        """The claims stage's name reader, for names no claim made (English capitals, officials)."""
        return ClaimFinder(self.doc, self.kb)

    def _pick_person(self, pids: list[str]) -> str:
        if len(pids) == 1:
            return pids[0]
        when = self.doc.document_date[0]
        for pid in pids:
            person = self.kb.people.get(pid)
            if person and any(t.may_cover(when) for t in person.terms):
                return pid
        return pids[0]

    def _unknown_names(self, s: int, e: int, units: list[_Unit], ents: list[Mention]) -> list[_Unit]:
        """English names the KB does not know and no title introduces: "met Yuri Ushakov".
        Arabic has no capitals: an unknown Arabic name is only trusted with a title (the
        claims stage finds those); a given name alone starts too many false names."""
        doc = self.doc
        os_, oe = doc.original(s, e)
        if not has_capital(doc.text, os_, oe):
            return []
        taken = [(u.nstart, u.nend) for u in units] + [(m.nstart - len(m.prefix), m.nend) for m in self.lexicon_in(s, e)]
        taken += [(d.nstart, d.nend) for d in doc.dates_in(s, e)]
        for m in ents:
            taken.append((m.nstart - len(m.prefix), m.nend))
        mentions = [m for m in ents if m.nend <= e]
        st = _Stream(doc, s, e, mentions)
        finder = self._claim_finder
        found: list[_Unit] = []
        k = 0
        while k < len(st):
            word = st.word(k)
            capitalised = word is not None and word[0].isascii() and word[0].isalpha() \
                and st.original_word(k)[:1].isupper() and word not in _MONTHS_EN
            if not capitalised or _overlaps_any(*st.span(k), taken):
                k += 1
                continue
            name = finder.name_at(st, k, "en")
            if name is None or _overlaps_any(name.start, name.end, taken) \
                    or len(doc.norm[name.start:name.end].split()) < 2:
                k += 1
                continue
            os_, oe = doc.original(name.start, name.end)
            if any(w.lower().strip(".,") in _MONTHS_EN for w in doc.text[os_:oe].split()):
                k += 1
                continue
            found.append(_Unit(name.start, name.end, os_, oe, doc.text[os_:oe], name.person_id))
            taken.append((name.start, name.end))
            k = max(k + 1, name.next_index)
        return found

    def _officials(self, s: int, e: int, units: list[_Unit], ents: list[Mention]) -> list[_Unit]:
        """Arabic names after an office outside the title vocabulary: "رئيس المخابرات المصرية
        حسن رشاد"، "وزير الشؤون الاستراتيجية الإسرائيلي رون ديرمر". The office vouches for
        the name as a title does in a claim; the name is read as the claims stage reads one
        (a known given name and what follows), so an office before a common noun adds no one."""
        offices = self.meeting_words_in("official", s, e)
        if not offices:
            return []
        doc = self.doc
        finder = self._claim_finder
        found: list[_Unit] = []
        for office in offices:
            entry = self._entry(office.of(_MEETING))
            # the words and mentions after the office only
            st = _Stream(doc, office.nend, e, [m for m in ents if m.nstart - len(m.prefix) >= office.nend and m.nend <= e])
            k = 0
            country, edge = None, office.nend
            while k < len(st) and st.start(k) - edge <= 1:
                m = st.mention(k)
                if m is None or m.prefix not in ("", "ال") or not m.has("country_adj", "country", "honorific"):
                    break
                place = m.of("country_adj", "country")
                country = country or (place.ref if place else None)
                edge = m.nend
                k += 1
            if k >= len(st) or st.start(k) - edge > 1:
                continue
            name = finder.name_at(st, k, "ar")
            start = office.nstart - len(office.prefix)   # the office too, as a claim's unit spans its title
            if name is None or any(u.nstart < name.end and start < u.nend for u in units + found):
                continue
            os_, oe = doc.original(name.start, name.end)
            found.append(_Unit(start, name.end, os_, oe, doc.text[os_:oe], name.person_id,
                               entry.get("title_role"), country, prefix=office.prefix))
        return found

    def _delegations(self, s: int, e: int, ents: list[Mention]) -> list[_Unit]:
        out = []
        for m in self.meeting_words_in("delegation", s, e):
            code, is_org = None, False
            span_end = m.nend
            span_start = m.nstart - len(m.prefix)
            for em in ents:
                if em.nstart >= m.nend and em.nstart - m.nend <= 12 or em.nend <= m.nstart and m.nstart - em.nend <= 6:
                    pl = em.of("country_adj", "country", "org", "org_adj")
                    if pl is not None:
                        code, is_org = pl.ref, pl.kind in ("org", "org_adj")
                        span_end = max(span_end, em.nend)
                        span_start = min(span_start, em.nstart - len(em.prefix))
                        break
            if code is None:
                # "وفدا أمريكيا": the accusative -ا of a nisba is not one of the generated forms.
                nxt = re.match(r"\s+(\w+)", self.doc.norm[m.nend:m.nend + 30])
                if nxt and nxt.group(1).endswith("يا"):
                    code = _nisba_table(self.kb).get(nxt.group(1)[:-1].removeprefix("ال"))
                    span_end = m.nend + nxt.end()
            if code is None:
                movement = self._movement_of(m)
                if movement is not None:
                    (code, span_start, span_end), is_org = movement, True
            if code is None:
                continue
            conjunction = _conjunction(m.prefix) if span_start == m.nstart - len(m.prefix) else 0
            sp = self.span(span_start + conjunction, span_end)
            out.append(_Unit(span_start, span_end, sp.start, sp.end, sp.text, None, None,
                             None if is_org else code, code if is_org else None, type="delegation"))
            if not is_org and self.doc.norm[m.nstart:m.nend] in _DUAL_DELEGATION:
                out.extend(self._second_delegation(span_end, ents))
        return out

    def _second_delegation(self, end: int, ents: list[Mention]) -> list[_Unit]:
        """"بين الوفدين الفلسطيني والإسرائيلي": the nisba coordinated after the first is the
        second delegation's."""
        nxt = next((em for em in ents if em.nstart - len(em.prefix) >= end), None)
        if nxt is None or not nxt.prefix.startswith("و") or nxt.nstart - len(nxt.prefix) - end > 1:
            return []
        place = nxt.of("country_adj")
        if place is None:
            return []
        start = nxt.nstart - len(nxt.prefix) + _conjunction(nxt.prefix)
        sp = self.span(start, nxt.nend)
        return [_Unit(start, nxt.nend, sp.start, sp.end, sp.text, None, None, place.ref, type="delegation")]

    def _sides_between(self, i: int, e: int, units: list[_Unit], ents: list[Mention]) -> list[_Unit]:
        """"محادثات شرم الشيخ غير المباشرة بين حماس وإسرائيل"، "talks between Iran and the
        United States": the two sides of talks, named as countries or movements right after
        the talks, are their delegations."""
        out: list[_Unit] = []
        s = self.doc.sentences[i][0]
        if not _says_between(self.doc.norm[s:e]):
            return out
        for m, entry in self.triggers_by_sentence.get(i, ()):
            if entry.get("pos") != "noun" or entry.get("type") not in ("talks", "meet"):
                continue
            between = _BETWEEN.match(self.doc.norm, m.nend, min(e, m.nend + 40))
            if between is None or not self._talks_modifiers_only(m.nend, between.start("word")):
                continue   # "تناول اللقاء العلاقات بين مصر والسعودية": relations between them
            first = self._side_at(between.end(), ents, first=True)
            second = first and self._side_at(first.nend, ents, first=False)
            if second and not any(u.nstart < second.nend and first.nstart < u.nend for u in units + out):
                first.sides_of = second.sides_of = m.nstart   # parties of these talks only
                out += [first, second]
        return out

    def _talks_modifiers_only(self, a: int, b: int) -> bool:
        """Between the talks and "بين", only what qualifies them: "غير المباشرة", a place."""
        for w in re.finditer(r"\w+", self.doc.norm[a:b]):
            if w.group() not in _TALKS_MODIFIERS and not self._in_entity(a + w.start()):
                return False
        return True

    def _side_at(self, pos: int, ents: list[Mention], first: bool) -> _Unit | None:
        """A country or a movement named at ``pos`` (the second after و / and)."""
        norm = self.doc.norm
        for mv in self.meeting_words_in("movement", pos, pos + 40):
            start = mv.nstart - len(mv.prefix)
            if not _SIDE_GAP.fullmatch(norm, pos, start) or not (first or mv.prefix.startswith("و") or "and" in norm[pos:start]):
                break
            end = self._movement_end(mv)
            sp = self.span(start + _conjunction(mv.prefix), end)
            return _Unit(start, end, sp.start, sp.end, sp.text, None, None, None, mv.of(_MEETING).ref, type="delegation")
        for m in ents:
            start = m.nstart - len(m.prefix)
            if start < pos or m.has("filler"):
                continue
            if not _SIDE_GAP.fullmatch(norm, pos, start) or not m.has("country") or m.has("person", "person_short") \
                    or not (first or m.prefix.startswith("و") or "and" in norm[pos:start]):
                return None
            sp = self.span(start + _conjunction(m.prefix), m.nend)
            return _Unit(start, m.nend, sp.start, sp.end, sp.text, None, None, m.of("country").ref, type="delegation")
        return None

    def _movement_of(self, delegation: Mention) -> tuple[str, int, int] | None:
        """(movement id, start, end) of the movement a delegation comes from: "وفد حماس"،
        "وفدا من المكتب السياسي لحركة المقاومة الإسلامية (حماس)" (only words between, and
        the name's gloss in brackets), "a Hamas delegation"."""
        norm = self.doc.norm
        ds = delegation.nstart - len(delegation.prefix)
        before = self.meeting_words_in("movement", max(0, ds - 30), ds)
        if before and self.lang_of(delegation) == "en" and ds - before[-1].nend <= 1:
            mv = before[-1]
            return mv.of(_MEETING).ref, mv.nstart - len(mv.prefix), delegation.nend
        pos = delegation.nend
        for mv in self.meeting_words_in("movement", pos, pos + 60):
            start = mv.nstart - len(mv.prefix)
            if start < pos or re.search(r"[^\w\s()]", norm[pos:start]):
                break
            return mv.of(_MEETING).ref, ds, self._movement_end(mv)
        return None

    def _movement_end(self, mv: Mention) -> int:
        """Where a movement's name ends, with its gloss in brackets: "حركة المقاومة الإسلامية (حماس)"."""
        norm = self.doc.norm
        end = mv.nend + (norm[mv.nend:mv.nend + 1] == ")")
        gloss = self.meeting_words_in("movement", end, end + 12)
        if gloss and norm[end:gloss[0].nstart - len(gloss[0].prefix)].strip() == "(":
            end = gloss[0].nend + (norm[gloss[0].nend:gloss[0].nend + 1] == ")")
        return end

    def _offices(self, s: int, e: int, units: list[_Unit], ents: list[Mention]) -> list[_Unit]:
        """An office named without its holder's name ("التقى ويتكوف رئيس الوزراء القطري"):
        the person the KB records in that office on the article's date, when it records
        exactly one and the office is one person's (a president, not a minister of state)."""
        if next(_offices_named(ents), None) is None:
            return []   # no title beside a country: the rules below need one
        doc, kb = self.doc, self.kb
        when = doc.document_date[0]
        out = []
        for k, m in enumerate(ents):
            title = m.of("title") or self._counterpart_office(m, units + out)
            if title is None or title.plural or m.has("person", "person_short", "honorific") or m.nend > e:
                continue
            ts = m.nstart - len(m.prefix)
            if any(u.nstart <= ts < u.nend or ts <= u.nstart < m.nend for u in units):
                continue   # the title of a named person (a claim) or inside another unit
            if _GOVERNING_BEFORE.search(doc.norm, max(0, ts - 20), ts):
                continue   # نائب وزير الخارجية: the deputy, not the minister
            if title.lang == "ar":   # الرئيس المصري، رئيس الوزراء القطري: the place after
                place_m = ents[k + 1] if k + 1 < len(ents) else None
                after = ents[k + 2] if k + 2 < len(ents) else None
                gap = place_m.nstart - len(place_m.prefix) - m.nend if place_m else 99
            else:                    # the Qatari prime minister: the place before
                place_m = ents[k - 1] if k else None
                after = ents[k + 1] if k + 1 < len(ents) else None
                gap = m.nstart - place_m.nend if place_m else 99
            if place_m is None or gap > 1 or place_m.has("person", "person_short"):
                continue
            place = place_m.of("country_adj", "country")
            if place is None or place_m.prefix not in ("", "ال"):
                continue   # بالرئيس المصري، ووزير: another construction
            end_ = max(m.nend, place_m.nend)
            if after is not None and after.nstart - len(after.prefix) - end_ <= 8 and (
                    after.has("person", "person_short", "honorific", "qualifier")):
                continue   # a name (or a qualifier: السابق) follows: not the office alone
            holder = _office_holder(kb, title.ref, place.ref, when)
            if holder is None:
                continue
            us = min(ts, place_m.nstart - len(place_m.prefix))
            sp = self.span(us, end_)
            out.append(_Unit(us, end_, sp.start, sp.end, sp.text, holder, title.ref, place.ref,
                             prefix=m.prefix if us == ts else place_m.prefix))
        return out

    @staticmethod
    def _counterpart_office(m: Mention, before: list[_Unit]) -> Pattern | None:
        """"نظيره السعودي" unnamed: the office of the latest person before it whose office
        is known, as a title (its place follows, as a title's does)."""
        counterpart = m.of("counterpart")
        if counterpart is None:
            return None
        known = [u for u in before if u.role and u.type == "person" and u.nend <= m.nstart]
        if not known:
            return None
        return counterpart._replace(kind="title", ref=max(known, key=lambda u: u.nend).role)

    def _is_modifier(self, i: int, u: _Unit, ents: list[Mention]) -> bool:
        """A possessor, not a participant: "Trump envoy Witkoff", "Trump's plan", خطة ترامب،
        مبعوثي الرئيس الأميركي دونالد ترامب."""
        if u.type != "person":
            return False
        norm = self.doc.norm
        for ws, we, role in self.words(i):
            if role != "genitive":
                continue
            if self._ar(ws) and ws < u.nstart and u.nstart - we <= 1:
                return True      # خطة ترامب، نائب ترامب: the construct noun owns the name
        if u.claim is not None:
            return False
        poss = re.match(r"\s*['’]s\s+([\w-]+)", norm[u.nend:u.nend + 40])
        if poss and self._ar(u.nstart) is False:
            nxt = u.nend + poss.start(1)
            if not self.meeting_words_in("trigger", nxt, nxt + 1):
                return True      # "Trump's plan" (but "Trump's meeting with Putin" keeps him)
        tail = self.doc.norm[u.nend:u.nend + 4]
        for m in ents:
            if m.nstart < u.nend:
                continue
            if m.nstart - u.nend > 3:
                break
            if m.has("title") and re.fullmatch(r"\s*(?:'s?\s*)?", self.doc.norm[u.nend:m.nstart]) and tail[:1] in (" ", "'"):
                return self.lang_of(m) == "en"
        return False

    # --- triggers -------------------------------------------------------------------

    def _entry(self, p) -> dict:
        return self.lex.meeting.get(p.ref, {}) if p.kind == _MEETING else self.lex.goal.get(p.ref, {})

    def trigger_entry(self, m: Mention) -> dict | None:
        for p in m.patterns:
            if p.kind == _MEETING:
                entry = self.lex.meeting.get(p.ref) or {}
                if entry.get("role") == "trigger":
                    if entry.get("pos") == "verb" and p.lang == "ar" and (m.prefix not in ("", "و", "ف") or m.text.endswith("ة")):
                        continue  # البحث، لبحث: a noun or a purpose; وزارة is not و+زاره
                    return entry
        return None

    def _inside_entity(self, m: Mention) -> bool:
        """"يصل" inside the name "فيصل": a trigger word that is part of a name or place."""
        return self._in_entity(m.nstart - len(m.prefix), m.nend)

    def _in_entity(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        k = bisect_right(self.doc.mentions, start, key=_NSTART) - 1
        return any(em.nstart - len(em.prefix) < end and start < em.nend
                   for em in self.doc.mentions[max(0, k - 2):k + 2])

    def clause(self, i: int, m: Mention, verb_triggers: list[Mention]) -> tuple[int, int]:
        s, e = self.doc.sentences[i]
        left, right = s, e
        ts, te = m.nstart - len(m.prefix), m.nend
        for ws, we, role in self.words(i):
            if role not in ("breaker", "relative") and not (role == "pronoun" and self._ar(ws)):
                continue
            if we <= ts:
                left = max(left, we)
            elif ws >= te and ws < right:
                if role == "breaker" and self.doc.norm[ws:we] == "by" and ws - te <= 1:
                    continue  # passive "received by"
                right = ws
        for v in verb_triggers:
            if v is m:
                continue
            if v.nend <= ts:
                left = max(left, v.nend)
            elif v.nstart >= te:
                right = min(right, v.nstart - len(v.prefix))
        return left, right

    def _ar(self, pos: int) -> bool:
        ch = self.doc.norm[pos:pos + 1]
        return bool(ch) and "\u0600" <= ch <= "\u06ff"

    def status_of(self, i: int, m: Mention, entry: dict, left: int, right: int) -> tuple[str | None, bool]:
        """(status, negated) of a trigger from its tense and the markers around it."""
        ts, te = m.nstart - len(m.prefix), m.nend
        tense = entry.get("tense")
        words = self.words(i)
        s, _ = self.doc.sentences[i]
        for ws, we, role in words:
            if role == "negation" and we <= ts and ts - we <= 14:
                return None, True
        if tense == "past":
            return "happened", False
        found = set()
        reach = 20 if entry.get("pos") == "noun" else 45   # "لقاء مرتقب", "a possible summit"
        for ws, we, role in words:
            if role not in ("planned", "speculated", "happened"):
                continue
            before = we <= ts and ts - we <= reach
            after = ws >= te and ws < right and ws - te <= reach
            if not (before or after):
                continue
            word = self.doc.norm[ws:we].strip()
            if word in ("قد", "وقد", "فقد") and not before:
                continue
            if role == "happened" and tense == "future":
                continue    # "أعلن الكرملين أمس أن بوتين سيلتقي": أمس dates the announcement
            found.add(role)
        for status in ("speculated", "planned", "happened"):
            if status in found:
                return status, False
        if tense == "future" or tense == "base":
            return "planned", False
        if tense == "present":
            if self.is_heading(i) or self.lang_of(m) == "en":
                return None, False
            d = [x for x in self.doc.dates_in(*self.doc.sentences[i]) if left <= x.nstart < right]
            if d and self.doc.date and d[0].date.last_day() <= self.doc.date:
                return "happened", False
            return "planned", False
        return None, False

    @cached_property
    def triggers_by_sentence(self) -> dict[int, list[tuple[Mention, dict]]]:
        """The trigger words of each sentence that has one, with their meeting.yaml entries."""
        by_sentence: dict[int, list[tuple[Mention, dict]]] = {}
        for m in self.meeting_words:
            entry = self.trigger_entry(m)
            if entry is not None and not self._inside_entity(m):
                by_sentence.setdefault(self.sentence_index(m.nstart), []).append((m, entry))
        return by_sentence

    def two_parties_named(self) -> bool:
        """Two different participants among the trigger sentences' units. Every unit of a
        candidate is one of these (its own sentence's, or a pronoun's antecedent from an
        earlier trigger sentence), and a record needs two: most articles with a trigger
        beside a name name only one person there ("the minister received a delegation")."""
        idents: set[str] = set()
        for i in self.triggers_by_sentence:
            idents.update(u.ident for u in self.units(i))
            if len(idents) >= 2:
                return True
        return False

    def candidates(self) -> list[_Cand]:
        doc = self.doc
        by_sentence = self.triggers_by_sentence
        cands: list[_Cand] = []
        reported = False   # a candidate that makes a meeting on its own has been found
        last_subject: list[_Unit] = []
        last_named = -1   # the sentence last_subject comes from
        for i in sorted(by_sentence):
            trig = by_sentence[i]
            if last_subject and not self._close(last_named, i):
                last_subject = []   # "his visit" does not reach back to a name paragraphs away
            if not (reported or (i in self.named and self.units(i)) or self.is_heading(i)
                    or (cands and any(entry.get("type") == "visit" for _, entry in trig))):
                # Nobody named and no meeting yet: nothing for "the talks" to refer to. A
                # reference before any meeting is dropped by ``records``; only "his visit
                # to Lebanon" makes one with no name in its sentence.
                continue
            verbs = [m for m, en in trig if en.get("pos") == "verb"]
            calls = [m for m, en in trig if en.get("type") == "call"]
            sidelines = self.meeting_words_in("sideline", *doc.sentences[i])
            prev_subject: list[_Unit] = []
            for m, entry in trig:
                cand = self._candidate(i, m, entry, verbs, calls, sidelines, prev_subject, last_subject)
                if cand is None:
                    continue
                cands.extend(self._each_separately(i, cand))
                reported = reported or not cand.anaphoric
                if cand.subject and entry.get("pos") == "verb":
                    prev_subject = cand.subject
            units = self.units(i)
            if units:
                last_subject, last_named = [units[0]], i
        return cands

    def _close(self, earlier: int, i: int) -> bool:
        """Sentence ``earlier`` is the one before sentence i or in its paragraph."""
        doc = self.doc
        return earlier >= i - 1 or doc.paragraph_of(doc.sentences[earlier][0]) == doc.paragraph_of(doc.sentences[i][0])

    def _each_separately(self, i: int, cand: _Cand) -> list[_Cand]:
        """"بحث ماكرون مع السيسي وولي العهد السعودي، كل على حدة": one meeting with each."""
        if cand.anaphoric or not cand.subject or len(cand.others) < 2 or \
                not _SEPARATELY.search(self.doc.norm, *self.doc.sentences[i]):
            return [cand]
        return [replace(cand, others=[other]) for other in cand.others]

    def _pronoun_antecedent(self, i: int, ts: int, prev_subject: list[_Unit], last_subject: list[_Unit]) -> list[_Unit]:
        """Who "him", "his", a dropped subject refers to: the subject of the previous
        meeting verb in the sentence, else the first person named in the sentence before
        the trigger, else the subject of a sentence just before (or in its paragraph)."""
        if prev_subject:
            return list(prev_subject)
        before = [u for u in self.units(i) if u.nend <= ts and u.type == "person"]
        if before:
            return [before[0]]
        return list(last_subject)

    def _candidate(self, i, m, entry, verbs, calls, sidelines, prev_subject, last_subject) -> _Cand | None:
        doc = self.doc
        ttype = entry.get("type", "meet")
        pos = entry.get("pos", "noun")
        ts, te = m.nstart - len(m.prefix), m.nend
        # The summit named after "on the sidelines of" is the occasion, not the meeting.
        sideline = False
        for sm in sidelines:
            if sm.nend <= ts and ts - sm.nend <= 12:
                if ttype in ("summit", "meet", "talks"):
                    return None
            sideline = True
        left, right = self.clause(i, m, verbs)
        if ttype != "call" and any(left <= c.nstart < right for c in calls):
            ttype = "call"   # "received a phone call from", "بحث هاتفيا مع"
        if self.meeting_words_in("private", left, right):
            return None
        for lm in self.meeting_words_in("block", left, right):
            if te <= lm.nstart - len(lm.prefix) and lm.nstart - te <= 25:
                return None
        status, negated = self.status_of(i, m, entry, left, right)
        if negated:
            return None
        if pos == "noun" and status is None and \
                re.search(r"(?<!\w)(?:[وف]?(?:قبل|قبيل)|ahead of|before)\s+(?:the\s+|a\s+)?$", doc.norm[max(0, ts - 12):ts]):
            status = "planned"    # "قبل لقاء ترامب ونتنياهو", "ahead of the summit"
        units = [u for u in self.units(i) if left <= u.nstart and u.nend <= right and not (u.nstart < te and ts < u.nend)
                 and u.sides_of in (-1, m.nstart)]
        left_units = [u for u in units if u.nend <= ts]
        right_units = [u for u in units if u.nstart >= te]
        # Chain: keep only units close to the trigger and to each other.
        gap = 30 if pos == "noun" else 45
        chained_left: list[_Unit] = []
        edge = ts
        for u in reversed(left_units):
            if edge - u.nend > gap if not chained_left else not self._connected(u.nend, edge):
                break    # "ويتكوف يتحدث عن ... وفانس يبحث": only "X and Y" make a joint subject
            chained_left.insert(0, u)
            edge = u.nstart
        chained_right: list[_Unit] = []
        edge = te
        first_gap = 25 if pos == "noun" else 60   # a noun takes its parties right after it: لقاء ترامب، talks with
        light_verb = pos == "noun" and any(_LIGHT_VERB_BEFORE.search(doc.norm[max(0, at - 30):at])
                                           for at in (ts, *(u.nstart for u in chained_left[:1])))
        if light_verb:
            first_gap = 60   # "held talks ... through X", "أجرى X مباحثات في القدس، اليوم، مع Y": the verb takes the parties
        ahead = doc.norm[te:min(right, te + 60)] if pos == "noun" else ""
        between = _BETWEEN_AHEAD.search(doc.norm, te, min(right, te + 60)) if _says_between(ahead) else None
        if between is not None:
            first_gap = max(first_gap, between.end() - te + 5)   # "اجتماعا عقد في القاهرة بين وفد ... ووفد"
        for u in right_units:
            limit = first_gap if not chained_right else 45
            if len(chained_right) == 1 and pos == "verb" and self._ar(ts) and self._object_marked(u, edge):
                limit = 100   # "التقى وفد حماس، برئاسة X، أمس، بوزير الخارجية": the object after the subject's apposition
            if u.nstart - edge > limit:
                break
            if chained_right and pos == "noun" and not self._connected(edge, u.nstart):
                break    # "زيارة روبيو لإسرائيل تعبر عن إحباط ترامب": parties of a noun are coordinated
            chained_right.append(u)
            edge = u.nend
        if pos == "noun" and not chained_left and self.lang_of(m) == "ar":
            chained_left = self._light_verb_subject(left, ts, left_units)
            light_verb = light_verb or bool(chained_left)
            chained_left = chained_left or self._participle_subject(i, ts)
        if light_verb and status is None and self.lang_of(m) == "ar":
            status = "happened"   # عقد، أجرى: the Arabic light verbs are past forms
        words = self.words(i)
        subject = chained_left
        others = chained_right
        explicit = bool(chained_left or chained_right)
        passive = False
        if pos == "verb" and self.lang_of(m) == "en" and doc.norm[te:te + 4] == " by ":
            passive = True
        pronoun = entry.get("pronoun")
        if pronoun == "owner" and ttype == "receive" and re.search(r"(?<!\w)[وف]?(?:في|لاستقباله)\s*$", doc.norm[max(0, ts - 6):ts]):
            pronoun = "object"  # كان في استقباله X: X received him (لدى/خلال استقباله Y: he received Y)
        if self.lang_of(m) == "en" and doc.norm[m.nstart:m.nend] in _GERUNDS and \
                re.search(r"(?<!\w)(?:after|before|while|since|when|upon|on|during|by)\s+$", doc.norm[max(0, ts - 10):ts]):
            pronoun = "owner"   # "X told reporters after meeting Y": X met Y
        if pos == "noun" and re.search(r"(?<!\w)(?:his|her|their)\s+(?:[\w-]+\s+)?$", doc.norm[max(0, ts - 24):ts]):
            pronoun = "owner"   # "his meeting with", "their first summit"
        if pronoun == "object":
            # استقبله ولي العهد: the verb carries its object; the person after it is the subject.
            if not subject and others:
                subject, others = [others[0]], others[1:]
            others = others + [u for u in self._pronoun_antecedent(i, ts, prev_subject, last_subject) if u not in subject]
        elif pronoun == "owner":
            # "his trip", لقائه: the owner takes part; the names before belong to another clause.
            subject = self._pronoun_antecedent(i, ts, prev_subject, last_subject)
        elif not subject:
            # "who met", "الذي التقى": the antecedent is the subject.
            rel = [w for w in words if w[2] == "relative" and w[1] <= ts and ts - w[1] <= 12]
            pro = [w for w in words if w[2] == "pronoun" and w[1] <= ts and ts - w[1] <= 16]
            if rel or pro:
                anchor = (rel or pro)[-1][0]
                before = [u for u in self.units(i) if u.nend <= anchor]
                if before:
                    subject = [before[-1]]
                elif pro and last_subject:
                    subject = list(last_subject)
            # "القضايا التي ناقشها X وY": the antecedent is no one; the verb's own subject follows it
            if not subject and (pos == "verb" or (ttype == "receive" and self.lang_of(m) == "ar")):
                # Arabic verb-subject-object (and the masdar استقبال X Y): the first name after
                # the verb, right after it and not introduced by مع/ب, is the subject.
                if self.lang_of(m) == "ar" and len(others) == 1 and prev_subject:
                    subject = list(prev_subject)   # وصل X إلى واشنطن، حيث التقى Y: X met Y
                elif self.lang_of(m) == "ar" and others and self._adjacent(te, others[0].nstart) \
                        and not self._object_marked(others[0], te):
                    # "ناقش X وY": coordinated subjects discuss together
                    n_subjects = 1
                    while ttype == "discuss" and n_subjects < len(others) and (
                            others[n_subjects].ident == others[0].ident or others[n_subjects].prefix.startswith("و")
                            and not doc.norm[others[n_subjects - 1].nend:others[n_subjects].nstart].strip(" ,")):
                        n_subjects += 1
                    subject, others = others[:n_subjects], others[n_subjects:]
                elif prev_subject:
                    subject = list(prev_subject)
                elif others and last_subject and self._object_marked(others[0], te):
                    subject = list(last_subject)
        if ttype == "visit" and not subject and pos == "noun" and len(self._joined(others)) == len(others) > 1 \
                and self._one_country(others):
            subject, others = others, []   # "زيارة مرتقبة لفانس وويتكوف للمنطقة": a joint visit
        if ttype == "visit" and subject:
            fellows = self._joined([subject[-1], *others])[1:]   # "يزور X وY المنطقة": they travel together
            subject, others = subject + fellows, others[len(fellows):]
        if others and all(u.sides_of == m.nstart for u in others):
            subject = []   # "التي قادت المحادثات بين أميركا وكوبا": the two sides are the parties
        subject_ids = {u.ident for u in subject}
        others = [u for u in others if u.ident not in subject_ids]
        # Dedupe.
        seen: set[str] = set()
        subject = [u for u in subject if not (u.ident in seen or seen.add(u.ident))]
        others = [u for u in others if not (u.ident in seen or seen.add(u.ident))]
        if ttype == "discuss":
            has_with = any(_WITH.fullmatch(w.group()) for w in re.finditer(r"\w+", doc.norm[te:right]))
            if not (has_with and others) and len(subject) < 2:
                return None
        if entry.get("needs") == "place" and self.place(i, m, ttype, left, right) is None:
            return None
        cand = _Cand(m, ttype, pos, i, status, subject, others, partial(self.place, i, m, ttype, left, right), None, "",
                     sideline=sideline, passive=passive)
        if sideline:
            cand.occasion = self._occasion(i, sidelines)
        n = len(cand.idents)
        if not any(u.person_id or u.role or u.type == "delegation" for u in cand.units):
            n = min(n, 1)   # nobody the KB knows or the text gives a role: not a political meeting
        if not explicit:
            n = min(n, 1)   # "خلال زيارته": only a pronoun; it can add to a meeting, not make one
        if ttype == "visit" and not others:
            n = min(n, 1)   # "يزور نائب الرئيس ومبعوث ترامب المنطقة": fellow travellers, no host
        if cand.units and all(u.sides_of >= 0 for u in cand.units) and cand.place is None:
            n = min(n, 1)   # "عامين من المفاوضات بين إيران والولايات المتحدة": a process, not a meeting held somewhere
        if self._one_side_named(i, m, subject, others):
            n = min(n, 1)   # "بدأ كيري ولو ومونيز لقاءات مع أعضاء الكونغرس": one side is named
        if n >= 2 or (n == 1 and ttype == "visit" and cand.place is not None):
            return cand
        # Fewer than two participants: a reference to a meeting reported elsewhere.
        cand.anaphoric = True
        return cand

    def _one_side_named(self, i: int, m: Mention, subject: list[_Unit], others: list[_Unit]) -> bool:
        """All the people named are on one side of the meeting, the other is unnamed:
        "بدأ كيري ولو ومونيز لقاءات مغلقة مع أعضاء الكونغرس"، "اجتماع كيري ومونيز بأعضاء
        الكونغرس"، "Kerry and Lavrov met with reporters"، "أجرى الوزير لقاءات مع العبادي
        والعبيدي". Not "المحادثات بين بخاري وأوباما": between names both sides."""
        norm = self.doc.norm
        ts, te = m.nstart - len(m.prefix), m.nend
        if _BETWEEN.match(norm, te, te + 20):
            return False
        if subject and not others:
            return bool(re.search(r"(?<!\w)(?:with|مع)$", norm[ts:te])) or \
                self._unnamed_partner_at(i, max(te, subject[-1].nend))
        if others and not subject:
            return bool(_WITH_BEFORE.fullmatch(norm, te, others[0].nstart)) or \
                self._unnamed_partner_at(i, others[-1].nend)
        return False

    def _unnamed_partner_at(self, i: int, pos: int) -> bool:
        with_ = _UNNAMED_WITH.match(self.doc.norm, pos, self.doc.sentences[i][1])
        if with_ is None:
            return False
        if with_.group("bi") and self._in_entity(with_.start("bi")):
            return False   # "في باريس": ب begins a name here, not a partner
        return not any(with_.end() - 1 <= u.nstart <= with_.end() + 25 for u in self.units(i))

    def _adjacent(self, a: int, b: int, titles: bool = False) -> bool:
        """Only punctuation and time words between a and b: "استقبل، اليوم الأحد، X" (and,
        with ``titles``, honorifics and titles: "عقد خادم الحرمين الشريفين الملك سلمان")."""
        gap = self.doc.norm[a:b]
        if titles:
            for m in self.entities_in(a, b):
                if m.has("title", "honorific", "filler", "qualifier"):
                    lo, hi = max(a, m.nstart - len(m.prefix)), min(b, m.nend)
                    gap = gap[:lo - a] + " " * (hi - lo) + gap[hi - a:]
        return not _TIME_WORDS.sub(" ", gap).strip(" ,،-\n")

    def _participle_subject(self, i: int, ts: int) -> list[_Unit]:
        """"وقال زيلينسكي ...، مضيفا في اتصال هاتفي مع ترامب": a participle's subject is the
        sentence's, the first person it names."""
        if not _PARTICIPLE_BEFORE.search(self.doc.norm, max(0, ts - 24), ts):
            return []
        first = next((u for u in self.units(i) if u.nend <= ts and u.type == "person"), None)
        return [first] if first is not None else []

    def _light_verb_subject(self, left: int, ts: int, left_units: list[_Unit]) -> list[_Unit]:
        """"عقد الملك سلمان ... في قصره اليوم اجتماعا مع X": the subject of the light verb
        (verb-subject-object) holds the meeting its object names, however far the object."""
        verb = None
        for verb in _AR_LIGHT_VERB.finditer(self.doc.norm, left, ts):
            pass
        if verb is None:
            return []
        after = [u for u in left_units if u.nstart >= verb.end()]
        if not after or not self._adjacent(verb.end(), after[0].nstart, titles=True):
            return []
        return self._joined(after)

    def _joined(self, units: list[_Unit]) -> list[_Unit]:
        """The first unit and those joined to it one by one: "X وY"، "X, Y and Z"."""
        run = units[:1]
        for u in units[1:]:
            if not self._connected(run[-1].nend, u.nstart):
                break
            run.append(u)
        return run

    def _connected(self, a: int, b: int) -> bool:
        """Only connectors (and titles) between two names: "X وY", "X, Y and Z", "X with Y",
        "السيسي والتركي أردوغان"."""
        gap = list(self.doc.norm[a:b])
        for m in self.entities_in(a, b):
            if m.has("title", "country_adj", "country", "org_adj", "honorific", "filler", "counterpart", "qualifier"):
                lo, hi = max(a, m.nstart - len(m.prefix)), min(b, m.nend)
                gap[lo - a:hi - a] = " " * (hi - lo)
        return bool(_CONNECTORS.fullmatch(_HEADED_BY.sub(" ", "".join(gap))))

    def _object_marked(self, u: _Unit, te: int) -> bool:
        if u.prefix and u.prefix.replace("ال", "") in _AR_OBJECT_MARK:
            return True
        between = self.doc.norm[te:u.nstart]
        return bool(re.search(r"(?<!\w)(?:مع|with|بين|between)\s*$", between)) or \
            self.doc.norm[u.nstart:u.nstart + 1] == "ب" and u.claim is not None and \
            self.doc.norm[u.nstart:u.nstart + 3] in ("بال", "بر", "بو")

    def _occasion(self, i: int, sidelines: list[Mention]) -> Span | None:
        sm = sidelines[0]
        _, e = self.doc.sentences[i]
        end = sm.nend
        text = self.doc.norm
        stop = re.search(r"[,.;:\n]|(?<!\w)(?:التقي|اجتمع|met|held)(?!\w)", text[sm.nend:e])
        end = sm.nend + (stop.start() if stop else e - sm.nend)
        end = min(end, sm.nend + 90)
        while end > sm.nend and text[end - 1].isspace():
            end -= 1
        start = sm.nend
        while start < end and text[start].isspace():
            start += 1
        return self.span(start, end) if end > start else None

    def _date(self, npos: int, status: str | None = None) -> tuple[PartialDate | None, str]:
        probe = _DateProbe(npos)
        assign_date(self.doc, probe)
        when, basis = self.doc.document_date
        if status == "happened" and probe.date is not None and probe.date_basis == "explicit" \
                and probe.date.first_day() > when:
            # "بحث ماكرون مع السيسي التحضير للمؤتمر المرتقب غدا": the later date is the
            # conference's; a meeting reported as held is not dated after its report.
            return PartialDate.parse(when), basis
        return probe.date, probe.date_basis

    # --- place ------------------------------------------------------------------------

    def _locative(self, m: Mention, ttype: str) -> bool:
        """The place mention follows a locative: في/إلى/بـ, in/at (to/ل only for visits),
        possibly through "the", "city of", "العاصمة السعودية"."""
        pre = m.prefix.removesuffix("ال")
        if pre.endswith("ب"):
            return True                     # بموسكو، بالرياض
        if ttype == "visit" and (pre.endswith("ل") or any(p.lam for p in m.patterns)):
            return True                     # زيارته لموسكو، وصلوا للقاهرة
        norm = self.doc.norm
        ms = m.nstart - len(m.prefix)
        words = re.findall(r"[\w'-]+|[^\w\s]", norm[max(0, ms - 60):ms])
        for w in reversed(words[-6:]):
            if w in _LOC_WORDS:
                return w != "to" or ttype == "visit"
            if w[:1] in "وف" and w[1:] in _LOC_WORDS:
                return True
            if w in _BETWEEN_OK or self._is_adjective(w):
                continue
            return False
        return False

    def _is_adjective(self, word: str) -> bool:
        """A nationality adjective (السعودية، Saudi): "in the Saudi capital", "العاصمة السعودية"."""
        table = _nisba_table(self.kb)
        w = word.removeprefix("ال")
        return w in table or w.removesuffix("ه") in table or word.capitalize() in _demonyms(self.kb)

    def _direct_object(self, i: int, te: int, ms: int, slack: int = 1) -> bool:
        """A place right after a visit word, the visitor's name aside: "visited Moscow",
        "زار الرئيس التركي رجب طيب أردوغان العاصمة السعودية الرياض"."""
        if ms < te or ms - te > 120:
            return False
        chars = list(self.doc.norm[te:ms])
        for u in self.units(i):
            if te <= u.nstart and u.nend <= ms:
                chars[u.nstart - te:u.nend - te] = " " * (u.nend - u.nstart)
        rest = "".join(chars)
        if re.search(r"[,;:.()]", rest):
            return False
        return len([w for w in rest.split() if not self._is_adjective(w)]) <= slack

    def place(self, i: int, trigger: Mention, ttype: str, left: int, right: int) -> Place | None:
        cached = getattr(self, "_place_cache", None)
        if cached is None:
            cached = self._place_cache = {}
        key = (i, trigger.nstart)
        if key in cached:
            return cached[key]
        s, e = self.doc.sentences[i]
        te = trigger.nend
        best: tuple[int, Place] | None = None
        ents = self.entities_in(s, e)
        for m in ents:
            if m.of("place", "city", "country") is None:
                continue
            ms = m.nstart - len(m.prefix)
            if _REPORTER_BEFORE.search(self.doc.norm, max(0, ms - 30), ms):
                continue    # "لموفدتها إلى واشنطن", "السفير السعودي في عمان": where the reporter or envoy is posted
            in_clause = left <= ms < right
            place = None
            rank = 9
            p = m.of("place")
            c = None if m.has("country") else m.of("city")   # الجزائر، الكويت: the country
            if p is not None:
                name_en, name_ar, cc = self.lex.places.get(p.ref, (m.text, None, p.extra or None))
                place = Place(name_en, cc, name_ar, Span(m.start, m.end, m.text), "venue" if "palace" in p.ref or p.ref in ("kremlin", "white-house", "oval-office", "elysee", "downing-street") else "city")
                rank = 0
            elif c is not None:
                country = self.kb.countries.get(c.ref)
                place = Place(country.capital_en if country else m.text, c.ref, country.capital_ar if country else None,
                              Span(m.start, m.end, m.text))
                rank = 0
            elif m.has("country") and not m.has("person", "person_short"):
                cc = m.of("country").ref
                country = self.kb.countries.get(cc)
                if country is None:
                    continue
                near = (ms >= te and ms - te <= 40) or self._after_unit(i, ms) or 0 <= trigger.nstart - m.nend <= 30
                if not in_clause:
                    continue
                if ttype == "visit" and self._direct_object(i, te, ms):
                    pass
                elif not near or not self._locative(m, ttype):
                    continue
                place = Place(country.en, cc, country.ar, Span(m.start, m.end, m.text), "country")
                rank = 4
            else:
                continue
            if rank == 0:
                direct = ttype in ("visit", "receive") and self._direct_object(i, te, ms)
                # "محادثات شرم الشيخ"، "قمة الرياض": a venue in construct with the talks
                named_after = 0 <= ms - te <= 1 and not m.prefix and (self.trigger_entry(trigger) or {}).get("pos") == "noun"
                if not direct and not named_after and not self._locative(m, ttype):
                    continue
                if not in_clause:
                    if ms >= left:
                        continue    # a later clause: "..., and the Russian leader stayed in Moscow"
                    rank = 6        # "تتجه الأنظار إلى موسكو، حيث يلتقي ..."
            dist = abs(ms - te) if ms >= te else abs(trigger.nstart - m.nend) + 5
            if ttype == "visit" and self._direct_object(i, te, ms, slack=2):
                # the destination of a visit: "زيارة روبيو إلى إسرائيل", "visit to Russia"; a city
                # named with it is more precise ("العاصمة السعودية الرياض")
                rank = 0
                dist += 50 if place.level == "country" else 0
            score = rank * 1000 + dist
            if best is None or score < best[0]:
                best = (score, place)
        # "في العاصمة الروسية", "in the Saudi capital"
        for lm in self.meeting_words_in("capital", s, e):
            for em in ents:
                adj = em.of("country_adj", "country")
                if adj is None:
                    continue
                if (0 <= em.nstart - lm.nend <= 2) or (0 <= lm.nstart - em.nend <= 2):
                    country = self.kb.countries.get(adj.ref)
                    if country is None or not country.capital_en:
                        continue
                    if not self._locative(lm if lm.nstart < em.nstart else em, ttype) and \
                            not (ttype == "visit" and self._direct_object(i, te, min(lm.nstart - len(lm.prefix), em.nstart))):
                        continue
                    a, b = min(lm.nstart - len(lm.prefix), em.nstart), max(lm.nend, em.nend)
                    ms = a
                    rank = 1 if left <= ms < right else 6
                    score = rank * 1000 + (abs(ms - te) if ms >= te else abs(trigger.nstart - b) + 5)
                    place = Place(country.capital_en, adj.ref, country.capital_ar, self.span(a, b))
                    if best is None or score < best[0]:
                        best = (score, place)
        result = best[1] if best else None
        cached[key] = result
        return result

    def _after_unit(self, i: int, ms: int) -> bool:
        for u in self.units(i):
            if 0 <= ms - u.nend <= 25:
                return True
        return False

    # --- records ----------------------------------------------------------------------

    def records(self) -> list[_Record]:
        records: list[_Record] = []
        headline_refs: list[_Cand] = []
        for cand in self.candidates():
            if cand.anaphoric and not records:
                if self.is_heading(cand.sentence):
                    headline_refs.append(cand)   # "مباحثات قطرية مصرية لإنهاء حرب غزة", then the lead
                continue   # a reference to a meeting, before any meeting is reported
            if not cand.anaphoric or cand.idents:
                cand.date, cand.date_basis = self._date(cand.trigger.nstart, cand.status)   # only where it can count
            if cand.anaphoric and cand.idents:
                # "زيارة مرتقبة للرئيس ترامب" after a headline naming the same visit: the same
                # people, so a full report of it (status, date, place), not just a reference.
                same = next((r for r in reversed(records)
                             if cand.idents <= set(r.units) and self._compatible(r, cand)), None)
                if same is not None:
                    same.add(cand)
                    continue
            if cand.anaphoric:
                target = self._antecedent(cand, records)
                if target is not None:
                    self._attach(cand, target)
                continue
            target = None
            for r in reversed(records):
                if self._compatible(r, cand):
                    target = r
                    break
            if target is None:
                target = _Record()
                records.append(target)
            target.add(cand)
        for cand in headline_refs[:1] if records else ():
            self._attach(cand, records[0])
        return records

    @staticmethod
    def _attach(cand: _Cand, target: _Record) -> None:
        """A reference to a meeting reported elsewhere: its sentence tells about it too."""
        target.sentences.add(cand.sentence)
        target.attached.append((cand.sentence, cand.trigger))
        if target.place is None and cand.place is not None:
            target.cands[0].place = cand.place

    def _headline_only(self, r: _Record) -> bool:
        return all(self.is_heading(c.sentence) and c.type in ("meet", "talks", "discuss") for c in r.cands)

    def _antecedent(self, cand: _Cand, records: list[_Record]) -> _Record | None:
        before = [r for r in records if min(r.sentences) <= cand.sentence]
        if not before:
            return None
        s, e = self.doc.sentences[cand.sentence]
        places = set()
        for m in self.entities_in(s, e):
            p = m.of("place")
            if p is not None and p.extra:
                places.add(p.extra)
            c = m.of("city")
            if c is not None:
                places.add(c.ref)
        if places:
            for r in reversed(before):
                if r.place and r.place.country in places:
                    return r
        ids = cand.idents
        if ids:
            for r in reversed(before):
                if ids & set(r.units):
                    if cand.status in ("planned", "speculated") and "happened" in r.statuses and not (r.statuses - {"happened"}):
                        continue
                    return r
        return before[-1]

    def _compatible(self, r: _Record, c: _Cand) -> bool:
        if r.call != (c.type == "call") and not self._headline_only(r):
            return False    # (a headline's "يبحثان" says nothing of how: the lead's call is the same talk)
        rs = r.statuses
        if c.status == "happened" and rs and "happened" not in rs:
            return False
        if c.status in ("planned", "speculated") and "happened" in rs:
            return False
        a, b = _as_people(r.units.values(), c.units), _as_people(c.units, r.units.values())
        common = a & b
        if not common:
            return False
        if not (a <= b or b <= a or len(common) >= 2):
            return False
        if c.sideline and any(x.type == "summit" for x in r.cands):
            return False
        rd = r.explicit_date
        if rd is not None and c.date_basis == "explicit" and c.date is not None:
            if c.date.first_day() > rd.last_day() + dt.timedelta(days=1) or \
                    rd.first_day() > c.date.last_day() + dt.timedelta(days=1):
                return False
        rp = r.place
        if rp and c.place and rp.country and c.place.country and rp.country != c.place.country:
            return False
        return True

    # --- from records to meetings ---------------------------------------------------

    def participant_country(self, u: _Unit, date: PartialDate | None
                            ) -> tuple[str | None, str | None, str | None, Claim | None]:
        """(role, country, org, the claim they rest on): as the text claims (in this report
        or elsewhere in the article), else the country from the KB at the date."""
        role, country, org, claim = u.role, u.country, u.org, u.claim_of_role
        if u.person_id and role is None:
            claim = self.claims_by_person.get(u.person_id)
            if claim is not None:
                role, country, org = claim.role, claim.country, claim.org
        if country or org or not u.person_id:
            return role, country, org, claim
        person = self.kb.people.get(u.person_id)
        if person is not None:
            when = date.first_day() if date else self.doc.document_date[0]
            terms = [t for t in person.terms if t.may_cover(when) and (t.country or t.org)]
            if role:
                terms = [t for t in terms if t.role == role] or terms
            if terms:
                return role, terms[0].country, terms[0].org, claim
            if person.citizenship:
                return role, person.citizenship[0], None, claim
        return role, country, org, claim

    def meeting(self, r: _Record) -> Meeting:
        first = r.cands[0]
        date, basis, dated_by = first.date, first.date_basis, first
        for c in r.cands:
            if c.date_basis == "explicit":
                date, basis, dated_by = c.date, c.date_basis, c
                break
        place = r.place
        participants: list[Participant] = []
        for ident, u in r.units.items():
            role, country, org, claim = self.participant_country(u, date)
            participants.append(Participant(u.mention, u.start, u.end, u.person_id, role, country, org,
                                            r.sides.get(ident), u.type, claim))
        countries = {p.country or p.org for p in participants if p.country or p.org}
        types = {c.type for c in r.cands}
        if r.call:
            kind = "call"
        elif "summit" in types:
            kind = "summit"
        elif "receive" in types:
            kind = "host"
        elif "visit" in types:
            kind = "visit"
        elif place and place.country and place.country in countries and len(countries) > 1:
            kind = "host"
        elif place and place.country and countries and place.country not in countries:
            kind = "third_place"
        elif any(c.sideline for c in r.cands):
            kind = "third_place"
        else:
            kind = "talks"
        if kind in ("host", "visit") and place and place.country:
            hosts = [p for p in participants if p.country == place.country]
            if hosts and len(hosts) < len(participants):
                for p in participants:
                    if p.side is None:
                        p.side = "host" if p.country == place.country else "guest"
        if kind == "call":
            place = None      # "discussed the war in Syria by phone": Syria is not where they were
            for p in participants:
                p.side = None
        statuses = r.statuses
        status = "happened" if "happened" in statuses or not statuses else \
            "planned" if "planned" in statuses else "speculated"
        if not statuses and basis == "explicit" and date is not None and date.day and self.doc.date \
                and date.first_day() > self.doc.date and not self._said_today(dated_by.sentence, date):
            # No word gives a tense ("خلال اجتماعه بنتنياهو يوم 29 سبتمبر" in an item dated the
            # 28th): a meeting dated after its report has not happened yet. Not "اليوم الاثنين"
            # in an item dated Sunday: today is the report's day, a time zone away.
            status = "planned"
        evidence = sorted({c.sentence for c in r.cands} | {s for s, _ in r.attached})
        triggers = [self.span(c.trigger.nstart - len(c.trigger.prefix), c.trigger.nend) for c in r.cands]
        occasion = next((c.occasion for c in r.cands if c.occasion), None)
        meeting = Meeting(key="", kind=kind, status=status, date=date, date_basis=basis, place=place,
                          participants=participants, evidence=[self.sentence_span(i) for i in evidence],
                          triggers=triggers, occasion=occasion)
        meeting.key = meeting_key(meeting)
        return meeting

    # --- topics -----------------------------------------------------------------------

    def assign_topics(self, records: list[_Record], meetings: list[Meeting]) -> None:
        doc = self.doc
        owner_of: dict[int, list[tuple[int, int]]] = {}   # sentence -> [(trigger npos, record index)]
        for ri, r in enumerate(records):
            for c in r.cands:
                owner_of.setdefault(c.sentence, []).append((c.trigger.nstart, ri))
            for si, m in r.attached:
                owner_of.setdefault(si, []).append((m.nstart, ri))
        for lst in owner_of.values():
            lst.sort()
        current: int | None = None
        current_para = None
        last = -2
        para_starts = [ps for ps, _ in doc.paragraphs]
        list_parent: tuple[int, StatedBy | None, bool, int] | None = None
        for i, (s, e) in enumerate(doc.sentences):
            para = bisect_right(para_starts, s) - 1
            lexs = self.lexicon_in(s, e)
            owners = owner_of.get(i)
            anaphor = bool(self.meeting_words_in("anaphor", s, e))
            text = doc.norm[s:e]
            # A list item ("- ", "2) ") only matters after a sentence that opens a list.
            is_item = list_parent is not None and bool(_LIST_ITEM.match(doc.original_text(s, e)[:4]))
            if owners:
                current = owners[0][1]
                current_para, last = para, i
            elif anaphor and records:
                earlier = [ri for ri, r in enumerate(records) if min(r.sentences) < i]
                if earlier:
                    current = max(earlier, key=lambda ri: max(x for x in records[ri].sentences if x < i))
                    current_para, last = para, i
            elif is_item and list_parent is not None:
                pass
            elif current is not None and para == current_para and i == last + 1 and self._continues(i, records[current]):
                last = i      # "They discussed ...", "Araghchi briefed the emir on ..."
            else:
                current = None
            if current is None:
                list_parent = None if not is_item else list_parent
                continue
            if is_item and list_parent is not None and not owners:
                rec, stated, spec, _ = list_parent
                self._collect(i, s, e, meetings[rec], stated, spec)
                continue
            if not is_item:
                list_parent = None
            regions = self._goal_regions(i, s, e, lexs)
            for gs, ge in regions:
                rec = current
                if owners:
                    before = [(pos, ri) for pos, ri in owners if pos <= gs]
                    if before and _HARD_BREAK.search(doc.norm, before[-1][0], gs):
                        continue  # another clause: "met X on Monday, before ... including oil"
                    if not before and _HARD_BREAK.search(doc.norm, ge, owners[0][0]):
                        continue  # "مشاورات أمنية بشأن الأسرى بعد لقائه روبيو": not this meeting's agenda
                    rec = before[-1][1] if before else owners[0][1]
                stated = self._stated_by(i, s, e, records[rec])
                spec = self._hedged(i, ge) or meetings[rec].status == "speculated"
                self._collect(i, gs, ge, meetings[rec], stated, spec)
                if text.rstrip().endswith(":"):
                    list_parent = (rec, stated, spec, i)
        for m in meetings:
            m.topics.sort(key=lambda t: t.evidence[0].start if t.evidence else 0)

    def _collect(self, i: int, gs: int, ge: int, meeting: Meeting, stated: StatedBy | None, spec: bool) -> None:
        """Topics in the goal region [gs, ge) of sentence i go to ``meeting``."""
        topics_here: list[str] = []
        ents = self.entities_in(*self.doc.sentences[i])
        for lm in self.lexicon_in(gs, ge):
            if lm.nend > ge:
                continue
            tp = lm.of(_TOPIC)
            if tp is not None:
                topic_id = tp.ref
            else:
                gp = lm.of(_GOAL)   # "to coordinate", للتشاور: the marker names its topic
                topic_id = self.lex.goal.get(gp.ref, {}).get("topic") if gp is not None else None
                if not topic_id:
                    continue
            if any(em.nstart <= lm.nstart and lm.nend <= em.nend and em.has("person", "person_short", "title", "org")
                   for em in ents):
                continue
            span = Span(lm.start, lm.end, lm.text)
            topic = next((t for t in meeting.topics if t.topic == topic_id), None)
            if topic is None:
                topic = Topic(topic_id, stated_by=stated, speculative=spec)
                meeting.topics.append(topic)
            else:
                topic.speculative = topic.speculative and spec
                if topic.stated_by is None:
                    topic.stated_by = stated
            topic.evidence.append(span)
            if topic_id not in topics_here:
                topics_here.append(topic_id)
        if topics_here:
            meeting.goals.append(Goal(self.span(gs, ge), topics_here, stated, spec))

    def _continues(self, i: int, record: _Record) -> bool:
        """Sentence i goes on about the meeting just reported: it names a participant,
        starts with "they/he", or opens with a verb of discussing (وبحثا، وناقش)."""
        if any(u.ident in record.units for u in self.units(i)):
            return True
        s, e = self.doc.sentences[i]
        head = self.doc.norm[s:s + 12]
        if re.match(r"(?:they|he|she|both|the two)\b", head):
            return True
        for lm in self.lexicon_in(s, min(e, s + 8)):
            gp = lm.of(_GOAL)
            mp = lm.of(_MEETING)
            if gp is not None and self.lex.goal.get(gp.ref, {}).get("role") == "discussed":
                return True
            if mp is not None and self.lex.meeting.get(mp.ref, {}).get("type") == "discuss":
                return True
        return False

    def _goal_regions(self, i: int, s: int, e: int, lexs: list[Mention]) -> list[tuple[int, int]]:
        doc = self.doc
        starts = []
        for lm in lexs:
            gp = lm.of(_GOAL)
            if gp is not None and self.lex.goal.get(gp.ref, {}).get("role") in ("purpose", "agenda", "discussed"):
                starts.append(lm.nstart - len(lm.prefix))
                continue
            mp = lm.of(_MEETING)
            if mp is not None:
                entry = self.lex.meeting.get(mp.ref, {})
                if entry.get("role") == "trigger":
                    if entry.get("type") == "discuss":
                        starts.append(lm.nstart - len(lm.prefix))
                    # "talks on trade", "محادثات حول": on/over right after a meeting noun.
                    if re.match(r"\s+(?:on|over)\s", doc.norm[lm.nend:lm.nend + 6]):
                        starts.append(lm.nend)
        triggers = [lm.nend for lm in self.meeting_words_in("trigger", s, e)]
        if triggers:
            # "held talks in Riyadh on Tuesday on regional security": on/over + a topic word.
            topic_starts = [lm.nstart - len(lm.prefix) for lm in lexs if lm.of(_TOPIC)]
            for om in _ON.finditer(doc.norm, s, e):
                before = [t for t in triggers if s <= t <= om.start()]
                if not before or re.search(r"[,;:]", doc.norm[before[-1]:om.start()]) \
                        or _HARD_BREAK.search(doc.norm, before[-1], om.start()):
                    continue   # only in the trigger's own clause: not "after the talks, tariffs on imports"
                if any(0 <= ts_ - om.end() <= 16 for ts_ in topic_starts):
                    starts.append(om.start())
        if not starts:
            return []
        starts.sort()
        regions = []
        breaks = [m.start() for m in _HARD_BREAK.finditer(doc.norm, s, e)]
        for k, gs in enumerate(starts):
            if regions and gs < regions[-1][1]:
                continue
            ge = e
            nb = [b for b in breaks if b > gs]
            if nb:
                ge = nb[0]
            regions.append((gs, ge))
        return regions

    def _hedged(self, i: int, end: int) -> bool:
        """A hedge (قد، من المتوقع، may, is expected to) in the sentence before ``end``."""
        return any(role == "speculated" and ws < end for ws, we, role in self.words(i))

    def _stated_by(self, i: int, s: int, e: int, record: _Record) -> StatedBy | None:
        found: dict[str, tuple[Mention, str]] = {}
        for lm in self.lexicon_in(s, e):
            gp = lm.of(_GOAL)
            if gp is None:
                continue
            entry = self.lex.goal.get(gp.ref, {})
            if entry.get("role") != "source":
                continue
            found.setdefault(entry.get("source"), (lm, gp.ref))
        if not found:
            return None
        if "statement" in found:
            lm, _ = found["statement"]
            return StatedBy("statement", Span(lm.start, lm.end, lm.text))
        if "official" in found:
            lm, _ = found["official"]
            units = [u for u in self.units(i) if u.type == "person"]
            speaker = None
            for u in units:
                if 0 <= lm.nstart - u.nend <= 40 or 0 <= u.nstart - lm.nend <= 25:
                    speaker = u
                    if u.nend <= lm.nstart:
                        continue
                    break
            if speaker is not None:
                kind = "participant" if speaker.ident in record.units else "official"
                return StatedBy(kind, Span(speaker.start, speaker.end, speaker.mention), speaker.person_id)
        for kind in ("unnamed_source", "media", "analysts"):
            if kind in found:
                lm, _ = found[kind]
                return StatedBy(kind, Span(lm.start, lm.end, lm.text))
        if "official" in found:
            lm, _ = found["official"]
            return StatedBy("official", Span(lm.start, lm.end, lm.text))
        return None

    def _said_today(self, i: int, date: PartialDate) -> bool:
        norm = self.doc.norm
        return any(d.date == date and _TODAY.match(norm, d.nstart) for d in self.doc.dates_in(*self.doc.sentences[i]))

    def _fellow_travellers(self, r: _Record) -> bool:
        """Only travellers, of one country: "زيارة مرتقبة لفانس وويتكوف للمنطقة" reports no
        meeting of theirs. Travellers of two countries meet on the way ("زيارة روبيو برفقة
        نتنياهو")."""
        return all(c.type == "visit" and not c.others for c in r.cands) and self._one_country(r.units.values())

    def _one_country(self, units) -> bool:
        """The units are of one country, or one's is not known."""
        countries = {self.participant_country(u, None)[1] for u in units}
        return len(countries) == 1 or None in countries

    def run(self) -> list[Meeting]:
        # A visit of one person starts a record (its kind and place hold when the report
        # goes on to whom he met), but whom a lone visitor met is not said: no meeting.
        if not self.two_parties_named():
            return []
        records = [r for r in self.records() if len(r.units) >= 2 and not self._fellow_travellers(r)]
        meetings = [self.meeting(r) for r in records]
        if meetings:
            self.assign_topics(records, meetings)
        return meetings


@dataclass
class _DateProbe:
    """What ``claims.assign_date`` reads and writes, for a meeting trigger's position."""

    nstart: int
    date: PartialDate | None = None
    date_basis: str = "document"
    alt_date: PartialDate | None = None
    notes: list[str] = field(default_factory=list)


@lru_cache(maxsize=4)
def _demonyms(kb: KB) -> frozenset[str]:
    return frozenset(a for c in kb.countries.values() for a in c.adj_en)


@lru_cache(maxsize=4)
def _nisba_table(kb: KB) -> dict[str, str]:
    table = {}
    for c in kb.countries.values():
        for adj in c.adj_ar:
            n = normalize(adj)
            table[n.removeprefix("ال")] = c.code
    return table


# --- the key ------------------------------------------------------------------------------

def meeting_key(m: Meeting) -> str:
    """The report's key (``liqaa.meeting_key``): who, the date as given, phone or not."""
    ids = {p.person_id for p in m.participants if p.person_id}
    if len(ids) < 2:
        ids = {p.person_id or f"{p.type}:{p.country or p.org or normalize(p.mention)}" for p in m.participants}
    return report_key(ids, str(m.date) if m.date else None, m.kind == "call")


def judge_identities(meetings: list[Meeting], verdict_of: Callable[[Claim], Verdict]) -> None:
    """Give each participant whose role the text claims the check's verdict on that claim."""
    for m in meetings:
        for p in m.participants:
            if p.claim is not None:
                p.identity_verdict = verdict_of(p.claim)


# --- API ----------------------------------------------------------------------------------

def _meeting_roles(value: tuple) -> frozenset[str]:
    """The meeting.yaml roles a gazetteer hit's value can be read as (before its
    proclitics are settled), cached per value: the values are the gazetteer's own."""
    known = _ROLES_OF_VALUE.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    entries = _lexicons().meeting
    readings = [value[2], *(reading[2] for reading in value[3])]
    roles = frozenset((entries.get(p.ref) or {}).get("role") for patterns in readings for p in patterns
                      if p.kind == _MEETING)
    _ROLES_OF_VALUE[id(value)] = (value, roles)
    return roles


_ROLES_OF_VALUE: dict[int, tuple[tuple, frozenset[str]]] = {}


def _sentences_naming_someone(doc: Document, kb: KB, claims: list[Claim], meeting_hits: list[tuple]) -> set[int]:
    """The sentences with a possible meeting trigger and what a participant is made from:
    a claim, a person's name, a delegation word, a title beside a country (an office named
    without its holder), or a capital letter (a name the KB does not know) — none when all
    of them together cannot name two different participants, as a meeting needs. Read off
    the scan's hits, before any lexicon mention is made: most articles with a meeting word
    name nobody, or one person only, beside it."""
    triggers, delegations, between, movements = [], [], [], []
    given_names = None
    for hit in meeting_hits:
        value = hit[2]
        known = _ROLES_OF_VALUE.get(id(value))   # _meeting_roles' cache, read without a call per hit
        roles = known[1] if known is not None and known[0] is value else _meeting_roles(value)
        if "trigger" in roles:
            triggers.append(hit[0])
            ahead = doc.norm[hit[1]:hit[1] + 40]
            if _says_between(ahead) and _BETWEEN.match(doc.norm, hit[1], hit[1] + 40):
                between.append(hit[1])    # "محادثات بين إيران والولايات المتحدة": two sides
        if "movement" in roles:
            movements.append(hit[0])
        if "delegation" in roles:
            delegations.append(hit[0])    # each may make a participant of its own
        elif "official" in roles:
            # an office makes one when a given name follows it (past its nationality, an honorific)
            given_names = given_names or gazetteer_for(kb).given_names
            if any(w in given_names for w in doc.norm[hit[1]:hit[1] + 80].split()[:6]):
                delegations.append(hit[0])
    if not triggers:
        return set()
    # Keys of the possible participants, never fewer than the units ``_Finder.units``
    # makes of them: each claim's and named person's id, each delegation word, each
    # office's holder (outside a claim), each word a capital starts (a name the KB does
    # not know).
    parties: set = set()
    named = set()
    claims = sorted(claims, key=_NSTART)
    claim_starts = [c.nstart for c in claims]
    for i, s, e, ents in doc.sentences_at(triggers):
        claimed = claims[bisect_left(claim_starts, s):bisect_left(claim_starts, e)]
        here = {c.person_id or c.surname_of or ("claim", c.nstart) for c in claimed}
        if delegations:
            here.update(("delegation", d) for d in delegations if s <= d < e)
        for b in between:
            # two sides after "بين", each a country or a movement (_Finder._sides_between)
            if s <= b < e and sum(1 for m in ents if b < m.nstart < b + 100 and m.has("country")) \
                    + sum(1 for p in movements if b < p < b + 100) >= 2:
                here.update((("between", b, 0), ("between", b, 1)))
        titled = placed = False
        for m in ents:
            pids = []
            for p in m.patterns:
                if p.kind in _PERSON_KINDS:
                    pids.append(p.ref)
                elif p.kind in _OFFICE_KINDS:
                    titled = True
                elif p.kind in _COUNTRY_KINDS:
                    placed = True
            if pids:
                here.add(pids[0] if len(pids) == 1 else ("person", m.nstart))
        for office, place in _offices_named(ents) if titled and placed else ():
            start = doc.offsets[office.nstart - len(office.prefix)]
            # A title inside a claim is the named person's (الرئيس المصري عبد الفتاح السيسي).
            if any(c.span_start <= start < c.span_end for c in claimed):
                continue
            title = office.of("title")
            if title is None:   # نظيره السعودي: whose counterpart, the units will say
                here.add(("office", office.nstart))
            elif (title.lang == "ar") == (place.nstart > office.nstart):
                # the holder _Finder._offices reads, when the KB names one: the same person
                # as a claim or a name for him in the same article
                holder = _office_holder(kb, title.ref, place.of("country_adj", "country").ref, doc.document_date[0])
                if holder is not None:
                    here.add(holder)
        if has_capital(doc.text, *doc.original(s, e)):
            # A name the KB does not know starts with a capitalised word (_unknown_names):
            # one key for each word that starts with a capital.
            here.update(("name", s + w.start()) for w in _LATIN_WORD_START.finditer(doc.norm[s:e])
                        if doc.text[doc.offsets[s + w.start()]].isupper())
        if here:
            named.add(i)
            parties |= here
    return named if len(parties) >= 2 else set()


_OFFICE_KINDS = frozenset({"title", "counterpart"})
_COUNTRY_KINDS = frozenset({"country_adj", "country"})


def _offices_named(ents: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """(title, country) for each title beside a country (الرئيس المصري، the Qatari prime
    minister): offices that may be named without their holders' names."""
    for a, b in zip(ents, ents[1:]):
        if b.nstart - len(b.prefix) - a.nend > 1:
            continue
        if a.of("title", "counterpart") is not None and b.of("country_adj", "country") is not None:
            yield a, b
        if b.of("title", "counterpart") is not None and a.of("country_adj", "country") is not None:
            yield b, a


@lru_cache(maxsize=4096)
def _office_holder(kb: KB, role: str, place: str, when: dt.date) -> str | None:
    """The one person the KB records in an office on a date, when the office is one
    person's (a president, not a minister of state) and its holder certain. Cached: a
    news archive names the same offices on the same days over and over."""
    if not kb.is_exclusive(role, place):
        return None
    holders = {t.person_id for t in kb.holders(role, place, when)}
    if len(holders) != 1 or kb.uncertain_holders(role, place, when):
        return None
    return holders.pop()


def find_meetings(doc: Document, kb: KB, claims: list[Claim] | None = None) -> list[Meeting]:
    """The meetings a Document reports, one record per meeting. ``claims`` are the check
    stage's claims for the same Document (found again when not given)."""
    meeting_hits = doc.hits_with(_MEETING)
    if not meeting_hits:
        return []   # a third of articles: no meeting word
    if claims is None:
        claims = find_claims(doc, kb)
    named = _sentences_naming_someone(doc, kb, claims, meeting_hits)
    if not named:
        return []
    meeting_words = doc.lexicon_of(_MEETING)
    if not meeting_words:
        return []
    return _Finder(doc, kb, claims, meeting_words, named).run()


def extract_document(doc: Document, kb: KB, claims: list[Claim] | None = None,
                     verdict_of: Callable[[Claim], Verdict] | None = None) -> MeetingsReport:
    """The meetings of a Document. ``verdict_of`` judges a participant's claim (the check's
    own verdicts, when the caller has them); by default the claims participants rest on are
    verified here, as ``liqaa check`` would."""
    meetings = find_meetings(doc, kb, claims)
    if meetings:
        judge_identities(meetings, verdict_of or Verifier(kb, stale_after=DEFAULT_STALE_AFTER))
    return MeetingsReport(document=doc, kb=kb, meetings=meetings)


def analyze_all(doc: Document, kb: KB, stale_after: int | None = None):
    """The check Report and the MeetingsReport of one Document, from one analysis and one
    set of claims: the single pass ``liqaa ingest`` and ``liqaa check --meetings`` use."""
    from liqaa.report import Report, verify_claims

    claims = find_claims(doc, kb)
    checked = verify_claims(doc, kb, claims, DEFAULT_STALE_AFTER if stale_after is None else stale_after)
    report = Report(document=doc, kb=kb, claims=checked)
    verdicts = {id(cc.claim): cc.verdict for cc in checked}
    verifier = Verifier(kb, stale_after=DEFAULT_STALE_AFTER if stale_after is None else stale_after)
    return report, extract_document(doc, kb, claims, lambda claim: verdicts.get(id(claim)) or verifier(claim))


def extract(text: str, as_of: dt.date | str | None = None, lang: str | None = None, *, kb: KB | None = None,
            date: dt.date | str | None = None, **meta) -> MeetingsReport:
    """Meetings reported in ``text``. ``date`` is the article's own date (metadata); ``as_of``
    dates meetings when neither the text nor the metadata gives a date."""
    from liqaa.dates import document_date_arg, parse_date_arg
    from liqaa.kb import default_kb

    kb = kb or default_kb()
    if isinstance(as_of, str):
        as_of = parse_date_arg(as_of)
    read = document_date_arg(date)
    doc = analyze(text, kb, as_of=as_of, date=read and read.date, lang=lang, **meta)
    doc.notes.extend([read.note] if read and read.note else [])
    return extract_document(doc, kb)


class _CallableModule(types.ModuleType):
    """``liqaa.extract(text, ...)`` is the library call of ARCHITECTURE.md, and
    ``liqaa.extract`` is also this module (``liqaa.extract.find_meetings``): the module is
    callable, so neither name hides the other."""

    def __call__(self, text: str, *args, **kwargs) -> MeetingsReport:
        return extract(text, *args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
