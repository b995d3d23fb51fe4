"""Build a knowledge base from Wikidata facts, merge it with the curated KB, write it, diff two.

* :func:`resolve` maps Wikidata offices onto liqaa roles and countries: the office table is
  built from the inputs themselves (an office is a country's head-of-state office (P1906), its
  head-of-government office (P1313), or a foreign-minister office), the role comes from the
  office's label ("President of X", "Prime Minister of X", "Minister of Foreign Affairs of X",
  "President of the Government of Spain" ...) or else from the country's head-of-state or
  head-of-government role in the base KB, and the country from the base KB's ``wikidata``
  field of its countries.
* :func:`merge` adds Wikidata's people and terms to the base (curated) KB. Where the two
  disagree the curated facts win: a Wikidata term is dropped when the same person already
  has a curated term in that office overlapping it, or when a curated term gives that
  exclusive office to someone else at the time. Every added term has ``source: wikidata:QID``.
* :func:`write_kb` writes the result as a KB directory in the embedded YAML format, or as a
  single compiled JSON file of the same rows (data: a KB file never runs code), atomically (temporary path in the destination directory, renamed at
  the end): an error leaves nothing half-written.
* :func:`diff_kbs` compares two KBs: people added/removed/renamed, terms added/removed/changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import orjson

from liqaa.kb.model import EXCLUSIVE_ROLES, KB, MONARCH_ROLES, ROLES, Country, Org, PartialDate, Person, Term
from liqaa.kb.wikidata import (HEAD_KINDS, UNKNOWN, Facts, WDOffice, WDPerson, WikidataError, parse_dump,
                               parse_sparql, role_from_label, sniff)

HEAD_ROLES = frozenset({"president", "prime_minister", "chancellor", "king", "queen", "emir", "sultan",
                        "supreme_leader", "pope", "prince", "grand_duke"})


class BuildError(ValueError):
    """A build that cannot go on (bad output path ...): one line."""


# --- offices → roles ------------------------------------------------------------------------

def office_role(office: WDOffice, country: Country | None, gender: str | None = None) -> str | None:
    """The liqaa role of a Wikidata office held by a person of ``gender``."""
    label_role = role_from_label(office.en, office.ar)
    role = None
    if "foreign_minister" in office.kinds:
        role = "foreign_minister"
    elif office.kinds & set(HEAD_KINDS):
        if label_role in MONARCH_ROLES and country is not None and country.head_of_state in MONARCH_ROLES \
                and country.head_of_state not in ("king", "queen"):
            role = country.head_of_state   # "Monarch of Luxembourg" is its grand duke
        elif label_role in HEAD_ROLES:
            role = label_role       # "President of the Government of Spain", "Emir of Qatar"
        elif country is not None:
            for kind in HEAD_KINDS:
                if kind in office.kinds and getattr(country, kind):
                    role = getattr(country, kind)
                    break
    else:
        direct = [k for k in office.kinds if k in ROLES]
        role = direct[0] if direct else label_role
    return _gendered(role, gender)


def _gendered(role: str | None, gender: str | None) -> str | None:
    if role == "king" and gender == "f":
        return "queen"
    if role == "queen" and gender == "m":
        return "king"
    return role


def _head_role(kind: str, country: Country, gender: str | None) -> str | None:
    return _gendered(getattr(country, kind, None), gender)


@dataclass(slots=True)
class Resolved:
    person: str                  # QID
    role: str
    country: str                 # ISO code
    start: PartialDate
    end: PartialDate | None
    origin: str                  # P39, P35, P6
    statement: str | None = None


def _pd(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def resolve(facts: Facts, base: KB) -> tuple[list[Resolved], Counter]:
    """Wikidata terms as (person QID, role, country, dates); what could not be mapped is counted."""
    stats: Counter = Counter()
    by_qid = {c.wikidata: c for c in base.countries.values() if c.wikidata}
    out: list[Resolved] = []
    for t in facts.terms:
        person = facts.people.get(t.person)
        gender = person.gender if person else None
        if t.office:
            office = facts.offices.get(t.office)
            if office is None:
                stats["terms in offices outside the queried set"] += 1
                continue
            country = by_qid.get(office.country or "")
            if country is None:
                stats["terms in offices of countries not in the KB"] += 1
                continue
            role = office_role(office, country, gender)
            origin = "P39"
        else:
            country = by_qid.get(t.country or "")
            if country is None:
                stats["terms in offices of countries not in the KB"] += 1
                continue
            role = _head_role(t.kind or "", country, gender)
            origin = "P35" if t.kind == "head_of_state" else "P6"
        if role is None or role not in ROLES:
            stats["terms in offices with no liqaa role"] += 1
            continue
        if t.start is None or t.start == UNKNOWN:
            stats["terms without a start date"] += 1
            continue
        if t.end == UNKNOWN:
            stats["terms with an unknown end date"] += 1
            continue
        start, end = _pd(t.start), _pd(t.end)
        if end is not None and end.last_day() < start.first_day():
            stats["terms ending before they start"] += 1
            continue
        out.append(Resolved(t.person, role, country.code, start, end, origin, t.statement))
    return out, stats


# --- merge ----------------------------------------------------------------------------------

def _office_group(role: str, place: str | None) -> tuple[str, str]:
    return ("monarch" if role in MONARCH_ROLES else role, place or "")


def _end_first(end: PartialDate | None) -> dt.date:
    return end.first_day() if end else dt.date.max


def _end_last(end: PartialDate | None) -> dt.date:
    return end.last_day() if end else dt.date.max


def _may_overlap(a_start, a_end, b_start, b_end) -> bool:
    """Some reading of the partial dates makes the two terms share a day."""
    a0 = a_start.first_day() if a_start else dt.date.min
    b0 = b_start.first_day() if b_start else dt.date.min
    return a0 <= _end_last(b_end) and b0 <= _end_last(a_end)


def _surely_overlap(a_start, a_end, b_start, b_end) -> bool:
    """Every reading of the partial dates makes the terms overlap (a handover day does not count)."""
    a0 = a_start.last_day() if a_start else dt.date.min
    b0 = b_start.last_day() if b_start else dt.date.min
    return a0 < _end_first(b_end) and b0 < _end_first(a_end)


def _qnum(qid: str) -> int:
    try:
        return int(qid[1:])
    except ValueError:
        return 1 << 62


def _name_key(name: str | None) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s).strip()


def slugify(name: str | None) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


@dataclass(slots=True)
class BuildReport:
    version: str = ""
    as_of: dt.date | None = None
    inputs: list[str] = field(default_factory=list)
    wikidata_people: int = 0
    wikidata_terms: int = 0
    resolved_terms: int = 0
    people_added: int = 0
    people_matched: int = 0
    terms_added: int = 0
    kept_curated: int = 0          # Wikidata terms dropped because the curated KB has that person's term
    conflicts: list[dict] = field(default_factory=list)   # dropped because curated gives the office to someone else
    qids_filled: int = 0
    skipped: Counter = field(default_factory=Counter)
    input_stats: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {
            "version": self.version, "as_of": self.as_of.isoformat() if self.as_of else None,
            "inputs": self.inputs, "wikidata_people": self.wikidata_people,
            "wikidata_terms": self.wikidata_terms, "resolved_terms": self.resolved_terms,
            "people_added": self.people_added, "people_matched": self.people_matched,
            "terms_added": self.terms_added, "kept_curated": self.kept_curated,
            "conflicts": len(self.conflicts), "qids_filled": self.qids_filled,
            "skipped": dict(sorted(self.skipped.items())), "input": dict(sorted(self.input_stats.items())),
        }


def _copy_person(p: Person) -> Person:
    return Person(id=p.id, en=p.en, ar=p.ar, wikidata=p.wikidata, aliases=p.aliases, short=p.short,
                  gender=p.gender, citizenship=p.citizenship, born=p.born, died=p.died, terms=list(p.terms))


def _dedupe(terms: list[Resolved]) -> list[Resolved]:
    """One term per stretch of office: P39 first, then the most precise start."""
    prec = {"day": 0, "month": 1, "year": 2}
    ordered = sorted(terms, key=lambda r: (r.origin != "P39", prec[r.start.precision], r.start.first_day()))
    kept: list[Resolved] = []
    for r in ordered:
        group = _office_group(r.role, r.country)
        if any(_office_group(k.role, k.country) == group and _may_overlap(k.start, k.end, r.start, r.end)
               for k in kept):
            continue
        kept.append(r)
    kept.sort(key=lambda r: (r.start.first_day(), r.role, r.country))
    return kept


def _aliases(wd: WDPerson) -> tuple[str, ...]:
    """Full-name variants only (a single word alone would match too much text)."""
    seen = {_name_key(wd.en), _name_key(wd.ar)}
    out = []
    for alias in [*wd.aliases_en, *wd.aliases_ar]:
        key = _name_key(alias)
        if not key or key in seen or len(key.split()) < 2:
            continue
        seen.add(key)
        out.append(alias)
    return tuple(out[:12])


def merge(base: KB, facts: Facts, *, as_of: dt.date | None = None, version: str | None = None,
          report: BuildReport | None = None) -> tuple[KB, BuildReport]:
    """The base (curated) KB plus Wikidata's facts; curated facts win where they disagree."""
    report = report or BuildReport()
    resolved, skipped = resolve(facts, base)
    report.skipped.update(skipped)
    report.input_stats.update(facts.stats)
    report.wikidata_people = len(facts.people)
    report.wikidata_terms = len(facts.terms)
    report.resolved_terms = len(resolved)

    people = {pid: _copy_person(p) for pid, p in base.people.items()}
    by_qid = {p.wikidata: p.id for p in base.people.values() if p.wikidata}
    by_name: dict[str, list[str]] = defaultdict(list)
    for p in base.people.values():
        if not p.wikidata:
            for name in (p.en, *p.aliases):
                by_name[_name_key(name)].append(p.id)
    curated: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for p in base.people.values():
        for t in p.terms:
            curated[_office_group(t.role, t.country or t.org)].append(t)
    country_by_qid = {c.wikidata: c.code for c in base.countries.values() if c.wikidata}
    used_ids = set(people)

    by_person: dict[str, list[Resolved]] = defaultdict(list)
    for r in resolved:
        by_person[r.person].append(r)
    for qid in sorted(by_person, key=_qnum):
        wd = facts.people.get(qid) or WDPerson(qid=qid)
        terms = _dedupe(by_person[qid])
        pid = by_qid.get(qid)
        if pid is None:
            groups = {_office_group(r.role, r.country) for r in terms}
            for cand in by_name.get(_name_key(wd.en), ()):
                if any(_office_group(t.role, t.country or t.org) in groups for t in base.people[cand].terms):
                    pid = cand
                    break
        own = base.people[pid].terms if pid else []
        added: list[Resolved] = []
        for r in terms:
            group = _office_group(r.role, r.country)
            if any(_office_group(t.role, t.country or t.org) == group and _may_overlap(t.start, t.end, r.start, r.end)
                   for t in own):
                report.kept_curated += 1
                continue
            if r.role in EXCLUSIVE_ROLES or r.role in MONARCH_ROLES:
                clash = next((t for t in curated.get(group, ()) if t.person_id != pid and not t.acting
                              and _surely_overlap(t.start, t.end, r.start, r.end)), None)
                if clash is not None:
                    report.conflicts.append({
                        "wikidata": qid, "name": wd.en or wd.ar, "role": r.role, "country": r.country,
                        "start": str(r.start), "end": str(r.end) if r.end else None,
                        "curated_holder": clash.person_id, "curated_start": str(clash.start) if clash.start else None,
                        "curated_end": str(clash.end) if clash.end else None,
                    })
                    continue
            added.append(r)
        if pid and not people[pid].wikidata:
            people[pid].wikidata = qid      # matched by name and office: now by QID too
            report.qids_filled += 1
        if not added:
            if pid:
                report.people_matched += 1
            continue
        if pid is None:
            if not (wd.en or wd.ar):
                report.skipped["people without an English or Arabic label"] += 1
                continue
            slug = slugify(wd.en) or qid.lower()
            pid = slug if slug not in used_ids else f"{slug}-{qid.lower()}"
            used_ids.add(pid)
            citizenship = tuple(dict.fromkeys(country_by_qid[c] for c in wd.citizenship if c in country_by_qid))
            people[pid] = Person(id=pid, en=wd.en or wd.ar or "", ar=wd.ar or "", wikidata=qid,
                                 aliases=_aliases(wd), gender=wd.gender, citizenship=citizenship)
            report.people_added += 1
        else:
            report.people_matched += 1
        for r in added:
            people[pid].terms.append(Term(person_id=pid, role=r.role, start=r.start, end=r.end,
                                          source=f"wikidata:{qid}", country=r.country))
            report.terms_added += 1
    as_of = as_of or base.as_of
    version = version or f"{base.version}+wikidata.{as_of:%Y%m%d}"
    report.version, report.as_of = version, as_of
    kb = KB(version=version, as_of=as_of, countries=dict(base.countries), orgs=dict(base.orgs), people=people)
    return kb, report


