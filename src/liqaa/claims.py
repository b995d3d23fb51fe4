"""Claims: "this person holds this role for this country (or organisation)".

The stage reads the entity mentions of a Document as a token stream and recognises the
ways news attaches a role to a name:

* Arabic title chains: الرئيس الروسي فلاديمير بوتين، رئيس وزراء إسرائيل بنيامين نتنياهو،
  ولي العهد السعودي الأمير محمد بن سلمان، الأمين العام للأمم المتحدة أنطونيو غوتيريش
* English title chains: Russian President Vladimir Putin, Russia's President Putin,
  President Vladimir Putin of Russia, U.S. Secretary of State Marco Rubio
* appositions: "Benjamin Netanyahu, Israel's prime minister", "بوتين، الرئيس الروسي"
* counterparts: نظيره البيلاروسي ألكسندر لوكاشينكو / his Belarusian counterpart, which take
  the role of the nearest preceding claim
* a title followed by a name the KB does not know (still a claim).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import attrgetter

from liqaa.claim_time import date_claim
from liqaa.document import Document
from liqaa.gazetteer import Mention, compound_parts, gazetteer_for, institution_adjectives, not_surnames
from liqaa.kb.model import KB, PartialDate, person_terms
from liqaa.text import ARABIC_STOPWORDS, DROP_CHARS as _MARKS, compounds_joined, normalize, speedups

# Words that end a name in Arabic (verbs of saying, prepositions, conjunctions ...).
_AR_STOP = ARABIC_STOPWORDS

# علي (Ali) and على (on) are one word once normalised; see ClaimFinder._ali_is_name.
_ALI = normalize("علي")
_BIN = frozenset(("بن", "ابن"))
_ABD = normalize("عبد")

_PERSON_KINDS = frozenset({"person", "person_short"})
# Mention kinds that start a claim: only sentences with one are read.
_CLAIM_KINDS = ("title", "counterpart", *_PERSON_KINDS)
_CLAIM_KIND_SET = frozenset(_CLAIM_KINDS)
# Of those, the kinds a claim cannot do without: every reading names an office through a
# title, a counterpart word, or a KB alias that keeps its title ("الملك سلمان").
_OFFICE_KINDS = frozenset({"title", "counterpart"})
_NSTART = attrgetter("nstart")
# Claims checked per sentence. News has at most 10 in a sentence (the development corpora);
# the cap bounds the work on text that is nothing but claims, and the report says where
# it cut (see ClaimFinder.cap_note).
MAX_CLAIMS_PER_SENTENCE = 50

_EN_STOP = frozenset("""
the a an of in on at to for with and or but said says told met meets meeting will would
has had have is was were be been as by from after before during on over about that this
who which when where while his her their its he she they it on monday tuesday wednesday
thursday friday saturday sunday yesterday today last next
""".split())


# --- English names ---------------------------------------------------------------------

# Initials: "J.", "J.D." (normalised to lower case).
_INITIALS = re.compile(r"[a-z]\.(?:[a-z]\.)*")
# Regnal numbers after a monarch's or pope's name: Charles III, Abdullah II, Leo XIV.
_ROMAN_NUMERAL = re.compile(r"(?:i{2,3}|iv|vi{0,3}|ix|xi{1,3}|xiv|xvi{0,3}|xix|xx)")
# Lower-case (or Arabic "Al") links inside a name: Mohammed bin Salman, Lula da Silva,
# Ursula von der Leyen, Tamim bin Hamad Al Thani.
_EN_PARTICLES = frozenset("bin bint binti ibn al el de da das dos du del della di van von der den ter".split())
# A surname written with the Arabic article: el-Sisi, al-Sudani, Al-Thani.
_ARABIC_ARTICLE = re.compile(r"(?i:al|el|ad|ash|as|at|az|ar|an|ath)-[^\W\d_]")
# In a Title Case headline the word after a subject's given name is most often its verb,
# which agrees in -s or is a participle in -ed ("Emir Tamim Receives Letter", "King Abdullah
# Meets Biden", "Minister Ali Killed"): such a word is taken as a surname only when a KB
# name ends with it. (-ss, -as, -is, -os, -us and -eed end names: Ross, Thomas, Davis,
# Santos, Marcus, Rasheed.)
_HEADLINE_VERB_FORM = re.compile(r"(?:[^aiosu]s|[^e]ed)$")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LATIN_NAME_WORD = re.compile(r"[a-z][a-z'’-]*")


@dataclass(frozen=True)
class _EnglishEvidence:
    given: frozenset[str]      # words an English name may start with
    surnames: frozenset[str]   # the last words of the KB's English names
    subordinates: frozenset[str]   # spokesman, adviser ... (titles.yaml)


_ENGLISH_EVIDENCE: dict[int, tuple[KB, _EnglishEvidence]] = {}


def _english_evidence(kb: KB) -> _EnglishEvidence:
    """Given names and surnames for reading English names: the first and last words of
    the KB's English names (before any "of Jordan" and regnal number), and the lexicon's
    given names, less those that are ordinary English words, ranks or styles."""
    cached = _ENGLISH_EVIDENCE.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    from liqaa.gazetteer import load_lexicon

    lexicon = load_lexicon("given_names.yaml")
    given = {normalize(n) for n in lexicon.get("en") or ()}
    surnames: set[str] = set()
    for person in kb.people.values():
        for name in person.names:
            tokens = normalize(name).split()
            if not tokens or not tokens[0].isascii():
                continue
            if "of" in tokens:
                tokens = tokens[:tokens.index("of")]
            while tokens and _ROMAN_NUMERAL.fullmatch(tokens[-1]):
                tokens.pop()
            if len(tokens) < 2:
                continue
            given.add(tokens[0])
            last = tokens[-1]
            surnames.add(last)
            if _ARABIC_ARTICLE.match(last):
                surnames.add(last.split("-", 1)[1])
    titles = load_lexicon("titles.yaml")
    styles = {normalize(f) for spec in titles["titles"].values() for f in spec.get("en") or ()}
    styles |= {normalize(f) for f in titles["honorifics"].get("en") or ()}
    not_given = {normalize(n) for n in lexicon.get("en_words") or ()} | styles | _EN_PARTICLES | _EN_STOP
    evidence = _EnglishEvidence(
        given=frozenset(g for g in given - not_given if _LATIN_NAME_WORD.fullmatch(g)),
        surnames=frozenset(s for s in surnames - _EN_STOP if _LATIN_NAME_WORD.fullmatch(s)),
        subordinates=frozenset(normalize(w) for w in titles["subordinates"]["en"]))
    _ENGLISH_EVIDENCE[id(kb)] = (kb, evidence)
    return evidence


@lru_cache(maxsize=1)
def _places_in_titles() -> dict[str, str]:
    from liqaa.gazetteer import load_lexicon

    spec = load_lexicon("titles.yaml").get("places_in_titles") or {}
    return {normalize(f): code for code, forms in spec.items() for f in forms}


def _place_in_title(norm: str, m: Mention) -> str | None:
    """The country or organisation a title form names itself (titles.yaml places_in_titles):
    رئيس حكومة الاحتلال → IL, European Commission President → EU."""
    return _places_in_titles().get(norm[m.nstart:m.nend])






@dataclass
class Claim:
    mention: str                 # the person as written
    start: int                   # span of the person mention in the original text
    end: int
    span_start: int              # span of the whole claim (title chain + name)
    span_end: int
    nstart: int                  # normalised position, for sentence/date lookups
    role: str
    place: str | None = None     # country alpha-2 or org code
    place_is_org: bool = False
    person_id: str | None = None
    name_match: str = "full"     # full | short | unknown | surname
    qualifier: str | None = None  # former | elect | outgoing | acting | late
    counterpart_of: int | None = None   # index of the antecedent claim
    given_name: str | None = None       # the given name as written, when it differs
    surname_of: str | None = None       # person whose surname the written name carries
    lang: str = "ar"
    date: PartialDate | None = None
    date_basis: str = "document"
    alt_date: PartialDate | None = None  # the document date when the sentence's own time was used
    window: tuple[dt.date, dt.date] | None = None   # the days a time cue allows (date_basis "context")
    time_cue: str | None = None         # the id of the time_cues.yaml rule that dated the claim
    ended: bool = False                 # the sentence reports the end of a term (a death, a resignation)
    notes: list[str] = field(default_factory=list)

    @property
    def country(self) -> str | None:
        return None if self.place_is_org else self.place

    @property
    def org(self) -> str | None:
        return self.place if self.place_is_org else None


@lru_cache(maxsize=1)
def _grammar() -> dict:
    from liqaa.gazetteer import load_lexicon

    return load_lexicon("claim_grammar.yaml")


def _grammar_words(key: str, clitics: tuple[str, ...] = ("", "و", "ف")) -> frozenset[str]:
    """A word list of lexicons/claim_grammar.yaml, normalised, Arabic forms with the clitics."""
    spec = _grammar()[key]
    ar = {normalize(w) for w in spec.get("ar") or ()}
    return frozenset({c + w for c in clitics for w in ar} | {w.lower() for w in spec.get("en") or ()})


# Nouns that take a title as their genitive, the name after the title being theirs:
# deputies, aides and spokesmen hold another office, spouses none.
_GOVERNING_AR_FORMS = _grammar_words("governing", ("", "و", "ف", "ل", "ال", "وال", "فال", "لل", "ولل"))
GOVERNING_WORDS = _grammar_words("governing", ("",))
_GOVERNING_ADJECTIVES = _grammar_words("governing_adjectives", ("",))
_KIN = _grammar_words("kin", ("", "و", "ف", "ال", "وال", "ل", "لل"))
_NAMESAKE_AFTER = _grammar_words("namesake_after", ("",))
_COUNTERPART_BREAKERS = _grammar_words("counterpart_clause_breakers")
_COMPLEMENTIZERS = _grammar_words("complementizers")
_INSTITUTION_ADJECTIVES = institution_adjectives()


def _late_pattern() -> re.Pattern:
    """The eulogy formulas around a name that say the person has died (claim_grammar.yaml)."""
    spec = _grammar()
    after = sorted((normalize(w) for w in spec["late_after_name"]["ar"]), key=len, reverse=True)
    return re.compile(r"[\s\-–—(،,]*(?:%s)(?!\w)" % "|".join(re.escape(w) for w in after))


_LATE_AFTER = _late_pattern()
_LATE_BEFORE = _grammar_words("late_before_title", ("", "و", "ل", "ف"))
# A royal honorific after the title of a country whose head of state is no monarch starts
# another person: "هنأ الرئيس الفرنسي الأمير محمد".
_MONARCHS = frozenset({"king", "queen", "emir", "sultan", "grand_duke", "prince"})
# The kinds of pattern that name a claim's place, by precedence; the last two are
# organisations.
_PLACE_KINDS = {"country_adj": 0, "country": 1, "org_adj": 2, "org": 3}
_FIRST_ORG_KIND = 2
# Offices whose holders English styles by given name and country: "Emir Tamim of Qatar".
_STYLED_ROLES = _MONARCHS | {"pope", "crown_prince", "head_of_state"}
_ROYAL_HONORIFICS = frozenset(normalize(w) for w in "الأمير الأميرة الملك الملكة السلطان prince princess king queen".split())

# Words, with Latin abbreviations keeping their dot (U.S., Dr.), and single punctuation marks:
# \w+(?:[.'’-]\w+)*(?:(?<=[a-z])\.)?|[^\w\s\x00], written to start with one character class
# so that the engine skips the spaces between tokens without trying the pattern there.
_TOKEN = re.compile(r"[^\s\x00](?:(?<=\w)\w*(?:[.'’-]\w+)*(?:(?<=[a-z])\.)?|(?<=[^\w\s\x00]))")
# Anything _TOKEN treats other than as a letter of a word or a space (\x00 included).
_SPECIAL = re.compile(r"[^\w\s]")


class _Stream:
    """Entity mentions of one sentence plus the plain words between them.

    Items are Mentions and word strings. The words of each run between two mentions come
    from one ``findall`` (the chain walkers read their text, rarely their position), and
    a run's word spans are only found when a walker asks for one."""

    def __init__(self, doc: Document, s: int, e: int, mentions: list[Mention]):
        self.doc = doc
        self._run_spans: dict[int, list[tuple[int, int]]] = {}
        if speedups is not None:
            self.items, self.mention_indices, self._run_firsts, self._run_bounds = \
                speedups.stream_items(doc.norm, s, e, mentions)
            return
        self.items: list[Mention | str] = []
        self.mention_indices: list[int] = []
        self._run_firsts: list[int] = []               # index of each run's first word
        self._run_bounds: list[tuple[int, int]] = []    # each run's normalised span
        pos = s
        for m in mentions:
            self._words(pos, m.nstart - len(m.prefix))
            self.mention_indices.append(len(self.items))
            self.items.append(m)
            pos = m.nend
        self._words(pos, e)

    def _words(self, s: int, e: int) -> None:
        norm = self.doc.norm
        # A run of letters, digits and spaces only (most runs) tokenises as str.split():
        # _TOKEN then matches exactly the maximal \w runs, and \s and str.split() agree on
        # what a space is. One scan for a special character is cheaper than _TOKEN.
        if _SPECIAL.search(norm, s, e) is None:
            words = norm[s:e].split()
        else:
            words = _TOKEN.findall(norm, s, e)
        if words:
            self._run_firsts.append(len(self.items))
            self._run_bounds.append((s, e))
            self.items += words

    def __len__(self) -> int:
        return len(self.items)

    def mention(self, i: int) -> Mention | None:
        items = self.items
        if 0 <= i < len(items):
            item = items[i]
            if not isinstance(item, str):   # a Mention: items are mentions and words
                return item
        return None

    def word(self, i: int) -> str | None:
        """A word or a punctuation mark."""
        if 0 <= i < len(self.items):
            item = self.items[i]
            if isinstance(item, str):
                return item
        return None

    def is_word(self, i: int) -> bool:
        """A word, not a punctuation mark nor a mention."""
        w = self.word(i)
        return w is not None and w[0].isalnum()

    def span(self, i: int) -> tuple[int, int]:
        """Normalised span of item i (a mention's includes its proclitics)."""
        item = self.items[i]
        if isinstance(item, Mention):
            return item.nstart - len(item.prefix), item.nend
        run = bisect_right(self._run_firsts, i) - 1
        spans = self._run_spans.get(run)
        if spans is None:
            spans = self._run_spans[run] = [w.span() for w in _TOKEN.finditer(self.doc.norm, *self._run_bounds[run])]
        return spans[i - self._run_firsts[run]]

    def start(self, i: int) -> int:
        return self.span(i)[0]

    def end(self, i: int) -> int:
        return self.span(i)[1]

    def original_word(self, i: int) -> str:
        return self.doc.original_text(*self.span(i))

    @cached_property
    def first_complementizer(self) -> int | None:
        """Index of the sentence's first أن/that (where its main clause ends), if any."""
        return next((k for k, w in enumerate(self.items) if isinstance(w, str) and w in _COMPLEMENTIZERS), None)


