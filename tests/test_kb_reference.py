"""The embedded KB against an independent reference: Wikidata's heads of state and
government (``../shared/data/reference/leaders/wikidata_heads_2026.csv``, when present).

For every country the KB has a head-of-state or head-of-government term for, and every
office of those countries that either side knows:

* each holder the reference gives as current (no end year) must, in the KB, hold that
  office at the KB's ``as_of`` date, or at least have a term of it that reaches into the
  reference's year;
* each holder of that office at ``as_of`` in the KB must be listed by the reference as
  holding it (with no end year, or one not before the reference's year).

Any difference fails the test unless ``kb/data/reference_exceptions.yaml`` lists it with
a reason. The reference has errors of its own (bare QIDs for labels, stale rows that never
got an end date, holders missing), so each exception says which side is right and why.
People are matched by Wikidata QID, else by a close English name.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from liqaa.kb.load import DATA_DIR
from liqaa.kb.model import KB, MONARCH_ROLES
from liqaa.text import normalize

REFERENCE = Path("reference") / "leaders" / "wikidata_heads_2026.csv"
REFERENCE_YEAR = 2026
EXCEPTIONS = DATA_DIR / "reference_exceptions.yaml"
QID = re.compile(r"^Q\d+$")


# --- reading the reference -----------------------------------------------------------

@dataclass(frozen=True)
class RefRow:
    country: str          # our alpha-2 code
    label: str            # the reference's position label
    office: str           # our role id
    qid: str
    name: str             # the reference's label for the holder (sometimes a bare QID)
    start: int | None
    end: int | None

    @property
    def current(self) -> bool:
        return self.end is None

    @property
    def who(self) -> str:
        return self.name if self.name == self.qid else f"{self.name} ({self.qid})"


# Not offices of the KB's model: a monarch's representatives, Andorra's co-princes,
# membership of collective bodies (Switzerland's Federal Council, Myanmar's junta council),
# whose members are not individually heads of state, and the Vatican City's governor (the
# President of the Pontifical Commission administers the territory; the Pope is its head).
_NOT_MODELLED = ("governor-general", "co-prince", "member of the swiss federal council",
                 "state administration council", "pontifical commission")
_GOVERNMENT = ("prime minister", "premier", "taoiseach", "president of the government",
               "council of ministers", "head of government")
_MONARCH = ("monarch", "king", "queen", "emir", "sultan", "prince", "emperor", "pope",
            "yang di-pertuan agong")
_COLLECTIVE = ("chairman", "member", "captain regent", "military leader", "state administration council",
               "o le ao o le malo")


def office_of(kb: KB, label: str, country: str) -> str | None:
    """Our role id for the reference's position label ("President of X" → president,
    "Premier"/"Taoiseach" → prime_minister, "monarch of X"/"Emir" → the country's monarch
    role ...), or None for positions the KB does not model."""
    low = label.lower()
    if any(w in low for w in _NOT_MODELLED):
        return None
    if "chancellor" in low:
        return "chancellor"
    if any(w in low for w in _GOVERNMENT):
        return "prime_minister"
    if "supreme leader" in low:
        return "supreme_leader"
    if any(w in low for w in _COLLECTIVE):
        return kb.concrete_role("head_of_state", country)
    if "president" in low:
        return "president"
    if any(w in low for w in _MONARCH):
        return kb.concrete_role("head_of_state", country)
    return None


def read_reference(kb: KB, path: Path) -> tuple[list[RefRow], set[str]]:
    """The reference's rows for countries we know by QID, and the set of all its countries."""
    by_qid = {c.wikidata: c.code for c in kb.countries.values() if c.wikidata}
    rows, countries = [], set()
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            code = by_qid.get(r["countryid"])
            countries.add(r["countryid"])
            if code is None:
                continue
            office = office_of(kb, r["positionLabel"], code)
            if office is None:
                continue
            rows.append(RefRow(country=code, label=r["positionLabel"], office=office, qid=r["officeholder"],
                               name=r["officeholderLabel"], start=int(r["start_year"]) if r["start_year"] else None,
                               end=int(r["end_year"]) if r["end_year"] else None))
    return rows, countries


# --- matching people -----------------------------------------------------------------

