"""Questions to the knowledge base, for people and for ``liqaa kb``: what is in it, who is
this name, who held that office on that date, everything one person held, and every term
as a flat row.

Names, roles and places are accepted the way people type them, in Arabic or English:
``لوكاشنكو`` finds Alexander Lukashenko, ``رئيس الوزراء`` is ``prime_minister``, and
``الروسي``, ``Russian``, ``Russia``, ``RU`` and ``روسيا`` are all Russia.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from liqaa.kb.model import KB, ROLES, Person, Term
from liqaa.text import normalize

# --- errors --------------------------------------------------------------------------


class QueryError(ValueError):
    """A query the KB cannot answer as asked; the message is one line for the user."""


class UnknownRole(QueryError):
    pass


class UnknownPlace(QueryError):
    def __init__(self, message: str, closest: list[str] | None = None):
        super().__init__(message)
        self.closest = closest or []


class NoSuchPerson(QueryError):
    def __init__(self, message: str, closest: list[tuple[Person, float]] | None = None):
        super().__init__(message)
        self.closest = closest or []


class AmbiguousPerson(QueryError):
    def __init__(self, message: str, candidates: list[tuple[Person, float]]):
        super().__init__(message)
        self.candidates = candidates


# --- labels --------------------------------------------------------------------------

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "president": ("President", "الرئيس"),
    "vice_president": ("Vice President", "نائب الرئيس"),
    "prime_minister": ("Prime Minister", "رئيس الوزراء"),
    "chancellor": ("Chancellor", "المستشار"),
    "king": ("King", "الملك"),
    "queen": ("Queen", "الملكة"),
    "emir": ("Emir", "الأمير"),
    "sultan": ("Sultan", "السلطان"),
    "crown_prince": ("Crown Prince", "ولي العهد"),
    "supreme_leader": ("Supreme Leader", "المرشد الأعلى"),
    "foreign_minister": ("Foreign Minister", "وزير الخارجية"),
    "defense_minister": ("Defence Minister", "وزير الدفاع"),
    "envoy": ("Envoy", "المبعوث"),
    "secretary_general": ("Secretary-General", "الأمين العام"),
    "minister": ("Minister", "الوزير"),
    "head_of_state": ("Head of State", "رئيس الدولة"),
    "head_of_government": ("Head of Government", "رئيس الحكومة"),
    "pope": ("Pope", "البابا"),
    "prince": ("Prince", "الأمير"),
    "grand_duke": ("Grand Duke", "الدوق الأكبر"),
}


def role_label(role: str, lang: str = "en") -> str:
    en, ar = ROLE_LABELS.get(role, (role.replace("_", " ").title(), role))
    return ar if lang == "ar" else en


_THE = re.compile(r"^(United |Netherlands|Philippines|Bahamas|Gambia|Holy See|Comoros|Maldives|Seychelles"
                  r"|Marshall |Solomon |Central African|Czech|Dominican|Democratic|Republic|European"
                  r"|African Union|Arab League|Gulf|Organisation|Organization|International|World)"
                  r"|(Islands|Emirates|Republic)$")


def office_label(kb: KB, role: str, place: str | None, lang: str = "en") -> str:
    """"President of Belarus", "Prime Minister of the United Kingdom" / "الرئيس · بيلاروسيا"."""
    name = kb.place_name(place, lang)
    if lang == "ar":
        return f"{role_label(role, 'ar')} · {name}" if name else role_label(role, "ar")
    if not name:
        return role_label(role)
    return f"{role_label(role)} of {'the ' if _THE.search(name) else ''}{name}"


# --- roles ---------------------------------------------------------------------------

# Short forms people type on a command line, beyond the titles lexicon.
_ROLE_EXTRA = {
    "pm": "prime_minister", "premier": "prime_minister",
    "fm": "foreign_minister", "foreign secretary": "foreign_minister",
    "secretary of state": "foreign_minister",
    "dm": "defense_minister", "defence minister": "defense_minister",
    "vp": "vice_president", "veep": "vice_president",
    "sg": "secretary_general", "secgen": "secretary_general",
    "hos": "head_of_state", "hog": "head_of_government",
    "head of state": "head_of_state", "head of government": "head_of_government",
    "monarch": "head_of_state",
}


def _role_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", normalize(text)).strip()


@lru_cache(maxsize=1)
def _role_index() -> dict[str, str]:
    from liqaa.gazetteer import load_lexicon

    index: dict[str, str] = {}
    for role in ROLES:
        index[_role_key(role)] = role
    for form, role in _ROLE_EXTRA.items():
        index.setdefault(_role_key(form), role)
    titles = load_lexicon("titles.yaml").get("titles", {})
    for role, spec in titles.items():
        if role not in ROLES:
            continue
        for key in ("en", "ar", "ar_construct"):
            for form in spec.get(key) or []:
                index.setdefault(_role_key(form), role)
    return index


def resolve_role(text: str) -> str:
    """A role id from a role id or a common word, English or Arabic
    (``pm``, ``prime minister``, ``رئيس الوزراء`` → ``prime_minister``)."""
    key = _role_key(text)
    index = _role_index()
    if key in index:
        return index[key]
    if key.endswith("s") and key[:-1] in index:  # "presidents"
        return index[key[:-1]]
    raise UnknownRole(f"unknown role {text!r} (known: {', '.join(ROLES)})")


# --- places --------------------------------------------------------------------------

def _adjective_forms(adj: str) -> set[str]:
    """Arabic nisba forms from the masculine singular, with and without ال."""
    base = normalize(adj)
    if base.startswith("ال"):
        base = base[2:]
    forms = {base, base + "ه"}
    if base.endswith("ي"):
        forms |= {base + s for s in ("ين", "ون", "ان", "تين", "ات")}
    return forms | {"ال" + f for f in forms}


@lru_cache(maxsize=8)
def _place_index(kb: KB) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}

    def add(form: str | None, code: str) -> None:
        if form:
            index.setdefault(normalize(form), set()).add(code)

    for c in kb.countries.values():
        for form in (c.code, c.en, *c.en_alt, c.ar, *c.ar_alt, *c.adj_en, *c.adj_ar_plural):
            add(form, c.code)
        for form in (c.ar, *c.ar_alt):  # "روسيا", and "الولايات المتحدة" typed without ال
            key = normalize(form)
            if key.startswith("ال") and len(key) > 4:
                index.setdefault(key[2:], set()).add(c.code)
        for adj in c.adj_ar:
            for form in _adjective_forms(adj):
                index.setdefault(form, set()).add(c.code)
    for o in kb.orgs.values():
        for form in (o.code, o.en, *o.en_alt, o.ar, *o.ar_alt):
            add(form, o.code)
        for adj in o.adj_ar:
            for form in _adjective_forms(adj):
                index.setdefault(form, set()).add(o.code)
    return {k: frozenset(v) for k, v in index.items()}


def _pycountry_code(text: str) -> str | None:
    """ISO alpha-3 codes and official names that only pycountry knows (RUS, Russian Federation)."""
    try:
        import pycountry

        found = pycountry.countries.lookup(text.strip())
    except (LookupError, ImportError):
        return None
    return getattr(found, "alpha_2", None)


def resolve_place(kb: KB, text: str) -> str:
    """A country's alpha-2 code or an organisation's code from a code, a name or an
    adjective, English or Arabic (``BY``, ``Belarus``, ``بيلاروسيا``, ``Belarusian``,
    ``البيلاروسي`` → ``BY``; ``UN``, ``الأمم المتحدة``, ``الأممي`` → ``UN``)."""
    raw = text.strip()
    if raw.upper() in kb.countries or raw.upper() in kb.orgs:
        return raw.upper()
    key = normalize(raw)
    codes = _place_index(kb).get(key)
    if codes is None and key.startswith("the "):
        codes = _place_index(kb).get(key[4:])
    if codes and len(codes) == 1:
        return next(iter(codes))
    if codes:
        names = ", ".join(f"{c} {kb.place_name(c)}" for c in sorted(codes))
        raise UnknownPlace(f"ambiguous country {text!r}: could be {names}", sorted(codes))
    code = _pycountry_code(raw)
    if code in kb.countries:
        return code
    closest = closest_places(kb, raw)
    hint = f"; closest: {', '.join(closest)}" if closest else ""
    raise UnknownPlace(f"unknown country {text!r}{hint}", closest)


def closest_places(kb: KB, text: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    index = _place_index(kb)
    keys = list(index)
    q = normalize(text)
    found = process.extract(q, keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=80)
    found.sort(key=lambda f: -fuzz.ratio(q, f[0]))
    out: list[str] = []
    for key, _score, _i in found:
        for code in sorted(index[key]):
            label = f"{kb.place_name(code)} ({code})"
            if label not in out:
                out.append(label)
    return out[:limit]


# --- people --------------------------------------------------------------------------

_SKELETON_DROP = str.maketrans("", "", "اويهء")
_ARABIC = re.compile("[\u0600-\u06FF]")


def skeleton(text: str) -> str:
    """The Arabic consonant skeleton of a name: normalised, long vowels and ه dropped,
    doubled letters collapsed, so spellings that differ only in vowel letters meet
    (لوكاشينكو/لوكاشنكو → لكشنك, ويتكوف/ويتكوفف → تكف)."""
    s = normalize(text).translate(_SKELETON_DROP)
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


@dataclass(slots=True)
class _NameIndex:
    keys: list[str]
    owners: list[str]
    exact: dict[str, set[str]]       # full names and aliases (not short forms)
    short: dict[str, set[str]]
    skel_keys: list[str]
    skel_owners: list[str]


@lru_cache(maxsize=8)
def _name_index(kb: KB) -> _NameIndex:
    keys, owners, skel_keys, skel_owners = [], [], [], []
    exact: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    for p in kb.people.values():
        seen: set[str] = set()
        for name, table in [*((n, exact) for n in p.names), *((n, short) for n in p.short)]:
            key = normalize(name)
            if not key:
                continue
            table.setdefault(key, set()).add(p.id)
            if key in seen:
                continue
            seen.add(key)
            keys.append(key)
            owners.append(p.id)
            if _ARABIC.search(key):
                sk = skeleton(key)
                if sk:
                    skel_keys.append(sk)
                    skel_owners.append(p.id)
    return _NameIndex(keys, owners, exact, short, skel_keys, skel_owners)


def search_people(kb: KB, query: str, limit: int = 10, min_score: float = 70.0) -> list[tuple[Person, float]]:
    """People whose names, aliases or short forms resemble ``query`` (Arabic or English),
    best first, with a 0-100 score. An exact name, id or QID scores 100; Arabic spellings
    that differ only in vowel letters score 98 (see ``skeleton``)."""
    from rapidfuzz import fuzz, process

    query = query.strip()
    if not query:
        return []
    best: dict[str, float] = {}

    def offer(pid: str, score: float) -> None:
        if score > best.get(pid, -1.0):
            best[pid] = score

    if query in kb.people:
        offer(query, 100.0)
    qid = query.upper()
    if re.fullmatch(r"Q\d+", qid):
        for p in kb.people.values():
            if p.wikidata == qid:
                offer(p.id, 100.0)
    idx = _name_index(kb)
    q = normalize(query)
    cutoff = max(min_score - 1, 0)
    # Whole-string similarity catches misspellings (Witkof, Mohammad bin Salmaan); token-set
    # similarity, slightly discounted, catches part of a name (Lukashenko, "Vladimir") and
    # reordered names. Partial-substring scorers are not used: they make "xyz" look like
    # a third of every name.
    for scorer, weight in ((fuzz.ratio, 1.0), (fuzz.token_set_ratio, 0.95)):
        for _key, score, i in process.extract(q, idx.keys, scorer=scorer, limit=None,
                                              score_cutoff=cutoff / weight):
            offer(idx.owners[i], weight * float(score))
    if _ARABIC.search(q):
        qs = skeleton(q)
        if qs:
            for key, score, i in process.extract(qs, idx.skel_keys, scorer=fuzz.ratio, limit=None,
                                                  score_cutoff=cutoff / 0.9):
                offer(idx.skel_owners[i], 98.0 if key == qs else 0.9 * float(score))
    ranked = sorted(((kb.people[pid], round(s, 1)) for pid, s in best.items() if s >= min_score),
                    key=lambda ps: (-ps[1], ps[0].en))
    return ranked[:limit]


def find_person(kb: KB, name: str) -> Person:
    """The one person ``name`` designates: an id, a QID, an exact name or alias, a short
    form only one person has, or a clear best fuzzy match. Raises ``NoSuchPerson`` (with
    the closest names) or ``AmbiguousPerson`` (with the candidates)."""
    name = name.strip()
    if name in kb.people:
        return kb.people[name]
    if re.fullmatch(r"[Qq]\d+", name):
        for p in kb.people.values():
            if p.wikidata == name.upper():
                return p
    idx = _name_index(kb)
    key = normalize(name)
    for table in (idx.exact, idx.short):
        ids = table.get(key)
        if ids and len(ids) == 1:
            return kb.people[next(iter(ids))]
        if ids:
            cands = [(kb.people[i], 100.0) for i in sorted(ids)]
            raise AmbiguousPerson(_ambiguous_message(name, cands), cands)
    found = search_people(kb, name, limit=5, min_score=80)
    if not found:
        closest = search_people(kb, name, limit=3, min_score=50)
        hint = f"; closest: {', '.join(f'{p.en} ({p.ar})' for p, _ in closest)}" if closest else ""
        raise NoSuchPerson(f"no person matches {name!r}{hint}", closest)
    top = found[0][1]
    near = [(p, s) for p, s in found if s >= top - 3]
    if len(near) > 1:
        raise AmbiguousPerson(_ambiguous_message(name, near), near)
    return found[0][0]


def _ambiguous_message(name: str, cands: list[tuple[Person, float]]) -> str:
    listed = "; ".join(f"{p.en} ({p.id})" for p, _ in cands[:6])
    return f"{name!r} could be several people: {listed} — give a fuller name or the id"


def _term_key(t: Term) -> tuple:
    return (t.start.first_day() if t.start else dt.date.min, t.role, t.country or t.org or "")


def person_terms(kb: KB, name: str) -> tuple[Person, list[Term]]:
    """The person ``name`` designates (see ``find_person``) and all their terms, oldest first."""
    person = find_person(kb, name)
    return person, sorted(person.terms, key=_term_key)


# --- offices -------------------------------------------------------------------------

def default_date(kb: KB) -> dt.date:
    """Today, or the KB's as_of when today is past it (the latest state the KB knows)."""
    return min(dt.date.today(), kb.as_of)