@dataclass
class _Name:
    person_id: str | None
    start: int       # normalised span of the name
    end: int
    match: str       # full | short | unknown | surname
    next_index: int
    given_name: str | None = None
    surname_of: str | None = None
    made_up: bool = False   # read by a surname the gazetteer made, not one the KB lists


class ClaimFinder:
    def __init__(self, doc: Document, kb: KB):
        self.doc = doc
        self.kb = kb
        self.gazetteer = gazetteer = gazetteer_for(kb)
        self.given_names = gazetteer.given_names
        self.honorifics = gazetteer.honorifics
        self.surnames = gazetteer.surnames
        self._compound_heads, self._compound_tails = compound_parts()
        self._not_surnames = not_surnames()
        self._writes_alef_maqsura: bool | None = None
        self.claims: list[Claim] = []
        # Indexes of self.claims, so that adding a claim and finding a counterpart's
        # antecedent never rescan every claim of the text.
        self._claim_keys: set[tuple] = set()                # (start, end, role, place)
        self._claims_by_sentence: dict[int, list[int]] = {}   # sentence start -> claim indices
        self._capped_sentences: set[int] = set()             # starts of sentences over the cap
        self._title_case_cache: dict[int, bool] = {}

    # --- names ------------------------------------------------------------------------

    def _given_names_of(self, person_id: str) -> set[str]:
        person = self.kb.people[person_id]
        found = set()
        for n in person.names:
            words = normalize(n).split()
            if len(words) > 1:
                found.add(words[0])
                if words[0] in self._compound_heads and len(words) > 2:
                    found.add(words[0] + words[1])   # عبد ربه منصور هادي: عبدربه
        return found

    def name_at(self, st: _Stream, i: int, lang: str, allow_clitic: bool = False) -> _Name | None:
        """A person's name starting at item i: a KB person, a given name plus surname,
        or (English) a run of capitalised words."""
        item = st.items[i] if 0 <= i < len(st.items) else None   # st.mention(i) or st.word(i)
        m, w = (None, item) if item is None or isinstance(item, str) else (item, None)
        if w is not None and lang == "en":
            return self._capitalised_name(st, i)   # given names, initials: the English reader
        if m is not None and lang == "ar" and m.prefix and m.prefix[-1] in "بلك" and not allow_clitic:
            return None  # لنتنياهو / بنتنياهو: "to/with Netanyahu", not the title's holder
        if m is not None:
            p = m.of("person")
            if p:
                if lang == "ar" and st.word(i + 1) in ("بن", "ابن") and st.is_word(i + 2) \
                        and not self._name_goes_on(p.ref, m, st.word(i + 2)):
                    # "خالد بن عبدالعزيز بن عياف" is not King Khalid bin Abdulaziz: a name that
                    # goes on with another father's name than the KB's is another person's.
                    return _Name(None, m.nstart, st.end(i + 2), "unknown", i + 3)
                return _Name(p.ref, m.nstart, m.nend, "full", i + 1)
            p = m.of("person_short")
            if p:
                return _Name(p.ref, m.nstart, m.nend, "short", i + 1)

        surname = self.surnames.get(w) if w is not None and lang == "ar" and not (w[0] == "و" and w[1:] in _AR_STOP) else None
        if surname is not None and (surname[1] or self._more_of_a_name(st, i + 1)):
            surname = None
        if surname is None and w is not None and (w in self.given_names or (w == _ALI and self._ali_is_name(st, i))):
            return self._given_then_surname(st, i, lang)
        if surname is not None:
            # A surname the gazetteer made from the KB's Arabic name ("الرئيس روحاني"), read
            # only where a name is due: here, right after a title (not before more of a
            # name: "الرئيس العراقي الأسد X" would be another person).
            s, e = st.span(i)
            return _Name(surname[0], s, e, "short", i + 1, made_up=True)
        if lang == "en":
            return self._capitalised_name(st, i)
        # An Arabic word not known as a given name is not taken as one before a KB surname:
        # it is as often a verb or an adjective ("يجادل ويتكوف", test_no_claim_in_look_alike_phrases),
        # and a wrong given name would turn into a wrong "refuted".
        return None

    def _name_goes_on(self, person_id: str, m: Mention, grandfather: str) -> bool:
        """Whether "<the KB name> بن <grandfather>" can still be the KB person: the KB's names
        of the person say so, or the KB knows the father ("سلمان بن عبد العزيز" for محمد بن
        سلمان بن عبدالعزيز) and his father is that name, or the KB knows no such father."""
        written = compounds_joined(f"{self.doc.norm[m.nstart:m.nend]} بن {grandfather}")
        if any(compounds_joined(normalize(n)).startswith(written) for n in self.kb.people[person_id].names):
            return True
        father = compounds_joined(self.doc.norm[m.nstart:m.nend]).split()[-1]
        family = _family_of(self.kb.people[person_id].names)
        fathers = _fathers_of(self.kb).get((father, family)) if family else None
        return fathers is None or compounds_joined(grandfather) in fathers

    def _ali_is_name(self, st: _Stream, i: int) -> bool:
        """علي the given name, not على the preposition, which normalise alike. A text that
        writes ى somewhere tells them apart by spelling; one that writes ي for both (some
        Egyptian outlets) gives the name only before more of a name (علي عبد الله صالح، علي
        بن الحسين، علي خامنئي)."""
        last = st.original_word(i).rstrip("".join(_MARKS))[-1:]
        if last == "ى":
            return False
        if self._writes_alef_maqsura is None:
            self._writes_alef_maqsura = "ى" in self.doc.text
        if self._writes_alef_maqsura:
            return True
        nxt = st.items[i + 1] if i + 1 < len(st.items) else None
        if isinstance(nxt, Mention):
            return nxt.has("person", "person_short") and not nxt.prefix
        return nxt is not None and (nxt in self.given_names or nxt in _BIN or nxt in self._compound_heads)

    def _ends_name(self, st: _Stream, j: int, lang: str) -> bool:
        """Whether the word at j cannot continue a name: a function word (also after و:
        "صالح وما"), a punctuation mark, a preposition with the article (بالرياض)."""
        w = st.word(j)
        if not w or not w[0].isalpha() or not w.strip("ـ"):
            return True
        if lang == "en":
            return w in _EN_STOP
        if w in self._not_surnames:
            return True
        if w in _AR_STOP:
            return w != _ALI or not self._ali_is_name(st, j)
        if w[0] == "و" and w not in self.given_names and w != "ولد":
            return True   # "الملك عبدالعزيز ورجاله", "صالح وما": and ... (but وليد, ولد in "محمد ولد الغزواني")
        return w.startswith(("بال", "لل", "كال", "وال", "فال")) and len(w) > 4

    def _more_of_a_name(self, st: _Stream, j: int) -> bool:
        """The word at j would continue a name: a family name (ال-), a given name, بن/عبد
        ("الرئيس العراقي هادي العامري"); a verb's object does not ("الرئيس هادي قرارا")."""
        if self._ends_name(st, j, "ar"):
            return False
        w = st.word(j)
        return w.startswith("ال") or w in self.given_names or w in _BIN or w in self._compound_heads

    def _compound_at(self, st: _Stream, j: int) -> bool:
        """The words at j and j+1 are one compound name: عبد الله، محيي الدين."""
        a, b = st.word(j), st.word(j + 1)
        if not a or not b or not b[0].isalpha() or st.start(j + 1) - st.end(j) > 1 or b in self._not_surnames:
            return False   # (not أبو ظبي, a place)
        return (a in self._compound_heads and b not in _AR_STOP) or b in self._compound_tails

    def _fathers_name(self, st: _Stream, j: int, k: int) -> bool:
        """Words j..k-1 are a father's name after a given name, so that the surname follows:
        a compound of عبد or with a tail (علي عبد الله صالح، محيي الدين) — not one of أبو,
        which is as often a surname (أحمد أبو الغيط), nor a one-word name."""
        if k - j == 1:   # عبدالله written joined; else "رياض ياسين غدا": a one-word name is as often the last
            w = st.items[j]
            return w.startswith(_ABD) and len(w) > len(_ABD) + 2 and w in self.given_names
        head, tail = st.items[j], st.items[j + 1]
        # (an Arabic tail: الله، الدين — not a foreign compound's, داود أوغلو is a surname)
        return head == _ABD or (tail in self._compound_tails and tail.startswith("ال"))

    def _with_surname(self, st: _Stream, i: int, surname: Mention, start: int, given: str) -> _Name:
        pid = surname.of("person_short").ref
        if normalize(given) in self._given_names_of(pid):
            return _Name(pid, start, surname.nend, "full", i + 2)
        return _Name(None, start, surname.nend, "surname", i + 2, given_name=given, surname_of=pid)

    def _given_then_surname(self, st: _Stream, i: int, lang: str) -> _Name | None:
        gstart, gend = st.span(i)
        nxt = st.mention(i + 1)
        if nxt is not None and nxt.has("person_short") and st.start(i + 1) - gend <= 1:
            return self._with_surname(st, i, nxt, gstart, st.original_word(i))
        surname = self.surnames.get(st.word(i + 1)) if lang == "ar" and nxt is None else None
        if surname is not None and st.start(i + 1) - gend <= 1 \
                and st.word(i) in self._given_names_of(surname[0]) and self._ends_name(st, i + 2, "ar"):
            # "عبدربه هادي": a made-up surname joins only its own person's given name
            # (another's, "نوري المالكي", is an unknown name, no conflation).
            return _Name(surname[0], gstart, st.end(i + 1), "full", i + 2)
        if nxt is not None and nxt.has("person"):
            return None  # "فلاديمير" then a full name: not one name
        if lang == "ar":
            linked = self._with_fathers_name(st, i, gstart) or self._son_of(st, i, gstart)
            if linked is not None:
                return linked
        # Given name + a surname: "أليكسي فولكوف"; "بن"/"bin" chains continue the name. In
        # Arabic a compound (عبد الله، محيي الدين) is one word of the name, and a father's
        # name that is a given name is followed by the surname: "علي عبد الله صالح".
        ar = lang == "ar"
        end = gend
        j = i + 1
        compound = ar and self._compound_at(st, i)
        if compound:
            end = st.end(j)
            j += 1
        first = j
        words = 0
        want = 1
        after_bin = False
        while j < len(st) and words < want and want <= 3:
            if self._ends_name(st, j, lang):
                break
            if lang == "en" and not st.original_word(j)[:1].isupper():
                break
            w = st.word(j)
            if compound and j == first and (st.word(i) in self._compound_heads or st.word(i + 1).startswith("ال")) \
                    and not (w.startswith("ال") or w in self.given_names or w in _BIN or w in self._compound_heads):
                break   # "الملك عبد الله يتناول": a compound given name is a name by itself
            start_j = j
            if w in ("بن", "ابن", "bin", "ibn", "al", "ال"):
                want += 1
                after_bin = after_bin or w != "al"
            elif ar and self._compound_at(st, j):
                j += 1
            end = st.end(j)
            j += 1
            words += 1
            if ar and words == want and want < 3 and not after_bin and self._fathers_name(st, start_j, j):
                want += 1   # the father's name: the surname follows
        if ar and after_bin and words == want and j < len(st) and not self._ends_name(st, j, lang):
            w = st.word(j)
            if w.startswith("ال") and len(w) > 3:   # "عادل بن أحمد الجبير": the family name
                end = st.end(j)
                j += 1
        if j == first and not compound:
            return None  # a lone given name is too weak to be a claim's subject
        return _Name(None, gstart, end, "unknown", j)

    def _with_fathers_name(self, st: _Stream, i: int, gstart: int) -> _Name | None:
        """"عمر حسن البشير": a KB person's given name, the father's (and grandfather's)
        name, then the person's surname — the KB's "عمر البشير", written in full."""
        for k in (i + 2, i + 3):
            surname = st.mention(k)
            if surname is not None:
                break
            w = st.word(k - 1)
            if not w or not w[0].isalpha() or normalize(w) in _AR_STOP or w in ("بن", "ابن"):
                return None
        else:
            return None
        p = surname.of("person_short")
        if p is None or surname.prefix or any(st.start(j + 1) - st.end(j) > 1 for j in range(i, k)):
            return None
        if normalize(st.word(i)) not in self._given_names_of(p.ref):
            return None
        return _Name(p.ref, gstart, surname.nend, "full", k + 1)

    def _royal_outside_monarchy(self, honorific: Mention, place: str | None) -> bool:
        country = self.kb.countries.get(place) if place else None
        return country is not None and country.head_of_state not in _MONARCHS \
            and self.doc.norm[honorific.nstart:honorific.nend] in _ROYAL_HONORIFICS

    def _son_of(self, st: _Stream, i: int, gstart: int) -> _Name | None:
        """"محمد بن سلمان بن عبدالعزيز": the father's own name is a KB person's, and took
        the scan's longest match; given name + بن + the father's given name is the KB
        person meant (محمد بن سلمان), named in full."""
        father = st.mention(i + 2)
        if st.word(i + 1) not in ("بن", "ابن") or father is None or father.prefix \
                or not father.has("person") or st.start(i + 2) - st.end(i + 1) > 1:
            return None
        pid = self.gazetteer.people_by_name.get(f"{st.word(i)} بن {self.doc.norm[father.nstart:father.nend].split()[0]}")
        return _Name(pid, gstart, father.nend, "full", i + 3) if pid else None

    def _capitalised_name(self, st: _Stream, i: int) -> _Name | None:
        """An English name the KB does not know: capitalised words that start with a given
        name or initials ("John Smith", "J. Brian Atwood", "Mohammed bin Abdulrahman Al
        Thani", "Charles III"). The words after the first are given names, initials or
        particles until one that is not, the surname, ends the name. A capitalised run with
        no given name at its head is not a name: a Title Case headline's "Israeli Prime
        Minister Rejects Hamas Proposal" names nobody."""
        ev = _english_evidence(self.kb)
        w = st.word(i)
        if w is None or not st.original_word(i)[:1].isupper():
            return None
        initial = _INITIALS.fullmatch(w) is not None
        if not initial and w not in ev.given:
            return None
        nxt = st.mention(i + 1)
        if not initial and nxt is not None and nxt.has("person", "person_short"):
            return self._given_then_surname(st, i, "en")   # a KB surname: the person, or a conflation
        title_case = self._title_case(st.start(i))
        end = st.end(i)
        j = i + 1
        while j < len(st) and j < i + 6:
            m = st.mention(j)
            if m is not None:
                if m.has("person_short") and not m.has("title", "country", "country_adj", "org"):
                    end, j = m.nend, j + 1   # "Ali Hassan Witkoff": the KB surname ends the name
                break
            w = st.word(j)
            if not w or not w[0].isalpha() or w in _EN_STOP and w not in _EN_PARTICLES:
                break
            tok = st.original_word(j)
            if _ARABIC_ARTICLE.match(tok):
                end, j = st.end(j), j + 1   # "el-Sisi", "al-Sudani": a surname with its article
                break
            if w in _EN_PARTICLES:
                # "bin", "de", "van der", "Al": the name goes on only if a capitalised word follows
                k = j + 1
                while st.word(k) in _EN_PARTICLES:
                    k += 1
                after = st.mention(k)
                if not (st.is_word(k) and st.original_word(k)[:1].isupper()
                        or after is not None and after.has("person_short")):
                    break
                j = k
                continue
            if not tok[:1].isupper():
                break
            if _ROMAN_NUMERAL.fullmatch(w):
                end, j = st.end(j), j + 1   # "Charles III": the regnal number ends the name
                break
            if w in ev.given or _INITIALS.fullmatch(w):
                end, j = st.end(j), j + 1   # a middle name: the surname is still to come
                continue
            if title_case and w not in ev.surnames and _HEADLINE_VERB_FORM.search(w):
                break   # "Emir Tamim Receives Letter": in a Title Case headline, the verb
            end, j = st.end(j), j + 1
            break
        if j == i + 1:
            return None   # a lone given name or initial is too weak to be a claim's subject
        return _Name(None, st.start(i), end, "unknown", j)

    def _title_case(self, npos: int) -> bool:
        """The sentence at npos is written in Title Case (a headline): most of its longer
        words are capitalised."""
        s, e = self.doc.sentence_of(npos)
        cached = self._title_case_cache.get(s)
        if cached is None:
            os_, oe = self.doc.original(s, e)
            words = [w for w in _LATIN_WORD.findall(self.doc.text, os_, oe) if len(w) > 3]
            cached = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
            self._title_case_cache[s] = cached
        return cached

    # --- claims -----------------------------------------------------------------------

    def add(self, st: _Stream, name: _Name, role: str, place: str | None, is_org: bool,
            qualifier: str | None, span_start: int, lang: str, counterpart_of: int | None = None) -> None:
        if role in _MONARCHS and lang == "ar" and st.word(name.next_index) in _INSTITUTION_ADJECTIVES:
            # "مستشفى الملك فهد التخصصي": the hospital's name, no claim about King Fahd (kings
            # name institutions; after a president the adjective is his: "الرئيس السبسي الصحية")
            return
        if name.made_up and not self._ever_held(name.person_id, role, place):
            # "الرئيس بري" (Lebanon's speaker, not the KB's Barre), "وزير خارجية الأسد":
            # a made-up surname names the KB person only in an office the KB has them in.
            return
        if place is None and name.person_id and (role in _MONARCHS or role == "crown_prince"):
            # "الملك سلمان بن عبدالعزيز", "الملكة إليزابيث الثانية": a monarch's title needs no
            # nisba; the country is where the KB has the named person in that office.
            place = self._office_country(name.person_id, role, name.start)
        # "الأمير محمد بن سلمان" may be a KB alias; the person as written is the name.
        norm = self.doc.norm
        stripped = norm.startswith(self.honorifics, name.start)
        while stripped:
            stripped = False
            for h in self.honorifics:
                if norm.startswith(h, name.start) and name.start + len(h) < name.end:
                    name.start += len(h)
                    stripped = True
        if name.person_id is not None and st.word(name.next_index) in _NAMESAKE_AFTER:
            # "جورج بوش الأب": the father of the KB's George W. Bush, whom the KB may not know.
            name = _Name(None, name.start, name.end, "unknown", name.next_index)
        if qualifier is None and lang == "ar" and (_LATE_AFTER.match(self.doc.norm, name.end)
                                                  or self._late_before(span_start)):
            qualifier = "late"   # "الملك فهد - رحمه الله -", "المغفور له الملك عبدالله"
        if name.person_id and place and not is_org and place in _adjective_twins(self.kb):
            place = self._twin_of_holder(st, name.person_id, place)
        s, e = self.doc.original(name.start, name.end)
        cs, ce = self.doc.original(min(span_start, name.start), max(name.end, span_start))
        key = (s, e, role, place)
        if key in self._claim_keys:
            return
        sentence = self.doc.sentence_of(name.start)[0]
        in_sentence = self._claims_by_sentence.setdefault(sentence, [])
        if len(in_sentence) >= MAX_CLAIMS_PER_SENTENCE:
            self._capped_sentences.add(sentence)
            return
        self._claim_keys.add(key)
        in_sentence.append(len(self.claims))
        self.claims.append(Claim(
            mention=self.doc.text[s:e], start=s, end=e, span_start=cs, span_end=max(ce, e),
            nstart=name.start, role=role, place=place, place_is_org=is_org,
            person_id=name.person_id, name_match=name.match, qualifier=qualifier,
            counterpart_of=counterpart_of, given_name=name.given_name, surname_of=name.surname_of,
            lang=lang,
        ))

    def _title_fits(self, title, place: str | None, is_org: bool) -> bool:
        """A title that names one country's office only (titles.yaml ``only_as``): Chancellor
        is Germany's or Austria's head of government, elsewhere المستشار المالي is an adviser;
        "Prince" is the head of state of Monaco or Liechtenstein, elsewhere a royal's rank."""
        if not title.extra:
            return True
        return bool(place) and not is_org and getattr(self.kb.countries.get(place), title.extra, None) == title.ref

    def _twin_of_holder(self, st: _Stream, person_id: str, place: str) -> str:
        """"الرئيس الكونغولي" / "Congolese President" names either Congo: when the adjective
        of the claim is one two countries share, the one whose office the named person
        holds (or held). A country written by name is never changed."""
        terms = self.kb.terms_of(person_id)
        if any(t.country == place for t in terms):
            return place
        for m in st.items:   # the sentence's: "X, the Congolese president" has it after the name
            if isinstance(m, str):
                continue
            refs = [p.ref for p in m.patterns if p.kind == "country_adj"]
            if place in refs and len(refs) > 1:
                for other in refs:
                    if any(t.country == other for t in terms):
                        return other
        return place

    def _place(self, m: Mention) -> tuple[str, bool] | None:
        """(the place a mention names, whether it is an organisation): its first pattern of
        the first kind present of country_adj, country, org_adj, org."""
        found, rank = None, len(_PLACE_KINDS)
        for p in m.patterns:   # one pass: this is asked of every mention a chain walks past
            r = _PLACE_KINDS.get(p.kind, rank)
            if r < rank:
                found, rank = p, r
        return None if found is None else (found.ref, rank >= _FIRST_ORG_KIND)

    def _late_before(self, at: int) -> bool:
        """A eulogy phrase right before the normalised position (the claim's title)."""
        before = self.doc.norm[max(0, at - 16):at].split()
        return bool(before) and (before[-1] in _LATE_BEFORE or " ".join(before[-2:]) in _LATE_BEFORE)

    def _possessive(self, m: Mention) -> bool:
        """An Arabic title written with the pronoun ـه, which normalisation makes look like
        the feminine ـة: رئيسه (its president) is not رئيسة (the president, f.)."""
        norm = self.doc.norm
        if norm[m.nend - 1] != "ه" or " " in norm[m.nstart:m.nend]:
            return False   # one word only: "وزير الخارجيه" is Egyptian spelling of الخارجية
        _, end = self.doc.original(m.nstart, m.nend)
        return self.doc.text[end - 1:end] == "ه"

    def _held_role(self, person_id: str | None, roles: list[str], place: str | None) -> bool:
        """The KB has the person in one of the roles by the document's date (then or before:
        "مستشار الرئيس الراحل", "الناطق باسم رئيس الحكومة فلاديمير بوتين آنذاك")."""
        if person_id is None:
            return False
        when, _ = self.doc.document_date
        held = {r for role in roles for r in self.kb.roles_for(role, place)}
        return any(t.role in held and t.start is not None and t.start.first_day() <= when
                   and (place is None or (t.country or t.org) == place)
                   for t in self.kb.terms_of(person_id))

    def arabic_chain(self, st: _Stream, i: int, holder_only: bool = False) -> int:
        """A title chain from the title at item i. ``holder_only``: after a word of kinship
        (نجل رئيس الوزراء ...), the name is the title's only when the KB has it in that office."""
        items = st.items
        first = title_m = items[i]   # a mention: the title
        title = title_m.of("title")
        roles = [title.ref]
        construct = title.construct   # the last title is an Arabic construct (مبعوث، رئيس)
        place, is_org, qualifier = None, False, None
        j = i + 1
        seen_title_of = False
        before = items[i - 1] if i > 0 else None   # st.mention(i - 1), inlined
        follows_name = before is not None and not isinstance(before, str) and before.has("person", "person_short")
        while j < len(items) and j <= i + 10:
            item = items[j]   # st.mention(j) and st.word(j), read once
            m, w = (None, item) if isinstance(item, str) else (item, None)
            if m is None:
                if w in (",",) and place is not None and not follows_name and not _coordinated(st.mention(j + 1)):
                    # "وزير الخارجية الأمريكي، ماركو روبيو" — but not "X رئيس وزراء رومانيا، ..."
                    # (the title was X's) nor "...، والدكتور Y" (Y is the next in a list).
                    j += 1
                    continue
                if w in ("الي", "لدي") and roles[-1] == "envoy" and st.mention(j + 1) is not None \
                        and self._place(st.mention(j + 1)):
                    j += 2  # "المبعوث الأمريكي إلى أوكرانيا": where the envoy is sent, not whose he is
                    continue
                break
            if m.has("filler"):
                j += 1
                continue
            if m.has("qualifier"):
                qualifier = qualifier or m.of("qualifier").ref
                j += 1
                continue
            pl = self._place(m)
            if pl is not None and place is None and not m.has("person", "person_short"):
                place, is_org = pl
                construct = False  # the construct's genitive is this place: رئيس روسيا
                j += 1
                continue
            if m.has("title") and not seen_title_of and (m.prefix.endswith("ل") or any(p.lam for p in m.patterns)):
                # "المبعوث الخاص للرئيس الأمريكي": the envoy of the US president.
                seen_title_of = True
                j += 1
                continue
            if m.has("title") and len(roles) < 3 and not m.has("person", "person_short", "honorific") \
                    and m.of("title").ref not in roles \
                    and ((not m.prefix and place is None) or (m.prefix == "و" and not self._place_after(st, j))):
                # "رئيس مجلس الوزراء وزير الخارجية القطري", "ولي عهد السعودية ورئيس مجلس
                # الوزراء الأمير محمد بن سلمان": one person, two offices. But a construct
                # governs the title after it: "مبعوث رئيس الوزراء العراقي حيدر العبادي" is the
                # envoy of the prime minister, who is the one named.
                if construct and not m.prefix:
                    roles.clear()
                    title_m = m   # the claim starts at the title it names
                roles.append(m.of("title").ref)
                construct = m.of("title").construct
                j += 1
                continue
            if m.has("honorific"):
                if m.prefix[-1:] in ("ب", "ل", "ك") or m.prefix[:1] == "و":
                    # "رحب أمير الكويت بالأمير نواف": the name is the verb's object;
                    # "رئيس الوزراء وصاحب السمو ولي العهد": the next person of a list
                    break
                if not is_org and self._royal_outside_monarchy(m, place):
                    break   # "هنأ الرئيس الفرنسي الأمير محمد": a republic's president is no prince
                j += 1
                continue
            break
        if place is None:
            # "رئيس حكومة الاحتلال": a title that names its country itself
            implied = _place_in_title(self.doc.norm, title_m) or (
                first is not title_m and _place_in_title(self.doc.norm, first))
            if implied:
                place, is_org = implied, implied in self.kb.orgs
        if (title.needs_place and place is None) or not self._title_fits(title, place, is_org):
            return i
        possessor = st.mention(j)
        if construct and possessor is not None and possessor.has("person", "person_short"):
            # "مبعوث ترامب ستيف ويتكوف": Trump's envoy. The construct's genitive is the
            # person the title belongs to; the holder, if named, comes after.
            pid = possessor.of("person", "person_short").ref
            place = place or self._main_country(pid)
            j += 1
            if place is None:
                return j - 1
        if _coordinated(st.mention(j)):
            return j - 1   # "ولي العهد السعودي وماكرون يبحثان": Macron is the second subject
        name = self.name_at(st, j, "ar")
        if name is None:
            return j - 1
        if title.construct and title.ref not in roles and name.person_id and place \
                and self._holds(name.person_id, title.ref, place) and not self._holds(name.person_id, roles[-1], place):
            # "مبعوث الرئيس الأمريكي ستيف ويتكوف": the president's envoy, named — the KB has him
            # as the envoy, not the president (with an unknown name the genitive's holder is
            # meant: "مبعوث رئيس الوزراء العراقي حيدر العبادي").
            roles = [title.ref]

        if holder_only:
            # Of "النائب الثاني لرئيس مجلس الوزراء وزير الدفاع الأمير محمد بن سلمان", only the
            # offices the KB has the person in are theirs.
            roles = [r for r in roles if self._held_role(name.person_id, [r], place)]
            if not roles:
                return i   # the titles after the governed one may still be the name's own
        if roles == ["vice_president"] and name.person_id and place \
                and any(t.person_id == name.person_id for t in self.kb.holders("president", place, self.doc.document_date[0])):
            # "نائب الرئيس الأميركي دونالد ترامب" is "the vice president of President Trump".
            roles = ["president"]
        if roles == ["emir"] and not is_org and title.definite and place in self.kb.countries \
                and self.kb.countries[place].head_of_state != "emir":
            return name.next_index - 1   # "الأمير الأردني علي بن الحسين": a prince, no emir
        for role in roles:
            self.add(st, name, role, place, is_org, qualifier, title_m.nstart - len(title_m.prefix), "ar")
        return name.next_index - 1

    def english_chain(self, st: _Stream, i: int) -> None:
        title_m = st.mention(i)
        title = title_m.of("title")
        role, place, is_org, qualifier = title.ref, None, False, None
        span_start = title_m.nstart
        # Backwards: "former U.S.", "Russia's", "Saudi", "the".
        k = i - 1
        while k >= 0 and k >= i - 4:
            m = st.mention(k)
            w = st.word(k)
            if m is not None and m.has("qualifier"):
                qualifier = qualifier or m.of("qualifier").ref
            elif m is not None and self._place(m) and place is None:
                place, is_org = self._place(m)
            elif w in ("'", "’") or (w and w in ("s",)):
                pass
            elif m is not None and m.has("filler") and m.text.lower() in ("the",):
                pass
            else:
                break
            span_start = st.start(k)
            k -= 1
        subordinate = self._subordinate_before(st, k)
        j = i + 1
        # Forwards: "of Russia", honorifics, qualifiers such as "-elect".
        while j < len(st) and j <= i + 6:
            m = st.mention(j)
            w = st.word(j)
            if m is not None and m.has("qualifier"):
                qualifier = qualifier or m.of("qualifier").ref
                j += 1
                continue
            if m is not None and m.has("honorific"):
                j += 1
                continue
            if self._is_of(st, j) and j + 1 < len(st) and st.mention(j + 1) is not None and self._place(st.mention(j + 1)):
                if place is None:
                    place, is_org = self._place(st.mention(j + 1))
                j += 2
                if st.word(j) == ",":
                    if subordinate:
                        return
                    j += 1
                continue
            if m is not None and m.has("filler") and m.text.lower().startswith(("to ", "for ")):
                j += 1   # "Special Envoy to the Middle East"
                continue
            if w == "-" or (w == "," and j == i + 1):
                if w == "," and subordinate:
                    return   # "a spokesman for the president, Dmitry Peskov": the spokesman's name
                j += 1
                continue
            break
        name = self.name_at(st, j, "en")
        if name is None:
            name = self._styled_name(st, j, role, place)
            if name is None:
                return
        # "President Vladimir Putin of Russia", "Emir Tamim of Qatar"
        after = name.next_index
        if place is None and self._is_of(st, after):
            nxt = st.mention(after + 1)
            if nxt is not None and nxt.has("filler") and nxt.text.lower() == "the":
                nxt = st.mention(after + 2)   # "of the United Arab Emirates"
            pl = self._place(nxt) if nxt is not None else None
            if pl:
                place, is_org = pl
        if name.person_id is not None and " of " in self.doc.norm[name.start:name.end]:
            # "King Abdullah II of Jordan": a KB name that carries its country. "Sultan Ibrahim
            # of Johor" carries a state: the title is the state's, an office the KB does not hold.
            in_name = self._country_in_name(name)
            if in_name is None:
                return
            place = place or in_name
        implied = _place_in_title(self.doc.norm, title_m) if place is None else None
        if implied:
            place, is_org = implied, implied in self.kb.orgs   # "European Commission President"
        name = self._styled_holder(name, role, place)
        if name is None:
            return
        if subordinate and (name.person_id is None or not self._office_of(name.person_id, role, any_place=True)):
            # "a spokesman for the Russian president Dmitry Peskov": after a subordinate, the
            # name is the title holder's only when the KB has that person in the office
            return
        if title.needs_place and place is None:
            # "Chancellor Friedrich Merz", "Pope Leo XIV": a KB person who holds the office
            # (not "Chancellor Rachel Reeves", of the Exchequer)
            place = self._office_of(name.person_id, role) if name.person_id else None
            if place is None:
                return
            is_org = place in self.kb.orgs
        if not self._title_fits(title, place, is_org):
            return
        self.add(st, name, role, place, is_org, qualifier, span_start, "en")

    def _subordinate_before(self, st: _Stream, k: int) -> bool:
        """Item k, before a title, ends "spokesman for", "adviser to", "envoy of": the name
        after a comma is the subordinate's, not the title's holder."""
        if not (st.word(k) in ("for", "to") or self._is_of(st, k)):
            return False
        k -= 1
        m = st.mention(k)
        if m is not None:
            return m.has("title") and m.of("title").ref == "envoy"
        words = []
        while st.is_word(k) and len(words) < 3:
            words.insert(0, st.word(k))
            if " ".join(words) in _english_evidence(self.kb).subordinates:
                return True
            k -= 1
        return False

    def _styled_name(self, st: _Stream, j: int, role: str, place: str | None) -> _Name | None:
        """A monarch or pope styled by given name (and regnal number) and country: "Emir
        Tamim of Qatar", "King Abdullah II of Jordan", "King Salman of Saudi Arabia". The
        person is the KB holder of the office whose English name starts so."""
        if role not in _STYLED_ROLES:
            return None
        w = st.word(j)
        if w is None or not st.original_word(j)[:1].isupper() or w not in _english_evidence(self.kb).given:
            return None
        k = j + 1
        numeral = st.word(k) if st.word(k) and _ROMAN_NUMERAL.fullmatch(st.word(k)) else None
        if numeral:
            k += 1
        if not self._is_of(st, k) or st.mention(k + 1) is None:
            return None
        pl = self._place(st.mention(k + 1))
        if pl is None or (place is not None and pl[0] != place):
            return None
        found = self._holders_named(role, pl[0], f"{w} {numeral}" if numeral else w)
        pid = found.pop() if len(found) == 1 else None
        return _Name(pid, st.start(j), st.end(k - 1), "short" if pid else "unknown", k)

    def _holders_named(self, role: str, place: str | None, written: str) -> set[str]:
        """The KB holders of the office (at any place, when none is given) whose names start
        with the written words: "abdullah" → the kings Abdullah of Saudi Arabia and Jordan."""
        offices = [(r, place) for r in self.kb.roles_for(role, place)] if place else \
            [office for office in self.kb.terms_by_office if office[0] == role]
        found = set()
        for office in offices:
            for t in self.kb.terms_by_office.get(office, ()):
                for n in self.kb.people[t.person_id].names:
                    n = normalize(n)
                    if n == written or n.startswith(written + " "):
                        found.add(t.person_id)
        return found

    def _styled_holder(self, name: _Name, role: str, place: str | None) -> _Name | None:
        """A monarch named by given name (and regnal number) only is the KB holder of that
        office so named, not any KB person of that name: "King Abdullah of Jordan" is not
        Saudi Arabia's King Abdullah, and "King Abdullah" alone is Jordan's only once Saudi
        Arabia's has died. None when the name fits several holders of the day."""
        written = self.doc.norm[name.start:name.end]
        if name.person_id is None or role not in _STYLED_ROLES or len(written.split()) > 2:
            return name
        found = self._holders_named(role, place, written)
        if name.person_id in found and (place is not None or len(found) == 1):
            return name
        if place is None:
            when, _ = self.doc.document_date
            found = {pid for pid in found if any(t.role == role and t.covers(when) for t in self.kb.terms_of(pid))}
            if len(found) != 1:
                return None
        pid = found.pop() if len(found) == 1 else None
        return _Name(pid, name.start, name.end, "short" if pid else "unknown", name.next_index)

    def _country_in_name(self, name: _Name) -> str | None:
        text = self.doc.norm[name.start:name.end]
        if " of " not in text:
            return None
        tail = text.rsplit(" of ", 1)[1]
        for c in self.kb.countries.values():
            if tail in {normalize(n) for n in (c.en, *c.en_alt)}:
                return c.code
        return None

    def _holds(self, person_id: str, role: str, place: str) -> bool:
        """The KB has the person in this office at the document's date."""
        when, _ = self.doc.document_date
        return any(t.role == role and place in (t.country, t.org) and t.covers(when) for t in self.kb.terms_of(person_id))

    def _office_of(self, person_id: str, role: str, any_place: bool = False) -> str | None:
        """The one place where the KB has the person in this role, if one (any_place: the
        first of several)."""
        places = {t.country or t.org for t in self.kb.terms_of(person_id) if t.role == role}
        return places.pop() if len(places) == 1 or (any_place and places) else None

    def apposition(self, st: _Stream, i: int, lang: str) -> None:
        """NAME, [the] [adj] TITLE [of COUNTRY] — "Netanyahu, Israel's prime minister"."""
        name = self.name_at(st, i, lang, allow_clitic=True)
        if name is None or name.person_id is None or st.word(i - 1) in _BIN:
            return   # "متعب بن عبدالله بن عبدالعزيز وزير الحرس": the KB name is a father's
        j = name.next_index
        if lang == "en" and self._is_of(st, j) and self._place_after_of(st, j) and st.word(j + 2) == ",":
            j += 2   # "Albert II of Monaco, the Monegasque prince": the name's own country
        comma = st.word(j) == ","
        if comma:
            j += 1
        else:
            # "جون كيري وزير الخارجية الأميركي", "محمد بن سلمان ولي العهد السعودي": a title
            # right after a KB name, with no comma, in Arabic only. Read only when the KB has
            # the person in that office at some time: after a verb the title may be the
            # object's ("التقى بوتين رئيس الوزراء الهندي"), never a claim about the subject.
            m = st.mention(j) if lang == "ar" else None
            if m is None or m.prefix or not m.has("title") or m.has("person", "person_short") \
                    or st.start(j) - name.end > 1:
                return
        role = place = qualifier = None
        is_org = False
        start_j = j
        while j < len(st) and j <= start_j + 6:
            m = st.mention(j)
            w = st.word(j)
            if m is None:
                if w in ("'", "s", "’") or (w == "of" and lang == "en"):
                    j += 1
                    continue
                break
            if m.has("title") and role is None and not m.has("person", "person_short"):
                if m.prefix:
                    return  # "، وولي العهد السعودي": a second person, not an apposition
                role = m.of("title").ref
                title = m.of("title")
                if title.needs_place and place is None and not self._place_after(st, j):
                    return   # "X, the chancellor" is anybody's adviser; "X, the German chancellor" is not
            elif m.has("qualifier"):
                qualifier = qualifier or m.of("qualifier").ref
            elif self._place(m) and place is None and not m.has("person", "person_short"):
                place, is_org = self._place(m)
            elif m.has("filler"):
                pass
            else:
                break
            j += 1
        if role is None or not self._title_fits(title, place, is_org):
            return
        # "Zelensky, French President Emmanuel Macron, ...": a list of titled names.
        nxt = st.mention(j)
        if (nxt is not None and nxt.has("person", "person_short")) or self.name_at(st, j, lang) is not None:
            return
        # The role must close the apposition: "Putin, the Russian president, said". (Without
        # a comma, after a title with its place the verb's object may follow: "وأكد فانس نائب
        # الرئيس الأمريكي دعم بلاده"; without a place the title is another office's construct:
        # "وزير الحرس الوطني", "رئيس البرلمان".)
        if (comma or place is None) and j < len(st) and st.word(j) not in (",", ".", ")", "\n", None) \
                and st.mention(j) is None:
            if st.word(j) not in _EN_STOP and normalize(st.word(j) or "") not in _AR_STOP:
                return
        if not comma and not self._ever_held(name.person_id, role, place):
            return
        self.add(st, name, role, place, is_org, qualifier, st.start(i), lang)

    def _ever_held(self, person_id: str, role: str, place: str | None) -> bool:
        """The KB has the person in the office (at the place, when given) at some time."""
        return bool(person_terms(self.kb, person_id, role, place))

    @staticmethod
    def _is_of(st: _Stream, j: int) -> bool:
        m = st.mention(j)
        return st.word(j) == "of" or (m is not None and m.has("filler") and m.text.lower() == "of")

    def _place_after(self, st: _Stream, j: int) -> bool:
        for k in range(j + 1, min(j + 4, len(st))):
            m = st.mention(k)
            if m is not None and self._place(m):
                return True
        return False

    def counterpart(self, st: _Stream, i: int, lang: str) -> None:
        """نظيره البيلاروسي X / his Belarusian counterpart X: X holds the antecedent's role.
        "ونظيراه التركي X والإيراني Y" names two counterparts."""
        cm = st.mention(i)
        antecedent = self._antecedent(st, i, self._counterpart_place(st, i, lang))
        if antecedent is None:
            return
        role, ante_index = antecedent
        place = is_org = None
        if lang == "en":
            k = i - 1
            if k >= 0 and st.mention(k) is not None and self._place(st.mention(k)):
                place, is_org = self._place(st.mention(k))
        j = i + 1
        while j < len(st) and j <= i + 12:
            m = st.mention(j)
            if m is not None and self._place(m) and place is None and not m.has("person", "person_short"):
                place, is_org = self._place(m)
                j += 1
                continue
            if m is not None and (m.has("honorific") or m.has("filler")):
                j += 1
                continue
            if st.word(j) == ",":
                j += 1
                continue
            if place is None:
                return
            name = self.name_at(st, j, lang)
            if name is None:
                return
            self.add(st, name, role, place, bool(is_org), None, cm.nstart - len(cm.prefix), lang,
                     counterpart_of=ante_index)
            # A second counterpart joined by و: "والإيراني عباس عراقجي".
            j = name.next_index
            nxt = st.mention(j)
            if nxt is not None and nxt.prefix.startswith("و") and self._place(nxt) and lang == "ar":
                place = None
                continue
            if lang == "en" and st.word(j) == "and" and st.mention(j + 1) is not None and self._place(st.mention(j + 1)):
                place = None
                j += 1
                continue
            return

    def _antecedent(self, st: _Stream, i: int, place: str | None = None) -> tuple[str, int | None] | None:
        """The role a counterpart shares, read backwards from it in the sentence: the
        nearest title or titled person, except one of the counterpart's own country (in
        "رئيس الوزراء حيدر العبادي ونظيره العراقي" the Iraqi counterpart is not al-Abadi's),
        and not across a clause that starts with another subject ("…، مشيرا إلى أنه سيبحث
        مع نظيريه": his is the speaker's, whom the sentence may not name). Else the
        latest claim of the sentence before (further back, "his" is anybody's)."""
        cm = st.mention(i)
        s, _ = self.doc.sentence_of(cm.nstart)
        in_sentence = [k for k in self._claims_by_sentence.get(s, ()) if self.claims[k].nstart < cm.nstart]
        claim_at = {self.claims[k].nstart: k for k in in_sentence}   # the latest claim at each position
        skipped_from = None   # original offset where the chain of a skipped claim starts
        # Past a breaker, only the main clause's subject is the antecedent: a name before
        # the sentence's first أن/that.
        main_clause_end = st.first_complementizer if st.first_complementizer is not None else i
        crossed = False
        for k in range(i - 1, -1, -1):
            item = st.items[k]
            if isinstance(item, str):
                crossed = crossed or item in _COUNTERPART_BREAKERS
                continue
            if crossed and k > main_clause_end:
                continue
            if skipped_from is not None and self.doc.original(item.nstart, item.nend)[0] >= skipped_from:
                continue   # the title chain of the claim just passed over
            claim_k = claim_at.get(item.nstart)
            if claim_k is None and item.has("title") and not item.has("person", "person_short") and not _governed(st, k):
                claim_k = next((c for c in in_sentence if self.claims[c].nstart > item.nstart
                                and self.claims[c].role == item.of("title").ref), None)
                if claim_k is None:
                    # A title whose name the KB does not know: "من الرئيس فرنسوا هولاند إلى نظيره".
                    after = st.mention(k + 1)
                    title_place = self._place(after)[0] if after is not None and self._place(after) else None
                    if place is None or title_place != place:
                        return item.of("title").ref, None
                    continue
            if claim_k is not None:
                c = self.claims[claim_k]
                if place is not None and (c.place or (c.person_id and self._main_country(c.person_id))) == place:
                    skipped_from = c.span_start
                    continue
                return c.role, claim_k
            p = item.of("person", "person_short")
            if p is not None:
                role = self._main_role(p.ref)
                if role and (place is None or self._main_country(p.ref) != place):
                    return role, None
        # Else the latest claim of the sentence before.
        ps = self.doc.sentence_index(s) - 1
        if ps >= 0:
            before = self._claims_by_sentence.get(self.doc.sentences[ps][0])
            if before:
                return self.claims[before[-1]].role, before[-1]
        return None

    def _counterpart_place(self, st: _Stream, i: int, lang: str) -> str | None:
        """The country a counterpart is named by: "نظيره البيلاروسي", "his Belarusian counterpart"."""
        for k in ((i - 1,) if lang == "en" else range(i + 1, min(i + 4, len(st)))):
            m = st.mention(k)
            if m is not None and self._place(m) and not m.has("person", "person_short"):
                return self._place(m)[0]
        return None

    _ROLE_RANK = ("president", "king", "queen", "emir", "sultan", "supreme_leader", "pope", "prince", "grand_duke",
                  "prime_minister", "chancellor", "crown_prince", "vice_president", "foreign_minister", "defense_minister",
                  "secretary_general", "envoy", "minister")

    def _main_country(self, person_id: str) -> str | None:
        when, _ = self.doc.document_date
        for t in self.kb.terms_of(person_id):
            if t.covers(when) and t.country:
                return t.country
        return None

    def _main_role(self, person_id: str) -> str | None:
        when, _ = self.doc.document_date
        held = [t.role for t in self.kb.terms_of(person_id) if t.covers(when)]
        for role in self._ROLE_RANK:
            if role in held:
                return role
        return None

    def run(self) -> list[Claim]:
        # The sentences that can hold a claim: one with a title, a counterpart or a person.
        for s, e, mentions in sentences_with(self.doc.mentions, self.doc.sentences, _CLAIM_KIND_SET):
            if not _names_an_office(mentions):
                continue   # names only: "قال محمد بن سلمان" claims nothing about an office
            st = _Stream(self.doc, s, e, mentions)
            items = st.items
            consumed = -1
            for i in st.mention_indices:
                if i > consumed:
                    # Only a title, a counterpart or a person starts a claim: most of a
                    # sentence's mentions are places, honorifics and the like.
                    for p in items[i].patterns:
                        if p.kind in _CLAIM_KIND_SET:
                            consumed = self._claims_at(st, i, consumed)
                            break
        return _in_text_order(self.claims)

    def cap_note(self) -> str | None:
        """The report's note when sentences held more claims than are checked."""
        if not self._capped_sentences:
            return None
        n = len(self._capped_sentences)
        return (f"{n} sentence{'s' if n > 1 else ''} held more than {MAX_CLAIMS_PER_SENTENCE} claims: "
                f"only the first {MAX_CLAIMS_PER_SENTENCE} of each were checked")

    def _claims_at(self, st: _Stream, i: int, consumed: int) -> int:
        """The claims that mention i starts; returns the last item they consumed."""
        m: Mention = st.items[i]  # type: ignore[assignment]
        kinds = {p.kind for p in m.patterns}   # m.kinds, without the property call
        if "counterpart" in kinds:
            self.counterpart(st, i, mention_lang(m))
        elif "title" in kinds and not kinds & _PERSON_KINDS:
            if mention_lang(m) == "ar":
                if self._possessive(m) or _names_institution(st, i):
                    # "رئيسه الفرنسي ميشيل بلاتيني": its (UEFA's) president; "مطار الملك
                    # عبدالعزيز": an institution named after a king
                    return consumed
                # "نائب وزير الخارجية X", "المتحدث باسم الرئيس الروسي، دميتري بيسكوف", "أخو العاهل
                # السعودي الأمير أحمد": the name is the deputy's, spokesman's, brother's — unless it
                # is the office holder's ("مكتب رئيس الوزراء بنيامين نتنياهو").
                return self.arabic_chain(st, i, holder_only=_governed_or_kin(st, i))
            if _governed(st, i):
                return consumed   # "deputy foreign minister X": X is the deputy, not the minister
            self.english_chain(st, i)
        elif kinds & _PERSON_KINDS:
            titled = m.of("person")
            if titled is not None and titled.extra:
                return self.titled_person(st, i, titled, consumed)
            self.apposition(st, i, mention_lang(m))
        return consumed

    def titled_person(self, st: _Stream, i: int, p, consumed: int) -> int:
        """A KB alias that keeps its title ("قال الملك سلمان", "King Charles III", "السلطان
        قابوس"): the title's claim about the person. The country is the nisba or "of X"
        after the name, else the one where the KB has the person in that office."""
        if _names_institution(st, i):
            return consumed   # "مركز الملك سلمان للإغاثة": an institution
        m: Mention = st.items[i]   # type: ignore[assignment]
        lang = mention_lang(m)
        role = p.extra
        text = self.doc.norm[m.nstart:m.nend]
        skip = max((len(f) + 1 for f in _title_forms().get(role, ()) if text.startswith(f + " ")), default=0)
        if not skip:
            return consumed
        named_place = _country_named_at(self.kb, text, skip)
        if named_place is not None:   # "ملك بلجيكا فيليب": the alias names the country too
            skip += len(named_place[1]) + 1
        start, end, j = m.nstart + skip, m.nend, i + 1
        regnal = st.word(j)
        if regnal in _REGNAL and st.start(j) - end <= 1 and (role == "queen" or not regnal.endswith("ه")):
            # "King Charles III", "الملكة إليزابيث الثانية" — but a number the KB's names of
            # this person lack is another monarch's: "الملك فيليب الخامس" (Philip V of Spain).
            if not any(regnal in normalize(n).split() for n in self.kb.people[p.ref].names):
                return max(consumed, j)
            end = st.end(j)
            j += 1
        qualifier = None
        before = st.mention(i - 1)
        if before is not None and before.has("qualifier"):
            qualifier = before.of("qualifier").ref   # "the late King Hussein"
        place, is_org = None, False
        nxt = st.mention(j)
        if nxt is not None and nxt.has("qualifier"):
            qualifier = qualifier or nxt.of("qualifier").ref
        elif lang == "ar" and nxt is not None and not nxt.prefix and nxt.has("country_adj", "org_adj") \
                and not nxt.has("person", "person_short"):
            place, is_org = self._place(nxt)   # a nisba: "الملك عبدالله الثاني الأردني" (not "يزور الملك سلمان الولايات المتحدة")
        elif lang == "en" and self._is_of(st, j) and self._place_after_of(st, j):
            place, is_org = self._place_after_of(st, j)   # "King Abdullah II of Jordan", "of the Solomon Islands"
        if place is None and named_place is not None:
            place = named_place[0]
        if place is None and lang == "en":
            place, is_org = self._place_before(st, i) or (None, False)   # "Vincentian King Charles III"
        if place is None:
            place = self._office_country(p.ref, role, start)
        self.add(st, _Name(p.ref, start, end, "full", j), role, place, is_org, qualifier,
                 m.nstart - len(m.prefix), lang)
        return max(consumed, j - 1)

    def _place_after_of(self, st: _Stream, j: int) -> tuple[str, bool] | None:
        """The place after "of" (item j), past a "the"."""
        k = j + 1
        m = st.mention(k)
        if st.word(k) == "the" or (m is not None and m.has("filler") and m.text.lower() == "the"):
            m = st.mention(k + 1)
        return self._place(m) if m is not None else None

    def _place_before(self, st: _Stream, i: int) -> tuple[str, bool] | None:
        """An English place before item i: "Canadian King Charles", "Canada's King Charles"."""
        k = i - 1
        while k >= 0 and st.word(k) in ("'", "’", "s"):
            k -= 1
        m = st.mention(k)
        if m is not None and not m.has("person", "person_short"):
            return self._place(m)
        return None

    def _office_country(self, person_id: str, role: str, at: int) -> str | None:
        """The country where the KB has the person in the role at the document's date and
        at the date the sentence at ``at`` gives, if any (the claim's date)."""
        when = [self.doc.document_date[0]]
        s, e = self.doc.sentence_of(at)
        dated = self.doc.dates_in(s, e)
        if dated:
            when += [dated[0].date.first_day(), dated[0].date.last_day()]
        own = self.kb.people[person_id].citizenship
        terms = sorted((t for t in self.kb.terms_of(person_id) if t.role == role and t.country),
                       key=lambda t: t.country not in own)   # Charles III: the UK before Tuvalu
        for t in terms:
            if all(t.covers(d) for d in when):
                return t.country
        # Else none: a place the text does not give must not turn a reference to a past
        # monarch ("الملك عبدالله بن عبدالعزيز" in 2015) into a refutation.
        return None


