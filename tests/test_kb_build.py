"""`liqaa kb build / sparql / diff`: a KB from Wikidata SPARQL results and JSON dumps.

The inputs are written by the tests in Wikidata's exact formats: dump lines as in
latest-all.json (one entity a line, "[" first, "]" last, trailing commas), SPARQL results as
query.wikidata.org returns them (application/sparql-results+json, and its CSV download). They
all come from one small set of entities, so every input kind must give the same KB.
"""

from __future__ import annotations

import bz2
import csv
import datetime as dt
import gzip
import io
import json
import logging
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from liqaa.kb.build import build_kb, diff_kbs, office_role, write_kb
from liqaa.kb.load import load_kb
from liqaa.kb.model import Country
from liqaa.kb.wikidata import (WDOffice, WikidataError, parse_dump, parse_sparql, sparql_queries,
                               wd_date)

HERE = Path(__file__).parent
FIXTURE_KB = HERE / "fixtures" / "kb"
AS_OF = dt.date(2026, 1, 31)

# --- a tiny Wikidata ----------------------------------------------------------------------------

E = "http://www.wikidata.org/entity/"
GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
MALE, FEMALE = "Q6581097", "Q6581072"
RU, BY, US, SA = "Q159", "Q184", "Q30", "Q851"
PRES_RU, PM_RU, FM_RU = "Q218295", "Q842386", "Q1418873"
PRES_BY, PM_BY = "Q1049659", "Q12379704"
PRES_US, SECSTATE = "Q11696", "Q14213"
KING_SA, PM_SA = "Q850168", "Q1153839"
DUMA = "Q17276321"        # member of the State Duma: an office liqaa does not track
UNKNOWN = object()        # Wikidata's "unknown value"


def _hash(*parts) -> str:
    import hashlib

    return hashlib.sha1(repr(parts).encode()).hexdigest()


def _entity_value(qid: str) -> dict:
    return {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}, "type": "wikibase-entityid"}


def _item_snak(prop: str, qid: str) -> dict:
    return {"snaktype": "value", "property": prop, "hash": _hash(prop, qid), "datavalue": _entity_value(qid),
            "datatype": "wikibase-item"}


def _time_snak(prop: str, value) -> dict:
    if value is UNKNOWN:
        return {"snaktype": "somevalue", "property": prop, "hash": _hash(prop, "somevalue"), "datatype": "time"}
    time, precision = value
    return {"snaktype": "value", "property": prop, "hash": _hash(prop, time),
            "datavalue": {"value": {"time": time, "timezone": 0, "before": 0, "after": 0, "precision": precision,
                                    "calendarmodel": GREGORIAN}, "type": "time"},
            "datatype": "time"}


def _statement(subject: str, prop: str, qid: str, start=None, end=None, rank="normal", n=0) -> dict:
    s = {"mainsnak": _item_snak(prop, qid), "type": "statement",
         "id": f"{subject}${_hash(subject, prop, qid, n)[:8].upper()}-0000-4000-8000-{_hash(n, subject)[:12].upper()}",
         "rank": rank}
    qualifiers = {}
    if start is not None:
        qualifiers["P580"] = [_time_snak("P580", start)]
    if end is not None:
        qualifiers["P582"] = [_time_snak("P582", end)]
    if qualifiers:
        s["qualifiers"] = qualifiers
        s["qualifiers-order"] = list(qualifiers)
    s["references"] = [{"hash": _hash("ref", s["id"]), "snaks": {"P143": [_item_snak("P143", "Q328")]},
                        "snaks-order": ["P143"]}]
    return s


def _entity(qid: str, en=None, ar=None, aliases_en=(), aliases_ar=(), claims=None, extra_labels=None) -> dict:
    labels = {}
    for lang, value in (("en", en), ("ar", ar), *(extra_labels or {}).items()):
        if value:
            labels[lang] = {"language": lang, "value": value}
    aliases = {}
    for lang, values in (("en", aliases_en), ("ar", aliases_ar)):
        if values:
            aliases[lang] = [{"language": lang, "value": v} for v in values]
    grouped: dict = {}
    for prop, stmt in claims or []:
        grouped.setdefault(prop, []).append(stmt)
    return {"type": "item", "id": qid, "labels": labels,
            "descriptions": {"en": {"language": "en", "value": "test entity"}} if en else {},
            "aliases": aliases, "claims": grouped,
            "sitelinks": {"enwiki": {"site": "enwiki", "title": en, "badges": []}} if en else {},
            "lastrevid": 2000000000 + int(qid[1:]) % 1000}


def D(date: str, precision: int = 11):
    return (date, precision)


def _human(qid, en, ar, positions, aliases_en=(), aliases_ar=(), gender=MALE, citizenship=()):
    claims = [("P31", _statement(qid, "P31", "Q5")), ("P21", _statement(qid, "P21", gender))]
    claims += [("P27", _statement(qid, "P27", c)) for c in citizenship]
    for n, (office, start, end, *rank) in enumerate(positions):
        claims.append(("P39", _statement(qid, "P39", office, start, end, rank[0] if rank else "normal", n)))
    return _entity(qid, en, ar, aliases_en, aliases_ar, claims)


def _country(qid, en, hos_office, hog_office, heads=()):
    claims = [("P31", _statement(qid, "P31", "Q3624078")), ("P1906", _statement(qid, "P1906", hos_office)),
              ("P1313", _statement(qid, "P1313", hog_office))]
    for n, (prop, person, start, end) in enumerate(heads):
        claims.append((prop, _statement(qid, prop, person, start, end, n=n)))
    return _entity(qid, en, None, claims=claims)


