"""Wikidata input for ``liqaa kb build``: SPARQL results and JSON dumps, parsed into plain facts.

Two kinds of input give the same intermediate :class:`Facts` (people, offices, terms keyed by
Wikidata QIDs); :mod:`liqaa.kb.build` then maps offices onto roles and countries and merges the
facts into a knowledge base.

* **SPARQL results** of the queries that ``liqaa kb sparql`` prints, as query.wikidata.org
  returns them: ``application/sparql-results+json`` (``head.vars``, ``results.bindings`` with
  ``type``/``value``/``xml:lang``) or its CSV download (full URIs, plain values).
* **JSON dumps** (``latest-all.json.bz2``/``.gz``/plain): a JSON array written one entity a
  line, ``[`` on the first line, ``]`` on the last, entity lines ending in ``,``. The dump is
  streamed line by line and never held: a cheap byte test skips lines that cannot matter, and
  only countries' P35/P6/P1906/P1313, foreign-minister offices and humans with a P39 claim
  are parsed and kept. Humans with P39 claims are *candidates* until the whole dump has been
  seen (the offices a P39 value points at are entities of their own, anywhere in the dump);
  candidates are spilled to a temporary file on one machine, so memory stays flat however big
  the dump, and filtered against the relevant offices at the end. On a Dask cluster the dump is
  split into chunks (byte ranges aligned on newlines for a plain file, blocks of lines read from
  the decompressed stream for .gz/.bz2), parsed in parallel, and reduced. A country's P35/P6
  holder whose own entity has no P39 claim is known by QID only: the term is kept when the
  curated KB has that person, and counted otherwise (the SPARQL heads query has the labels).

Errors are :class:`WikidataError` with one line naming the file and the line (or SPARQL
binding): ``dump.json.gz: line 1234: not valid JSON``.
"""

from __future__ import annotations

import bz2
import csv
import datetime as _dt
import gzip
import io
import os
import pickle
import re
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import orjson

ENTITY_PREFIX = "http://www.wikidata.org/entity/"
HUMAN = "Q5"
POSITION = "Q4164871"           # position (an office)
FOREIGN_MINISTER_CLASS = "Q7330070"   # minister of foreign affairs
GENDERS = {"Q6581097": "m", "Q6581072": "f", "Q2449503": "m", "Q1052281": "f"}

HEAD_KINDS = ("head_of_state", "head_of_government")
# Country properties: the office held by the head of state/government, and the holder.
OFFICE_PROPS = {"P1906": "head_of_state", "P1313": "head_of_government"}
HOLDER_PROPS = {"P35": "head_of_state", "P6": "head_of_government"}

UNKNOWN = "?"                   # a date Wikidata records as "unknown value" (somevalue)

_QID = re.compile(r"Q[1-9]\d*")
_TIME = re.compile(r"^([+-]?)(\d{1,16})-(\d{2})-(\d{2})(?:T|$)")


class WikidataError(ValueError):
    """Input that is not (valid) Wikidata: the message is one line naming file and line."""


class ChunkError(Exception):
    """A parse error inside a chunk, located relative to the chunk (translated by the caller)."""

    def __init__(self, offset: int, line: int, message: str) -> None:
        super().__init__(offset, line, message)
        self.offset, self.line, self.message = offset, line, message


# --- the facts --------------------------------------------------------------------------------

@dataclass(slots=True)
class WDPerson:
    qid: str
    en: str | None = None
    ar: str | None = None
    aliases_en: list[str] = field(default_factory=list)
    aliases_ar: list[str] = field(default_factory=list)
    gender: str | None = None            # "m" / "f"
    citizenship: list[str] = field(default_factory=list)   # country QIDs

    def update(self, other: "WDPerson") -> None:
        self.en = self.en or other.en
        self.ar = self.ar or other.ar
        self.gender = self.gender or other.gender
        for mine, theirs in ((self.aliases_en, other.aliases_en), (self.aliases_ar, other.aliases_ar),
                             (self.citizenship, other.citizenship)):
            for value in theirs:
                if value not in mine:
                    mine.append(value)


@dataclass(slots=True)
class WDOffice:
    qid: str
    country: str | None = None           # country QID (from the country's P1906/P1313, or P1001)
    kinds: set[str] = field(default_factory=set)   # head_of_state, head_of_government, foreign_minister, or a role id
    en: str | None = None
    ar: str | None = None

    def update(self, other: "WDOffice") -> None:
        # A country that names this office as its head of state/government is the better source.
        if other.country and (not self.country or (other.kinds & set(HEAD_KINDS) and not self.kinds & set(HEAD_KINDS))):
            self.country = other.country
        self.kinds |= other.kinds
        self.en = self.en or other.en
        self.ar = self.ar or other.ar


@dataclass(slots=True)
class WDTerm:
    """A P39 statement (``office`` set) or a country's P35/P6 statement (``country`` + ``kind``)."""

    person: str
    start: str | None
    end: str | None
    office: str | None = None
    country: str | None = None
    kind: str | None = None
    statement: str | None = None

    @property
    def key(self) -> tuple:
        return (self.statement,) if self.statement else (self.person, self.office, self.country, self.kind, self.start)


@dataclass(slots=True)
class Facts:
    people: dict[str, WDPerson] = field(default_factory=dict)
    offices: dict[str, WDOffice] = field(default_factory=dict)
    terms: list[WDTerm] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)

    def add_person(self, person: WDPerson) -> None:
        have = self.people.get(person.qid)
        if have is None:
            self.people[person.qid] = person
        else:
            have.update(person)

    def add_office(self, office: WDOffice) -> None:
        have = self.offices.get(office.qid)
        if have is None:
            self.offices[office.qid] = office
        else:
            have.update(office)

    def update(self, other: "Facts") -> None:
        for p in other.people.values():
            self.add_person(p)
        for o in other.offices.values():
            self.add_office(o)
        seen = {t.key for t in self.terms}
        for t in other.terms:
            if t.key not in seen:
                seen.add(t.key)
                self.terms.append(t)
        self.stats.update(other.stats)


# --- values -----------------------------------------------------------------------------------

def qid_of(value: str | None) -> str | None:
    """``http://www.wikidata.org/entity/Q7747`` or ``Q7747`` → ``Q7747``; anything else → None."""
    if not value:
        return None
    if value.startswith(ENTITY_PREFIX):
        value = value[len(ENTITY_PREFIX):]
    return value if _QID.fullmatch(value) else None


