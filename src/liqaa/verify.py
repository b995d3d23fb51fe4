"""Verdicts: a claim judged against the knowledge base at the claim's date.

``supported``: the KB says the person held that office on that date.
``refuted``: the KB knows who held an exclusive office on that date and it was someone
else, or knows the person and they plainly did not (a national of another country, a
different office throughout).
``unverifiable``: everything else — unknown person or office, non-exclusive office, a date
outside the KB's coverage or beyond its ``as_of``. When unsure, liqaa says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from liqaa.claims import Claim
from liqaa.kb.model import KB, ROLE_SATISFIED_BY, PartialDate, Person, Term
from liqaa.text import compounds_joined, normalize

DEFAULT_STALE_AFTER = 365
# Terms before this date are not complete in the embedded KB, so the absence of a term
# before it proves nothing about a person.
DEFAULT_COVERAGE_START = dt.date(2020, 1, 1)

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


def _role_ok(kb: KB, claimed: str, place: str | None, term: Term) -> bool:
    roles = kb.roles_for(claimed, place or term.country or term.org)
    return any(term.role in ROLE_SATISFIED_BY.get(r, {r}) for r in roles)


@lru_cache(maxsize=1 << 16)
def _term_evidence(kb: KB, t: Term) -> dict:
    return t.as_evidence(kb)


@lru_cache(maxsize=1 << 16)
def _person_terms(kb: KB, person_id: str, role: str, place: str | None) -> list[Term]:
    return [t for t in kb.terms_of(person_id)
            if (place is None or (t.country or t.org) == place) and _role_ok(kb, role, place, t)]


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
        # The name without its family name: عبداللطيف بن راشد for عبد اللطيف بن راشد الزياني.
        if len(w) >= 2 and n[:len(w)] == w:
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
        kb = self.kb
        role = claim.role
        place = claim.place
        lo, hi = claim.date.first_day(), claim.date.last_day()
        note_en = note_ar = ""
        if lo > kb.as_of:
            if (lo - kb.as_of).days > self.stale_after:
                return Verdict(
                    "unverifiable", "kb_outdated",
                    f"The claim is dated {claim.date}, more than {self.stale_after} days after the "
                    f"knowledge base's as_of date {kb.as_of}: the KB may be outdated.",
                    f"تاريخ الادعاء {claim.date} يتجاوز تاريخ قاعدة المعرفة ({kb.as_of}) بأكثر من "
                    f"{self.stale_after} يوما؛ قد تكون قاعدة المعرفة قديمة.", judged_at=None)
            lo = hi = kb.as_of
            note_en, note_ar = f" (as of {kb.as_of})", f" (حتى {kb.as_of})"
        label_en = office_label(kb, kb.concrete_role(role, place), place, "en")
        label_ar = office_label(kb, kb.concrete_role(role, place), place, "ar")
        who = claim.mention
        gone = kb.abolished(role, place)
        if gone and lo > gone[0] and claim.qualifier not in ("former", "late"):
            when, source = gone
            person = kb.people[claim.person_id] if claim.person_id else None
            evidence = self._evidence(_person_terms(kb, person.id, role, place)) if person else []
            v = Verdict("refuted", "office_abolished",
                        f"{who} cannot be the {label_en} on {claim.date}: the office was abolished on {when} "
                        f"(source: {source}).",
                        f"لا يمكن أن يكون {who} {label_ar} في {claim.date}: أُلغي هذا المنصب في {when} "
                        f"(المصدر: {source}).", evidence=evidence)
            v.judged_at = lo
            return v
        if claim.qualifier in ("former", "late"):
            v = self._former(claim, role, place, lo, hi, who, label_en, label_ar)
        elif claim.qualifier == "elect":
            v = self._elect(claim, role, place, lo, hi, who, label_en, label_ar)
        elif claim.person_id:
            v = self._known(claim, role, place, lo, hi, who, label_en, label_ar)
        else:
            v = self._unknown(claim, role, place, lo, hi, who, label_en, label_ar)
        if note_en:
            v.en += note_en
            v.ar += note_ar
        v.judged_at = lo
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

    # --- present tense, known person ---------------------------------------------------

    def _known(self, c: Claim, role, place, lo, hi, who, label_en, label_ar) -> Verdict:
        kb = self.kb
        person = kb.people[c.person_id]
        mine = _person_terms(kb, person.id, role, place)
        held = [t for t in mine if _overlaps(t, lo, hi)]
        if held:
            return Verdict("supported", "held_office",
                           f"{person.en} held the office of {label_en} on {c.date}: {self._holders_text(held, 'en')}.",
                           f"شغل {person.ar} منصب {label_ar} في {c.date}: {self._holders_text(held, 'ar')}.",
                           evidence=self._evidence(held), actual_holder=self._holder_info(held))
        maybe = [t for t in mine if _may_overlap(t, lo, hi)]
        if maybe:
            return Verdict("unverifiable", "term_boundary",
                           f"{person.en}'s term as {label_en} is known only to the {maybe[0].start.precision if maybe[0].start else 'year'}; "
                           f"{c.date} may fall outside it: {self._holders_text(maybe, 'en')}.",
                           f"فترة {person.ar} في منصب {label_ar} معروفة بتقريب لا يحسم تاريخ {c.date}: {self._holders_text(maybe, 'ar')}.",
                           evidence=self._evidence(maybe))
        all_terms = kb.terms_of(person.id)
        now_terms = [t for t in all_terms if _overlaps(t, lo, hi)]
        known_as_en = self._holders_text(now_terms or all_terms[-3:], "en") or "no office"
        known_as_ar = self._holders_text(now_terms or all_terms[-3:], "ar") or "دون منصب"
        if place is not None and kb.is_exclusive(role, place):
            certain, uncertain = self._holders(role, place, lo, hi)
            if certain and not uncertain:
                holders = certain
                return Verdict(
                    "refuted", "other_holder",
                    f"{who} is not the {label_en}: on {c.date} the office was held by "
                    f"{self._holders_text(holders, 'en')}. The KB knows {person.en} as: {known_as_en}.",
                    f"{who} ليس {label_ar}: في {c.date} كان يشغل المنصب {self._holders_text(holders, 'ar')}. "
                    f"وتعرف قاعدة المعرفة {person.ar} بأنه: {known_as_ar}.",
                    evidence=self._evidence(holders, now_terms or all_terms[-3:]),
                    actual_holder=self._holder_info(holders))
        # Person side: the KB knows what the person did at that date, and it was in
        # another country: a national of one country is not another's official.
        if place is not None and not c.place_is_org and lo >= self.coverage_start and now_terms \
                and person.citizenship and place not in person.citizenship \
                and all(t.country and t.country != place for t in now_terms):
            return Verdict(
                "refuted", "other_country",
                f"{who} is not the {label_en}: the KB knows {person.en} on {c.date} as {known_as_en}.",
                f"{who} ليس {label_ar}: تعرف قاعدة المعرفة {person.ar} في {c.date} بأنه {known_as_ar}.",
                evidence=self._evidence(now_terms))
        if place is None and kb.is_exclusive(role, None) and lo >= self.coverage_start and now_terms:
            past = [t for t in _person_terms(kb, person.id, role, None)]
            if not past:
                return Verdict(
                    "refuted", "other_office",
                    f"{who} did not hold the office of {label_en} on {c.date}: the KB knows {person.en} as {known_as_en}.",
                    f"لم يشغل {who} منصب {label_ar} في {c.date}: تعرف قاعدة المعرفة {person.ar} بأنه {known_as_ar}.",
                    evidence=self._evidence(now_terms))
        if mine:
            return Verdict(
                "unverifiable", "not_at_date",
                f"{person.en} held the office of {label_en}, but not on {c.date} according to the KB "
                f"({self._holders_text(mine, 'en')}); a former title may be meant.",
                f"شغل {person.ar} منصب {label_ar} لكن ليس في {c.date} بحسب قاعدة المعرفة "
                f"({self._holders_text(mine, 'ar')})؛ ربما قُصد اللقب السابق.",
                evidence=self._evidence(mine))
        reason = "non_exclusive" if not kb.is_exclusive(role, place) else "office_unknown"
        return Verdict(
            "unverifiable", reason,
            f"The KB has no record of {person.en} as {label_en} on {c.date}; it knows {person.en} as: {known_as_en}.",
            f"لا تسجل قاعدة المعرفة {person.ar} بصفة {label_ar} في {c.date}؛ وتعرفه بأنه: {known_as_ar}.",
            evidence=self._evidence(now_terms or all_terms[-3:]))

    # --- unknown person ----------------------------------------------------------------

    def _unknown(self, c: Claim, role, place, lo, hi, who, label_en, label_ar) -> Verdict:
        kb = self.kb
        surname_terms = kb.terms_of(c.surname_of) if c.surname_of else []
        if place is None or not kb.is_exclusive(role, place):
            return Verdict(
                "unverifiable", "unknown_person",
                f"The KB does not know {who}, and the office of {label_en} is not one it can check by its holder.",
                f"لا تعرف قاعدة المعرفة {who}، ولا يمكن التحقق من منصب {label_ar} من خلال شاغله.",
                evidence=self._evidence(surname_terms))
        certain, uncertain = self._holders(role, place, lo, hi)
        if not certain or uncertain:
            return Verdict(
                "unverifiable", "holder_unknown",
                f"The KB does not know {who}, nor with certainty who was {label_en} on {c.date}.",
                f"لا تعرف قاعدة المعرفة {who}، ولا من كان {label_ar} في {c.date} على وجه اليقين.",
                evidence=self._evidence(certain, uncertain))
        for t in certain:
            if name_similar(who, kb.people[t.person_id].names):
                return Verdict(
                    "supported", "held_office_spelling",
                    f"{who} appears to be {kb.people[t.person_id].en}, who held the office of {label_en} on {c.date}: "
                    f"{self._holders_text([t], 'en')}.",
                    f"يبدو أن {who} هو {kb.people[t.person_id].ar} الذي شغل منصب {label_ar} في {c.date}: "
                    f"{self._holders_text([t], 'ar')}.",
                    evidence=self._evidence([t]), actual_holder=self._holder_info([t]))
        namesake = self._given_name_of_holder(who, certain)
        if namesake is not None and not c.surname_of:
            return Verdict(
                "unverifiable", "holder_namesake",
                f"The KB does not know {who}; the {label_en} on {c.date} was {namesake.en}, whose given name "
                f"it shares, so the text may name him in another form: {self._holders_text(certain, 'en')}.",
                f"لا تعرف قاعدة المعرفة {who}؛ وكان {label_ar} في {c.date} {namesake.ar} الذي يحمل الاسم الأول "
                f"نفسه، فلعل النص يذكره بصيغة أخرى: {self._holders_text(certain, 'ar')}.",
                evidence=self._evidence(certain), actual_holder=self._holder_info(certain))
        en = (f"{who} was not the {label_en} on {c.date}: the office was held by "
              f"{self._holders_text(certain, 'en')}.")
        ar = f"لم يكن {who} {label_ar} في {c.date}: كان يشغل المنصب {self._holders_text(certain, 'ar')}."
        conflation = None
        if c.surname_of:
            other = kb.people[c.surname_of]
            other_terms = [t for t in surname_terms if _overlaps(t, lo, hi)] or surname_terms[-2:]
            en += f" The KB knows {other.en} as: {self._holders_text(other_terms, 'en')}."
            ar += f" وتعرف قاعدة المعرفة {other.ar} بأنه: {self._holders_text(other_terms, 'ar')}."
            holder = kb.people[certain[-1].person_id]
            given = normalize(c.given_name or "")
            holder_given = {normalize(n).split()[0] for n in holder.names if len(n.split()) > 1}
            if given and given in holder_given:
                conflation = {"given_name_of": holder.ref(), "surname_of": other.ref()}
                en += (f" The name looks like a conflation: the given name of {holder.en} "
                       f"with the surname of {other.en}.")
                ar += (f" ويبدو الاسم خلطا بين شخصين: الاسم الأول لـ{holder.ar} "
                       f"واسم عائلة {other.ar}.")
            else:
                conflation = {"given_name_of": None, "surname_of": other.ref()}
                en += f" The surname is that of {other.en}, but the given name is not his."
                ar += f" اسم العائلة هو اسم {other.ar}، لكن الاسم الأول ليس اسمه."
        return Verdict("refuted", "other_holder", en, ar,
                       evidence=self._evidence(certain, surname_terms),
                       actual_holder=self._holder_info(certain), conflation=conflation)

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

    def _former(self, c: Claim, role, place, lo, hi, who, label_en, label_ar) -> Verdict:
        if not c.person_id:
            return Verdict("unverifiable", "unknown_person",
                           f"The KB does not know {who}; former holders of {label_en} are not all recorded.",
                           f"لا تعرف قاعدة المعرفة {who}؛ ولا تسجل جميع من شغلوا منصب {label_ar} سابقا.")
        person = self.kb.people[c.person_id]
        mine = _person_terms(self.kb, person.id, role, place)
        past = [t for t in mine if t.start and t.start.first_day() <= hi and t.end and t.end.first_day() <= hi]
        if past:
            return Verdict("supported", "former_holder",
                           f"{person.en} is a former {label_en}: {self._holders_text(past, 'en')}.",
                           f"{person.ar} {label_ar} سابق: {self._holders_text(past, 'ar')}.",
                           evidence=self._evidence(past))
        return Verdict("unverifiable", "former_unknown",
                       f"The KB has no earlier term of {person.en} as {label_en} before {c.date}.",
                       f"لا تسجل قاعدة المعرفة فترة سابقة لـ{person.ar} في منصب {label_ar} قبل {c.date}.",
                       evidence=self._evidence(mine))

    def _elect(self, c: Claim, role, place, lo, hi, who, label_en, label_ar) -> Verdict:
        if not c.person_id:
            return Verdict("unverifiable", "unknown_person",
                           f"The KB does not know {who}.", f"لا تعرف قاعدة المعرفة {who}.")
        person = self.kb.people[c.person_id]
        mine = _person_terms(self.kb, person.id, role, place)
        upcoming = [t for t in mine if t.start and t.start.first_day() >= lo
                    and (t.start.first_day() - lo).days <= 400]
        if upcoming:
            return Verdict("supported", "elect",
                           f"{person.en} took office as {label_en} after {c.date}: {self._holders_text(upcoming, 'en')}.",
                           f"تولى {person.ar} منصب {label_ar} بعد {c.date}: {self._holders_text(upcoming, 'ar')}.",
                           evidence=self._evidence(upcoming))
        return Verdict("unverifiable", "elect_unknown",
                       f"The KB records no term of {person.en} as {label_en} starting after {c.date}.",
                       f"لا تسجل قاعدة المعرفة فترة لـ{person.ar} في منصب {label_ar} تبدأ بعد {c.date}.",
                       evidence=self._evidence(mine))
