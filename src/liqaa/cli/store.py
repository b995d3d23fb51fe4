"""The archive commands: ``liqaa ingest``, ``search``, ``meetings``, ``export``, ``recheck``.

Every command takes ``--db URL`` (else ``$LIQAA_DB``, else a SQLite file in the user's
data directory); listings take ``--format table|json|jsonl``.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from liqaa.cli import app, escape_markup, fail, load_kb_or_fail, parse_date_option, progress, stderr_console

DB_HELP = "Database URL (sqlite:///file.db, postgresql+psycopg://user@host/db) or a file path. Default: $LIQAA_DB, else liqaa.db in the user data directory."


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ExportWhat(str, Enum):
    meetings = "meetings"
    claims = "claims"
    articles = "articles"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class SummaryFormat(str, Enum):
    table = "table"
    json = "json"


def db_option():
    return typer.Option(None, "--db", envvar="LIQAA_DB", help=DB_HELP, show_envvar=True)


def _open(db: Optional[str], *, create: bool = False):
    from liqaa.store import StoreError, open_store

    try:
        return open_store(db, create=create)
    except StoreError as e:
        raise fail(str(e))


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _out_console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


# --------------------------------------------------------------------------- ingest

class _ProgressView:
    """Rich progress bar (stderr) with articles/s; rejected items are listed above it."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.console = stderr_console()
        self.progress = None
        self.task = None
        self.rejected = 0
        self.start_time = None

    def __call__(self, event: str, **data) -> None:
        if event == "start":
            self._start()
        elif event == "rejected":
            self.rejected += 1
            if not self.quiet:
                self.console.print(f"[yellow]rejected:[/] {escape_markup(data['source'])}: {escape_markup(data['reason'])}")
            self._update(data.get("summary"))
        elif event == "warning":
            if not self.quiet:
                self.console.print(f"[yellow]warning:[/] {escape_markup(data['source'])}: {escape_markup(data['message'])}")
        elif event in ("batch", "done"):
            self._update(data.get("summary"))

    def _start(self) -> None:
        import time

        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.start_time = time.perf_counter()
        if self.quiet:
            return
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest[/]"),
            TextColumn("{task.completed:,.0f} stored"),
            TextColumn("[cyan]{task.fields[rate]:,.0f} articles/s[/]"),
            TextColumn("{task.fields[skipped]:,} skipped · {task.fields[rejected]:,} rejected"),
            TimeElapsedColumn(), console=self.console, transient=False,
        )
        self.task = self.progress.add_task("ingest", total=None, rate=0.0, skipped=0, rejected=0)
        self.progress.start()

    def _update(self, summary) -> None:
        if self.progress is None or summary is None:
            return
        self.progress.update(self.task, completed=summary.stored, rate=summary.rate, skipped=summary.skipped,
                             rejected=summary.rejected)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _summary_table(summary, store_label: str):
    from rich.table import Table

    t = Table(title="liqaa ingest", show_header=True, header_style="bold")
    t.add_column("", style="bold")
    t.add_column("count", justify="right")
    rows = [
        ("items read", summary.read), ("stored (new)", summary.added), ("stored (updated)", summary.updated),
        ("skipped", summary.skipped), ("rejected", summary.rejected), ("claims", summary.claims),
        ("claims refuted", summary.refuted), ("meeting reports", summary.meetings),
    ]
    for label, n in rows:
        t.add_row(label, f"{n:,}")
    for reason, n in sorted(summary.skip_reasons.items()):
        t.add_row(f"  skipped: {escape_markup(reason)}", f"{n:,}")
    t.add_row("time", f"{summary.seconds:.1f} s")
    t.add_row("articles/s", f"{summary.rate:,.1f}")
    t.add_row("analysis", f"{summary.executor} ({summary.workers} worker{'s' if summary.workers != 1 else ''})")
    t.caption = f"archive: {escape_markup(store_label)}"
    return t