def _office(qid, en, ar, country, foreign_minister=False):
    claims = [("P31", _statement(qid, "P31", "Q4164871")), ("P1001", _statement(qid, "P1001", country)),
              ("P17", _statement(qid, "P17", country))]
    if foreign_minister:
        claims.append(("P279", _statement(qid, "P279", "Q7330070")))
    return _entity(qid, en, ar, claims=claims)


def tiny_wikidata(golovchenko_end=D("+2025-00-00T00:00:00Z", 9)) -> list[dict]:
    """Entities in dump order: real QIDs and facts, except the marked test claims and Q9999990x."""
    return [
        _entity("Q42", "Douglas Adams", "دوغلاس آدمز", claims=[("P31", _statement("Q42", "P31", "Q5"))]),
        _country(RU, "Russia", PRES_RU, PM_RU, heads=[
            ("P35", "Q7747", D("+2012-05-07T00:00:00Z"), None),
            ("P6", "Q4298520", D("+2020-01-16T00:00:00Z"), None)]),
        _country(BY, "Belarus", PRES_BY, PM_BY, heads=[("P35", "Q2866", D("+1994-07-20T00:00:00Z"), None)]),
        _country(US, "United States", PRES_US, PRES_US),
        # P6 without the holder's entity (his P39 is missing here): the curated KB has him.
        _country(SA, "Saudi Arabia", KING_SA, PM_SA, heads=[("P35", "Q367825", D("+2015-01-23T00:00:00Z"), None),
                                                           ("P6", "Q6892571", D("+2022-09-27T00:00:00Z"), None)]),
        _entity("Q649", "Moscow", "موسكو", claims=[("P6", _statement("Q649", "P6", "Q99999905", D("+2010-10-21T00:00:00Z")))]),
        _office(PRES_RU, "President of Russia", "رئيس روسيا", RU),
        _office(PM_RU, "Prime Minister of Russia", "رئيس وزراء روسيا", RU),
        _office(FM_RU, "Minister of Foreign Affairs of Russia", "وزير الخارجية الروسي", RU, foreign_minister=True),
        _office(PRES_BY, "President of Belarus", "رئيس بيلاروس", BY),
        _office(PM_BY, "Prime Minister of Belarus", "رئيس وزراء بيلاروس", BY),
        _office(PRES_US, "President of the United States", "رئيس الولايات المتحدة", US),
        _office(SECSTATE, "United States Secretary of State", "وزير خارجية الولايات المتحدة", US, foreign_minister=True),
        _office(KING_SA, "King of Saudi Arabia", "ملك السعودية", SA),
        _office(DUMA, "member of the State Duma", "عضو مجلس الدوما", RU),
        _human("Q7747", "Vladimir Putin", "فلاديمير بوتين", [
            (PRES_RU, D("+2000-05-07T00:00:00Z"), D("+2008-05-07T00:00:00Z")),
            (PRES_RU, D("+2012-05-07T00:00:00Z"), None),
            (PM_RU, D("+1999-08-16T00:00:00Z"), D("+2000-05-07T00:00:00Z")),
            (PM_RU, D("+2008-05-08T00:00:00Z"), D("+2012-05-07T00:00:00Z"))],
            aliases_en=["Vladimir Vladimirovich Putin", "Putin"], aliases_ar=["فلاديمير فلاديميروفيتش بوتين"],
            citizenship=[RU]),
        _human("Q23530", "Dmitry Medvedev", "دميتري ميدفيديف", [
            (PRES_RU, D("+2008-05-07T00:00:00Z"), D("+2012-05-07T00:00:00Z")),
            (PM_RU, D("+2012-05-08T00:00:00Z"), D("+2020-01-16T00:00:00Z"))], citizenship=[RU]),
        _human("Q4298520", "Mikhail Mishustin", "ميخائيل ميشوستين", [
            (PM_RU, D("+2020-01-16T00:00:00Z"), None)]),
        # Test claim: an end date the curated KB corrects (it has Lukashenko in office).
        _human("Q2866", "Alexander Lukashenko", "ألكسندر لوكاشينكو", [
            (PRES_BY, D("+1994-07-20T00:00:00Z"), D("+2020-08-09T00:00:00Z"))], citizenship=[BY]),
        # Test claim: someone else as president of Belarus while the curated KB has Lukashenko.
        _human("Q99999901", "Test Claimant", "مدعي الاختبار", [(PRES_BY, D("+2021-03-01T00:00:00Z"), None)]),
        _human("Q27043179", "Roman Golovchenko", "رومان غولوفتشينكو", [
            (PM_BY, D("+2020-06-04T00:00:00Z"), golovchenko_end)],
            aliases_en=["Raman Halouchanka"], citizenship=[BY]),
        _human("Q76", "Barack Obama", "باراك أوباما", [
            (PRES_US, D("+2009-01-20T00:00:00Z"), D("+2017-01-20T00:00:00Z")),
            ("Q4416090", D("+2005-01-03T00:00:00Z"), D("+2008-11-16T00:00:00Z"))],   # US senator: not tracked
            aliases_en=["Barack Hussein Obama II", "Obama"], aliases_ar=["باراك حسين أوباما"], citizenship=[US]),
        _human("Q6279", "Joe Biden", "جو بايدن", [(PRES_US, D("+2021-01-20T00:00:00Z"), D("+2025-01-20T00:00:00Z"))]),
        _human("Q6294", "Hillary Clinton", "هيلاري كلينتون", [
            (SECSTATE, D("+2009-01-21T00:00:00Z"), D("+2013-02-01T00:00:00Z"))], gender=FEMALE),
        # A deprecated statement and an unknown end date: both must be ignored.
        _human("Q99999902", "Deprecated Holder", "حامل مهمل", [
            (PRES_US, D("+1990-01-01T00:00:00Z"), D("+1991-01-01T00:00:00Z"), "deprecated")]),
        _human("Q99999903", "Unknown End", "نهاية مجهولة", [(PM_BY, D("+1996-01-01T00:00:00Z"), UNKNOWN)]),
        _human("Q367825", "Salman bin Abdulaziz", "سلمان بن عبد العزيز", [(KING_SA, D("+2015-01-23T00:00:00Z"), None)]),
        _human("Q99999905", "City Mayor", "عمدة المدينة", [(DUMA, D("+1999-01-01T00:00:00Z"), None)]),
        _human("Q99999904", "Duma Member", "عضو الدوما", [(DUMA, D("+2016-10-05T00:00:00Z"), None)]),
        {"type": "property", "id": "P39", "datatype": "wikibase-item",
         "labels": {"en": {"language": "en", "value": "position held"}}, "descriptions": {}, "aliases": {},
         "claims": {}, "lastrevid": 1},
    ]


