"""Verdicts: a claim judged against the knowledge base at the claim's date.

``supported``: the KB says the person held that office at that time.
``refuted`` only on positive evidence: the KB knows the named person and someone else held
the exclusive office at that date; the name is a conflation of two KB people; or the KB
knows the person as another country's official or in another office throughout.
``unverifiable``: everything else — an unknown name (even in an office the KB knows the
holder of: the text may name a past holder or spell a name the KB lacks), an unknown
office, a non-exclusive office, a date outside the KB's coverage or beyond its ``as_of``.
When unsure, liqaa says so, and says what is missing.

A claim dated after the KB's ``as_of`` (within ``stale_after`` days; beyond, it is
unverifiable) is judged at ``as_of``: a match is supported "as of" that date, and it is
refuted only on what the KB knows of the named person (a conflation, a national of another
country, a known holder of another office). That someone else held the office at ``as_of``
proves nothing after it: the office may have changed hands (``after_as_of``, unverifiable).

The time judged is the claim's date, or the window its sentence's time cue allows
(``date_basis`` ``context``: any time in the window counts), or, in an undated text, any
date the KB covers (``date_basis`` ``none``). Only a claim dated to a day, month or year
is refuted from the holder's side: a window says when the title may have been held, not
when it was not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from liqaa.claim_time import EARLIEST, LATEST
from liqaa.claims import Claim
from liqaa.kb.model import KB, PartialDate, Person, Term, person_terms
from liqaa.text import compounds_joined, normalize

DEFAULT_STALE_AFTER = 365
# Terms before this date are not complete in the embedded KB, so the absence of a term
# before it proves nothing about a person.
DEFAULT_COVERAGE_START = dt.date(2020, 1, 1)
# A death or resignation is reported the day after, and a funeral within days.
TERM_END_REPORTED_WITHIN = 7

ROLE_LABELS = {
    "president": ("president", "رئيس"),
    "vice_president": ("vice president", "نائب رئيس"),
    "prime_minister": ("prime minister", "رئيس وزراء"),
    "chancellor": ("chancellor", "مستشار"),
    "king": ("king", "ملك"),
    "queen": ("queen", "ملكة"),
    "emir": ("emir", "أمير"),
    "sultan": ("sultan", "سلطان"),
    "crown_prince": ("crown prince", "ولي عهد"),
    "supreme_leader": ("supreme leader", "المرشد الأعلى في"),
    "foreign_minister": ("foreign minister", "وزير خارجية"),
    "defense_minister": ("defence minister", "وزير دفاع"),
    "envoy": ("envoy", "مبعوث"),
    "secretary_general": ("secretary-general", "أمين عام"),
    "minister": ("minister", "وزير"),
    "head_of_state": ("head of state", "رئيس دولة"),
    "head_of_government": ("head of government", "رئيس حكومة"),
    "pope": ("pope", "بابا"),
    "prince": ("prince", "أمير"),
    "grand_duke": ("grand duke", "غراندوق"),
}


@dataclass
class Verdict:
    verdict: str
    reason: str
    en: str
    ar: str
    evidence: list[dict] = field(default_factory=list)
    actual_holder: dict | None = None
    conflation: dict | None = None
    judged_at: dt.date | None = None
    # Set when the claim was judged at another date than its own: the sentence's date did
    # not fit and the article's did ("date", "date_basis" of the check record).
    date: PartialDate | None = None
    date_basis: str | None = None


@dataclass(frozen=True)
class ClaimTime:
    """The time a claim is judged at: [lo, hi], its wording, and whether a holder at that
    time can refute it (only a date, not a window or no date at all)."""

    lo: dt.date
    hi: dt.date
    en: str          # "on 2025-03-13", "in 1909", "at some time before 2015-07-21"
    ar: str
    dated: bool
    short: str       # in a few words, for a report line: "2025-03-13", "1909", "before 2015-07-21"
    # A claim dated after the KB's as_of, judged at as_of: who holds an office may have
    # changed since, so only what the KB knows of the named person can refute it.
    after_kb: bool = False

    @classmethod
    def of(cls, claim: Claim) -> "ClaimTime":
        if claim.window is not None:
            lo, hi = claim.window
            if hi == LATEST:
                return cls(lo, hi, "at some time in the past", "في وقت ما في الماضي", False, "in the past")
            if lo == EARLIEST:
                return cls(lo, hi, f"at some time before {hi}", f"في وقت ما قبل {hi}", False, f"before {hi}")
            if lo.year == hi.year:
                return cls(lo, hi, f"in {lo.year}", f"في عام {lo.year}", False, str(lo.year))
            return cls(lo, hi, f"between {lo.year} and {hi.year}", f"بين عامي {lo.year} و{hi.year}", False,
                       f"{lo.year}–{hi.year}")
        if claim.date is None:
            return cls(dt.date.min, dt.date.max, "at any date the KB covers (the text is undated)",
                       "في أي تاريخ تغطيه قاعدة المعرفة (النص بلا تاريخ)", False, "no date")
        return cls.at(claim.date)

    @staticmethod
    def at(date: PartialDate) -> "ClaimTime":
        return _claim_time_at(date)


@lru_cache(maxsize=4096)
def _claim_time_at(date: PartialDate) -> ClaimTime:
    # Cached: most claims of an article are judged at its one date.
    prep = "on" if date.precision == "day" else "in"
    return ClaimTime(date.first_day(), date.last_day(), f"{prep} {date}", f"في {date}", True, str(date))


_THE = ("United ", "Republic of ", "Democratic Republic", "Central African", "Holy See", "Gambia",
        "Netherlands", "Philippines", "Bahamas", "Comoros", "Maldives", "Marshall", "Solomon",
        "Czech", "Dominican", "European", "African Union", "Arab League", "Gulf", "Organisation",
        "Organization", "International", "World")


def place_label(kb: KB, place: str, lang: str) -> str:
    name = kb.place_name(place, lang)
    if lang == "en" and name.startswith(_THE):
        return f"the {name}"
    return name


def office_label(kb: KB, role: str, place: str | None, lang: str) -> str:
    en, ar = ROLE_LABELS.get(role, (role, role))
    if place is None:
        return en if lang == "en" else ar
    name = place_label(kb, place, lang)
    return f"{en} of {name}" if lang == "en" else f"{ar} {name}"


def office_phrase(kb: KB, role: str, place: str | None) -> str:
    """English with its article: "the president of Belarus", "a United States envoy"."""
    if kb.is_exclusive(role, place) or place is None and role in ("president", "prime_minister"):
        return "the " + office_label(kb, role, place, "en")
    en, _ = ROLE_LABELS.get(role, (role, role))
    if place is None:
        return ("an " if en[0] in "aeiou" else "a ") + en
    return f"a {kb.place_name(place, 'en')} {en}"


def _fmt(pd: PartialDate | None) -> str:
    return str(pd) if pd else "?"


# The texts and evidence of a KB term are the same in every verdict that cites it, and an
# archive cites the same few hundred terms over and over: they are made once per KB.
@lru_cache(maxsize=1 << 16)
def _term_text(kb: KB, t: Term, lang: str) -> str:
    person = kb.people[t.person_id]
    title = (t.title_en if lang == "en" else t.title_ar) or office_label(kb, t.role, t.country or t.org, lang)
    if t.title_en and lang == "en" and (t.country or t.org):
        title = f"{kb.place_name(t.country or t.org, 'en')} {t.title_en}"
    if t.title_ar and lang == "ar" and (t.country or t.org):
        title = f"{t.title_ar} ({kb.place_name(t.country or t.org, 'ar')})"
    name = person.en if lang == "en" else person.ar
    if lang == "en":
        span = f"since {_fmt(t.start)}" if t.end is None else f"{_fmt(t.start)} to {_fmt(t.end)}"
        return f"{name}, {title} ({span}; source: {t.source})"
    span = f"منذ {_fmt(t.start)}" if t.end is None else f"من {_fmt(t.start)} إلى {_fmt(t.end)}"
    return f"{name}، {title} ({span}؛ المصدر: {t.source})"


@lru_cache(maxsize=1 << 16)
def _term_evidence(kb: KB, t: Term) -> dict:
    return t.as_evidence(kb)


def _overlaps(t: Term, lo: dt.date, hi: dt.date) -> bool:
    """The term certainly overlaps [lo, hi] (partial dates read pessimistically)."""
    if t.start is None or t.start.last_day() > hi:
        return False
    return t.end is None or t.end.first_day() >= lo


def _may_overlap(t: Term, lo: dt.date, hi: dt.date) -> bool:
    if t.start is not None and t.start.first_day() > hi:
        return False
    return t.end is None or t.end.last_day() >= lo


def _name_tokens(s: str) -> list[str]:
    """A name's telling tokens, with عبد/أبو + ال... written joined as most news does."""
    joined = compounds_joined(normalize(s).replace("-", " "))
    return [t for t in joined.split() if t not in ("بن", "bin", "ال", "al", "آل")]