def sentences_with(mentions: list[Mention], sentences: list[tuple[int, int]],
                   kinds: frozenset[str]) -> list[tuple[int, int, list[Mention]]]:
    """Each sentence with a mention having a pattern of one of the kinds, with the
    sentence's mentions, in text order. Found from the mentions (in order of start):
    most sentences have none, and are not visited."""
    if speedups is not None:
        return speedups.sentences_with(mentions, sentences, kinds)
    found = []
    n = len(mentions)
    k = 0
    while k < n:
        m = mentions[k]
        k += 1
        # m.of(*kinds), inlined: this loop visits every mention of the article.
        for p in m.patterns:
            if p.kind in kinds:
                break
        else:
            continue
        i = bisect_right(sentences, (m.nstart, math.inf)) - 1   # the last sentence starting at or before m
        if i < 0 or m.nend > sentences[i][1]:
            continue   # between sentences, or across a sentence end: in no sentence's mentions
        s, e = sentences[i]
        lo = bisect_left(mentions, s, hi=k, key=_NSTART)
        k = bisect_left(mentions, e, lo=k, key=_NSTART)
        found.append((s, e, [x for x in mentions[lo:k] if x.nend <= e]))
    return found


def _in_text_order(claims: list[Claim]) -> list[Claim]:
    """The claims sorted by start, each counterpart's antecedent index following its claim."""
    if len(claims) < 2:
        return claims   # most articles: nothing to order
    order = sorted(range(len(claims)), key=lambda k: claims[k].start)
    if order != list(range(len(claims))):
        new_index = {old: new for new, old in enumerate(order)}
        for c in claims:
            if c.counterpart_of is not None:
                c.counterpart_of = new_index[c.counterpart_of]
        claims = [claims[k] for k in order]
    return claims