def _as_date(value: dt.date | str | None, kb: KB) -> dt.date:
    if value is None:
        return default_date(kb)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise QueryError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def who(kb: KB, role: str, country_or_org: str, date: dt.date | str | None = None) -> list[Term]:
    """The terms of ``role`` at a country or organisation that cover ``date`` (default:
    ``default_date``). Terms that certainly cover it come first, then those that may
    (partial dates, e.g. "2025-03"); tell them apart with ``term.covers(date)``.

    ``role`` and ``country_or_org`` take ids or common words (``who(kb, "الرئيس",
    "بيلاروسيا")``); ``head_of_state``/``head_of_government`` map to the country's role,
    and a monarchy's head of state is whichever monarch reigned."""
    role_id = resolve_role(role)
    place = resolve_place(kb, country_or_org)
    when = _as_date(date, kb)
    return sorted(kb.holders(role_id, place, when), key=_term_key) + \
        sorted(kb.uncertain_holders(role_id, place, when), key=_term_key)


@dataclass(slots=True)
class WhoAnswer:
    """``who`` with everything a reader needs to understand an empty answer."""

    role: str              # as resolved (may be head_of_state)
    concrete_role: str     # the country's role for head_of_state/government
    place: str
    date: dt.date
    holders: list[Term]
    uncertain: list[Term]
    office_known: bool     # the KB has any term for this office
    abolished: tuple[dt.date, str] | None
    after_as_of: bool


