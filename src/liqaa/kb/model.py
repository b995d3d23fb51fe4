"""The knowledge base: people, offices, terms and countries, queried at a date.

The data files (``kb/data``) are the reviewable source of truth; this module is the
in-memory model built from them. Everything is keyed by stable ids: people by slug,
countries by ISO 3166-1 alpha-2 code, organisations by short code (``UN``, ``EU`` ...),
roles by the ids of ARCHITECTURE.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

ROLES = (
    "president", "vice_president", "prime_minister", "chancellor", "king", "queen",
    "emir", "sultan", "crown_prince", "supreme_leader", "foreign_minister",
    "defense_minister", "envoy", "secretary_general", "minister",
    "head_of_state", "head_of_government", "pope", "prince", "grand_duke",
)

# One holder at a time per country. Envoys and "minister" are many at once, and some
# countries have several vice presidents (Iran), so those are never refuted from the
# holder side.
EXCLUSIVE_ROLES = frozenset({
    "president", "prime_minister", "chancellor", "king", "queen", "emir", "sultan",
    "crown_prince", "supreme_leader", "foreign_minister", "defense_minister",
    "secretary_general", "pope", "prince", "grand_duke",
})

# A claim of the key role is satisfied by a term in any of the listed roles.
ROLE_SATISFIED_BY = {
    "minister": {"minister", "foreign_minister", "defense_minister", "prime_minister"},
    "president": {"president"},
}

MONARCH_ROLES = ("king", "queen", "emir", "sultan", "prince", "grand_duke")


class _PickledByFields:
    """Pickled as a call of the class with its fields: unpickling a slotted (and frozen)
    dataclass otherwise sets each field through a Python loop per object, which made up
    most of the time to load the cached KB."""

    __slots__ = ()

    def __reduce__(self):
        return self.__class__, tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class PartialDate(_PickledByFields):
    """A date known to the day, month or year. Compares by its first possible day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | dt.date | int | None) -> "PartialDate | None":
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            return cls(value)
        parts = str(value).strip().split("-")
        try:
            nums = [int(p) for p in parts]
        except ValueError as exc:
            raise ValueError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)") from exc
        if not 1 <= len(nums) <= 3:
            raise ValueError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        pd = cls(*nums)
        pd.first_day()  # validates month/day ranges
        return pd

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(frozen=True, slots=True)
class Country(_PickledByFields):
    code: str
    en: str
    ar: str
    wikidata: str | None = None
    en_alt: tuple[str, ...] = ()
    ar_alt: tuple[str, ...] = ()
    adj_en: tuple[str, ...] = ()
    adj_ar: tuple[str, ...] = ()
    adj_ar_plural: tuple[str, ...] = ()
    adj_ar_feminine: bool = True   # False where the feminine nisba is a common word (المالية)
    capital_en: str | None = None
    capital_ar: str | None = None
    head_of_state: str | None = None
    head_of_government: str | None = None
    abolished: tuple[tuple[str, "dt.date", str], ...] = ()   # (role, last day, source)


@dataclass(frozen=True, slots=True)
class Org(_PickledByFields):
    code: str
    en: str
    ar: str
    wikidata: str | None = None
    en_alt: tuple[str, ...] = ()
    ar_alt: tuple[str, ...] = ()
    adj_ar: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term(_PickledByFields):
    person_id: str
    role: str
    start: PartialDate | None
    end: PartialDate | None
    source: str
    country: str | None = None
    org: str | None = None
    acting: bool = False
    shared: bool = False        # a co-holder of the office (Nicaragua's co-presidency)
    title_en: str | None = None
    title_ar: str | None = None
    note: str | None = None

    @property
    def office(self) -> tuple[str, str]:
        return (self.role, self.country or self.org or "")

    def covers(self, when: dt.date) -> bool:
        """True when the term certainly includes ``when``."""
        if self.start is None or self.start.last_day() > when:
            return False
        return self.end is None or self.end.first_day() >= when

    def may_cover(self, when: dt.date) -> bool:
        """True when, given partial dates, the term possibly includes ``when``."""
        if self.start is not None and self.start.first_day() > when:
            return False
        return self.end is None or self.end.last_day() >= when

    def as_evidence(self, kb: "KB") -> dict:
        person = kb.people[self.person_id]
        return {
            "person": person.ref(),
            "role": self.role,
            "country": self.country,
            "org": self.org,
            "start": str(self.start) if self.start else None,
            "end": str(self.end) if self.end else None,
            "acting": self.acting,
            "title": {"en": self.title_en, "ar": self.title_ar} if (self.title_en or self.title_ar) else None,
            "source": self.source,
        }


