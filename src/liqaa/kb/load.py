"""Load the knowledge base from its YAML files, with a compiled cache.

Parsing YAML on every run would cost more than the whole check of one article, so the
parsed model is kept in liqaa's on-disk cache (``liqaa.cache``).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from functools import lru_cache
from pathlib import Path

from liqaa.cache import cached, fingerprint
from liqaa.kb.model import KB, Country, Org, PartialDate, Person, Term

DATA_DIR = Path(__file__).parent / "data"
CACHE_FORMAT = 3


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
    files = _files(root)
    meta = _read_yaml(files[0]) or {}
    countries: dict[str, Country] = {}
    for row in _read_yaml(files[1]) or []:
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
    for row in _read_yaml(files[2]) or []:
        orgs[row["code"]] = Org(
            code=row["code"], en=row["en"], ar=row["ar"], wikidata=row.get("wikidata"),
            en_alt=_tuple(row.get("en_alt")), ar_alt=_tuple(row.get("ar_alt")),
            adj_ar=_tuple(row.get("adj_ar")),
        )
    people: dict[str, Person] = {}
    for path in files[3:]:
        for row in _read_yaml(path) or []:
            where = f"{path.name}: {row.get('id', '?')}"
            if "id" not in row:
                raise KBError(f"{path.name}: a person without an id")
            if row["id"] in people:
                raise KBError(f"{where}: duplicate person id")
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
            people[person.id] = person
    as_of = meta.get("as_of")
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    if not isinstance(as_of, dt.date):
        raise KBError(f"{files[0]}: as_of must be a date (YYYY-MM-DD)")
    return KB(version=str(meta.get("version", "unknown")), as_of=as_of,
              countries=countries, orgs=orgs, people=people)


def load_kb(path: str | os.PathLike | None = None, use_cache: bool = True) -> KB:
    """Load a KB directory (default: the embedded one), from the compiled cache when fresh."""
    root = Path(path) if path else DATA_DIR
    if root.is_file():
        with root.open("rb") as fh:
            try:
                kb = pickle.load(fh)
            except Exception as exc:  # noqa: BLE001 - any unpickling failure means "not a KB"
                raise KBError(f"{root}: not a liqaa knowledge base file") from exc
        if not isinstance(kb, KB):
            raise KBError(f"{root}: not a liqaa knowledge base file")
        kb.fingerprint = fingerprint("file", files=[root])
        return kb
    files = _files(root)
    if not use_cache:
        return parse_kb(root)
    # The parser is an input too: edited loading code must not be served an old parse.
    key = fingerprint(CACHE_FORMAT, files=files + [Path(__file__), Path(__file__).with_name("model.py")])
    kb = cached("kb", key, lambda: parse_kb(root), KB)
    kb.fingerprint = key
    return kb


@lru_cache(maxsize=1)
def default_kb() -> KB:
    return load_kb()