def _names_an_office(mentions: list[Mention]) -> bool:
    for m in mentions:
        for p in m.patterns:
            if p.kind in _OFFICE_KINDS or (p.extra and p.kind == "person"):
                return True
    return False


def _word_before(st: _Stream, i: int) -> str | None:
    """The word before item i, past the adjectives a governing noun takes (النائب الأول
    لرئيس الوزراء، المتحدث الرسمي باسم الرئيس، المستشار الدبلوماسي لرئيس الوزراء)."""
    items = st.items
    k = i - 1
    while k > 0 and k >= i - 3:
        before = items[k]
        if not (before in _GOVERNING_ADJECTIVES if isinstance(before, str) else before.has("filler")):
            break
        k -= 1
    w = items[k] if k >= 0 else None
    if w is not None and not isinstance(w, str) and w.has("title"):
        # مستشار is also a title (مستشار ألمانيا): before another title it is "adviser to".
        return w.prefix + st.doc.norm[w.nstart:w.nend]
    return w if isinstance(w, str) else None


def _family_of(names) -> str | None:
    """The family name after آل in a person's Arabic names (آل سعود → سعود), if any."""
    for name in names:
        tokens = normalize(name).split()
        if "ال" in tokens[:-1]:
            return tokens[tokens.index("ال") + 1]
    return None


