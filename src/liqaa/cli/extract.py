"""``liqaa extract``: who met whom, when, where, and what about.

Exit status: 0 (also when no meeting is found), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from liqaa.cli import (EXIT_OK, EXIT_USAGE, ArticlePaths, InputErrors, JsonlInputs, KbOption, Lang, LangOption, app,
                       escape_markup, inputs_or_stdin, load_kb_or_fail, open_output, parse_date_option, progress,
                       write_out)
from liqaa.cli.check import _count_items, iter_documents


class ExtractFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


_KIND_LABEL = {"visit": "visit", "host": "hosted", "third_place": "third place", "call": "phone call",
               "summit": "summit", "talks": "talks"}
_STATUS_STYLE = {"happened": "green", "planned": "cyan", "speculated": "yellow"}


def _participant_label(p, kb) -> str:
    name = p.mention
    if p.person_id and p.person_id in kb.people:
        person = kb.people[p.person_id]
        if name != person.en:
            name = f"{name} ({person.en})"
    bits = [b for b in (p.role.replace("_", " ") if p.role else None, p.country or p.org) if b]
    label = escape_markup(name)
    if bits:
        label += f" [dim]{escape_markup(', '.join(bits))}[/]"
    verdict = p.identity_verdict.verdict if p.identity_verdict else None
    if verdict == "refuted":
        label += " [bold red]✗ refuted[/]"
    elif verdict == "unverifiable":
        label += " [yellow]? unverifiable[/]"
    if p.side:
        label += f" [bold]{p.side}[/]"
    return label


def print_meetings(report, console) -> None:
    """A readable table of the meetings of one document."""
    from rich.table import Table
    from rich.text import Text

    doc = report.document
    head = Text()
    head.append(doc.source or doc.id or "<text>", style="bold")
    head.append(f"  ·  language {doc.language}  ·  KB {report.kb.version} (as of {report.kb.as_of})")
    console.print(head)
    if not report.meetings:
        console.print("  No meeting found: nobody is reported meeting, visiting, receiving or calling anyone "
                      "(figures of speech such as “قمة الهرم” are not meetings).")
        return
    table = Table(show_lines=True, expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind · status")
    table.add_column("date")
    table.add_column("place")
    table.add_column("participants")
    table.add_column("topics")
    for i, m in enumerate(report.meetings, 1):
        status = f"[{_STATUS_STYLE.get(m.status, 'white')}]{m.status}[/]"
        date = f"{m.date or '?'}\n[dim]{m.date_basis}[/]"
        place = "—"
        if m.place:
            place = escape_markup(m.place.name or m.place.country or "?")
            if m.place.country:
                place += f" [dim]{m.place.country}[/]"
        elif m.kind == "call":
            place = "[dim]by phone[/]"
        people = "\n".join(_participant_label(p, report.kb) for p in m.participants)
        topics = []
        for t in m.topics:
            line = t.topic + (" [yellow](speculative)[/]" if t.speculative else "")
            if t.stated_by:
                who = t.stated_by.span.text if t.stated_by.span else t.stated_by.type
                line += f" [dim]— {escape_markup(who)}[/]"
            topics.append(line)
        if m.occasion:
            topics.append(f"[dim]occasion: {escape_markup(m.occasion.text)}[/]")
        table.add_row(str(i), f"{_KIND_LABEL.get(m.kind, m.kind)}\n{status}", date, place, people,
                      "\n".join(topics) or "[dim]none stated[/]")
    console.print(table)


def to_json(reports, jsonl: bool = False) -> str:
    dicts = [r.to_dict() for r in reports]
    if jsonl:
        return "\n".join(json.dumps(d, ensure_ascii=False) for d in dicts)
    payload = dicts[0] if len(dicts) == 1 else dicts
    return json.dumps(payload, ensure_ascii=False, indent=2)


@app.command()
def extract(
    paths: ArticlePaths = None,
    format: ExtractFormat = typer.Option(ExtractFormat.text, "--format", "-f", help="Output format: a table, or JSON (schema liqaa.meetings/1)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date of the meetings when the text gives none (YYYY-MM-DD). Default: the article's date, else today."),
    lang: LangOption = Lang.auto,
    jsonl: JsonlInputs = [],
    kb_path: KbOption = None,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the result to this file instead of standard output."),
) -> None:
    """Extract meetings: who met whom (KB people), when, where, kind (visit, hosted, third place,
    phone call, summit, talks), whether it happened, is planned or speculated, and the stated
    topics with their evidence.

    [bold]Examples[/]

      liqaa extract examples/putin-witkoff.en.md
      liqaa extract dir/ --format json
      liqaa extract --jsonl items.jsonl --format jsonl

    Exit status: 0 (also when no meeting is found), 2 bad usage or unreadable input.
    """
    from liqaa.extract import extract_document

    paths = inputs_or_stdin(paths, jsonl, "extract")
    as_of_date = parse_date_option(as_of, "--as-of")
    kb = load_kb_or_fail(kb_path)
    on_error = InputErrors()
    out_stream = open_output(output)
    from rich.console import Console

    console = Console(file=out_stream, highlight=False, soft_wrap=False) if format == ExtractFormat.text else None
    reports = []
    try:
        with progress("extracting", total=_count_items(paths, jsonl)) as advance:
            for doc in iter_documents(paths, jsonl, kb, as_of_date, lang, on_error):
                advance()
                report = extract_document(doc, kb)
                if format == ExtractFormat.text:
                    print_meetings(report, console)
                elif format == ExtractFormat.jsonl:
                    write_out(out_stream, to_json([report], jsonl=True))
                else:
                    reports.append(report)
        if format == ExtractFormat.json and reports:
            write_out(out_stream, to_json(reports))
    finally:
        if out_stream:
            out_stream.close()
    raise typer.Exit(EXIT_USAGE if on_error.count else EXIT_OK)