class PersonMatcher:
    """Reference holder → KB person id: by QID, else by a close English name."""

    def __init__(self, kb: KB):
        self.by_qid = {p.wikidata: p.id for p in kb.people.values() if p.wikidata}
        self.names: list[tuple[str, str]] = []
        for p in kb.people.values():
            for name in (p.en, *p.aliases):
                if name and not re.search(r"[\u0600-\u06FF]", name):
                    self.names.append((normalize(name), p.id))

    def __call__(self, qid: str, label: str) -> str | None:
        if qid in self.by_qid:
            return self.by_qid[qid]
        if QID.match(label):
            return None
        from rapidfuzz import fuzz

        key = normalize(label)
        scored = sorted(((fuzz.token_sort_ratio(key, n), pid) for n, pid in self.names), reverse=True)
        if scored and scored[0][0] >= 90:
            best = {pid for s, pid in scored if s >= scored[0][0] - 2}
            if len(best) == 1:
                return scored[0][1]
        return None


# --- comparing -----------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    country: str
    office: str
    reference_person: str | None   # the reference's holder, "Name (QID)"
    kb_person: str | None          # the KB's person id
    problem: str

    def matches(self, exc: dict) -> bool:
        def same_ref(value) -> bool:
            if value is None or self.reference_person is None:
                return value is None and self.reference_person is None
            value = str(value)
            return value == self.reference_person or value in re.findall(r"Q\d+", self.reference_person) \
                or self.reference_person.startswith(value + " (")
        return (exc.get("country") == self.country and exc.get("office") == self.office
                and same_ref(exc.get("reference_person")) and exc.get("kb_person") == self.kb_person)

    def __str__(self) -> str:
        return (f"{self.country} {self.office}: reference {self.reference_person or '—'} · "
                f"KB {self.kb_person or '—'}: {self.problem}")


def _office_roles(kb: KB, office: str, country: str) -> tuple[str, ...]:
    return MONARCH_ROLES if office in MONARCH_ROLES else kb.roles_for(office, country)


def _kb_holders(kb: KB, office: str, country: str, claimed: bool = False) -> list[str]:
    """Who may hold the office at as_of; with ``claimed``, only those the KB says are still
    in office then (a term ending "2026" may or may not cover 2026-11-15, but the KB does
    not claim its holder was still there)."""
    when = kb.as_of
    ids = []
    for role in _office_roles(kb, office, country):
        for t in kb.terms_by_office.get((role, country), []):
            if claimed:
                ok = (t.start is None or t.start.first_day() <= when) and (t.end is None or t.end.first_day() > when)
            else:
                ok = t.may_cover(when)
            if ok and t.person_id not in ids:
                ids.append(t.person_id)
    return ids


def _reaches_year(kb: KB, person_id: str, office: str, country: str, year: int) -> bool:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for t in kb.people[person_id].terms:
        if t.country != country or t.role not in _office_roles(kb, office, country):
            continue
        starts = t.start.first_day() if t.start else dt.date.min
        ends = t.end.last_day() if t.end else dt.date.max
        if starts <= last and ends >= first:
            return True
    return False


def led_countries(kb: KB) -> set[str]:
    """Countries with any head-of-state or head-of-government term in the KB."""
    out = set()
    for p in kb.people.values():
        for t in p.terms:
            c = kb.countries.get(t.country or "")
            if c and t.role in {*kb.roles_for("head_of_state", c.code), *kb.roles_for("head_of_government", c.code)}:
                out.add(c.code)
    return out


def compare(kb: KB, rows: list[RefRow]) -> tuple[list[Difference], set[str]]:
    scope = led_countries(kb)
    match = PersonMatcher(kb)
    ref_by_office: dict[tuple[str, str], list[RefRow]] = defaultdict(list)
    for r in rows:
        if r.country in scope:
            ref_by_office[(r.country, r.office)].append(r)
    offices = set(ref_by_office)
    for code in scope:
        for derived in ("head_of_state", "head_of_government"):
            role = kb.concrete_role(derived, code)
            if role not in ("head_of_state", "head_of_government"):
                offices.add((code, role))
    diffs: dict[tuple, Difference] = {}

    def add(d: Difference) -> None:
        diffs.setdefault((d.country, d.office, d.reference_person, d.kb_person), d)

    for country, office in sorted(offices):
        ref_rows = ref_by_office.get((country, office), [])
        holders = _kb_holders(kb, office, country)
        claimed = _kb_holders(kb, office, country, claimed=True)
        now = claimed[0] if claimed else None
        current_ref = [r for r in ref_rows if r.current]
        # 1. every holder the reference calls current holds the office in the KB.
        for r in current_ref:
            pid = match(r.qid, r.name)
            if pid is None:
                add(Difference(country, office, r.who, now,
                               f"the reference's current {r.label} is not a person in the KB"
                               + (" (its label is a bare QID)" if QID.match(r.name) else "")))
            elif pid not in holders and not _reaches_year(kb, pid, office, country, REFERENCE_YEAR):
                add(Difference(country, office, r.who, now,
                               f"the reference lists {pid} as current {r.label} (since {r.start}); "
                               f"the KB has no term of theirs in {REFERENCE_YEAR}"))
        # 2. every KB holder at as_of is listed by the reference.
        listed = {match(r.qid, r.name) for r in ref_rows if r.end is None or r.end >= REFERENCE_YEAR}
        for pid in claimed:
            if pid not in listed:
                ref_now = current_ref[0].who if current_ref else None
                add(Difference(country, office, ref_now, pid,
                               f"the KB has {pid} in office on {kb.as_of}; the reference does not list them"
                               + ("" if ref_rows else " (it has no rows for this office)")))
    return sorted(diffs.values(), key=lambda d: (d.country, d.office, str(d.reference_person), str(d.kb_person))), scope


