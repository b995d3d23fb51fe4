"""``liqaa check``: who-is-who claims against the knowledge base.

Exit status: 0 nothing refuted, 1 at least one claim refuted, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from liqaa.cli import (EXIT_OK, EXIT_REFUTED, EXIT_USAGE, ArticlePaths, InputErrors, JsonlInputs, KbOption, Lang,
                       LangOption, app, inputs_or_stdin, load_kb_or_fail,
                       open_output, parse_date_option, progress, warn, write_out)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    html = "html"


def iter_documents(paths: list[str], jsonl: list[Path], kb, as_of, lang, on_error, **fetch_options):
    """Analysed Documents for every input item; input problems go to ``on_error``.
    ``fetch_options`` (allow_private, timeout) are for inputs that are http(s) URLs."""
    from liqaa.dates import parse_date_arg
    from liqaa.document import analyze
    from liqaa.sources import SourceError, SourceProblem, iter_inputs

    stdin = sys.stdin.buffer if "-" in paths else None
    for item in iter_inputs(paths, [str(p) for p in jsonl], stdin=stdin, **fetch_options):
        if isinstance(item, SourceError):
            on_error(str(item), fatal=True)
            continue
        if isinstance(item, SourceProblem):
            on_error(f"{item.source}: {item.message}", fatal=False)
            continue
        for warning in item.warnings:
            on_error(f"{item.source}: {warning}", fatal=False)
        date = parse_date_arg(item.date) if item.date else None  # sources give ISO dates only
        doc = analyze(item.text, kb, id=item.id, source=item.source, url=item.url, title=item.title,
                      date=date, as_of=as_of, lang=None if lang == Lang.auto else lang.value)
        doc.notes.extend([*item.notes, *item.warnings])
        doc.offset = item.offset
        yield doc


def _count_items(paths: list[str], jsonl: list[Path]) -> int | None:
    """Articles to expect, for the progress bar: JSONL lines are counted cheaply."""
    if not jsonl or not sys.stderr.isatty():
        return None
    total = 0
    for path in jsonl:
        try:
            with open(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            return None
    return total + len(paths)


def _write_bytes(stream, data: bytes) -> None:
    """UTF-8 output written as it is, with a newline: a claim-dense report's JSON is hundreds
    of megabytes, and a decoded copy of it (then encoded again) took twice that memory."""
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:   # a text-only stream
        write_out(stream, data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.write(b"\n")
    buffer.flush()


@app.command()
def check(
    paths: ArticlePaths = None,
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="Output format."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date of the claims when the text gives none (YYYY-MM-DD). Default: the article's date, else today."),
    lang: LangOption = Lang.auto,
    jsonl: JsonlInputs = [],
    kb_path: KbOption = None,
    stale_after: int = typer.Option(365, "--stale-after", min=0, help="Days after the KB's as_of date during which its latest state is still used."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of standard output."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Explain supported claims too, in English and Arabic."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs (and redirects) to private and loopback addresses."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds to wait for a web server."),
) -> None:
    """Check who-is-who claims ("الرئيس الروسي فلاديمير بوتين", "Saudi Crown Prince Mohammed bin Salman")
    against the knowledge base at the claim's date.

    [bold]Examples[/]

      liqaa check examples/putin-witkoff.ar.md
      cat article.md | liqaa check -
      liqaa check a.md page.html dir/ --format json
      liqaa check https://example.org/news/article.html
      liqaa check --jsonl items.jsonl --format jsonl
      liqaa check article.md --as-of 2025-02-15 --format html -o report.html

    Exit status: 0 nothing refuted, 1 something refuted, 2 bad usage or unreadable input.
    """
    from liqaa.render import json_bytes, print_text, to_html, to_json, to_markdown
    from liqaa.report import check_document

    paths = inputs_or_stdin(paths, jsonl, "check")
    as_of_date = parse_date_option(as_of, "--as-of")
    kb = load_kb_or_fail(kb_path)
    on_error = InputErrors()
    out_stream = open_output(output)
    from rich.console import Console

    out_console = Console(file=out_stream, highlight=False, soft_wrap=True) if format == CheckFormat.text else None
    streaming = format in (CheckFormat.jsonl, CheckFormat.text)
    reports = []
    refuted = False
    try:
        with progress("checking", total=_count_items(paths, jsonl)) as advance:
            for doc in iter_documents(paths, jsonl, kb, as_of_date, lang, on_error,
                                      allow_private=allow_private, timeout=timeout):
                advance()
                report = check_document(doc, kb, stale_after)
                refuted |= report.refuted
                if format == CheckFormat.text:
                    print_text(report, out_console, verbose=verbose)
                elif format == CheckFormat.jsonl:
                    write_out(out_stream, to_json([report], jsonl=True))
                else:
                    reports.append(report)
        if not streaming:
            if format == CheckFormat.json and reports:
                _write_bytes(out_stream, json_bytes(reports))
            elif format == CheckFormat.markdown:
                write_out(out_stream, "\n\n".join(to_markdown(r) for r in reports))
            elif format == CheckFormat.html:
                if len(reports) > 1 and output is None:
                    warn("several articles: writing one HTML page after another; use --output per article for separate pages")
                write_out(out_stream, "\n".join(to_html(r) for r in reports))
    finally:
        if out_stream:
            out_stream.close()
    if on_error.count:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_REFUTED if refuted else EXIT_OK)