def is_unknown_value(value: str) -> bool:
    """Wikidata's "unknown value" as WDQS writes it: a skolem IRI or a blank node."""
    return "/.well-known/genid/" in value or value.startswith("_:") or re.fullmatch(r"t\d+", value) is not None


def wd_date(value: str | None, precision: int | str | None = None) -> str | None:
    """A Wikidata time (``+2012-05-07T00:00:00Z`` or ``2012-05-07T00:00:00Z``) at its precision
    (9 year, 10 month, 11 day; finer counts as day, coarser is dropped) → ``YYYY[-MM[-DD]]``.

    Without a precision the date is taken to the day unless month or day is ``00`` (as dumps
    write year- and month-precision values). BCE dates and invalid dates give None.
    """
    if not value:
        return None
    if len(value) == 21 and value[0] == "+" and value[5] == "-" and value[8] == "-" and value[11] == "T":
        # The common dump form "+2012-05-07T00:00:00Z", without the regex.
        sign = ""
        try:
            y, mo, d = int(value[1:5]), int(value[6:8]), int(value[9:11])
        except ValueError:
            return None
    else:
        m = _TIME.match(value.strip())
        if not m:
            return None
        sign, y, mo, d = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4))
    if sign == "-" or y < 1 or y > 9999:
        return None
    if precision in (None, ""):
        prec = 11 if mo and d else 10 if mo else 9
    else:
        try:
            prec = int(precision)
        except (TypeError, ValueError):
            return None
    if prec < 9:
        return None
    if prec == 9 or not mo:
        return f"{y:04d}"
    if not 1 <= mo <= 12:
        return None
    if prec == 10 or not d:
        return f"{y:04d}-{mo:02d}"
    if d > 28:
        try:
            _dt.date(y, mo, d)
        except ValueError:
            return None
    elif d < 1:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --- file types -------------------------------------------------------------------------------

def _compression(path: Path) -> str | None:
    with path.open("rb") as fh:
        magic = fh.read(3)
    if magic[:2] == b"\x1f\x8b":
        return "gz"
    if magic == b"BZh":
        return "bz2"
    return None


def open_binary(path: Path, raw=None):
    """The decompressed byte stream of ``path`` (plain, gzip or bzip2, by content)."""
    kind = _compression(path)
    raw = raw if raw is not None else path.open("rb")
    if kind == "gz":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "bz2":
        return bz2.BZ2File(raw, mode="rb")
    return raw


def _head(path: Path, size: int = 1 << 16) -> bytes:
    """The first ``size`` decompressed bytes, or as many as can be read: a truncated or corrupt
    file is reported by the parse, with its line."""
    parts: list[bytes] = []
    got = 0
    try:
        with open_binary(path) as fh:
            while got < size:
                block = fh.read(min(8192, size - got))
                if not block:
                    break
                parts.append(block)
                got += len(block)
    except (OSError, EOFError, zlib.error) as exc:
        if not parts:
            raise WikidataError(f"{path.name}: line 1: {_describe_io_error(exc)}") from None
    return b"".join(parts)


def sniff(path: Path) -> str | None:
    """``dump``, ``sparql-json``, ``sparql-csv``, ``sparql-xml``, ``sparql-tsv`` or None."""
    head = _head(path)
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text:
        return None
    if text[:1] == b"[":
        rest = text[1:].lstrip()
        if rest[:1] == b"]" or (rest[:1] == b"{" and b'"type"' in rest[:4096] and b'"id"' in rest[:4096]):
            return "dump"
        return None
    if text[:1] == b"{":
        if re.search(rb'"head"\s*:', text[:4096]):
            return "sparql-json"
        return None
    if text.startswith(b"<?xml") or text.startswith(b"<sparql"):
        return "sparql-xml"
    try:
        first = text.split(b"\n", 1)[0].decode("utf-8").strip("\r")
    except UnicodeDecodeError:
        return None
    if "\t" in first and first.startswith("?"):
        return "sparql-tsv"
    cols = [c.strip() for c in first.split(",")]
    if len(cols) >= 2 and all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", c) for c in cols) and \
            ({"person", "country"} & set(cols)):
        return "sparql-csv"
    return None