def dump_bytes(entities: list[dict]) -> bytes:
    lines = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entities]
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def write_dump(path: Path, entities: list[dict]) -> Path:
    data = dump_bytes(entities)
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    elif path.suffix == ".bz2":
        path.write_bytes(bz2.compress(data))
    else:
        path.write_bytes(data)
    return path


# --- what query.wikidata.org would answer -------------------------------------------------------

POSITION_VARS = ["statement", "person", "personLabelEn", "personLabelAr", "personAliasesEn", "personAliasesAr",
                 "gender", "office", "officeLabelEn", "officeLabelAr", "country", "kind",
                 "start", "startPrecision", "end", "endPrecision"]
HEAD_VARS = ["statement", "country", "kind", "person", "personLabelEn", "personLabelAr", "personAliasesEn",
             "personAliasesAr", "gender", "start", "startPrecision", "end", "endPrecision"]


def _uri(qid):
    return {"type": "uri", "value": E + qid}


def _lit(value, lang=None):
    out = {"type": "literal", "value": value}
    if lang:
        out["xml:lang"] = lang
    return out


def _wdqs_time(snak):
    if snak["snaktype"] == "somevalue":
        return {"type": "uri", "value": "http://www.wikidata.org/.well-known/genid/" + _hash(snak)[:32]}, None
    v = snak["datavalue"]["value"]
    y, m, d = v["time"][1:11].split("-")
    iso = f"{y}-{m if m != '00' else '01'}-{d if d != '00' else '01'}T00:00:00Z"   # WDQS normalises
    return ({"datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "type": "literal", "value": iso},
            {"datatype": "http://www.w3.org/2001/XMLSchema#integer", "type": "literal", "value": str(v["precision"])})


def _person_cells(e):
    labels, aliases = e["labels"], e["aliases"]
    row = {"person": _uri(e["id"])}
    if "en" in labels:
        row["personLabelEn"] = _lit(labels["en"]["value"], "en")
    if "ar" in labels:
        row["personLabelAr"] = _lit(labels["ar"]["value"], "ar")
    row["personAliasesEn"] = _lit("|".join(a["value"] for a in aliases.get("en", [])))
    row["personAliasesAr"] = _lit("|".join(a["value"] for a in aliases.get("ar", [])))
    for s in e["claims"].get("P21", []):
        row["gender"] = _uri(s["mainsnak"]["datavalue"]["value"]["id"])
    return row


def _dates(row, statement):
    for prop, var in (("P580", "start"), ("P582", "end")):
        for snak in statement.get("qualifiers", {}).get(prop, []):
            value, precision = _wdqs_time(snak)
            row[var] = value
            if precision:
                row[var + "Precision"] = precision


def wdqs(entities: list[dict]) -> tuple[dict, dict]:
    """The two `liqaa kb sparql` queries evaluated over ``entities``: (positions, heads) results."""
    by_id = {e["id"]: e for e in entities}
    countries = {RU, BY, US, SA}
    offices: dict[tuple, None] = {}
    for c in countries:
        for prop, kind in (("P1906", "head_of_state"), ("P1313", "head_of_government")):
            for s in by_id[c]["claims"].get(prop, []):
                offices[(s["mainsnak"]["datavalue"]["value"]["id"], c, kind)] = None
    for e in entities:
        claims = e.get("claims") or {}
        subclass = {s["mainsnak"]["datavalue"]["value"]["id"] for s in claims.get("P279", [])}
        for s in claims.get("P1001", []):
            c = s["mainsnak"]["datavalue"]["value"]["id"]
            if c in countries and "Q7330070" in subclass:
                offices[(e["id"], c, "foreign_minister")] = None
    positions, heads = [], []
    for e in entities:
        claims = e.get("claims") or {}
        if not any(s["mainsnak"]["datavalue"]["value"]["id"] == "Q5" for s in claims.get("P31", [])):
            continue
        for s in claims.get("P39", []):
            if s["rank"] == "deprecated":
                continue
            office = s["mainsnak"]["datavalue"]["value"]["id"]
            for (o, c, kind) in offices:
                if o != office:
                    continue
                row = {"statement": _uri("statement/" + s["id"].replace("$", "-")), **_person_cells(e),
                       "office": _uri(o), "country": _uri(c), "kind": _lit(kind)}
                ol = by_id[o]["labels"]
                row["officeLabelEn"] = _lit(ol["en"]["value"], "en")
                row["officeLabelAr"] = _lit(ol["ar"]["value"], "ar")
                _dates(row, s)
                positions.append(row)
    for c in sorted(countries):
        for prop, kind in (("P35", "head_of_state"), ("P6", "head_of_government")):
            for s in by_id[c]["claims"].get(prop, []):
                qid = s["mainsnak"]["datavalue"]["value"]["id"]
                person = by_id.get(qid, _entity(qid))
                row = {"statement": _uri("statement/" + s["id"].replace("$", "-")), "country": _uri(c),
                       "kind": _lit(kind), **_person_cells(person)}
                _dates(row, s)
                heads.append(row)

    def result(variables, rows):
        return {"head": {"vars": variables}, "results": {"bindings": rows}}

    return result(POSITION_VARS, positions), result(HEAD_VARS, heads)


def write_json(path: Path, result: dict) -> Path:
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_csv(path: Path, result: dict) -> Path:
    """As the WDQS "CSV" download: header of variable names, full URIs, plain values, CRLF."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    variables = result["head"]["vars"]
    w.writerow(variables)
    for b in result["results"]["bindings"]:
        w.writerow([b[v]["value"] if v in b else "" for v in variables])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base():
    return load_kb(FIXTURE_KB, use_cache=False)


@pytest.fixture(scope="module")
def entities():
    return tiny_wikidata()


@pytest.fixture(scope="module")
def sparql_files(tmp_path_factory, entities):
    d = tmp_path_factory.mktemp("sparql")
    positions, heads = wdqs(entities)
    return {
        "json": [write_json(d / "positions.json", positions), write_json(d / "heads.json", heads)],
        "csv": [write_csv(d / "positions.csv", positions), write_csv(d / "heads.csv", heads)],
    }


@pytest.fixture(scope="module")
def built_from_sparql(base, sparql_files):
    return build_kb(sparql_files["json"], base=base, as_of=AS_OF)


@pytest.fixture(scope="module")
def dask_client():
    import warnings

    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")       # "Port 8787 is already in use": no dashboard is started
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                           dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _terms(kb, person_id):
    return sorted((t.role, t.country or t.org, str(t.start), str(t.end) if t.end else None, t.source)
                  for t in kb.people[person_id].terms)


def _no_changes(a, b):
    d = diff_kbs(a, b)
    assert not any(d["summary"].values()), json.dumps(d, ensure_ascii=False, indent=1)[:3000]


def _people_by_qid(kb):
    return {p.wikidata: p for p in kb.people.values() if p.wikidata}


# --- values and parsing -------------------------------------------------------------------------

def test_wikidata_times_keep_their_precision():
    assert wd_date("+2012-05-07T00:00:00Z", 11) == "2012-05-07"
    assert wd_date("+2012-05-00T00:00:00Z", 10) == "2012-05"
    assert wd_date("+2012-00-00T00:00:00Z", 9) == "2012"
    assert wd_date("2012-01-01T00:00:00Z", "9") == "2012"          # WDQS: normalised, precision separate
    assert wd_date("2012-05-07T00:00:00Z") == "2012-05-07"
    assert wd_date("+1990-00-00T00:00:00Z", 8) is None              # a decade is not a date liqaa can use
    assert wd_date("-0044-03-15T00:00:00Z", 11) is None


def test_sparql_json_gives_people_offices_and_terms(sparql_files):
    facts = parse_sparql(sparql_files["json"][0])
    putin = facts.people["Q7747"]
    assert (putin.en, putin.ar, putin.gender) == ("Vladimir Putin", "فلاديمير بوتين", "m")
    assert "Vladimir Vladimirovich Putin" in putin.aliases_en
    assert facts.offices[PRES_RU].country == RU and facts.offices[PRES_RU].kinds == {"head_of_state"}
    assert facts.offices[PRES_US].kinds == {"head_of_state", "head_of_government"}
    assert facts.offices[SECSTATE].kinds == {"foreign_minister"}
    golovchenko = [t for t in facts.terms if t.person == "Q27043179"]
    assert [(t.start, t.end) for t in golovchenko] == [("2020-06-04", "2025")]   # year precision kept
    assert all(t.person != "Q99999904" for t in facts.terms)      # Duma: not in the query's offices


def test_sparql_csv_gives_the_same_kb_as_json(base, sparql_files, built_from_sparql):
    from_csv, _ = build_kb(sparql_files["csv"], base=base, as_of=AS_OF)
    _no_changes(built_from_sparql[0], from_csv)


def test_built_kb_adds_wikidata_people_and_terms_with_their_source(base, built_from_sparql):
    kb, report = built_from_sparql
    by_qid = _people_by_qid(kb)
    obama = by_qid["Q76"]
    assert (obama.id, obama.en, obama.ar) == ("barack-obama", "Barack Obama", "باراك أوباما")
    assert "Barack Hussein Obama II" in obama.aliases and "Obama" not in obama.aliases   # full names only
    assert _terms(kb, obama.id) == [("president", "US", "2009-01-20", "2017-01-20", "wikidata:Q76")]
    assert _terms(kb, by_qid["Q27043179"].id) == [("prime_minister", "BY", "2020-06-04", "2025", "wikidata:Q27043179")]
    # A woman in an office mapped by label stays foreign_minister; Putin's earlier terms are added.
    assert ("foreign_minister", "US", "2009-01-21", "2013-02-01", "wikidata:Q6294") in _terms(kb, by_qid["Q6294"].id)
    putin = _terms(kb, "vladimir-putin")
    assert ("president", "RU", "2000-05-07", "2008-05-07", "wikidata:Q7747") in putin
    assert ("prime_minister", "RU", "2008-05-08", "2012-05-07", "wikidata:Q7747") in putin
    # Ignored: a deprecated statement, an unknown end date, offices liqaa does not track.
    for qid in ("Q99999902", "Q99999903", "Q99999904", "Q99999905"):
        assert qid not in by_qid
    added = {p.wikidata for p in kb.people.values()} - {p.wikidata for p in base.people.values()}
    assert added == {"Q76", "Q27043179", "Q6294", "Q367825"}
    assert _terms(kb, by_qid["Q367825"].id) == [("king", "SA", "2015-01-23", None, "wikidata:Q367825")]
    assert report.people_added == 4 and report.terms_added == 8
    assert report.skipped["terms with an unknown end date"] == 1


def test_merge_keeps_curated_corrections(built_from_sparql):
    kb, report = built_from_sparql
    # Wikidata (test claim) ends Lukashenko's presidency in 2020; the curated KB has him in office.
    assert _terms(kb, "alexander-lukashenko") == [("president", "BY", "1994-07-20", None, "wikidata:Q2866")]
    # Someone else as president of Belarus while the curated KB has Lukashenko: dropped, reported.
    assert "Q99999901" not in _people_by_qid(kb)
    assert any(c["wikidata"] == "Q99999901" and c["curated_holder"] == "alexander-lukashenko" for c in report.conflicts)
    # Curated facts untouched: Putin's current term, Witkoff the envoy.
    assert ("president", "RU", "2012-05-07", None, "wikidata:Q7747") in _terms(kb, "vladimir-putin")
    assert _terms(kb, "steve-witkoff")[0][0] == "envoy"
    assert report.kept_curated >= 5


def test_a_curated_person_without_a_qid_gets_it_when_name_and_office_match(sparql_files):
    # Mishustin's curated term is the one Wikidata has: nothing to add, but the QID is learnt.
    base = load_kb(FIXTURE_KB, use_cache=False)
    base.people["mikhail-mishustin"].wikidata = None
    kb, report = build_kb(sparql_files["json"], base=base, as_of=AS_OF)
    assert kb.people["mikhail-mishustin"].wikidata == "Q4298520"
    assert _terms(kb, "mikhail-mishustin") == _terms(base, "mikhail-mishustin")
    assert report.qids_filled == 1


def test_merge_into_the_embedded_kb_keeps_its_corrections(sparql_files):
    from liqaa.kb import default_kb

    embedded = default_kb()
    kb, report = build_kb(sparql_files["json"], as_of=embedded.as_of)
    luka = next(p for p in kb.people.values() if p.wikidata == "Q2866")
    curated = next(p for p in embedded.people.values() if p.wikidata == "Q2866")
    assert _terms(kb, luka.id) == _terms(embedded, curated.id)
    assert len(kb.countries) == len(embedded.countries)
    assert len(kb.people) >= len(embedded.people)


def test_office_roles_from_kinds_labels_and_gender():
    gb = Country(code="GB", en="United Kingdom", ar="المملكة المتحدة", head_of_state="king",
                 head_of_government="prime_minister")
    es = Country(code="ES", en="Spain", ar="إسبانيا", head_of_state="king", head_of_government="prime_minister")
    monarch = WDOffice("Q9134365", "Q145", {"head_of_state"}, "Monarch of the United Kingdom", None)
    assert office_role(monarch, gb, "m") == "king"
    assert office_role(monarch, gb, "f") == "queen"
    spain_pm = WDOffice("Q1412868", "Q29", {"head_of_government"}, "President of the Government of Spain", None)
    assert office_role(spain_pm, es) == "prime_minister"
    no_label = WDOffice("Q1", "Q145", {"head_of_government"}, None, None)
    assert office_role(no_label, gb) == "prime_minister"
    assert office_role(WDOffice("Q2", "Q145", {"foreign_minister"}, "Foreign Secretary", None), gb) == "foreign_minister"
    # A generic "monarch" label takes the country's own monarch role.
    lu = Country(code="LU", en="Luxembourg", ar="لوكسمبورغ", head_of_state="grand_duke",
                 head_of_government="prime_minister")
    assert office_role(WDOffice("Q113956811", "Q32", {"head_of_state"}, "Monarch of Luxembourg", None), lu) == "grand_duke"
    mc = Country(code="MC", en="Monaco", ar="موناكو", head_of_state="prince")
    assert office_role(WDOffice("Q2457774", "Q235", {"head_of_state"}, "Prince of Monaco", None), mc) == "prince"


# --- dumps --------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".json.bz2"])
def test_dump_gives_the_same_kb_as_sparql(tmp_path, base, entities, built_from_sparql, suffix):
    dump = write_dump(tmp_path / f"latest-all{suffix}", entities)
    kb, report = build_kb(dumps=[dump], base=base, as_of=AS_OF)
    _no_changes(built_from_sparql[0], kb)
    assert report.input_stats["entities"] == len(entities)
    obama = _people_by_qid(kb)["Q76"]
    assert obama.citizenship == ("US",)           # P27, from the dump
    assert "باراك حسين أوباما" in obama.aliases


def test_dump_without_prefilter_gives_the_same_facts(tmp_path, base, entities):
    dump = write_dump(tmp_path / "d.json", entities)
    countries = [c.wikidata for c in base.countries.values()]
    a = parse_dump(dump, countries)
    b = parse_dump(dump, countries, prefilter=False)
    assert sorted(t.key for t in a.terms) == sorted(t.key for t in b.terms)
    assert a.people.keys() == b.people.keys()
    assert b.stats["entities parsed"] == len(entities) and a.stats["entities parsed"] < len(entities)


@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".json.bz2"])
def test_dask_cluster_gives_the_same_result_as_one_process(tmp_path, base, entities, dask_client, suffix):
    dump = write_dump(tmp_path / f"latest-all{suffix}", entities)
    local, _ = build_kb(dumps=[dump], base=base, as_of=AS_OF)
    # Tiny chunks: many byte ranges (plain) or blocks of lines (compressed) across the workers.
    seen = []
    on_cluster, report = build_kb(dumps=[dump], base=base, as_of=AS_OF, client=dask_client, chunk_bytes=2000,
                                  block_bytes=700, progress=lambda b, n: seen.append(n))
    _no_changes(local, on_cluster)
    assert report.input_stats["entities"] == len(entities)
    assert seen and seen[-1] == len(entities)
    assert write_kb(local, tmp_path / "a").is_dir() and write_kb(on_cluster, tmp_path / "b").is_dir()
    for rel in ("kb.yaml", "people/us.yaml", "people/ru.yaml"):
        assert (tmp_path / "a" / rel).read_text() == (tmp_path / "b" / rel).read_text()


def test_dump_parse_keeps_only_relevant_people(tmp_path, base, entities):
    dump = write_dump(tmp_path / "d.json", entities)
    facts = parse_dump(dump, [c.wikidata for c in base.countries.values()])
    assert "Q42" not in facts.people and "Q99999904" not in facts.people     # no P39 / irrelevant P39
    assert "Q76" in facts.people and all(t.office != "Q4416090" for t in facts.terms)
    assert facts.stats["candidates"] > len(facts.people) - 2


# --- writing and reading back -------------------------------------------------------------------

def test_written_kb_directory_and_compiled_file_load_back(tmp_path, built_from_sparql):
    kb, _ = built_from_sparql
    out = write_kb(kb, tmp_path / "kb")
    assert sorted(p.name for p in out.iterdir()) == ["countries.yaml", "kb.yaml", "orgs.yaml", "people"]
    again = load_kb(out, use_cache=False)
    assert (again.version, again.as_of) == (kb.version, kb.as_of)
    _no_changes(kb, again)
    assert again.countries == kb.countries and again.orgs == kb.orgs
    assert {p.id: (p.aliases, p.short, p.gender, p.citizenship) for p in again.people.values()} == \
           {p.id: (p.aliases, p.short, p.gender, p.citizenship) for p in kb.people.values()}
    compiled = write_kb(kb, tmp_path / "kb.json", compiled=True)
    _no_changes(kb, load_kb(compiled))
    # Overwriting an existing KB directory replaces it; nothing is left behind.
    write_kb(kb, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb", "kb.json"]


def test_write_refuses_to_clobber_a_directory_that_is_not_a_kb(tmp_path, built_from_sparql):
    from liqaa.kb.build import BuildError

    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(BuildError, match="not a knowledge base directory"):
        write_kb(built_from_sparql[0], tmp_path / "photos")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]


# --- diff ---------------------------------------------------------------------------------------

def test_diff_shows_a_changed_end_date(tmp_path, base):
    old_entities = tiny_wikidata(golovchenko_end=D("+2025-00-00T00:00:00Z", 9))
    new_entities = tiny_wikidata(golovchenko_end=D("+2025-04-22T00:00:00Z", 11))
    old, _ = build_kb(dumps=[write_dump(tmp_path / "old.json", old_entities)], base=base, as_of=AS_OF)
    new, _ = build_kb(dumps=[write_dump(tmp_path / "new.json", new_entities)], base=base, as_of=AS_OF)
    d = diff_kbs(old, new)
    assert d["summary"] == {"people_added": 0, "people_removed": 0, "people_changed": 0,
                            "terms_added": 0, "terms_removed": 0, "terms_changed": 1}
    change = d["terms"]["changed"][0]
    assert change["person"]["wikidata"] == "Q27043179" and change["role"] == "prime_minister"
    assert change["changes"] == {"end": {"old": "2025", "new": "2025-04-22"}}


def test_diff_of_base_and_built_lists_added_people_and_terms(base, built_from_sparql):
    d = diff_kbs(base, built_from_sparql[0])
    added = {p["wikidata"] for p in d["people"]["added"]}
    assert {"Q76", "Q27043179", "Q6294"} <= added
    assert not d["people"]["removed"] and not d["terms"]["removed"] and not d["terms"]["changed"]
    assert any(t["person"]["wikidata"] == "Q7747" and t["start"] == "2000-05-07" for t in d["terms"]["added"])


# --- bad input: one clear line, nothing half-written --------------------------------------------

def _lines(entities):
    return dump_bytes(entities).decode().splitlines(keepends=True)


def _assert_fails_cleanly(tmp_path, call, pattern):
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(WikidataError) as info:
        call()
    message = str(info.value)
    assert "\n" not in message
    assert re.search(pattern, message), message
    assert sorted(p.name for p in tmp_path.iterdir()) == before    # no output, no temp files
    return message


def _build_to(tmp_path, base, **kw):
    def call():
        kb, _ = build_kb(base=base, as_of=AS_OF, **kw)
        write_kb(kb, tmp_path / "out")
    return call


def test_corrupt_line_in_a_dump_is_named(tmp_path, base, entities):
    lines = _lines(entities)
    lines[6] = lines[6][: len(lines[6]) // 2] + "\n"     # line 7 cut in half
    dump = tmp_path / "dump.json"
    dump.write_text("".join(lines), encoding="utf-8")
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump]), r"^dump\.json: line 7: not valid JSON$")


def test_corrupt_line_found_on_the_cluster_is_named_too(tmp_path, base, entities, dask_client):
    lines = _lines(entities)
    lines[20] = '{"type":"item","id":"Q1",' + "\n"
    dump = tmp_path / "dump.json"
    dump.write_text("".join(lines), encoding="utf-8")
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump], client=dask_client, chunk_bytes=3000),
                          r"^dump\.json: line 21: not valid JSON$")


@pytest.mark.parametrize("suffix", [".json.gz", ".json.bz2"])
def test_truncated_compressed_dump(tmp_path, base, entities, suffix):
    full = write_dump(tmp_path / f"full{suffix}", entities)
    dump = tmp_path / f"dump{suffix}"
    dump.write_bytes(full.read_bytes()[: full.stat().st_size * 2 // 3])
    full.unlink()
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump]),
                          rf"^dump{re.escape(suffix)}: line \d+: (compressed data ends early|not valid JSON)")


def test_truncated_plain_dump(tmp_path, base, entities):
    lines = _lines(entities)
    dump = tmp_path / "dump.json"
    dump.write_text("".join(lines[:-2]) + lines[-2][:50], encoding="utf-8")   # ends inside the last entity
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump]),
                          rf"^dump\.json: line {len(lines) - 1}: not valid JSON$")
    dump.write_text("".join(lines[:-2]), encoding="utf-8")       # ends on a line boundary, no "]"
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump]),
                          r"^dump\.json: line \d+: unexpected end of dump, no closing '\]' \(truncated file\?\)$")


def test_corrupt_gzip_data(tmp_path, base, entities):
    raw = bytearray(gzip.compress(dump_bytes(entities)))
    raw[len(raw) // 2] ^= 0xFF
    dump = tmp_path / "dump.json.gz"
    dump.write_bytes(bytes(raw))
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[dump]), r"^dump\.json\.gz: line \d+: ")


def test_wrong_file_types(tmp_path, base, sparql_files):
    text = tmp_path / "notes.txt"
    text.write_text("Putin met Lukashenko in Minsk.\n", encoding="utf-8")
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    for path in (text, png):
        _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[path]),
                              rf"^{path.name}: not a Wikidata dump or SPARQL result$")
        _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[path]),
                              rf"^{path.name}: not a Wikidata dump or SPARQL result$")
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, dumps=[sparql_files["json"][0]]),
                          r"^positions\.json: a SPARQL result, not a Wikidata dump \(use --sparql\)$")
    dump = write_dump(tmp_path / "d.json", tiny_wikidata()[:3])
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[dump]),
                          r"^d\.json: a Wikidata JSON dump, not a SPARQL result \(use --dump\)$")


def test_sparql_results_with_missing_fields(tmp_path, base, entities):
    positions, _ = wdqs(entities)
    bad = json.loads(json.dumps(positions))
    del bad["results"]["bindings"][16]["person"]
    path = write_json(tmp_path / "results.json", bad)
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[path]),
                          r"^results\.json: binding 17: missing 'person'$")
    path.unlink()
    bad = json.loads(json.dumps(positions))
    bad["results"]["bindings"][3]["office"] = {"type": "literal", "value": "President"}
    path = write_json(tmp_path / "results.json", bad)
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[path]),
                          r"^results\.json: binding 4: 'office' is not a Wikidata item: 'President'$")
    path.unlink()
    bad = json.loads(json.dumps(positions))
    for b in bad["results"]["bindings"]:
        b.pop("office", None)
    bad["head"]["vars"].remove("office")
    bad["head"]["vars"].remove("kind")
    path = write_json(tmp_path / "results.json", bad)
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[path]), r"^results\.json: needs an 'office'")
    path.unlink()
    bad = json.loads(json.dumps(positions))
    del bad["results"]["bindings"][1]["person"]              # CSV line 3 (line 1 is the header)
    csv_path = write_csv(tmp_path / "results.csv", bad)
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[csv_path]),
                          r"^results\.csv: line 3: missing 'person'$")
    csv_path.write_bytes(b"")
    _assert_fails_cleanly(tmp_path, _build_to(tmp_path, base, sparql=[csv_path]),
                          r"^results\.csv: not a Wikidata dump or SPARQL result$")


# --- the command line ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cli():
    import liqaa.cli.check  # noqa: F401 - registers `check`
    import liqaa.cli.kb_build  # noqa: F401 - registers `kb build/sparql/diff`
    from liqaa.cli import app

    runner = CliRunner()

    def run(*args):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return run


def test_cli_sparql_prints_the_documented_queries(cli):
    r = cli("kb", "sparql")
    assert r.exit_code == 0
    for token in ("p:P39", "pq:P580", "pq:P582", "wikibase:timePrecision", "wdt:P1906", "wdt:P1313",
                  "wd:Q7330070", "p:P35", "p:P6", "skos:altLabel", '"ar"', "wd:Q184"):
        assert token in r.stdout, token
    assert r.stdout.count("SELECT ?statement") == 2
    one = cli("kb", "sparql", "--query", "heads")
    assert one.stdout.startswith("# liqaa query 2 of 2") and "p:P39" not in one.stdout
    queries = json.loads(cli("kb", "sparql", "--json").stdout)
    assert [q["name"] for q in queries] == ["positions", "heads"]
    assert queries == [{"name": q.name, "file": q.file, "title": q.title, "query": q.text}
                       for q in sparql_queries(c.wikidata for c in load_kb().countries.values() if c.wikidata)]


def test_cli_build_then_check_uses_the_built_kb(cli, tmp_path, sparql_files, entities):
    out = tmp_path / "mykb"
    r = cli("kb", "build", "--sparql", sparql_files["json"][0], sparql_files["json"][1], "-o", out,
            "--base", FIXTURE_KB, "--as-of", "2026-01-31")
    assert r.exit_code == 0, r.output
    assert "added" in r.stdout and "conflicting" in r.stdout
    assert (out / "kb.yaml").is_file()
    article = tmp_path / "article.md"
    article.write_text("Washington, 12 March 2010 — US President Barack Obama met Russian President "
                       "Dmitry Medvedev.\n", encoding="utf-8")
    r = cli("check", "--kb", out, "--format", "json", article)
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["kb"]["version"].startswith("test+wikidata.")
    people = {c["person"]["id"]: c for c in report["claims"] if c["person"]}
    assert people["barack-obama"]["verdict"] == "supported"
    assert people["barack-obama"]["evidence"][0]["source"] == "wikidata:Q76"
    assert people["dmitry-medvedev"]["verdict"] == "supported"     # his 2008-2012 presidency came from Wikidata
    # The embedded KB alone does not know the built facts' source; the compiled form works the same.
    compiled = tmp_path / "mykb.json"
    r = cli("kb", "build", sparql_files["json"][0], "-o", compiled, "--base", FIXTURE_KB, "--as-of", "2026-01-31",
            "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["people_added"] == 4
    r = cli("check", "--kb", compiled, "--format", "json", article)
    assert r.exit_code == 0 and json.loads(r.stdout)["kb"]["version"].startswith("test+wikidata.")


def test_cli_build_dump_on_local_workers_and_diff(cli, tmp_path, entities):
    dump = write_dump(tmp_path / "latest-all.json.gz", entities)
    a, b = tmp_path / "a", tmp_path / "b"
    r = cli("kb", "build", "--dump", dump, "-o", a, "--base", FIXTURE_KB, "--as-of", "2026-01-31", "--quiet")
    assert r.exit_code == 0, r.output
    r = cli("kb", "build", "--dump", dump, "-o", b, "--base", FIXTURE_KB, "--as-of", "2026-01-31", "--quiet",
            "--workers", "2")
    assert r.exit_code == 0, r.output
    r = cli("kb", "diff", a, b, "--exit-code")
    assert r.exit_code == 0 and "no differences" in r.stdout
    r = cli("kb", "diff", FIXTURE_KB, b)
    assert r.exit_code == 0
    assert "Barack Obama" in r.stdout and "Terms added" in r.stdout and "wikidata:Q76" in r.stdout
    r = cli("kb", "diff", FIXTURE_KB, b, "--json", "--exit-code")
    assert r.exit_code == 1 and json.loads(r.stdout)["schema"] == "liqaa.kbdiff/1"


def test_cli_diff_prints_a_changed_end_date(cli, tmp_path):
    old = write_dump(tmp_path / "old.json", tiny_wikidata(golovchenko_end=D("+2025-00-00T00:00:00Z", 9)))
    new = write_dump(tmp_path / "new.json", tiny_wikidata(golovchenko_end=D("+2025-04-22T00:00:00Z", 11)))
    for dump, out in ((old, "old"), (new, "new")):
        assert cli("kb", "build", dump, "-o", tmp_path / out, "--base", FIXTURE_KB, "--as-of", "2026-01-31",
                   "--quiet").exit_code == 0
    r = cli("kb", "diff", tmp_path / "old", tmp_path / "new")
    assert r.exit_code == 0
    assert "Terms changed (1)" in r.stdout
    assert re.search(r"Roman Golovchenko.*prime_minister BY from 2020-06-04: end 2025 → 2025-04-22", r.stdout), r.stdout


def test_cli_bad_input_is_one_error_line_and_no_output(cli, tmp_path, entities):
    lines = _lines(entities)
    lines[6] = lines[6][:40] + "\n"
    dump = tmp_path / "dump.json"
    dump.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    r = cli("kb", "build", "--dump", dump, "-o", out, "--base", FIXTURE_KB, "--quiet")
    assert r.exit_code == 2
    assert "dump.json: line 7: not valid JSON" in r.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["dump.json"]
    r = cli("kb", "build", "-o", out)
    assert r.exit_code == 2 and "nothing to build from" in r.output
    r = cli("kb", "build", "--dump", tmp_path / "missing.json.bz2", "-o", out)
    assert r.exit_code == 2 and "no such file" in r.output


# --- the built KB's as_of: from the data, not from files' dates ---------------------------------

@pytest.fixture
def early_base():
    kb = load_kb(FIXTURE_KB, use_cache=False)
    kb.as_of = dt.date(2020, 1, 1)      # older than the facts below
    return kb


def _with_new_pm(start: str) -> list[dict]:
    """The tiny Wikidata plus a Russian prime minister from ``start`` and a term planned for 2099."""
    return tiny_wikidata() + [
        _human("Q99999921", "Test Newpremier", "تست نيوبريمير", [(PM_RU, D(f"+{start}T00:00:00Z"), None)],
               citizenship=[RU]),
        _human("Q99999922", "Test Future", "تست فيوتشر", [(FM_RU, D("+2099-01-01T00:00:00Z"), None)],
               citizenship=[RU]),
    ]


def test_a_built_kb_is_as_of_its_latest_fact_not_its_files_dates(tmp_path, early_base):
    import os

    positions, heads = wdqs(_with_new_pm("2025-06-15"))
    files = [write_json(tmp_path / "positions.json", positions), write_json(tmp_path / "heads.json", heads)]
    for f in files:       # downloaded (or copied, or touched) long after the data
        os.utime(f, (dt.datetime(2026, 11, 1).timestamp(),) * 2)
    kb, _ = build_kb(files, base=early_base)
    assert kb.as_of == dt.date(2025, 6, 15)          # the new PM's start; not 2099, not 2026-11-01
    dump = write_dump(tmp_path / "latest-all.json.gz", _with_new_pm("2025-06-15"))
    os.utime(dump, (dt.datetime(2026, 11, 1).timestamp(),) * 2)
    assert build_kb(dumps=[dump], base=early_base)[0].as_of == dt.date(2025, 6, 15)


def test_a_dump_is_as_of_its_own_date_and_never_of_the_future(tmp_path, early_base):
    from liqaa.kb.build import data_as_of
    from liqaa.kb.wikidata import Facts

    dump = write_dump(tmp_path / "wikidata-20250301-all.json.gz", _with_new_pm("2025-02-10"))
    assert build_kb(dumps=[dump], base=early_base)[0].as_of == dt.date(2025, 3, 1)
    # A name dated after today is no dump's own date: the facts decide, and never the future.
    assert data_as_of(early_base, Facts(), [Path("wikidata-20250301-all.json.gz")], today=dt.date(2025, 2, 1)) \
        == early_base.as_of
    assert data_as_of(early_base, Facts(), [], today=dt.date(2025, 2, 1)) == early_base.as_of


def test_cli_refuses_a_future_as_of(cli, tmp_path, sparql_files):
    r = cli("kb", "build", sparql_files["json"][0], "-o", tmp_path / "kb", "--as-of", "2999-01-01")
    assert r.exit_code == 2 and "in the future" in r.output
    assert not (tmp_path / "kb").exists()
