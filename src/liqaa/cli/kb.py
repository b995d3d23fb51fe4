"""``liqaa kb``: look inside the knowledge base — what it holds, who a name is, who held an
office on a date, every term of one person — and export it.

Exit status: 0 found, 1 nothing (or no single person) found, 2 bad usage: an unknown role
or country, a bad date, an unreadable knowledge base.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from liqaa.cli import EXIT_OK, KbOption, app, escape_markup, fail, load_kb_or_fail, parse_date_option, warn

EXIT_NOT_FOUND = 1

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base: what it holds, who a name is, who held an office on a date; export it.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(kb_app, name="kb",
              help="The knowledge base: what it holds ([bold]info[/]), who a name is ([bold]search[/], "
                   "[bold]person[/]), who held an office on a date ([bold]who[/]); [bold]export[/] it.")


def _kb(path: Optional[Path]):
    return load_kb_or_fail(path)


def _out():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def _kb_ref(kb) -> dict:
    return {"version": kb.version, "as_of": kb.as_of.isoformat()}


def _span(term) -> str:
    start = str(term.start) if term.start else "?"
    end = str(term.end) if term.end else ""
    return f"{start} – {end}".rstrip()


def _term_title(term, sep: str = "\n") -> str:
    parts = ["acting" if term.acting else "", term.title_en or "", term.title_ar or ""]
    return sep.join(p for p in parts if p)


_NO_WRAP = {"QID", "role", "from – to", "score"}


def _table(*columns: str, **kw):
    from rich.table import Table

    table = Table(**kw)
    for col in columns:
        table.add_column(col, no_wrap=col in _NO_WRAP, justify="right" if col == "score" else "left",
                         overflow="fold")
    return table


def _latest_term(person):
    if not person.terms:
        return None
    import datetime as dt

    current = [t for t in person.terms if t.end is None]
    pool = current or person.terms
    return max(pool, key=lambda t: t.start.first_day() if t.start else dt.date.min)


# --- info ----------------------------------------------------------------------------

@kb_app.command()
def info(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    kb_path: KbOption = None,
) -> None:
    """Show the knowledge base's version, as_of date and counts: people, terms, countries,
    organisations, offices, people without a Wikidata QID, terms per role.

    [bold]Examples[/]

      liqaa kb info
      liqaa kb info --json
      liqaa kb info --kb built-kb/
    """
    from liqaa.kb.query import kb_info, role_label

    kb = _kb(kb_path)
    data = kb_info(kb)
    if as_json:
        _print_json({"schema": "liqaa.kb.info/1", **data})
        raise typer.Exit(EXIT_OK)
    from rich.table import Table

    out = _out()
    c = data["counts"]
    out.print(f"[bold]Knowledge base[/] {escape_markup(data['version'])} · as of {data['as_of']}")
    summary = Table(show_header=False, box=None, pad_edge=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    for label, key in (("people", "people"), ("terms of office", "terms"), ("countries", "countries"),
                       ("organisations", "orgs"), ("offices", "offices"),
                       ("countries with a head of state/government", "countries_with_leaders"),
                       ("people without a Wikidata QID", "people_without_qid")):
        summary.add_row(label, str(c[key]))
    out.print(summary)
    roles = Table(title="Terms per role", title_justify="left")
    roles.add_column("role")
    roles.add_column("الدور")
    roles.add_column("terms", justify="right")
    for role, n in data["terms_per_role"].items():
        roles.add_row(role, role_label(role, "ar"), str(n))
    out.print(roles)
    if data["people_without_qid"]:
        shown = data["people_without_qid"][:10]
        more = len(data["people_without_qid"]) - len(shown)
        out.print("without QID: " + escape_markup(", ".join(shown)) + (f" … and {more} more" if more else ""))


# --- search --------------------------------------------------------------------------

@kb_app.command()
def search(
    name: str = typer.Argument(..., help="A name in Arabic or English, whole or in part, any common spelling."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="At most this many people."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    kb_path: KbOption = None,
) -> None:
    """Find people by name, fuzzily, in Arabic or English: full names, aliases, surnames
    and spelling variants (لوكاشنكو and لوكاشينكو, Witkof and Witkoff).

    [bold]Examples[/]

      liqaa kb search Lukashenko
      liqaa kb search لوكاشنكو
      liqaa kb search "Mohammad bin Salman" --limit 3 --json

    Exit status: 0 someone matched, 1 no one did, 2 bad usage.
    """
    from liqaa.kb.query import office_label, search_people

    kb = _kb(kb_path)
    if not name.strip():
        raise fail("give a name to search for")
    found = search_people(kb, name, limit=limit)
    if as_json:
        _print_json({
            "schema": "liqaa.kb.search/1", "query": name, "kb": _kb_ref(kb),
            "results": [{**p.ref(), "score": s,
                         "latest_term": (_latest_term(p).as_evidence(kb) if _latest_term(p) else None)}
                        for p, s in found],
        })
        raise typer.Exit(EXIT_OK if found else EXIT_NOT_FOUND)
    if not found:
        closest = search_people(kb, name, limit=3, min_score=50)
        hint = f"; closest: {', '.join(f'{p.en} ({p.ar})' for p, _ in closest)}" if closest else ""
        raise fail(f"no person matches {name!r}{hint}", EXIT_NOT_FOUND)
    table = _table("score", "name", "الاسم", "QID", "id", "latest office",
                   title=f"People matching “{escape_markup(name)}”", title_justify="left")
    for p, score in found:
        t = _latest_term(p)
        office = f"{office_label(kb, t.role, t.country or t.org)} ({_span(t)})" if t else ""
        table.add_row(f"{score:.0f}", escape_markup(p.en), escape_markup(p.ar), p.wikidata or "—",
                      p.id, escape_markup(office))
    _out().print(table)


# --- who -----------------------------------------------------------------------------

@kb_app.command()
def who(
    role: str = typer.Argument(..., help="A role id or word: president, pm, \"prime minister\", fm, king, "
                                         "head_of_state, رئيس, رئيس الوزراء, وزير الخارجية ..."),
    place: str = typer.Argument(..., metavar="COUNTRY", help="A country or organisation: code (BY, UN), name or "
                                                             "adjective in English or Arabic (Belarus, بيلاروسيا, Russian, الروسي)."),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="On this date (YYYY-MM-DD). Default: today, or the KB's as_of date if earlier."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    kb_path: KbOption = None,
) -> None:
    """Who held an office on a date.

    [bold]Examples[/]

      liqaa kb who president BY
      liqaa kb who الرئيس بيلاروسيا
      liqaa kb who "prime minister" Russia --date 2019-06-01
      liqaa kb who head_of_state "United Kingdom" --date 2020-01-01
      liqaa kb who secretary_general UN --json

    Exit status: 0 someone held it, 1 no one did (or the KB does not know), 2 bad usage.
    """
    from liqaa.kb.query import QueryError, office_label, role_label, who_answer

    when = parse_date_option(date, "--date")
    kb = _kb(kb_path)
    try:
        ans = who_answer(kb, role, place, when)
    except QueryError as exc:
        raise fail(str(exc))
    terms = ans.holders + ans.uncertain
    if as_json:
        _print_json({
            "schema": "liqaa.kb.who/1", "kb": _kb_ref(kb),
            "role": ans.role, "concrete_role": ans.concrete_role,
            "country": ans.place if ans.place in kb.countries else None,
            "org": ans.place if ans.place in kb.orgs else None,
            "date": ans.date.isoformat(),
            "holders": [{**t.as_evidence(kb), "certain": t.covers(ans.date)} for t in terms],
            "note": _who_note(kb, ans),
        })
        raise typer.Exit(EXIT_OK if terms else EXIT_NOT_FOUND)
    out = _out()
    label = office_label(kb, ans.role, ans.place)
    if ans.concrete_role != ans.role:
        label += f" ({role_label(ans.concrete_role)})"
    out.print(f"[bold]{escape_markup(label)}[/] · {escape_markup(office_label(kb, ans.role, ans.place, 'ar'))} "
              f"· on {ans.date.isoformat()}")
    note = _who_note(kb, ans)
    if not terms:
        raise fail(note or f"no {label} on {ans.date.isoformat()} in the knowledge base", EXIT_NOT_FOUND)
    show_role = any(t.role != ans.concrete_role for t in terms)  # a queen among kings
    table = _table("name", "الاسم", "QID", *(["role"] if show_role else []), "from – to", "note", "source")
    for t in terms:
        p = kb.people[t.person_id]
        notes = [n for n in (_term_title(t), "" if t.covers(ans.date) else "partial dates: may not cover this date") if n]
        table.add_row(escape_markup(p.en), escape_markup(p.ar), p.wikidata or "—", *([t.role] if show_role else []),
                      _span(t), escape_markup("\n".join(notes)), escape_markup(t.source))
    out.print(table)
    if note:
        warn(note)


def _who_note(kb, ans) -> str | None:
    from liqaa.kb.query import office_label, role_label

    if ans.abolished:
        when, source = ans.abolished
        return f"the office was abolished on {when.isoformat()} ({source})"
    if not ans.office_known:
        country = kb.countries.get(ans.place)
        if ans.role in ("head_of_state", "head_of_government") and ans.concrete_role == ans.role:
            return f"the KB does not say which role is the {role_label(ans.role).lower()} of {kb.place_name(ans.place)}"
        hint = ""
        if country:
            mapped = [f"its {role_label(r).lower()} is the {getattr(country, r).replace('_', ' ')}"
                      for r in ("head_of_state", "head_of_government") if getattr(country, r)]
            hint = f" ({'; '.join(mapped)})" if mapped else ""
        return f"the knowledge base has no {office_label(kb, ans.concrete_role, ans.place)} at any date{hint}"
    if ans.after_as_of:
        return (f"{ans.date.isoformat()} is after the knowledge base's as_of date ({kb.as_of.isoformat()}): "
                f"these are the holders it last knew of, and may have changed since")
    return None


# --- person --------------------------------------------------------------------------

@kb_app.command()
def person(
    name: str = typer.Argument(..., help="A name (Arabic or English, any common spelling), a person id or a Wikidata QID."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    kb_path: KbOption = None,
) -> None:
    """Everything the KB knows about one person: names, aliases, QID and every term of office.

    [bold]Examples[/]

      liqaa kb person Lukashenko
      liqaa kb person "محمد بن سلمان"
      liqaa kb person Q7747 --json

    Exit status: 0 found, 1 no person (or several) match, 2 bad usage.
    """
    from liqaa.kb.query import QueryError, office_label, person_terms

    kb = _kb(kb_path)
    try:
        p, terms = person_terms(kb, name)
    except QueryError as exc:
        raise fail(str(exc), EXIT_NOT_FOUND)
    if as_json:
        _print_json({
            "schema": "liqaa.kb.person/1", "kb": _kb_ref(kb),
            "person": {**p.ref(), "aliases": list(p.aliases), "short": list(p.short), "gender": p.gender,
                       "citizenship": list(p.citizenship),
                       "born": str(p.born) if p.born else None, "died": str(p.died) if p.died else None},
            "terms": [t.as_evidence(kb) for t in terms],
        })
        raise typer.Exit(EXIT_OK)
    out = _out()
    out.print(f"[bold]{escape_markup(p.en)}[/] · {escape_markup(p.ar)} · {p.wikidata or 'no QID'} · id {p.id}")
    if p.aliases or p.short:
        out.print("also: " + escape_markup(", ".join((*p.aliases, *p.short))))
    if p.died:
        out.print(f"died {p.died}")
    if not terms:
        out.print("no terms of office in the knowledge base")
        return
    table = _table("office", "المنصب", "from – to", "title", "source")
    for t in terms:
        place = t.country or t.org
        table.add_row(escape_markup(office_label(kb, t.role, place)), escape_markup(office_label(kb, t.role, place, "ar")),
                      _span(t), escape_markup(_term_title(t)), escape_markup(t.source))
    out.print(table)


# --- export --------------------------------------------------------------------------

class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@kb_app.command()
def export(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="One term a line as JSON, or CSV with a header."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    kb_path: KbOption = None,
) -> None:
    """Every term of office, one a line: person id, QID, English and Arabic names, role,
    country, org, start, end, acting, title, source.

    [bold]Examples[/]

      liqaa kb export > terms.jsonl
      liqaa kb export --format csv -o terms.csv
    """
    from liqaa.kb.query import EXPORT_FIELDS, export_terms

    kb = _kb(kb_path)
    tmp = None
    if output:
        tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
        try:
            stream = tmp.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror}")
    else:
        stream = sys.stdout
    try:
        if format == ExportFormat.csv:
            writer = csv.DictWriter(stream, fieldnames=EXPORT_FIELDS, lineterminator="\n")
            writer.writeheader()
            for row in export_terms(kb):
                writer.writerow({k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()})
        else:
            for row in export_terms(kb):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        stream.flush()
    except BaseException:
        if tmp:
            stream.close()
            tmp.unlink(missing_ok=True)
        raise
    if tmp:
        stream.close()
        os.replace(tmp, output)