def _describe_io_error(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "compressed data ends early (truncated file?)"
    text = str(exc) or exc.__class__.__name__
    return f"corrupt compressed data ({text})"


# --- SPARQL results ---------------------------------------------------------------------------

# Variables of the queries ``liqaa kb sparql`` prints; label-service style names are accepted too.
_VAR_ALIASES = {"personLabel": "personLabelEn", "officeLabel": "officeLabelEn",
                "personAliases": "personAliasesEn", "personDescription": None}
KINDS = frozenset({"head_of_state", "head_of_government", "foreign_minister"})


def _check_kind(kind: str | None) -> str | None:
    from liqaa.kb.model import ROLES

    if kind is None or kind in KINDS or kind in ROLES:
        return kind
    raise ValueError(f"unknown kind {kind!r} (expected head_of_state, head_of_government, foreign_minister or a role id)")


def parse_sparql(path: Path) -> Facts:
    """Facts from one SPARQL result file (JSON or CSV, optionally compressed)."""
    path = Path(path)
    kind = sniff(path)
    if kind == "sparql-json":
        variables, rows = _json_rows(path)
    elif kind == "sparql-csv":
        variables, rows = _csv_rows(path)
    elif kind == "dump":
        raise WikidataError(f"{path.name}: a Wikidata JSON dump, not a SPARQL result (use --dump)")
    elif kind in ("sparql-xml", "sparql-tsv"):
        raise WikidataError(f"{path.name}: SPARQL results as {kind[7:].upper()} are not supported; "
                            "download them as JSON or CSV")
    else:
        raise WikidataError(f"{path.name}: not a Wikidata dump or SPARQL result")
    facts = Facts()
    positions = "office" in variables
    for where, row in rows:
        try:
            _add_row(facts, row, positions)
        except ValueError as exc:
            raise WikidataError(f"{path.name}: {where}: {exc}") from None
    facts.stats["sparql rows"] += 0
    return facts


def _read_all(path: Path) -> bytes:
    try:
        with open_binary(path) as fh:
            return fh.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise WikidataError(f"{path.name}: cannot read: {_describe_io_error(exc)}") from exc


def _json_rows(path: Path) -> tuple[list, Iterator[tuple[str, dict]]]:
    data = _read_all(path)
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise WikidataError(f"{path.name}: not valid JSON ({exc})".splitlines()[0]) from None
    head = doc.get("head") if isinstance(doc, dict) else None
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(head, dict) or not isinstance(head.get("vars"), list) or \
            not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        raise WikidataError(f"{path.name}: not a SPARQL result (expected head.vars and results.bindings)")
    variables = [_VAR_ALIASES.get(v, v) for v in head["vars"]]
    _check_columns(path, variables, "variable")
    return variables, _json_bindings(path, results["bindings"])


def _json_bindings(path: Path, bindings: list) -> Iterator[tuple[str, dict]]:
    for i, binding in enumerate(bindings, 1):
        where = f"binding {i}"
        if not isinstance(binding, dict):
            raise WikidataError(f"{path.name}: {where}: not an object")
        row: dict = {"__lang": {}}
        for var, cell in binding.items():
            name = _VAR_ALIASES.get(var, var)
            if name is None:
                continue
            if not isinstance(cell, dict) or "value" not in cell:
                raise WikidataError(f"{path.name}: {where}: {var!r} has no value")
            value = str(cell["value"])
            if cell.get("type") == "bnode":
                value = "_:" + value
            row[name] = value
            lang = cell.get("xml:lang")
            if lang:
                row["__lang"][name] = lang
        yield where, row


def _csv_rows(path: Path) -> tuple[list, Iterator[tuple[str, dict]]]:
    data = _read_all(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WikidataError(f"{path.name}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise WikidataError(f"{path.name}: empty file") from None
    except csv.Error as exc:
        raise WikidataError(f"{path.name}: line 1: not valid CSV ({exc})") from None
    variables = [_VAR_ALIASES.get(v.strip(), v.strip()) for v in header]
    _check_columns(path, variables, "column")
    return variables, _csv_records(path, reader, variables)


def _csv_records(path: Path, reader, variables: list) -> Iterator[tuple[str, dict]]:
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise WikidataError(f"{path.name}: line {reader.line_num}: not valid CSV ({exc})") from None
        if not cells or cells == [""]:
            continue
        where = f"line {reader.line_num}"
        if len(cells) != len(variables):
            raise WikidataError(f"{path.name}: {where}: {len(cells)} fields, the header has {len(variables)}")
        row = {"__lang": {}}
        for name, value in zip(variables, cells):
            if name is not None and value != "":
                row[name] = value
        yield where, row


def _check_columns(path: Path, variables: list, what: str) -> None:
    have = set(variables)
    if "person" not in have:
        raise WikidataError(f"{path.name}: no 'person' {what}: not the result of a `liqaa kb sparql` query")
    if "office" not in have and not {"country", "kind"} <= have:
        raise WikidataError(f"{path.name}: needs an 'office' {what} (query 1) or 'country' and 'kind' "
                            f"{what}s (query 2) of `liqaa kb sparql`")


def _required(row: dict, name: str) -> str:
    value = row.get(name)
    if value is None or value == "":
        raise ValueError(f"missing {name!r}")
    return value


def _item(row: dict, name: str, required: bool = False) -> str | None:
    value = _required(row, name) if required else row.get(name)
    if value is None:
        return None
    qid = qid_of(value)
    if qid is None:
        if is_unknown_value(value):
            return None
        raise ValueError(f"{name!r} is not a Wikidata item: {value!r}")
    return qid


def _label(row: dict, name: str, lang: str) -> str | None:
    value = row.get(name)
    if not value or _QID.fullmatch(value):   # the label service's fallback is the bare QID
        return None
    tag = row["__lang"].get(name)
    if tag and tag.split("-")[0] != lang and not (lang == "en" and tag == "mul"):
        return None
    return value


def _date_cell(row: dict, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if is_unknown_value(value):
        return UNKNOWN
    date = wd_date(value, row.get(name + "Precision"))
    if date is None and not _TIME.match(value):
        raise ValueError(f"{name!r} is not a date: {value!r}")
    return date


def _split_aliases(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in value.split("|") if a.strip()]


def _add_row(facts: Facts, row: dict, positions: bool) -> None:
    # The 'person' label may come as personLabel with xml:lang ar from a label-service query.
    person_qid = _item(row, "person", required=True)
    if person_qid is None:           # "unknown value" as holder
        facts.stats["rows with an unknown person"] += 1
        return
    person = WDPerson(
        qid=person_qid,
        en=_label(row, "personLabelEn", "en"),
        ar=_label(row, "personLabelAr", "ar") or _label(row, "personLabelEn", "ar"),
        aliases_en=_split_aliases(row.get("personAliasesEn")) + _split_aliases(row.get("aliasEn")),
        aliases_ar=_split_aliases(row.get("personAliasesAr")) + _split_aliases(row.get("aliasAr")),
        gender=GENDERS.get(_item(row, "gender") or ""),
    )
    facts.add_person(person)
    kind = _check_kind(row.get("kind"))
    start, end = _date_cell(row, "start"), _date_cell(row, "end")
    statement = row.get("statement")
    if positions:
        office_qid = _item(row, "office", required=True)
        if office_qid is None:
            facts.stats["rows with an unknown office"] += 1
            return
        country = _item(row, "country")
        facts.add_office(WDOffice(qid=office_qid, country=country, kinds={kind} if kind else set(),
                                  en=_label(row, "officeLabelEn", "en"), ar=_label(row, "officeLabelAr", "ar")))
        term = WDTerm(person=person_qid, start=start, end=end, office=office_qid, statement=statement)
    else:
        country = _item(row, "country", required=True)
        _required(row, "kind")
        if kind not in HEAD_KINDS:
            raise ValueError(f"kind {kind!r} is not head_of_state or head_of_government")
        term = WDTerm(person=person_qid, start=start, end=end, country=country, kind=kind, statement=statement)
    facts.terms.append(term)
    facts.stats["sparql rows"] += 1


# --- dump entities ----------------------------------------------------------------------------

def _statements(claims, prop: str) -> list:
    values = claims.get(prop) if isinstance(claims, dict) else None
    return [s for s in values if isinstance(s, dict) and s.get("rank") != "deprecated"] if values else []


def _snak_item(snak) -> str | None:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    if not isinstance(value, dict):
        return None
    qid = value.get("id")
    if qid is None and value.get("numeric-id") is not None and value.get("entity-type", "item") == "item":
        qid = f"Q{value['numeric-id']}"
    return qid


def _snak_time(snak) -> str | None:
    if not isinstance(snak, dict):
        return None
    if snak.get("snaktype") == "somevalue":
        return UNKNOWN
    if snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    if not isinstance(value, dict):
        return None
    return wd_date(value.get("time"), value.get("precision"))


def _qualifier_time(statement: dict, prop: str) -> str | None:
    qualifiers = statement.get("qualifiers")
    if not isinstance(qualifiers, dict):
        return None
    for snak in qualifiers.get(prop) or ():
        t = _snak_time(snak)
        if t is not None:
            return t
    return None


def _item_values(claims, prop: str) -> list[str]:
    """Item ids of the non-deprecated statements of ``prop``: the fast path reads the usual
    shape directly and falls back to the careful one."""
    out = []
    for s in claims.get(prop) or ():
        try:
            if s["rank"] != "deprecated":
                out.append(s["mainsnak"]["datavalue"]["value"]["id"])
        except (KeyError, TypeError):
            if isinstance(s, dict) and s.get("rank") != "deprecated":
                q = _snak_item(s.get("mainsnak"))
                if q:
                    out.append(q)
    return out


def _labels(entity: dict) -> tuple[str | None, str | None]:
    labels = entity.get("labels")
    if not isinstance(labels, dict):
        return None, None
    en = (labels.get("en") or labels.get("mul") or {}).get("value")
    ar = (labels.get("ar") or {}).get("value")
    return en, ar


def _aliases(entity: dict, lang: str) -> list[str]:
    aliases = entity.get("aliases")
    if not isinstance(aliases, dict):
        return []
    return [a.get("value") for a in aliases.get(lang) or () if isinstance(a, dict) and a.get("value")]


_FM_LABEL = re.compile(
    r"^(?:(?:federal |union )?(?:minister|secretary|ministry)\b(?![\w ,]*\btrade\b)[\w ,]*?\b(?:foreign|external)\b"
    r"[\w ,]*?\b(?:affairs|relations)\b"
    r"|foreign (?:affairs )?minister\b|(?:united states )?secretary of state(?: of the united states)?$)", re.I)


_ROLE_LABELS = [(re.compile(rx, re.I), role) for rx, role in (
    # English (checked first), most specific first.
    (r"^(?:federal |reich )?chancellor\b", "chancellor"),
    (r"^(?:president of the (?:government|council of ministers)|prime minister|premier\b|chief minister"
     r"|head of (?:the )?government|chairman of the council of ministers)", "prime_minister"),
    (r"^vice[- ]president\b", "vice_president"),
    (_FM_LABEL.pattern, "foreign_minister"),
    (r"^(?:(?:minister|secretary) (?:of|for) (?:national )?defen[cs]e|defen[cs]e minister)\b", "defense_minister"),
    (r"^crown prince\b", "crown_prince"),
    (r"^supreme leader\b", "supreme_leader"),
    (r"^pope\b", "pope"),
    (r"^(?:emir|amir)\b", "emir"),
    (r"^sultan\b", "sultan"),
    (r"^queen\b", "queen"),
    (r"^(?:king|monarch|emperor)\b", "king"),
    (r"^(?:federal )?president\b", "president"),
    # Arabic.
    (r"^رئيس (?:مجلس )?(?:ال)?وزراء|^رئيس (?:ال)?حكومة", "prime_minister"),
    (r"^نائب (?:ال)?رئيس", "vice_president"),
    (r"^وزير (?:ال)?خارجية|^وزير (?:ال)?شؤون (?:ال)?خارجية", "foreign_minister"),
    (r"^وزير (?:ال)?دفاع", "defense_minister"),
    (r"^ولي (?:ال)?عهد", "crown_prince"),
    (r"^(?:ال)?مرشد (?:ال)?أعلى", "supreme_leader"),
    (r"^(?:ال)?بابا\b", "pope"),
    (r"^أمير", "emir"),
    (r"^سلطان", "sultan"),
    (r"^ملكة", "queen"),
    (r"^(?:ملك|عاهل|إمبراطور)", "king"),
    (r"^(?:ال)?مستشار", "chancellor"),
    (r"^رئيس", "president"),
)]


def role_from_label(en: str | None, ar: str | None = None) -> str | None:
    """The role an office's label names ("President of Belarus" → president,
    "President of the Government of Spain" → prime_minister), English first, then Arabic."""
    for label in (en, ar):
        if not label:
            continue
        for rx, role in _ROLE_LABELS:
            if rx.search(label.strip()):
                return role
    return None


def is_foreign_minister_office(entity_classes: Iterable[str], instance_of: Iterable[str], en: str | None) -> bool:
    if FOREIGN_MINISTER_CLASS in entity_classes:
        return True
    return bool(en) and POSITION in instance_of and bool(_FM_LABEL.search(en))


@dataclass(slots=True)
class ChunkResult:
    """What one chunk of a dump contributes. ``candidates`` are humans with P39 claims, as
    compact tuples ``(qid, en, ar, aliases_en, aliases_ar, gender, citizenship, statements)``
    with statements ``(office, start, end, statement_id)``."""

    lines: int = 0
    entities: int = 0
    parsed: int = 0
    open_line: int | None = None          # 1-based line (within the chunk) of "[" and "]"
    close_line: int | None = None
    offices: dict[str, WDOffice] = field(default_factory=dict)
    heads: list[WDTerm] = field(default_factory=list)
    candidates: list[tuple] = field(default_factory=list)

    def small(self) -> "ChunkResult":
        return ChunkResult(self.lines, self.entities, self.parsed, self.open_line, self.close_line,
                           self.offices, self.heads, [])


# One pass over the raw line finds every line that can matter: a P39 claim (people), a
# P1001 jurisdiction (offices), or a country's P1906/P1313/P35/P6. About 1 µs for a 1 KB line,
# a fifth of what orjson.loads takes; the rest of the dump is never parsed.
_RELEVANT = re.compile(rb'"P(?:39|1001|1906|1313|35|6)"')


def parse_lines(lines: Iterable[bytes], countries: frozenset[str], prefilter: bool = True) -> ChunkResult:
    """Parse dump lines (bytes, with or without their newline). Raises ChunkError(0, line, msg)
    with ``line`` 1-based within ``lines``."""
    res = ChunkResult()
    loads = orjson.loads
    JSONDecodeError = orjson.JSONDecodeError
    n = 0
    entities = parsed = 0
    close_line = None
    relevant = _RELEVANT.search
    for line in lines:
        n += 1
        # Structure check on every line, cheap: an entity line is "{...}," (or "{...}" last);
        # a cut or corrupted line does not end in "}".
        if line.endswith(b"},\n"):
            body = memoryview(line)[:-2]      # orjson reads a memoryview without a copy
        elif line.endswith(b"}\n") or line.endswith(b"}"):
            body = line                        # trailing whitespace is valid JSON
        elif line.endswith(b"},"):
            body = memoryview(line)[:-1]
        else:
            s = line.strip()
            if s == b"[":
                if res.open_line is not None or entities or close_line is not None:
                    raise ChunkError(0, n, "unexpected '[' (not a single Wikidata dump?)")
                res.open_line = n
                continue
            if s == b"]":
                close_line = n
                continue
            if not s:
                continue
            raise ChunkError(0, n, _line_error(s, loads, JSONDecodeError))
        if not line.startswith(b'{"'):
            raise ChunkError(0, n, _line_error(line, loads, JSONDecodeError))
        if close_line is not None:
            raise ChunkError(0, n, "data after the closing ']'")
        entities += 1
        if prefilter and relevant(line) is None:
            continue
        try:
            entity = loads(body)
        except JSONDecodeError:
            raise ChunkError(0, n, "not valid JSON") from None
        parsed += 1
        if not isinstance(entity, dict) or not isinstance(entity.get("id"), str):
            raise ChunkError(0, n, "not a Wikidata entity (no \"id\")")
        claims = entity.get("claims")
        if not isinstance(claims, dict) or not claims:
            continue
        qid = entity["id"]
        if qid in countries:
            _country(entity, qid, claims, res)
        if "P39" in claims:
            _person(entity, qid, claims, res)
        if "P1001" in claims:
            _office(entity, qid, claims, countries, res)
    res.lines, res.entities, res.parsed, res.close_line = n, entities, parsed, close_line
    return res


def _line_error(line: bytes, loads, JSONDecodeError) -> str:
    try:
        loads(line.rstrip(b",\r\n"))
    except JSONDecodeError:
        return "not valid JSON"
    return "not a Wikidata entity line"


def _country(entity: dict, qid: str, claims: dict, res: ChunkResult) -> None:
    for prop, kind in OFFICE_PROPS.items():
        for office in _item_values(claims, prop):
            have = res.offices.get(office)
            new = WDOffice(qid=office, country=qid, kinds={kind})
            if have is None:
                res.offices[office] = new
            else:
                have.update(new)
    for prop, kind in HOLDER_PROPS.items():
        for s in _statements(claims, prop):
            person = _snak_item(s.get("mainsnak"))
            if person:
                res.heads.append(WDTerm(person=person, start=_qualifier_time(s, "P580"),
                                        end=_qualifier_time(s, "P582"), country=qid, kind=kind,
                                        statement=s.get("id")))


def _person(entity: dict, qid: str, claims: dict, res: ChunkResult) -> None:
    if HUMAN not in _item_values(claims, "P31"):
        return
    statements = []
    for s in claims["P39"]:
        try:
            if s["rank"] == "deprecated":
                continue
            office = s["mainsnak"]["datavalue"]["value"]["id"]
        except (KeyError, TypeError):
            if not isinstance(s, dict) or s.get("rank") == "deprecated":
                continue
            office = _snak_item(s.get("mainsnak"))
            if not office:
                continue
        if s.get("qualifiers"):
            start, end = _qualifier_time(s, "P580"), _qualifier_time(s, "P582")
        else:
            start = end = None
        statements.append((office, start, end, s.get("id")))
    if not statements:
        return
    en, ar = _labels(entity)
    gender = next((GENDERS[g] for g in _item_values(claims, "P21") if g in GENDERS), None)
    res.candidates.append((qid, en, ar, tuple(_aliases(entity, "en")), tuple(_aliases(entity, "ar")),
                           gender, tuple(_item_values(claims, "P27")), tuple(statements)))


def _office(entity: dict, qid: str, claims: dict, countries: frozenset[str], res: ChunkResult) -> None:
    jurisdiction = [c for c in _item_values(claims, "P1001") if c in countries]
    if not jurisdiction:
        return
    en, ar = _labels(entity)
    fm = is_foreign_minister_office(_item_values(claims, "P279"), _item_values(claims, "P31"), en)
    if not fm and not role_from_label(en, ar):
        return
    new = WDOffice(qid=qid, country=jurisdiction[0], kinds={"foreign_minister"} if fm else set(), en=en, ar=ar)
    have = res.offices.get(qid)
    if have is None:
        res.offices[qid] = new
    else:
        # Labels and jurisdiction from the office itself; kinds from countries pointing at it.
        new.update(have)
        res.offices[qid] = new


# --- reading dumps ----------------------------------------------------------------------------

ProgressFn = Callable[[int, int], None]    # (bytes of the input file read, entities so far)


class _Reader:
    """Decompressed lines of a dump, in blocks, with the compressed position for progress;
    decompression errors become WikidataError naming the line where the readable data ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.raw = path.open("rb")
        self.stream = open_binary(path, self.raw)
        self.line = 0       # lines handed out so far

    def position(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def blocks(self, max_bytes: int = 8 << 20) -> Iterator[tuple[int, list[bytes]]]:
        """(number of the block's first line, whole lines of about ``max_bytes``)."""
        read1 = self.stream.read1
        step = max(1, min(1 << 20, max_bytes))
        pending = b""
        while True:
            parts = [pending] if pending else []
            size = len(pending)
            eof = whole_line = False
            try:
                # At least one whole line per block, however long the line.
                while size < max_bytes or not whole_line:
                    chunk = read1(step)
                    if not chunk:
                        eof = True
                        break
                    parts.append(chunk)
                    size += len(chunk)
                    whole_line = whole_line or b"\n" in chunk
            except (OSError, EOFError, zlib.error) as exc:
                complete = sum(p.count(b"\n") for p in parts)
                raise WikidataError(f"{self.path.name}: line {self.line + complete + 1}: "
                                    f"{_describe_io_error(exc)}") from None
            lines = b"".join(parts).splitlines(keepends=True)
            pending = b""
            if not eof and lines and not lines[-1].endswith(b"\n"):
                pending = lines.pop()
            if lines:
                first = self.line + 1
                self.line += len(lines)
                yield first, lines
            if eof:
                return

    def close(self) -> None:
        for f in (self.stream, self.raw):
            try:
                f.close()
            except Exception:  # noqa: BLE001 - closing after an error
                pass


class _Spill:
    """Candidates on disk: pickled batches appended to a temporary file."""

    def __init__(self, directory: str | None) -> None:
        self.file = tempfile.TemporaryFile(prefix="liqaa-candidates-", dir=directory)
        self.count = 0

    def add(self, batch: list) -> None:
        if batch:
            pickle.dump(batch, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.count += len(batch)

    def __iter__(self) -> Iterator[list]:
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)
            except EOFError:
                return

    def close(self) -> None:
        self.file.close()


@dataclass(slots=True)
class _Acc:
    """The reduce side: offices, heads and stats from every chunk, in chunk order."""

    offices: dict[str, WDOffice] = field(default_factory=dict)
    heads: list[WDTerm] = field(default_factory=list)
    stats: Counter = field(default_factory=Counter)
    opened: bool = False
    closed_at: int | None = None        # absolute line of "]"
    lines: int = 0

    def add(self, res: ChunkResult) -> None:
        for o in res.offices.values():
            have = self.offices.get(o.qid)
            if have is None:
                self.offices[o.qid] = o
            else:
                have.update(o)
        self.heads.extend(res.heads)
        self.stats["entities"] += res.entities
        self.stats["entities parsed"] += res.parsed


def relevant_offices(offices: dict[str, WDOffice]) -> frozenset[str]:
    return frozenset(q for q, o in offices.items() if o.kinds)


def filter_candidates(batch: list[tuple], offices: frozenset[str], holders: frozenset[str]) -> Facts:
    """Keep humans whose P39 points at a relevant office (only those statements), or who are a
    country's P35/P6 value."""
    facts = Facts()
    for qid, en, ar, aliases_en, aliases_ar, gender, citizenship, statements in batch:
        kept = [s for s in statements if s[0] in offices]
        if not kept and qid not in holders:
            continue
        facts.add_person(WDPerson(qid=qid, en=en, ar=ar, aliases_en=list(aliases_en), aliases_ar=list(aliases_ar),
                                  gender=gender, citizenship=list(citizenship)))
        for office, start, end, sid in kept:
            facts.terms.append(WDTerm(person=qid, start=start, end=end, office=office, statement=sid))
    return facts


def _finish(acc: _Acc, path: Path, filtered: Iterable[Facts]) -> Facts:
    facts = Facts()
    for o in acc.offices.values():
        facts.add_office(o)
    for part in filtered:
        facts.update(part)
    seen = {t.key for t in facts.terms}
    for t in acc.heads:
        if t.key not in seen:
            seen.add(t.key)
            facts.terms.append(t)
    facts.stats.update(acc.stats)
    facts.stats["lines"] = acc.lines
    missing = {t.person for t in acc.heads} - facts.people.keys()
    if missing:
        # Their entity has no P39 claim: only a person already in the KB can take the term.
        facts.stats["P35/P6 holders without a P39 claim"] = len(missing)
    return facts


def _check_structure(path: Path, acc: _Acc) -> None:
    if not acc.opened:
        raise WikidataError(f"{path.name}: not a Wikidata dump or SPARQL result (no '[' on line 1)")
    if acc.closed_at is None:
        raise WikidataError(f"{path.name}: line {acc.lines + 1}: unexpected end of dump, no closing ']' "
                            "(truncated file?)")


def _require_dump(path: Path) -> None:
    kind = sniff(path)
    if kind == "dump":
        return
    if kind and kind.startswith("sparql"):
        raise WikidataError(f"{path.name}: a SPARQL result, not a Wikidata dump (use --sparql)")
    raise WikidataError(f"{path.name}: not a Wikidata dump or SPARQL result")


def parse_dump(path: str | os.PathLike, countries: Iterable[str], *, client=None, prefilter: bool = True,
               progress: ProgressFn | None = None, chunk_bytes: int = 64 << 20,
               block_bytes: int = 8 << 20, spill_dir: str | None = None, ship: bool = False) -> Facts:
    """Facts from a Wikidata JSON dump, streamed in bounded memory.

    ``countries``: the QIDs of the KB's countries. ``client``: a ``distributed.Client`` to run
    on a Dask cluster (plain files are split into byte ranges that the workers read themselves
    unless ``ship``; compressed files are decompressed here and shipped in blocks of lines).
    """
    path = Path(path)
    if not path.is_file():
        raise WikidataError(f"{path}: no such file")
    _require_dump(path)
    countries = frozenset(countries)
    if client is None:
        return _parse_local(path, countries, prefilter, progress, block_bytes, spill_dir)
    if _compression(path) is None and not ship:
        return _parse_ranges(path, countries, client, prefilter, progress, chunk_bytes)
    return _parse_shipped(path, countries, client, prefilter, progress, block_bytes)


def _absorb(acc: _Acc, res: ChunkResult, first_line: int, path: Path) -> None:
    if res.open_line is not None:
        if first_line + res.open_line - 1 != 1 or acc.opened:
            raise WikidataError(f"{path.name}: line {first_line + res.open_line - 1}: unexpected '['")
        acc.opened = True
    if acc.closed_at is not None and res.entities:
        raise WikidataError(f"{path.name}: line {acc.closed_at + 1}: data after the closing ']'")
    if res.close_line is not None:
        acc.closed_at = first_line + res.close_line - 1
    if not acc.opened and res.entities:
        raise WikidataError(f"{path.name}: not a Wikidata dump or SPARQL result (no '[' on line 1)")
    acc.add(res)
    acc.lines = first_line + res.lines - 1


def _parse_local(path, countries, prefilter, progress, block_bytes, spill_dir) -> Facts:
    reader = _Reader(path)
    spill = _Spill(spill_dir)
    acc = _Acc()
    try:
        for first, lines in reader.blocks(block_bytes):
            try:
                res = parse_lines(lines, countries, prefilter)
            except ChunkError as exc:
                raise WikidataError(f"{path.name}: line {first + exc.line - 1}: {exc.message}") from None
            _absorb(acc, res, first, path)
            spill.add(res.candidates)
            if progress:
                progress(reader.position(), acc.stats["entities"])
        _check_structure(path, acc)
        offices = relevant_offices(acc.offices)
        holders = frozenset(t.person for t in acc.heads)
        acc.stats["candidates"] = spill.count
        return _finish(acc, path, (filter_candidates(batch, offices, holders) for batch in spill))
    finally:
        spill.close()
        reader.close()


# Dask tasks: module-level functions so that workers can import them.

def _task_range(path: str, start: int, end: int, countries: frozenset[str], prefilter: bool) -> ChunkResult:
    def lines() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            fh.seek(start)
            pos = start
            for line in fh:
                if pos >= end:
                    return
                pos += len(line)
                yield line
    try:
        return parse_lines(lines(), countries, prefilter)
    except ChunkError as exc:
        raise ChunkError(start, exc.line, exc.message) from None


def _task_block(data: bytes, countries: frozenset[str], prefilter: bool) -> ChunkResult:
    return parse_lines(data.splitlines(keepends=True), countries, prefilter)


def _task_small(res: ChunkResult) -> ChunkResult:
    return res.small()


def _task_filter(res: ChunkResult, offices: frozenset[str], holders: frozenset[str]) -> Facts:
    return filter_candidates(res.candidates, offices, holders)


def _range_bounds(path: Path, chunk_bytes: int) -> list[tuple[int, int]]:
    size = path.stat().st_size
    cuts = [0]
    with path.open("rb") as fh:
        pos = chunk_bytes
        while pos < size:
            fh.seek(pos)
            fh.readline()
            cut = fh.tell()
            if cut >= size:
                break
            if cut > cuts[-1]:
                cuts.append(cut)
            pos = cut + chunk_bytes
    cuts.append(size)
    return list(zip(cuts, cuts[1:]))


def _count_lines(path: Path, upto: int) -> int:
    count = 0
    with path.open("rb") as fh:
        left = upto
        while left > 0:
            buf = fh.read(min(left, 1 << 24))
            if not buf:
                break
            count += buf.count(b"\n")
            left -= len(buf)
    return count


def _parse_ranges(path, countries, client, prefilter, progress, chunk_bytes) -> Facts:
    from distributed import as_completed

    bounds = _range_bounds(path, chunk_bytes)
    countries_f = client.scatter([countries], broadcast=True)[0]
    full = [client.submit(_task_range, str(path.resolve()), a, b, countries_f, prefilter, pure=False)
            for a, b in bounds]
    small = [client.submit(_task_small, f) for f in full]
    index = {f.key: i for i, f in enumerate(small)}
    results: list[ChunkResult | None] = [None] * len(small)
    done_bytes = entities = 0
    try:
        for fut in as_completed(small):
            i = index[fut.key]
            try:
                results[i] = fut.result()
            except ChunkError as exc:
                line = _count_lines(path, exc.offset) + exc.line
                raise WikidataError(f"{path.name}: line {line}: {exc.message}") from None
            done_bytes += bounds[i][1] - bounds[i][0]
            entities += results[i].entities
            if progress:
                progress(done_bytes, entities)
        acc = _Acc()
        first = 1
        for i, res in enumerate(results):
            _absorb(acc, res, first, path)
            first += res.lines
        return _finish_on_cluster(client, acc, path, full)
    except BaseException:
        client.cancel(full + small)
        raise


def _finish_on_cluster(client, acc: _Acc, path, full) -> Facts:
    """Second pass, on the workers that hold the parsed blocks: keep what the offices and
    office holders found in the first pass make relevant."""
    _check_structure(path, acc)
    offices = relevant_offices(acc.offices)
    holders = frozenset(t.person for t in acc.heads)
    off_f, hold_f = client.scatter([offices, holders], broadcast=True)
    filtered = client.gather([client.submit(_task_filter, f, off_f, hold_f) for f in full])
    return _finish(acc, path, filtered)


def _parse_shipped(path, countries, client, prefilter, progress, block_bytes) -> Facts:
    from distributed import wait

    reader = _Reader(path)
    countries_f = client.scatter([countries], broadcast=True)[0]
    nthreads = max(1, sum(client.nthreads().values()))
    full, small, firsts = [], [], []
    acc = _Acc()
    absorbed = 0

    def absorb(upto: int) -> None:
        nonlocal absorbed
        while absorbed < upto:
            try:
                res = small[absorbed].result()
            except ChunkError as exc:
                raise WikidataError(f"{path.name}: line {firsts[absorbed] + exc.line - 1}: {exc.message}") from None
            _absorb(acc, res, firsts[absorbed], path)
            absorbed += 1
            if progress:
                progress(reader.position(), acc.stats["entities"])

    try:
        for first, lines in reader.blocks(block_bytes):
            data = b"".join(lines)
            del lines
            f = client.submit(_task_block, data, countries_f, prefilter, pure=False)
            full.append(f)
            small.append(client.submit(_task_small, f))
            firsts.append(first)
            # Bounded: at most two blocks per worker thread in flight.
            if len(small) - absorbed > 2 * nthreads:
                wait(small[absorbed])
                absorb(absorbed + 1)
        absorb(len(small))
        return _finish_on_cluster(client, acc, path, full)
    except BaseException:
        client.cancel(full + small)
        raise
    finally:
        reader.close()


# --- the queries to run at query.wikidata.org -------------------------------------------------

_QUERY_POSITIONS = '''\
# liqaa query 1 of 2: positions held (P39) by heads of state, heads of government and foreign
# ministers of the countries of the liqaa knowledge base.
#
# One row per P39 statement "?person held ?office", where ?office is
#   * the office held by the head of state (P1906) of ?country, or
#   * the office held by the head of government (P1313) of ?country, or
#   * a foreign-minister office: a subclass (P279) of "minister of foreign affairs" (Q7330070)
#     that applies to the jurisdiction (P1001) ?country;
# ?kind says which. ?start/?end are the statement's start time (P580) and end time (P582)
# qualifiers, ?startPrecision/?endPrecision their precision (9 year, 10 month, 11 day); an
# "unknown value" end shows as a genid IRI and makes liqaa drop the term rather than guess.
# Labels and aliases in English and Arabic (aliases joined with "|"), gender (P21) to tell a
# queen from a king. Deprecated statements are left out. The countries are those of the KB
# (ISO code → Wikidata item through their `wikidata` field).
SELECT ?statement ?person ?personLabelEn ?personLabelAr
       (GROUP_CONCAT(DISTINCT ?aliasEn; separator="|") AS ?personAliasesEn)
       (GROUP_CONCAT(DISTINCT ?aliasAr; separator="|") AS ?personAliasesAr)
       ?gender ?office ?officeLabelEn ?officeLabelAr ?country ?kind
       ?start ?startPrecision ?end ?endPrecision
WHERE {
  {
    SELECT DISTINCT ?office ?country ?kind WHERE {
      VALUES ?country { %(countries)s }
      { ?country wdt:P1906 ?office . BIND("head_of_state" AS ?kind) }
      UNION { ?country wdt:P1313 ?office . BIND("head_of_government" AS ?kind) }
      UNION { ?office wdt:P279 wd:Q7330070 ; wdt:P1001 ?country . BIND("foreign_minister" AS ?kind) }
    }
  }
  ?person p:P39 ?statement .
  ?statement ps:P39 ?office ; wikibase:rank ?rank .
  FILTER(?rank != wikibase:DeprecatedRank)
  ?person wdt:P31 wd:Q5 .
  OPTIONAL { ?statement pq:P580 ?start .
             OPTIONAL { ?statement pqv:P580/wikibase:timePrecision ?startPrecision . } }
  OPTIONAL { ?statement pq:P582 ?end .
             OPTIONAL { ?statement pqv:P582/wikibase:timePrecision ?endPrecision . } }
  OPTIONAL { ?person wdt:P21 ?gender . }
  OPTIONAL { ?person rdfs:label ?personLabelEn . FILTER(LANG(?personLabelEn) = "en") }
  OPTIONAL { ?person rdfs:label ?personLabelAr . FILTER(LANG(?personLabelAr) = "ar") }
  OPTIONAL { ?person skos:altLabel ?aliasEn . FILTER(LANG(?aliasEn) = "en") }
  OPTIONAL { ?person skos:altLabel ?aliasAr . FILTER(LANG(?aliasAr) = "ar") }
  OPTIONAL { ?office rdfs:label ?officeLabelEn . FILTER(LANG(?officeLabelEn) = "en") }
  OPTIONAL { ?office rdfs:label ?officeLabelAr . FILTER(LANG(?officeLabelAr) = "ar") }
}
GROUP BY ?statement ?person ?personLabelEn ?personLabelAr ?gender ?office ?officeLabelEn ?officeLabelAr
         ?country ?kind ?start ?startPrecision ?end ?endPrecision
'''

_QUERY_HEADS = '''\
# liqaa query 2 of 2: head of state (P35) and head of government (P6) statements on the
# countries of the liqaa knowledge base.
#
# One row per statement "?country has head of state/government ?person" (?kind says which),
# with its start (P580) and end (P582) qualifiers and their precision, the person's English and
# Arabic labels and aliases, and gender. This catches holders whose own P39 statement is
# missing; the role is the country's head-of-state or head-of-government role in the KB (a
# monarchy's head of state is its king, or queen). Deprecated statements are left out.
SELECT ?statement ?country ?kind ?person ?personLabelEn ?personLabelAr
       (GROUP_CONCAT(DISTINCT ?aliasEn; separator="|") AS ?personAliasesEn)
       (GROUP_CONCAT(DISTINCT ?aliasAr; separator="|") AS ?personAliasesAr)
       ?gender ?start ?startPrecision ?end ?endPrecision
WHERE {
  VALUES ?country { %(countries)s }
  { ?country p:P35 ?statement . ?statement ps:P35 ?person . BIND("head_of_state" AS ?kind) }
  UNION { ?country p:P6 ?statement . ?statement ps:P6 ?person . BIND("head_of_government" AS ?kind) }
  ?statement wikibase:rank ?rank .
  FILTER(?rank != wikibase:DeprecatedRank)
  OPTIONAL { ?statement pq:P580 ?start .
             OPTIONAL { ?statement pqv:P580/wikibase:timePrecision ?startPrecision . } }
  OPTIONAL { ?statement pq:P582 ?end .
             OPTIONAL { ?statement pqv:P582/wikibase:timePrecision ?endPrecision . } }
  OPTIONAL { ?person wdt:P21 ?gender . }
  OPTIONAL { ?person rdfs:label ?personLabelEn . FILTER(LANG(?personLabelEn) = "en") }
  OPTIONAL { ?person rdfs:label ?personLabelAr . FILTER(LANG(?personLabelAr) = "ar") }
  OPTIONAL { ?person skos:altLabel ?aliasEn . FILTER(LANG(?aliasEn) = "en") }
  OPTIONAL { ?person skos:altLabel ?aliasAr . FILTER(LANG(?aliasAr) = "ar") }
}
GROUP BY ?statement ?country ?kind ?person ?personLabelEn ?personLabelAr ?gender
         ?start ?startPrecision ?end ?endPrecision
'''


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    file: str            # suggested name for the downloaded result
    title: str
    text: str


def sparql_queries(country_qids: Iterable[str]) -> list[Query]:
    """The queries whose results ``liqaa kb build --sparql`` reads, for the given countries."""
    qids = sorted({q for q in country_qids if _QID.fullmatch(q or "")}, key=lambda q: int(q[1:]))
    values = []
    line = ""
    for q in qids:
        item = f"wd:{q}"
        if len(line) + len(item) > 88:
            values.append(line)
            line = ""
        line = f"{line} {item}".strip()
    if line:
        values.append(line)
    countries = ("\n" + " " * 8).join(values) if values else ""
    countries_outer = ("\n" + " " * 4).join(values) if values else ""
    return [
        Query("positions", "positions.json", "Positions held (P39) by heads of state, heads of government "
              "and foreign ministers", _QUERY_POSITIONS % {"countries": countries}),
        Query("heads", "heads.json", "Heads of state (P35) and government (P6) on countries",
              _QUERY_HEADS % {"countries": countries_outer}),
    ]