def _fathers_names(name: str) -> set[str]:
    """The names after بن/ابن/bin: "محمد بن سلمان بن عبد العزيز" → {سلمان, عبدالعزيز}."""
    tokens = compounds_joined(normalize(name)).split()
    return {b for a, b in zip(tokens, tokens[1:]) if a in ("بن", "ابن", "bin", "ibn")}


def _in_order(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(token in rest for token in part)


def name_similar(written: str, names: tuple[str, ...]) -> bool:
    """Does the written name plausibly denote a person with these names (spelling variants)?"""
    w = _name_tokens(written)
    if not w:
        return False
    for name in names:
        n = _name_tokens(name)
        if not n:
            continue
        if fuzz.token_sort_ratio(" ".join(w), " ".join(n)) >= 85:
            return True
        # The name without its family name: عبداللطيف بن راشد for عبد اللطيف بن راشد الزياني,
        # each part within a letter: باك جون for بارك جون هاي (Park Geun-hye).
        if 2 <= len(w) <= len(n) and all(fuzz.ratio(a, b) >= 80 for a, b in zip(w, n)):
            return True
        # The name without its first given name: جواد ظريف for محمد جواد ظريف, منصور هادي
        # for عبدربه منصور هادي (the family name kept, the rest in order).
        if 2 <= len(w) < len(n) and w[-1] == n[-1] and _in_order(w, n):
            return True
        # Same surname, spelled within a letter or two: لوكاشنكو / لوكاشينكو.
        if len(w) >= 1 and fuzz.ratio(w[-1], n[-1]) >= 85 and (len(w) == 1 or fuzz.ratio(w[0], n[0]) >= 70):
            return True
    return False


class Verifier:
    def __init__(self, kb: KB, stale_after: int = DEFAULT_STALE_AFTER,
                 coverage_start: dt.date = DEFAULT_COVERAGE_START):
        self.kb = kb
        self.stale_after = stale_after
        self.coverage_start = coverage_start

    def __call__(self, claim: Claim) -> Verdict:
        when = ClaimTime.of(claim)
        verdict = self._judge(claim, when)
        if verdict.verdict != "supported" and claim.alt_date is not None \
                and claim.date_basis == "context":
            # The sentence's time may date another event than the title ("قال الرئيس ...
            # إن حدود عام 1967"): a title true at the article's date is the article's.
            at_article = self._judge(claim, ClaimTime.at(claim.alt_date))
            if at_article.verdict == "supported":
                at_article.date, at_article.date_basis = claim.alt_date, "document"
                return at_article
        return verdict

    def _judge(self, claim: Claim, when: ClaimTime) -> Verdict:
        kb = self.kb
        role = claim.role
        place = claim.place
        lo, hi = when.lo, when.hi
        note_en = note_ar = ""
        if when.dated and lo > kb.as_of:
            if (lo - kb.as_of).days > self.stale_after:
                return Verdict(
                    "unverifiable", "kb_outdated",
                    f"The claim is dated {lo}, more than {self.stale_after} days after the "
                    f"knowledge base's as_of date {kb.as_of}: the KB may be outdated.",
                    f"تاريخ الادعاء {lo} يتجاوز تاريخ قاعدة المعرفة ({kb.as_of}) بأكثر من "
                    f"{self.stale_after} يوما؛ قد تكون قاعدة المعرفة قديمة.", judged_at=None)
            lo = hi = kb.as_of
            when = ClaimTime(lo, hi, when.en, when.ar, True, when.short, after_kb=True)
            note_en, note_ar = f" (as of {kb.as_of})", f" (حتى {kb.as_of})"
        label_en = office_label(kb, kb.concrete_role(role, place), place, "en")
        label_ar = office_label(kb, kb.concrete_role(role, place), place, "ar")
        who = claim.mention
        gone = kb.abolished(role, place)
        if gone and when.dated and lo > gone[0] and claim.qualifier not in ("former", "late"):
            gone_on, source = gone
            person = kb.people[claim.person_id] if claim.person_id else None
            evidence = self._evidence(person_terms(kb, person.id, role, place)) if person else []
            v = Verdict("refuted", "office_abolished",
                        f"{who} cannot be the {label_en} {when.en}: the office was abolished on {gone_on} "
                        f"(source: {source}).",
                        f"لا يمكن أن يكون {who} {label_ar} {when.ar}: أُلغي هذا المنصب في {gone_on} "
                        f"(المصدر: {source}).", evidence=evidence)
            v.judged_at = lo
            return v
        if claim.qualifier in ("former", "late"):
            v = self._former(claim, role, place, when, who, label_en, label_ar)
        elif claim.qualifier == "elect":
            v = self._elect(claim, role, place, when, who, label_en, label_ar)
        elif claim.person_id:
            v = self._known(claim, role, place, when, who, label_en, label_ar)
        else:
            v = self._unknown(claim, role, place, when, who, label_en, label_ar)
        if note_en and v.reason != "after_as_of":
            v.en += note_en
            v.ar += note_ar
        v.judged_at = lo if when.dated else None
        return v

    # --- helpers ---------------------------------------------------------------------

    def _holders(self, role: str, place: str | None, lo: dt.date, hi: dt.date) -> tuple[list[Term], list[Term]]:
        """(certain, uncertain) holders of an office over [lo, hi]."""
        terms = [t for r in self.kb.roles_for(role, place) for t in self.kb.terms_by_office.get((r, place or ""), [])]
        certain = [t for t in terms if _overlaps(t, lo, hi)]
        uncertain = [t for t in terms if _may_overlap(t, lo, hi) and t not in certain]
        return certain, uncertain

    def _holder_info(self, terms: list[Term]) -> dict | None:
        if not terms:
            return None
        t = terms[-1]
        return {**self.kb.people[t.person_id].ref(), "term": dict(_term_evidence(self.kb, t))}

    def _evidence(self, *groups: list[Term]) -> list[dict]:
        seen, out = set(), []
        for group in groups:
            for t in group:
                key = (t.person_id, t.role, t.country, t.org, str(t.start))
                if key not in seen:
                    seen.add(key)
                    out.append(dict(_term_evidence(self.kb, t)))
        return out

    def _holders_text(self, terms: list[Term], lang: str) -> str:
        sep = "; " if lang == "en" else "؛ "
        return sep.join(_term_text(self.kb, t, lang) for t in terms)

    def _term_end(self, mine: list[Term], when: ClaimTime) -> Term | None:
        """The person's term that ended in the week before the claim, when the sentence
        reports its end (a death, a funeral, a resignation): "وفاة أمير الكويت" the day after."""
        for t in mine:
            if t.end is not None and t.end.first_day() <= when.hi \
                    and (when.lo - t.end.last_day()).days <= TERM_END_REPORTED_WITHIN:
                return t
        return None

    # --- present tense, known person ---------------------------------------------------

    def _known(self, c: Claim, role, place, when: ClaimTime, who, label_en, label_ar) -> Verdict:
        kb = self.kb
        lo, hi = when.lo, when.hi
        person = kb.people[c.person_id]
        mine = person_terms(kb, person.id, role, place)
        held = [t for t in mine if _overlaps(t, lo, hi)]
        if held:
            return Verdict("supported", "held_office",
                           f"{person.en} held the office of {label_en} {when.en}: {self._holders_text(held, 'en')}.",
                           f"شغل {person.ar} منصب {label_ar} {when.ar}: {self._holders_text(held, 'ar')}.",
                           evidence=self._evidence(held), actual_holder=self._holder_info(held))
        maybe = [t for t in mine if _may_overlap(t, lo, hi)]
        if maybe:
            return Verdict("unverifiable", "term_boundary",
                           f"{person.en}'s term as {label_en} is known only to the {maybe[0].start.precision if maybe[0].start else 'year'}; "
                           f"the claim's time ({when.en}) may fall outside it: {self._holders_text(maybe, 'en')}.",
                           f"فترة {person.ar} في منصب {label_ar} معروفة بتقريب لا يحسم الوقت المقصود ({when.ar}): {self._holders_text(maybe, 'ar')}.",
                           evidence=self._evidence(maybe))
        ended = self._term_end(mine, when) if c.ended else None
        if ended is not None:
            return Verdict("supported", "term_ended",
                           f"{person.en} held the office of {label_en} until {ended.end}, days before the report "
                           f"of its end: {self._holders_text([ended], 'en')}.",
                           f"شغل {person.ar} منصب {label_ar} حتى {ended.end}، قبل أيام من الخبر: "
                           f"{self._holders_text([ended], 'ar')}.",
                           evidence=self._evidence([ended]), actual_holder=self._holder_info([ended]))
        all_terms = kb.terms_of(person.id)
        now_terms = [t for t in all_terms if _overlaps(t, lo, hi)] if when.dated else []
        known = now_terms or all_terms[-3:]
        known_as_en = self._holders_text(known, "en") or "no office"
        known_as_ar = self._holders_text(known, "ar") or "دون منصب"
        held_by_other = []
        if when.dated and place is not None and kb.is_exclusive(role, place):
            certain, uncertain = self._holders(role, place, lo, hi)
            if certain and not uncertain and when.after_kb:
                held_by_other = certain     # decided below, once the person's side has had its say
            elif certain and not uncertain:
                en, ar = self._not_theirs(person, mine, certain, when, label_en, label_ar)
                return Verdict(
                    "refuted", "other_holder",
                    f"{who} is not the {label_en}: {en} The KB knows {person.en} {when.en} as: {known_as_en}.",
                    f"{who} ليس {label_ar}: {ar} وتعرف قاعدة المعرفة {person.ar} {when.ar} بأنه: {known_as_ar}.",
                    evidence=self._evidence(certain, mine, known),
                    actual_holder=self._holder_info(certain))
        # Person side: the KB knows what the person did at that date (or, in an undated
        # text, throughout), and it was in another country: a national of one country is
        # not another's official.
        if when.dated:
            person_side = now_terms if lo >= self.coverage_start else []
        else:
            person_side = all_terms
        if place is not None and not c.place_is_org and person_side and c.window is None \
                and person.citizenship and place not in person.citizenship \
                and all(t.country and t.country != place for t in person_side):
            as_en, as_ar = self._holders_text(person_side[-3:], "en"), self._holders_text(person_side[-3:], "ar")
            return Verdict(
                "refuted", "other_country",
                f"{who} is not the {label_en}: the KB knows {person.en} {when.en} as {as_en}." if when.dated else
                f"{who} is not the {label_en}: the KB knows {person.en}, a national of another country, only as {as_en}.",
                f"{who} ليس {label_ar}: تعرف قاعدة المعرفة {person.ar} {when.ar} بأنه {as_ar}." if when.dated else
                f"{who} ليس {label_ar}: لا تعرف قاعدة المعرفة {person.ar}، وهو من مواطني بلد آخر، إلا بأنه {as_ar}.",
                evidence=self._evidence(person_side[-3:]))
        if when.dated and place is None and kb.is_exclusive(role, None) and lo >= self.coverage_start and now_terms:
            if not person_terms(kb, person.id, role, None):
                return Verdict(
                    "refuted", "other_office",
                    f"{who} did not hold the office of {label_en} {when.en}: the KB knows {person.en} as {known_as_en}.",
                    f"لم يشغل {who} منصب {label_ar} {when.ar}: تعرف قاعدة المعرفة {person.ar} بأنه {known_as_ar}.",
                    evidence=self._evidence(now_terms))
        if held_by_other:
            return self._changed_since(person, held_by_other, known, when, label_en, label_ar)
        if mine:
            return Verdict(
                "unverifiable", "not_at_date",
                f"{person.en} held the office of {label_en}, but not {when.en} according to the KB "
                f"({self._holders_text(mine, 'en')}); a former title may be meant.",
                f"شغل {person.ar} منصب {label_ar} لكن ليس {when.ar} بحسب قاعدة المعرفة "
                f"({self._holders_text(mine, 'ar')})؛ ربما قُصد اللقب السابق.",
                evidence=self._evidence(mine))
        reason = "non_exclusive" if not kb.is_exclusive(role, place) else "office_unknown"
        return Verdict(
            "unverifiable", reason,
            f"The KB has no record of {person.en} as {label_en} {when.en}; it knows {person.en} as: {known_as_en}.",
            f"لا تسجل قاعدة المعرفة {person.ar} بصفة {label_ar} {when.ar}؛ وتعرفه بأنه: {known_as_ar}.",
            evidence=self._evidence(known))

    def _changed_since(self, person: Person, holders: list[Term], known: list[Term],
                       when: ClaimTime, label_en: str, label_ar: str) -> Verdict:
        """A claim after the KB's as_of that only the office's holder at as_of contradicts:
        the office may have changed hands since, which the KB would not know."""
        as_of = self.kb.as_of
        held_en, held_ar = self._holders_text(holders[-1:], "en"), self._holders_text(holders[-1:], "ar")
        known_en = self._holders_text(known, "en") or "no office"
        known_ar = self._holders_text(known, "ar") or "دون منصب"
        return Verdict(
            "unverifiable", "after_as_of",
            f"The KB is as of {as_of}; a change since then would not be known. The claim is dated "
            f"{when.short}, after it. On {as_of} the office of {label_en} was held by {held_en}, and the KB "
            f"knows {person.en} as: {known_en}. The KB would need a term of {person.en} as {label_en} after "
            f"{as_of} to decide.",
            f"قاعدة المعرفة محدَّثة حتى {as_of}، ولا تعلم بأي تغيير بعد ذلك. والادعاء مؤرخ في {when.short}، "
            f"أي بعد هذا التاريخ. وفي {as_of} كان يشغل منصب {label_ar} {held_ar}، وتعرف قاعدة المعرفة "
            f"{person.ar} بأنه: {known_ar}. ويلزم للحسم أن تسجل قاعدة المعرفة فترة لـ{person.ar} في منصب "
            f"{label_ar} بعد {as_of}.",
            evidence=self._evidence(holders[-1:], known))

    def _not_theirs(self, person: Person, mine: list[Term], holders: list[Term], when: ClaimTime,
                    label_en: str, label_ar: str) -> tuple[str, str]:
        """Why the office was not the person's at the time: "held it until …; since … it is
        held by …", "took it only on …", or who held it then."""
        holder = holders[-1]
        held_by_en, held_by_ar = self._holders_text([holder], "en"), self._holders_text([holder], "ar")
        before = [t for t in mine if t.end is not None and t.end.last_day() < when.lo]
        after = [t for t in mine if t.start is not None and t.start.first_day() > when.hi]
        if before:
            t = before[-1]
            return (f"{person.en} held it until {t.end}; since {_fmt(holder.start)} it is held by {held_by_en}.",
                    f"شغله {person.ar} حتى {t.end}، ومنذ {_fmt(holder.start)} يشغله {held_by_ar}.")
        if after:
            t = after[0]
            return (f"{person.en} took it only on {t.start}; {when.en} it was held by {held_by_en}.",
                    f"لم يتوله {person.ar} إلا في {t.start}؛ وكان يشغله {when.ar} {held_by_ar}.")
        return (f"{when.en} the office was held by {self._holders_text(holders, 'en')}.",
                f"{when.ar} كان يشغل المنصب {self._holders_text(holders, 'ar')}.")

    # --- unknown person ----------------------------------------------------------------

    def _unknown(self, c: Claim, role, place, when: ClaimTime, who, label_en, label_ar) -> Verdict:
        kb = self.kb
        lo, hi = when.lo, when.hi
        surname_terms = kb.terms_of(c.surname_of) if c.surname_of else []
        if place is None or not kb.is_exclusive(role, place):
            return Verdict(
                "unverifiable", "unknown_person",
                f"The KB does not know {who}, and the office of {label_en} is not one it can check by its holder.",
                f"لا تعرف قاعدة المعرفة {who}، ولا يمكن التحقق من منصب {label_ar} من خلال شاغله.",
                evidence=self._evidence(surname_terms))
        certain, uncertain = self._holders(role, place, lo, hi)
        if not certain or (when.dated and uncertain):
            return Verdict(
                "unverifiable", "holder_unknown",
                f"The KB does not know {who}, nor with certainty who was {label_en} {when.en}.",
                f"لا تعرف قاعدة المعرفة {who}، ولا من كان {label_ar} {when.ar} على وجه اليقين.",
                evidence=self._evidence(certain, uncertain))
        holders_en, holders_ar = self._holders_text(certain[-3:], "en"), self._holders_text(certain[-3:], "ar")
        # A name that carries another KB person's surname is never the holder by spelling:
        # it is a conflation of two people (the seed's "ألكسندر ويتكوف"), or unknown.
        other = kb.people[c.surname_of] if c.surname_of and all(t.person_id != c.surname_of for t in certain) else None
        if other is not None:
            other_terms = [t for t in surname_terms if _overlaps(t, lo, hi)] or surname_terms[-2:]
            other_en = f"The KB knows {other.en} as: {self._holders_text(other_terms, 'en')}."
            other_ar = f"وتعرف قاعدة المعرفة {other.ar} بأنه: {self._holders_text(other_terms, 'ar')}."
            holder = self._conflated_holder(c, certain)
            if holder is None:
                return Verdict(
                    "unverifiable", "surname_of_other",
                    f"The KB does not know {who}: the surname is that of {other.en}, but the given name is not "
                    f"his; {when.en} the office of {label_en} was held by {holders_en}. {other_en}",
                    f"لا تعرف قاعدة المعرفة {who}: اسم العائلة هو اسم {other.ar} لكن الاسم الأول ليس اسمه؛ "
                    f"وكان يشغل منصب {label_ar} {when.ar} {holders_ar}. {other_ar}",
                    evidence=self._evidence(certain[-3:], surname_terms),
                    conflation={"given_name_of": None, "surname_of": other.ref()})
            return Verdict(
                "refuted", "other_holder",
                f"{who} was not the {label_en} {when.en}: the office was held by {holders_en}. {other_en} "
                f"The name looks like a conflation: the given name of {holder.en} with the surname of {other.en}.",
                f"لم يكن {who} {label_ar} {when.ar}: كان يشغل المنصب {holders_ar}. {other_ar} "
                f"ويبدو الاسم خلطا بين شخصين: الاسم الأول لـ{holder.ar} واسم عائلة {other.ar}.",
                evidence=self._evidence(certain[-3:], surname_terms), actual_holder=self._holder_info(certain),
                conflation={"given_name_of": holder.ref(), "surname_of": other.ref()})
        for t in reversed(certain):
            holder = kb.people[t.person_id]
            if name_similar(who, holder.names):
                return Verdict(
                    "supported", "held_office_spelling",
                    f"{who} appears to be {holder.en} (spelled “{who}”), who held the office of {label_en} "
                    f"{when.en}: {self._holders_text([t], 'en')}.",
                    f"يبدو أن {who} هو {holder.ar} (بهذا الرسم)، الذي شغل منصب {label_ar} {when.ar}: "
                    f"{self._holders_text([t], 'ar')}.",
                    evidence=self._evidence([t]), actual_holder=self._holder_info([t]))
        namesake = self._given_name_of_holder(who, certain)
        if namesake is not None:
            return Verdict(
                "unverifiable", "holder_namesake",
                f"The KB does not know {who}; the {label_en} {when.en} was {namesake.en}, whose given name "
                f"it shares, so the text may name him in another form: {holders_en}.",
                f"لا تعرف قاعدة المعرفة {who}؛ وكان {label_ar} {when.ar} {namesake.ar} الذي يحمل الاسم الأول "
                f"نفسه، فلعل النص يذكره بصيغة أخرى: {holders_ar}.",
                evidence=self._evidence(certain[-3:]), actual_holder=self._holder_info(certain))
        return Verdict(
            "unverifiable", "holder_other",
            f"The KB does not know {who}. {when.en.capitalize()} the office of {label_en} was held by {holders_en}. "
            f"The text may name a past holder, or spell a name in a form the KB lacks; the KB would need "
            f"{who} as a person, with their terms, to decide.",
            f"لا تعرف قاعدة المعرفة {who}. وكان يشغل منصب {label_ar} {when.ar} {holders_ar}. "
            f"ولعل النص يذكر شاغلا سابقا للمنصب أو يكتب اسما برسم لا تعرفه قاعدة المعرفة؛ ويلزم للحسم "
            f"أن تعرف قاعدة المعرفة {who} وفترات توليه.",
            evidence=self._evidence(certain[-3:]), actual_holder=self._holder_info(certain))

    def _conflated_holder(self, c: Claim, holders: list[Term]) -> Person | None:
        """The holder whose given name the written name carries (with another's surname)."""
        given = normalize(c.given_name or "")
        for t in reversed(holders):
            holder = self.kb.people[t.person_id]
            if given and given in {normalize(n).split()[0] for n in holder.names if len(n.split()) > 1}:
                return holder
        return None

    def _given_name_of_holder(self, who: str, holders: list) -> Person | None:
        """The holder whose given name the written name starts with and whose father's name
        it does not contradict (محمد بن نايف is not محمد بن سلمان), if any."""
        written = _name_tokens(who)
        fathers = _fathers_names(who)
        for t in holders:
            person = self.kb.people[t.person_id]
            theirs = set().union(*(_fathers_names(n) for n in person.names))
            if fathers and theirs and not fathers & theirs:
                continue
            if written and any(_name_tokens(n)[:1] == written[:1] for n in person.names if len(n.split()) > 1):
                return person
        return None

    # --- qualified claims -------------------------------------------------------------

    def _former(self, c: Claim, role, place, when: ClaimTime, who, label_en, label_ar) -> Verdict:
        hi = when.hi
        if not c.person_id:
            return Verdict("unverifiable", "unknown_person",
                           f"The KB does not know {who}; former holders of {label_en} are not all recorded.",
                           f"لا تعرف قاعدة المعرفة {who}؛ ولا تسجل جميع من شغلوا منصب {label_ar} سابقا.")
        person = self.kb.people[c.person_id]
        mine = person_terms(self.kb, person.id, role, place)
        # Former by the article's date, though the sentence may date an act of his term:
        # "الملك الراحل عبدالله أعلن في 2011".
        if c.alt_date is not None:
            hi = max(hi, c.alt_date.last_day())
        past = [t for t in mine if t.start and t.start.first_day() <= hi and t.end and t.end.first_day() <= hi]
        if past:
            return Verdict("supported", "former_holder",
                           f"{person.en} is a former {label_en}: {self._holders_text(past, 'en')}.",
                           f"{person.ar} {label_ar} سابق: {self._holders_text(past, 'ar')}.",
                           evidence=self._evidence(past))
        return Verdict("unverifiable", "former_unknown",
                       f"The KB has no earlier term of {person.en} as {label_en} (the claim's time: {when.en}).",
                       f"لا تسجل قاعدة المعرفة فترة سابقة لـ{person.ar} في منصب {label_ar} (وقت الادعاء: {when.ar}).",
                       evidence=self._evidence(mine))

    def _elect(self, c: Claim, role, place, when: ClaimTime, who, label_en, label_ar) -> Verdict:
        lo = when.lo
        if not c.person_id:
            return Verdict("unverifiable", "unknown_person",
                           f"The KB does not know {who}.", f"لا تعرف قاعدة المعرفة {who}.")
        person = self.kb.people[c.person_id]
        mine = person_terms(self.kb, person.id, role, place)
        upcoming = [t for t in mine if t.start and t.start.first_day() >= lo
                    and (not when.dated or (t.start.first_day() - lo).days <= 400)]
        if upcoming:
            return Verdict("supported", "elect",
                           f"{person.en} took office as {label_en} after the claim's time ({when.en}): {self._holders_text(upcoming, 'en')}.",
                           f"تولى {person.ar} منصب {label_ar} بعد وقت الادعاء ({when.ar}): {self._holders_text(upcoming, 'ar')}.",
                           evidence=self._evidence(upcoming))
        return Verdict("unverifiable", "elect_unknown",
                       f"The KB records no term of {person.en} as {label_en} starting after the claim's time ({when.en}).",
                       f"لا تسجل قاعدة المعرفة فترة لـ{person.ar} في منصب {label_ar} تبدأ بعد وقت الادعاء ({when.ar}).",
                       evidence=self._evidence(mine))