@dataclass(slots=True)
class Person(_PickledByFields):
    id: str
    en: str
    ar: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    gender: str | None = None
    citizenship: tuple[str, ...] = ()
    born: PartialDate | None = None
    died: PartialDate | None = None
    terms: list[Term] = field(default_factory=list)

    def ref(self) -> dict:
        return {"id": self.id, "name_en": self.en, "name_ar": self.ar, "wikidata": self.wikidata}

    @property
    def names(self) -> tuple[str, ...]:
        return (self.en, self.ar, *self.aliases)


@dataclass(slots=True, eq=False)  # hashed by identity: caches key on the KB object
class KB:
    version: str
    as_of: dt.date
    countries: dict[str, Country]
    orgs: dict[str, Org]
    people: dict[str, Person]
    terms_by_office: dict[tuple[str, str], list[Term]] = field(default_factory=dict)
    fingerprint: str = ""   # identifies the files it was loaded from (keys derived caches)

    def __post_init__(self) -> None:
        if not self.terms_by_office:
            for person in self.people.values():
                for term in person.terms:
                    self.terms_by_office.setdefault(term.office, []).append(term)
            for terms in self.terms_by_office.values():
                terms.sort(key=lambda t: t.start.first_day() if t.start else dt.date.min)

    # --- queries -------------------------------------------------------------

    def concrete_role(self, role: str, place: str | None) -> str:
        """Map the derived roles head_of_state/head_of_government onto a country's role."""
        if role in ("head_of_state", "head_of_government") and place in self.countries:
            mapped = getattr(self.countries[place], role)
            if mapped:
                return mapped
        return role

    def roles_for(self, role: str, place: str | None) -> tuple[str, ...]:
        """The concrete roles whose terms answer a claim of ``role`` at ``place``: a
        monarchy's head of state is whichever monarch reigned (a queen until 2022 in the UK)."""
        concrete = self.concrete_role(role, place)
        if role in ("head_of_state", "king", "queen") and concrete in MONARCH_ROLES and role != "king" and role != "queen":
            return MONARCH_ROLES
        if role == "emir" and self.concrete_role("head_of_state", place) == "prince":
            return ("prince",)   # أمير موناكو: Arabic has one word for emir and prince
        return (concrete,)

    def abolished(self, role: str, place: str | None) -> tuple[dt.date, str] | None:
        """(date, source) when the office ceased to exist, e.g. Turkey's prime minister."""
        country = self.countries.get(place or "")
        if country is None:
            return None
        concrete = self.concrete_role(role, place)
        for r, when, source in country.abolished:
            if r == concrete:
                return when, source
        return None

    def is_exclusive(self, role: str, place: str | None) -> bool:
        if place in self.orgs:
            return role == "secretary_general"
        return self.concrete_role(role, place) in EXCLUSIVE_ROLES

    def holders(self, role: str, place: str | None, when: dt.date) -> list[Term]:
        """Terms of ``role`` at ``place`` (country or org) that certainly cover ``when``."""
        return [t for r in self.roles_for(role, place)
                for t in self.terms_by_office.get((r, place or ""), []) if t.covers(when)]

    def uncertain_holders(self, role: str, place: str | None, when: dt.date) -> list[Term]:
        return [t for r in self.roles_for(role, place)
                for t in self.terms_by_office.get((r, place or ""), [])
                if t.may_cover(when) and not t.covers(when)]

    def office_known(self, role: str, place: str | None) -> bool:
        return any((r, place or "") in self.terms_by_office for r in self.roles_for(role, place))

    def terms_of(self, person_id: str) -> list[Term]:
        return self.people[person_id].terms

    def place_name(self, code: str | None, lang: str = "en") -> str:
        if code is None:
            return ""
        entry = self.countries.get(code) or self.orgs.get(code)
        if entry is None:
            return code
        return entry.ar if lang == "ar" else entry.en


@lru_cache(maxsize=1 << 16)
def person_terms(kb: KB, person_id: str, role: str, place: str | None) -> list[Term]:
    """The person's terms in the office a claim names: the role (or a role that satisfies
    it: a foreign minister is a minister) at the place, or anywhere when the place is None."""
    def fits(t: Term) -> bool:
        roles = kb.roles_for(role, place or t.country or t.org)
        return any(t.role in ROLE_SATISFIED_BY.get(r, {r}) for r in roles)

    return [t for t in kb.terms_of(person_id) if (place is None or (t.country or t.org) == place) and fits(t)]