@lru_cache(maxsize=4)
def _arabic_country_names(kb: KB) -> dict[str, tuple[tuple[str, str], ...]]:
    """First word → (normalised Arabic name, code) of the countries whose name starts with
    it, longest first."""
    names = {(normalize(n), c.code) for c in kb.countries.values() for n in (c.ar, *c.ar_alt) if n}
    by_first: dict[str, list[tuple[str, str]]] = {}
    for name, code in sorted(names, key=lambda x: (-len(x[0]), x)):
        by_first.setdefault(name.split()[0], []).append((name, code))
    return {first: tuple(found) for first, found in by_first.items()}


def _country_named_at(kb: KB, text: str, at: int) -> tuple[str, str] | None:
    """(code, name) of the country whose Arabic name the normalised text has at ``at``,
    followed by more of it."""
    space = text.find(" ", at)
    for name, code in _arabic_country_names(kb).get(text[at:space], ()) if space > at else ():
        if text.startswith(name + " ", at):
            return code, name
    return None


@lru_cache(maxsize=4)
def _fathers_of(kb: KB) -> dict[tuple[str, str], frozenset[str]]:
    """(given name, family) → the fathers' names the KB gives people of that name and family
    (("عبدالعزيز", "سعود") → {"عبدالرحمن"}: عبد العزيز بن عبد الرحمن آل سعود), compounds joined."""
    found: dict[tuple[str, str], set[str]] = {}
    for person in kb.people.values():
        family = _family_of(person.names)
        if family is None:
            continue
        for name in person.names:
            tokens = compounds_joined(normalize(name)).split()
            if len(tokens) >= 3 and tokens[1] in ("بن", "ابن"):
                found.setdefault((tokens[0], family), set()).add(tokens[2])
    return {k: frozenset(v) for k, v in found.items()}