def load_exceptions() -> list[dict]:
    with EXCEPTIONS.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or []


# --- tests ---------------------------------------------------------------------------

def test_the_exceptions_file_is_well_formed():
    from liqaa.kb.model import ROLES

    seen = set()
    for i, exc in enumerate(load_exceptions()):
        where = f"reference_exceptions.yaml entry {i + 1}"
        assert set(exc) == {"country", "office", "reference_person", "kb_person", "reason"}, f"{where}: fields {sorted(exc)}"
        assert re.fullmatch(r"[A-Z]{2}", str(exc["country"])), where
        assert exc["office"] in ROLES, where
        assert exc["reference_person"] or exc["kb_person"], f"{where}: names neither person"
        assert isinstance(exc["reason"], str) and len(exc["reason"].split()) >= 4, f"{where}: give a reason"
        key = (exc["country"], exc["office"], exc["reference_person"], exc["kb_person"])
        assert key not in seen, f"{where}: duplicate"
        seen.add(key)


def test_position_labels_map_onto_our_roles(small_kb):
    assert office_of(small_kb, "President of the United States", "US") == "president"
    assert office_of(small_kb, "Prime Minister of Russia", "RU") == "prime_minister"
    assert office_of(small_kb, "Premier of the People's Republic of China", "CN") == "prime_minister"
    assert office_of(small_kb, "President of the Government of Spain", "ES") == "prime_minister"
    assert office_of(small_kb, "Federal Chancellor of Germany", "DE") == "chancellor"
    assert office_of(small_kb, "King of Saudi Arabia", "SA") == "king"
    assert office_of(small_kb, "Chairman of the Council of Ministers of Bosnia and Herzegovina", "BA") == "prime_minister"
    assert office_of(small_kb, "Chairman of the Presidential Council", "RU") == "president"
    assert office_of(small_kb, "Governor-General of Canada", "CA") is None
    assert office_of(small_kb, "Member of the Swiss Federal Council", "CH") is None


def test_the_embedded_kb_agrees_with_the_wikidata_reference(kb, shared_data):
    path = shared_data / REFERENCE
    if not path.is_file():
        pytest.skip(f"{path} not present")
    rows, ref_countries = read_reference(kb, path)
    diffs, scope = compare(kb, rows)
    compared = {r.country for r in rows} & scope
    print(f"\nreference comparison: {len(compared)} of {len(ref_countries)} reference countries compared "
          f"(the KB has head-of-state/government terms for {len(scope)} countries); "
          f"{len(diffs)} differences")
    exceptions = load_exceptions()
    used = [False] * len(exceptions)
    unexplained = []
    for d in diffs:
        hits = [i for i, e in enumerate(exceptions) if d.matches(e)]
        for i in hits:
            used[i] = True
        if not hits:
            unexplained.append(d)
    stale = [e for e, u in zip(exceptions, used) if not u and e["country"] in scope]
    for e in stale:
        print(f"note: exception no longer needed: {e['country']} {e['office']} "
              f"{e['reference_person']} / {e['kb_person']}")
    assert not unexplained, (
        f"{len(unexplained)} difference(s) from {REFERENCE.name} not explained in reference_exceptions.yaml "
        "(fix the KB, or add an exception with its reason):\n" + "\n".join(str(d) for d in unexplained))