def who_answer(kb: KB, role: str, country_or_org: str, date: dt.date | str | None = None) -> WhoAnswer:
    role_id = resolve_role(role)
    place = resolve_place(kb, country_or_org)
    when = _as_date(date, kb)
    abolished = kb.abolished(role_id, place)
    return WhoAnswer(
        role=role_id, concrete_role=kb.concrete_role(role_id, place), place=place, date=when,
        holders=sorted(kb.holders(role_id, place, when), key=_term_key),
        uncertain=sorted(kb.uncertain_holders(role_id, place, when), key=_term_key),
        office_known=kb.office_known(role_id, place),
        abolished=abolished if abolished and abolished[0] < when else None,
        after_as_of=when > kb.as_of,
    )


# --- overview and export -------------------------------------------------------------

def kb_info(kb: KB) -> dict:
    """Version, as_of and counts: people, terms, countries, orgs, offices, people without
    a Wikidata QID, terms per role, and how many countries have a head of state or
    government in the KB."""
    terms = [t for p in kb.people.values() for t in p.terms]
    per_role = Counter(t.role for t in terms)
    led = set()
    for t in terms:
        c = kb.countries.get(t.country or "")
        if c and t.role in {c.head_of_state, c.head_of_government, *kb.roles_for("head_of_state", c.code)}:
            led.add(c.code)
    no_qid = sorted(p.id for p in kb.people.values() if not p.wikidata)
    return {
        "version": kb.version,
        "as_of": kb.as_of.isoformat(),
        "counts": {
            "people": len(kb.people),
            "terms": len(terms),
            "countries": len(kb.countries),
            "orgs": len(kb.orgs),
            "offices": len(kb.terms_by_office),
            "people_without_qid": len(no_qid),
            "countries_with_leaders": len(led),
        },
        "people_without_qid": no_qid,
        "terms_per_role": dict(sorted(per_role.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


EXPORT_FIELDS = ("person_id", "wikidata", "name_en", "name_ar", "role", "country", "org", "start", "end",
                 "acting", "title_en", "title_ar", "source")


def export_terms(kb: KB) -> Iterator[dict]:
    """Every term as a flat row (``EXPORT_FIELDS``), by person id then start date."""
    for pid in sorted(kb.people):
        p = kb.people[pid]
        for t in sorted(p.terms, key=_term_key):
            yield {
                "person_id": p.id,
                "wikidata": p.wikidata,
                "name_en": p.en,
                "name_ar": p.ar,
                "role": t.role,
                "country": t.country,
                "org": t.org,
                "start": str(t.start) if t.start else None,
                "end": str(t.end) if t.end else None,
                "acting": t.acting,
                "title_en": t.title_en,
                "title_ar": t.title_ar,
                "source": t.source,
            }