@app.command("ingest")
def ingest_command(
    sources: list[str] = typer.Argument(..., help="Files (.txt .md .html .jsonl .rss .atom .warc .warc.gz), directories, "
                                        "feeds.txt (one feed or page URL a line), http(s) URLs (feeds detected by content), or - for stdin."),
    db: Optional[str] = db_option(),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Analysis processes on this machine (the database has one writer)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run the analysis on a Dask cluster (tcp://host:8786)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Allow URLs (and redirects) to private and loopback addresses."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date of the claims when an article gives none (YYYY-MM-DD)."),
    kb_path: Optional[Path] = typer.Option(None, "--kb", help="Knowledge base to check against (default: the embedded one)."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Articles per transaction."),
    timeout: float = typer.Option(10.0, "--timeout", min=0.1, help="Seconds to wait for a web server."),
    format: SummaryFormat = typer.Option(SummaryFormat.table, "--format", "-f", help="Final summary as a table or JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no list of rejected items."),
) -> None:
    """Analyse articles and store them, their claims and their meetings in the archive.

    Idempotent (an article already stored is skipped, by URL and content) and resumable (interrupt it at any point; run it again to finish). Every rejected item is reported with its reason.

    [bold]Examples[/]

      liqaa ingest ./articles/ feeds.txt https://example.org/news.rss archive.warc.gz items.jsonl
      liqaa ingest items.jsonl --workers 2 --db postgresql+psycopg://me@db/liqaa

    Exit status: 0 all read items stored or already there, 1 some items rejected, 2 bad usage or the archive cannot be opened.
    """
    from liqaa.ingest import IngestError, ingest, iter_sources
    from liqaa.store import StoreError
    from liqaa.store.db import display_url

    if workers > 1 and scheduler:
        raise fail("use either --workers or --scheduler, not both")
    as_of_date = parse_date_option(as_of, "--as-of")
    kb = load_kb_or_fail(kb_path)
    store = _open(db, create=True)
    view = _ProgressView(quiet)
    stdin = sys.stdin.buffer if "-" in sources else None
    try:
        items = iter_sources(sources, allow_private=allow_private, stdin=stdin, timeout=timeout)
        summary = ingest(items, store, workers=workers, scheduler=scheduler, progress=view, kb=kb,
                         as_of=as_of_date, batch_size=batch_size, sources=sources)
    except (IngestError, StoreError) as e:
        view.stop()
        raise fail(str(e))
    except KeyboardInterrupt:
        view.stop()
        stderr_console().print("liqaa: interrupted; what was stored stays stored — run the same command again to finish")
        raise typer.Exit(130)
    finally:
        view.stop()
        store.close()
    if format == SummaryFormat.json:
        print(_dumps(summary.to_dict()))
    else:
        _out_console().print(_summary_table(summary, display_url(store.url)))
        if not summary.meetings_available:
            stderr_console().print("[yellow]liqaa: note:[/] meeting extraction is not available in this "
                                   "installation; only claims were stored")
    raise typer.Exit(1 if summary.rejected else 0)


# --------------------------------------------------------------------------- search

@app.command("search")
def search_command(
    query: str = typer.Argument(..., help="Words to find (all of them), Arabic-normalised: hamza, ta marbuta, "
                                "alef maqsura, tashkeel and proclitics (و ف ب ل ك ال) do not matter. word* for a prefix."),
    db: Optional[str] = db_option(),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many articles."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Full-text search over the archive, best matches first, with snippets.

      liqaa search "ويتكوف"
      liqaa search "ولي العهد" --format json
    """
    from liqaa.store import QueryError, search

    store = _open(db)
    try:
        results = search(store, query, limit=limit)
    except QueryError as e:
        raise fail(str(e))
    finally:
        store.close()
    if format == ListFormat.json:
        print(_dumps({"query": query, "results": results}))
        return
    if format == ListFormat.jsonl:
        for r in results:
            print(_dumps(r))
        return
    from rich.table import Table
    from rich.text import Text

    if not results:
        stderr_console().print(f"no articles match {escape_markup(query)!r}")
        return
    t = Table(show_header=True, header_style="bold", show_lines=True)
    t.add_column("#", justify="right")
    t.add_column("date")
    t.add_column("article", overflow="fold", max_width=40)
    t.add_column("snippet", overflow="fold")
    for n, r in enumerate(results, 1):
        snippet = Text(r["snippet"])
        for a, b in r["highlights"]:
            snippet.stylize("bold reverse", a, b)
        label = Text(r["title"] or r["source"] or "")
        if r["url"]:
            label.append("\n" + r["url"], style="dim")
        t.add_row(str(n), r["date"] or "", label, snippet)
    _out_console().print(t)


# --------------------------------------------------------------------------- meetings

def _participant_label(p: dict) -> str:
    person = p.get("person") if isinstance(p.get("person"), dict) else None
    name = (person or {}).get("name_en") or p.get("mention") or "?"
    notes = [p["side"]] if p.get("side") else []
    identity = p.get("identity_verdict") or {}
    if identity.get("verdict") in ("refuted", "unverifiable"):
        # the text's claim about who they are, not a fact the archive states
        role = " ".join(x for x in ((p.get("role") or "").replace("_", " "), p.get("country")) if x)
        notes.append(f"{identity['verdict']}: “{identity.get('mention') or p.get('mention')}” as {role or 'claimed'}")
    return name + (f" ({'; '.join(notes)})" if notes else "")


@app.command("meetings")
def meetings_command(
    person: Optional[str] = typer.Option(None, "--person", "-p", help="Only meetings with this participant (English or Arabic name, as written or as in the KB)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Only meetings on or before this date (YYYY, YYYY-MM or YYYY-MM-DD: 2025 is to its last day)."),
    db: Optional[str] = db_option(),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many meetings."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Meetings in the archive, merged across every article that reports them, newest first.

      liqaa meetings --person "Witkoff" --since 2025-01-01
      liqaa meetings --person "ويتكوف" --format json
    """
    from liqaa.store import meetings

    since_d = parse_date_option(since, "--since")
    until_d = parse_date_option(until, "--until", end=True)
    store = _open(db)
    try:
        found = meetings(store, person=person, since=since_d, until=until_d, limit=limit)
    finally:
        store.close()
    if format == ListFormat.json:
        print(_dumps({"filters": {"person": person, "since": since, "until": until}, "meetings": found}))
        return
    if format == ListFormat.jsonl:
        for m in found:
            print(_dumps(m))
        return
    if not found:
        stderr_console().print("no meetings found")
        return
    from rich.table import Table

    t = Table(show_header=True, header_style="bold", show_lines=True)
    for col in ("date", "kind", "status"):
        t.add_column(col, no_wrap=True)
    for col in ("participants", "place", "topics"):
        t.add_column(col, overflow="fold")
    t.add_column("reports", justify="right")
    for m in found:
        place = m.get("place") or {}
        t.add_row(m["date"] or "?", m["kind"] or "", m["status"] or "",
                  escape_markup(", ".join(_participant_label(p) for p in m["participants"])),
                  escape_markup(" ".join(x for x in (place.get("name"), f"({place['country']})" if place.get("country") else None) if x)),
                  ", ".join(tp["topic"] for tp in m["topics"]), str(m["reports"]))
    _out_console().print(t)


# --------------------------------------------------------------------------- export

@app.command("export")
def export_command(
    what: ExportWhat = typer.Argument(..., help="meetings, claims or articles"),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="csv, jsonl or parquet (needs pyarrow)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file (default: standard output; required for parquet)."),
    db: Optional[str] = db_option(),
) -> None:
    """Export the archive's meetings, claims or articles.

      liqaa export meetings --format csv -o meetings.csv
      liqaa export claims --format parquet -o claims.parquet
    """
    from liqaa.store.queries import FIELDS, export_rows

    if format == ExportFormat.parquet:
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise fail("Parquet export needs pyarrow, which is not installed: pip install 'liqaa[parquet]'")
        if output is None:
            raise fail("Parquet is a binary format: give a file with -o FILE")
    store = _open(db)
    try:
        rows = export_rows(store, what.value, flat=format != ExportFormat.jsonl)
        n = write_export(rows, FIELDS[what.value], format.value, output)
    except BrokenPipeError:
        raise   # the reader of standard output went away: the entry point ends quietly
    except OSError as e:
        raise fail(f"cannot write {output or 'standard output'}: {e.strerror or e}")
    finally:
        store.close()
    if output is not None:
        stderr_console().print(f"{n:,} {what.value} written to {escape_markup(str(output))}")


def write_export(rows, fields, fmt: str, output: Optional[Path]) -> int:
    """Write rows as csv/jsonl/parquet; returns how many."""
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        batch: list[dict] = []

        def flush():
            nonlocal writer
            if not batch:
                return
            table = pa.Table.from_pylist([{f: r.get(f) for f in fields} for r in batch], schema=schema)
            if writer is None:
                writer = pq.ParquetWriter(str(output), schema)
            writer.write_table(table)
            batch.clear()

        schema = None
        for row in rows:
            if schema is None:
                schema = _arrow_schema(pa, fields, row)
            batch.append(row)
            n += 1
            if len(batch) >= 5000:
                flush()
        if schema is None:
            schema = pa.schema([(f, pa.string()) for f in fields])
        flush()
        if writer is None:
            writer = pq.ParquetWriter(str(output), schema)
        writer.close()
        return n
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "csv":
            import csv

            w = csv.DictWriter(stream, fieldnames=list(fields), extrasaction="ignore")
            w.writeheader()
            for row in rows:
                w.writerow(row)
                n += 1
        else:
            for row in rows:
                stream.write(_dumps(row) + "\n")
                n += 1
    finally:
        if output:
            stream.close()
        else:
            stream.flush()
    return n


_INT_FIELDS = {"id", "article_id", "ordinal", "start", "end", "n_supported", "n_refuted", "n_unverifiable",
               "n_meetings", "reports"}


def _arrow_schema(pa, fields, row):
    return pa.schema([(f, pa.int64() if f in _INT_FIELDS else pa.string()) for f in fields])


# --------------------------------------------------------------------------- recheck

def _recheck_events(advance):
    """recheck's progress events ("start" with the total, "batch" with the articles done so
    far) as steps of a progress bar."""
    done = 0

    def on_event(event: str, **data) -> None:
        nonlocal done
        if event == "start":
            advance(0, total=data["total"])
        elif event == "batch":
            advance(data["done"] - done)
            done = data["done"]

    return on_event


@app.command("recheck")
def recheck_command(
    db: Optional[str] = db_option(),
    kb_path: Optional[Path] = typer.Option(None, "--kb", help="The updated knowledge base (default: the embedded one)."),
    all_articles: bool = typer.Option(False, "--all", help="Recheck every article, also those already checked against this KB."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Analysis processes."),
    format: SummaryFormat = typer.Option(SummaryFormat.table, "--format", "-f", help="Report as a table or JSON."),
) -> None:
    """Re-verify stored articles against a (new) knowledge base and report changed verdicts.

      liqaa kb build ... -o new-kb/ && liqaa recheck --kb new-kb/
    """
    from liqaa.ingest import IngestError, recheck
    from liqaa.store import StoreError

    kb = load_kb_or_fail(kb_path)
    store = _open(db)
    try:
        with progress("rechecking") as advance:
            out = recheck(store, kb, workers=workers, all_articles=all_articles, progress=_recheck_events(advance))
    except (IngestError, StoreError) as e:
        raise fail(str(e))
    finally:
        store.close()
    if format == SummaryFormat.json:
        print(_dumps(out.to_dict()))
        return
    console = _out_console()
    console.print(f"rechecked {out.articles:,} articles ({out.claims:,} claims) against KB {out.kb['version']} "
                  f"(as of {out.kb['as_of']}) in {out.seconds:.1f} s: {len(out.changed)} verdicts changed, "
                  f"{len(out.added)} new claims, {len(out.removed)} claims gone")
    if out.changed:
        from rich.table import Table

        t = Table(show_header=True, header_style="bold", show_lines=True)
        for col in ("article", "mention", "claim", "before", "now", "why"):
            t.add_column(col, overflow="fold")
        for c in out.changed:
            claim = " ".join(str(x) for x in (c["role"], c["country"] or c["org"], c["date"]) if x)
            t.add_row(escape_markup(c["title"] or c["article"]), escape_markup(c["mention"] or ""), claim,
                      c["before"], c["verdict"], escape_markup(c["explanation"] or ""))
        console.print(t)
    for source, reason in out.failed:
        stderr_console().print(f"[yellow]failed:[/] {escape_markup(source)}: {escape_markup(reason)}")
    if out.failed:
        raise typer.Exit(1)