@lru_cache(maxsize=4)
def _adjective_twins(kb: KB) -> frozenset[str]:
    """The countries that share a nationality adjective with another (كونغولي، Congolese,
    Dominican)."""
    by_adj: dict[str, set[str]] = {}
    for c in kb.countries.values():
        for adj in (*c.adj_ar, *c.adj_en):
            by_adj.setdefault(normalize(adj), set()).add(c.code)
    return frozenset(code for codes in by_adj.values() if len(codes) > 1 for code in codes)


@lru_cache(maxsize=1)
def _title_forms() -> dict[str, tuple[str, ...]]:
    """Role → its normalised title forms, longest first (from gazetteer.title_roles)."""
    from liqaa.gazetteer import title_roles

    found: dict[str, list[str]] = {}
    for form, role in title_roles().items():
        if role:
            found.setdefault(role, []).append(form)
    return {role: tuple(sorted(forms, key=len, reverse=True)) for role, forms in found.items()}


def _regnal() -> frozenset[str]:
    from liqaa.gazetteer import load_lexicon

    return frozenset(normalize(w) for w in load_lexicon("name_context.yaml").get("regnal") or ())


_REGNAL = _regnal()


def _institutions() -> frozenset[str]:
    from liqaa.gazetteer import load_lexicon

    words = {normalize(w) for w in load_lexicon("name_context.yaml").get("institutions") or ()}
    return frozenset(c + w for c in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ال", "بال", "وال", "لل") for w in words)


_INSTITUTIONS = _institutions()


def _governed(st: _Stream, i: int) -> bool:
    """The title at item i belongs to the noun before it, whose holder the name after
    it is: نائب وزير الخارجية، النائب الأول لرئيس الوزراء، زوجة الرئيس، deputy foreign minister."""
    w = _word_before(st, i)
    return w is not None and (w in GOVERNING_WORDS or w in _GOVERNING_AR_FORMS)


def _governed_or_kin(st: _Stream, i: int) -> bool:
    """The title at item i is governed (above) or follows a word of kinship: أخو العاهل
    السعودي، نجل الرئيس."""
    w = _word_before(st, i)
    return w is not None and (w in GOVERNING_WORDS or w in _GOVERNING_AR_FORMS or w in _KIN)


def _names_institution(st: _Stream, i: int) -> bool:
    """The title at item i is part of an institution's name: مطار الملك عبدالعزيز، جامعة
    الملك سعود، مركز الملك سلمان للإغاثة — no claim about the person it is named after."""
    before = st.items[i - 1] if i > 0 else None
    return isinstance(before, str) and before in _INSTITUTIONS and not st.items[i].prefix


def _coordinated(m: Mention | None) -> bool:
    """A mention that starts with the conjunction و: the next item of a list."""
    return m is not None and m.prefix.startswith("و")


def mention_lang(m: Mention) -> str:
    """"ar" when any reading of the mention is an Arabic pattern, else "en"."""
    for p in m.patterns:
        if p.lang == "ar":
            return "ar"
    return "en"


def find_claims(doc: Document, kb: KB) -> list[Claim]:
    finder = ClaimFinder(doc, kb)
    claims = finder.run()
    note = finder.cap_note()
    if note and note not in doc.notes:
        doc.notes.append(note)
    for claim in claims:
        assign_date(doc, claim)
        date_claim(doc, claim)
    return claims


def assign_date(doc: Document, claim: Claim) -> None:
    """The claim's date: an explicit date in its sentence, else the document date, else
    --as-of, else today. A date elsewhere in the paragraph is not used: it often dates
    another event ("In March 2022 ... The minister said today ...")."""
    s, e = doc.sentence_of(claim.nstart)
    in_sentence = doc.dates_in(s, e)
    fallback, basis = doc.document_date
    if in_sentence:
        claim.date, claim.date_basis = in_sentence[0].date, "explicit"
        claim.alt_date = PartialDate.parse(fallback)
        return
    claim.date, claim.date_basis = PartialDate.parse(fallback), basis


def interval(pd: PartialDate) -> tuple[dt.date, dt.date]:
    return pd.first_day(), pd.last_day()