# --- the whole build ------------------------------------------------------------------------

_DUMP_DATE = re.compile(r"(?<!\d)(20\d\d)(\d\d)(\d\d)(?!\d)")


def dump_date(path: Path) -> dt.date | None:
    """A dump's own date, from the name Wikimedia gives it (``wikidata-20250106-all.json.bz2``)."""
    m = _DUMP_DATE.search(Path(path).name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def data_as_of(base: KB, facts: Facts, dumps: Iterable[Path] = (), today: dt.date | None = None) -> dt.date:
    """The as_of date the data read supports: a dump's own date when its name gives one, else
    the latest date of a fact read (a term's start or end); never before the base KB's, never
    after today. Not a file's mtime: a copy or a download date says nothing of the data."""
    today = today or dt.date.today()
    own = [d for d in map(dump_date, dumps) if d is not None and d <= today]
    if own:
        return min(max(base.as_of, *own), today)
    latest = base.as_of
    for t in facts.terms:
        for value in (t.start, t.end):
            day = _fact_day(value)
            if day is not None and latest < day <= today:
                latest = day
    return min(latest, today)


def _fact_day(value: str | None) -> dt.date | None:
    """The first day of a fact's partial date: the day it is certainly known to have passed."""
    try:
        pd = PartialDate.parse(value)
    except ValueError:
        return None
    return pd.first_day() if pd else None


def load_facts(sparql: Iterable[Path] = (), dumps: Iterable[Path] = (), *, countries: Iterable[str] = (),
               client=None, progress=None, **dump_options) -> Facts:
    facts = Facts()
    for path in sparql:
        path = Path(path)
        if not path.is_file():
            raise WikidataError(f"{path}: no such file")
        facts.update(parse_sparql(path))
    for path in dumps:
        facts.update(parse_dump(path, countries, client=client, progress=progress, **dump_options))
    return facts


def classify_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(SPARQL result files, dumps), by content."""
    sparql, dumps = [], []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise WikidataError(f"{path}: no such file")
        kind = sniff(path)
        if kind == "dump":
            dumps.append(path)
        elif kind and kind.startswith("sparql"):
            sparql.append(path)
        else:
            raise WikidataError(f"{path.name}: not a Wikidata dump or SPARQL result")
    return sparql, dumps


def build_kb(sparql: Iterable[Path] = (), dumps: Iterable[Path] = (), *, base: KB | None = None,
             as_of: dt.date | None = None, client=None, progress=None, **dump_options) -> tuple[KB, BuildReport]:
    """Parse the inputs and merge them into ``base`` (default: the embedded curated KB).

    ``as_of`` defaults to what the data supports (:func:`data_as_of`).
    """
    from liqaa.kb.load import default_kb

    sparql, dumps = [Path(p) for p in sparql], [Path(p) for p in dumps]
    base = base or default_kb()
    countries = [c.wikidata for c in base.countries.values() if c.wikidata]
    facts = load_facts(sparql, dumps, countries=countries, client=client, progress=progress, **dump_options)
    if as_of is None:
        as_of = data_as_of(base, facts, dumps)
    report = BuildReport(inputs=[str(p) for p in [*sparql, *dumps]])
    return merge(base, facts, as_of=as_of, report=report)


# --- writing --------------------------------------------------------------------------------

def _yaml_dump(data) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=False)


def _compact(d: dict, keep: Iterable[str] = ()) -> dict:
    keep = set(keep)
    return {k: v for k, v in d.items() if k in keep or (v is not None and v != () and v != [] and v is not False)}


def _country_row(c: Country) -> dict:
    row = _compact({
        "code": c.code, "wikidata": c.wikidata, "en": c.en, "en_alt": list(c.en_alt), "ar": c.ar,
        "ar_alt": list(c.ar_alt), "adj_en": list(c.adj_en), "adj_ar": list(c.adj_ar),
        "adj_ar_plural": list(c.adj_ar_plural), "capital_en": c.capital_en, "capital_ar": c.capital_ar,
        "head_of_state": c.head_of_state, "head_of_government": c.head_of_government,
    }, keep=("code", "en", "ar", "head_of_state", "head_of_government"))
    if not c.adj_ar_feminine:
        row["adj_ar_feminine"] = False
    if c.abolished:
        row["abolished"] = {role: {"date": last_day.isoformat(), "source": source}
                            for role, last_day, source in c.abolished}
    return row


def _org_row(o: Org) -> dict:
    return _compact({"code": o.code, "wikidata": o.wikidata, "en": o.en, "en_alt": list(o.en_alt), "ar": o.ar,
                     "ar_alt": list(o.ar_alt), "adj_ar": list(o.adj_ar)}, keep=("code", "en", "ar"))


def _term_row(t: Term) -> dict:
    row = {"role": t.role}
    if t.country:
        row["country"] = t.country
    if t.org:
        row["org"] = t.org
    row["start"] = str(t.start) if t.start else None
    row["end"] = str(t.end) if t.end else None
    if t.acting:
        row["acting"] = True
    for k in ("title_en", "title_ar", "note"):
        if getattr(t, k):
            row[k] = getattr(t, k)
    row["source"] = t.source
    return row


def _person_row(p: Person) -> dict:
    row = _compact({
        "id": p.id, "wikidata": p.wikidata, "en": p.en, "ar": p.ar, "aliases": list(p.aliases),
        "short": list(p.short), "gender": p.gender, "citizenship": list(p.citizenship),
        "born": str(p.born) if p.born else None, "died": str(p.died) if p.died else None,
    }, keep=("id", "en", "ar"))
    row["terms"] = [_term_row(t) for t in p.terms]
    return row


def _person_file(p: Person) -> str:
    for t in p.terms:
        if t.country:
            return t.country.lower()
        if t.org:
            return "intl"
    return "other"


def kb_files(kb: KB, meta: dict | None = None) -> dict[str, str]:
    """The KB as the embedded YAML files: relative path → text."""
    header = "# Built by `liqaa kb build` from the curated KB and Wikidata. Format: liqaa/kb/data/README.md\n"
    kb_meta = {"version": kb.version, "as_of": kb.as_of}
    if meta:
        kb_meta["build"] = meta
    files = {
        "kb.yaml": header + _yaml_dump(kb_meta),
        "countries.yaml": header + _yaml_dump([_country_row(c) for c in sorted(kb.countries.values(), key=lambda c: c.code)]),
        "orgs.yaml": header + _yaml_dump([_org_row(o) for o in kb.orgs.values()]),
    }
    groups: dict[str, list[Person]] = defaultdict(list)
    for p in kb.people.values():
        groups[_person_file(p)].append(p)
    for name in sorted(groups):
        rows = [_person_row(p) for p in sorted(groups[name], key=lambda p: (p.wikidata is None, _qnum(p.wikidata or ""), p.id))]
        files[f"people/{name}.yaml"] = header + _yaml_dump(rows)
    return files


def kb_document(kb: KB, meta: dict | None = None) -> dict:
    """The KB as one JSON document (the compiled file): the rows of the YAML files."""
    from liqaa.kb.load import COMPILED_FORMAT

    kb_meta = {"version": kb.version, "as_of": kb.as_of.isoformat()}
    if meta:
        kb_meta["build"] = meta
    people = sorted(kb.people.values(), key=lambda p: (p.wikidata is None, _qnum(p.wikidata or ""), p.id))
    return {
        "format": COMPILED_FORMAT, "kb": kb_meta,
        "countries": [_country_row(c) for c in sorted(kb.countries.values(), key=lambda c: c.code)],
        "orgs": [_org_row(o) for o in kb.orgs.values()],
        "people": [_person_row(p) for p in people],
    }


def refuse_pickle_output(out: Path) -> None:
    from liqaa.kb.load import PICKLE_SUFFIXES

    if out.suffix.lower() in PICKLE_SUFFIXES:
        raise BuildError(f"{out}: liqaa no longer writes pickled knowledge bases (a pickle can run code "
                         f"when loaded); write the compiled KB as data: -o {out.with_suffix('.json')}")


def write_kb(kb: KB, out: str | os.PathLike, *, compiled: bool = False, meta: dict | None = None) -> Path:
    """Write ``kb`` to ``out`` (a directory of YAML files, or one JSON file when ``compiled``),
    through a temporary path in the destination directory renamed at the end."""
    out = Path(out)
    refuse_pickle_output(out)
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot create {parent}: {exc.strerror}") from None
    if compiled:
        if out.is_dir():
            raise BuildError(f"{out} is a directory; give a file name for --compiled")
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(orjson.dumps(kb_document(kb, meta)))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)       # as the files of a KB directory
            os.replace(tmp, out)
        except BaseException:
            _remove(Path(tmp))
            raise
        return out
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} exists and is not a directory (use --compiled to write one file)")
    if out.is_dir() and any(out.iterdir()) and not (out / "kb.yaml").is_file():
        raise BuildError(f"{out} is not empty and not a knowledge base directory; refusing to overwrite it")
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp"))
    old = None
    try:
        (tmp / "people").mkdir()
        for rel, text in kb_files(kb, meta).items():
            (tmp / rel).write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o755)
        if out.exists():
            old = parent / f".{out.name}.old-{os.getpid()}"
            os.rename(out, old)
        os.rename(tmp, out)
    except BaseException:
        if old is not None and not out.exists():
            os.rename(old, out)
            old = None
        _remove(tmp)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out


def _remove(path: Path) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()
    except OSError:
        pass


# --- diff -----------------------------------------------------------------------------------

_TERM_FIELDS = ("start", "end", "source", "acting", "title_en", "title_ar", "note")


def _pkey(p: Person) -> str:
    return p.wikidata or f"id:{p.id}"


def _term_json(t: Term) -> dict:
    return {"role": t.role, "country": t.country, "org": t.org, "start": str(t.start) if t.start else None,
            "end": str(t.end) if t.end else None, "source": t.source, "acting": t.acting}


def _field(t: Term, name: str):
    value = getattr(t, name)
    return str(value) if isinstance(value, PartialDate) else value


def _match_terms(old: list[Term], new: list[Term]):
    """Pairs (old, new) of the same office: same start first, then overlapping; the rest unmatched."""
    old, new = list(old), list(new)
    pairs = []
    for rule in ("start", "overlap"):
        for o in list(old):
            for n in new:
                if o.office != n.office:
                    continue
                if (rule == "start" and str(o.start) == str(n.start)) or \
                        (rule == "overlap" and _may_overlap(o.start, o.end, n.start, n.end)):
                    pairs.append((o, n))
                    old.remove(o)
                    new.remove(n)
                    break
    return pairs, old, new


def diff_kbs(old: KB, new: KB) -> dict:
    """Changes from ``old`` to ``new``; people are matched by Wikidata QID, else by id."""
    o_people = {_pkey(p): p for p in old.people.values()}
    n_people = {_pkey(p): p for p in new.people.values()}
    out = {
        "schema": "liqaa.kbdiff/1",
        "old": {"version": old.version, "as_of": old.as_of.isoformat()},
        "new": {"version": new.version, "as_of": new.as_of.isoformat()},
        "people": {"added": [], "removed": [], "changed": []},
        "terms": {"added": [], "removed": [], "changed": []},
    }
    for key in sorted(n_people.keys() - o_people.keys()):
        p = n_people[key]
        out["people"]["added"].append(p.ref())
        out["terms"]["added"] += [{"person": p.ref(), **_term_json(t)} for t in p.terms]
    for key in sorted(o_people.keys() - n_people.keys()):
        p = o_people[key]
        out["people"]["removed"].append(p.ref())
        out["terms"]["removed"] += [{"person": p.ref(), **_term_json(t)} for t in p.terms]
    for key in sorted(o_people.keys() & n_people.keys()):
        op, np_ = o_people[key], n_people[key]
        changes = {f: {"old": getattr(op, f), "new": getattr(np_, f)} for f in ("id", "en", "ar", "wikidata")
                   if getattr(op, f) != getattr(np_, f)}
        if changes:
            out["people"]["changed"].append({"person": np_.ref(), "changes": changes})
        pairs, removed, added = _match_terms(op.terms, np_.terms)
        for o, n in pairs:
            changes = {f: {"old": _field(o, f), "new": _field(n, f)} for f in _TERM_FIELDS if _field(o, f) != _field(n, f)}
            if changes:
                out["terms"]["changed"].append({"person": np_.ref(), "role": n.role, "country": n.country,
                                                "org": n.org, "start": str(o.start) if o.start else None,
                                                "changes": changes})
        out["terms"]["removed"] += [{"person": np_.ref(), **_term_json(t)} for t in removed]
        out["terms"]["added"] += [{"person": np_.ref(), **_term_json(t)} for t in added]
    out["summary"] = {f"{what}_{how}": len(out[what][how]) for what in ("people", "terms")
                      for how in ("added", "removed", "changed")}
    return out
