"""Load the knowledge base: a directory of YAML files, or the compiled JSON file that
``liqaa kb build`` writes. Both are data; a pickled KB file is refused, never unpickled.

Parsing on every run would cost more than the whole check of one article, so the parsed
model is kept in liqaa's private on-disk cache (``liqaa.cache``), keyed by the content.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

from liqaa.cache import cached, fingerprint
from liqaa.kb.model import KB, Country, Org, PartialDate, Person, Term

DATA_DIR = Path(__file__).parent / "data"
CACHE_FORMAT = 4


class KBError(ValueError):
    """A knowledge-base file is missing or malformed."""


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        raise KBError(f"knowledge base directory not found: {root}")
    files = [root / "kb.yaml", root / "countries.yaml", root / "orgs.yaml"]
    files += sorted((root / "people").glob("*.yaml"))
    missing = [str(f) for f in files[:3] if not f.is_file()]
    if missing:
        raise KBError(f"knowledge base incomplete, missing: {', '.join(missing)}")
    return files


@lru_cache(maxsize=1)
def _yaml_loader():
    """A safe YAML loader for which only true/false are booleans: Norway's code NO, and
    yes/no/on/off, stay strings (YAML 1.1 would read NO as False)."""
    import re

    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
        for k, v in base.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    return Loader


def _read_yaml(path: Path):
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: not valid YAML: {exc}".splitlines()[0]) from exc


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _date(value, where: str) -> PartialDate | None:
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise KBError(f"{where}: {exc}") from exc


def _abolished(spec, where: str):
    for role, info in (spec or {}).items():
        when = _date((info or {}).get("date"), where)
        if when is None or not info.get("source"):
            raise KBError(f"{where}: abolished office {role!r} needs a date and a source")
        yield role, when.last_day(), str(info["source"])


def parse_kb(root: Path) -> KB:
    """The KB of a directory of YAML files."""
    files = _files(root)
    return kb_from_rows(_read_yaml(files[0]) or {}, _read_yaml(files[1]) or [], _read_yaml(files[2]) or [],
                        [(path.name, _read_yaml(path) or []) for path in files[3:]], where=str(files[0]))


def kb_from_rows(meta: dict, country_rows: list, org_rows: list, people_files: list[tuple[str, list]],
                 where: str) -> KB:
    """The KB of its rows (as in the YAML files and the compiled JSON file); a row of the
    wrong shape is a :class:`KBError` naming the file."""
    try:
        return _kb_from_rows(meta, country_rows, org_rows, people_files, where)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, KBError):
            raise
        missing = f"a row without {exc}" if isinstance(exc, KeyError) else str(exc).splitlines()[0]
        raise KBError(f"{where}: not a liqaa knowledge base ({missing})") from None


def _kb_from_rows(meta, country_rows, org_rows, people_files, where) -> KB:
    countries: dict[str, Country] = {}
    for row in country_rows:
        code = row["code"]
        countries[code] = Country(
            code=code, en=row["en"], ar=row["ar"], wikidata=row.get("wikidata"),
            en_alt=_tuple(row.get("en_alt")), ar_alt=_tuple(row.get("ar_alt")),
            adj_en=_tuple(row.get("adj_en")), adj_ar=_tuple(row.get("adj_ar")),
            adj_ar_plural=_tuple(row.get("adj_ar_plural")),
            adj_ar_feminine=row.get("adj_ar_feminine", True) is not False,
            capital_en=row.get("capital_en"), capital_ar=row.get("capital_ar"),
            head_of_state=row.get("head_of_state"), head_of_government=row.get("head_of_government"),
            abolished=tuple(_abolished(row.get("abolished"), f"countries.yaml: {code}")),
        )
    orgs: dict[str, Org] = {}
    for row in org_rows:
        orgs[row["code"]] = Org(
            code=row["code"], en=row["en"], ar=row["ar"], wikidata=row.get("wikidata"),
            en_alt=_tuple(row.get("en_alt")), ar_alt=_tuple(row.get("ar_alt")),
            adj_ar=_tuple(row.get("adj_ar")),
        )
    people: dict[str, Person] = {}
    for name, rows in people_files:
        for row in rows:
            where_person = f"{name}: {row.get('id', '?')}"
            if "id" not in row:
                raise KBError(f"{name}: a person without an id")
            if row["id"] in people:
                raise KBError(f"{where_person}: duplicate person id")
            people[row["id"]] = _person(row, where_person)
    as_of = meta.get("as_of")
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            as_of = None
    if not isinstance(as_of, dt.date):
        raise KBError(f"{where}: as_of must be a date (YYYY-MM-DD)")
    return KB(version=str(meta.get("version", "unknown")), as_of=as_of,
              countries=countries, orgs=orgs, people=people)


def _person(row: dict, where: str) -> Person:
    person = Person(
        id=row["id"], en=row.get("en") or "", ar=row.get("ar") or "",
        wikidata=row.get("wikidata"), aliases=_tuple(row.get("aliases")),
        short=_tuple(row.get("short")), gender=row.get("gender"),
        citizenship=_tuple(row.get("citizenship")),
        born=_date(row.get("born"), where), died=_date(row.get("died"), where),
    )
    for t in row.get("terms") or []:
        person.terms.append(Term(
            person_id=person.id, role=t.get("role"),
            start=_date(t.get("start"), where), end=_date(t.get("end"), where),
            source=t.get("source") or "", country=t.get("country"), org=t.get("org"),
            acting=bool(t.get("acting", False)), shared=bool(t.get("shared", False)),
            title_en=t.get("title_en"),
            title_ar=t.get("title_ar"), note=t.get("note"),
        ))
    return person


# --- the compiled file: one JSON document ---------------------------------------------------

COMPILED_FORMAT = "liqaa.kb/1"
COMPILED_SUFFIXES = (".json",)
PICKLE_SUFFIXES = (".pickle", ".pkl")


def rebuild_hint(path: Path) -> str:
    """The command that replaces a pickled KB with a data file."""
    return f"liqaa kb build <the --sparql/--dump inputs it was built from> -o {path.with_suffix('.json')}"


def refuse_pickle(path: Path, head: bytes | None = None) -> None:
    """Raise :class:`KBError` when ``path`` is a pickled KB (by its name or its first bytes)."""
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(2)
    # Protocol 2 and later start with PROTO (0x80) and the protocol number; older ones are
    # text opcodes, known here by the file's name.
    if path.suffix.lower() in PICKLE_SUFFIXES or (len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5):
        raise KBError(f"{path} is a pickled knowledge base, which liqaa no longer loads because a pickle "
                      f"can run code; rebuild it as data: {rebuild_hint(path)}")


def parse_compiled(path: Path) -> KB:
    """The KB of a compiled file written by ``liqaa kb build``: JSON data, never code.

    A pickled KB (what liqaa wrote before) is refused unread: unpickling a file one was
    handed can run any command."""
    import orjson

    data = path.read_bytes()
    refuse_pickle(path, data[:2])
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != COMPILED_FORMAT:
        raise KBError(f"{path}: not a liqaa knowledge base file (a KB directory, or a .json file "
                      f"written by `liqaa kb build`)")
    rows = {k: doc.get(k) for k in ("kb", "countries", "orgs", "people")}
    if not isinstance(rows["kb"], dict) or not all(isinstance(rows[k], list) for k in ("countries", "orgs", "people")):
        raise KBError(f"{path}: not a liqaa knowledge base file (kb, countries, orgs or people missing)")
    return kb_from_rows(rows["kb"], rows["countries"], rows["orgs"], [(path.name, rows["people"])], where=str(path))


def load_kb(path: str | os.PathLike | None = None, use_cache: bool = True) -> KB:
    """Load a KB directory (default: the embedded one) or compiled file, from the private
    cache when one of the same content was loaded before."""
    root = Path(path) if path else DATA_DIR
    code = [Path(__file__), Path(__file__).with_name("model.py")]
    if root.is_file():
        refuse_pickle(root)       # before the cache is asked: a pickle is refused, cached or not
        parse, files = (lambda: parse_compiled(root)), [root]
    else:
        parse, files = (lambda: parse_kb(root)), _files(root)
    if not use_cache:
        return parse()
    # The parser is an input too: edited loading code must not be served an old parse.
    key = fingerprint(CACHE_FORMAT, files=files + code)
    kb = cached("kb", key, parse, KB)
    kb.fingerprint = key
    return kb


@lru_cache(maxsize=1)
def default_kb() -> KB:
    return load_kb()
