"""``liqaa kb build``, ``liqaa kb sparql`` and ``liqaa kb diff``: a knowledge base from Wikidata.

The commands live on the ``kb`` sub-app of :mod:`liqaa.cli.kb`; :func:`register` adds them to a
Typer app (importing this module registers them on ``liqaa.cli.kb.kb_app``, or on a ``kb``
group of its own when that module is absent).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from liqaa.cli import EXIT_OK, escape_markup, fail, parse_date_option, stderr_console


class QueryName(str, Enum):
    all = "all"
    positions = "positions"
    heads = "heads"


# --- liqaa kb sparql ------------------------------------------------------------------------

def sparql(
    query: QueryName = typer.Option(QueryName.all, "--query", "-q", help="Which query: positions (P39 terms), heads (P35/P6 on countries) or all."),
    json_out: bool = typer.Option(False, "--json", help="Print the queries as JSON: [{name, file, title, query}]."),
    base: Optional[Path] = typer.Option(None, "--base", help="Take the countries from this KB instead of the embedded one."),
) -> None:
    """Print the SPARQL queries whose results `liqaa kb build --sparql` reads.

    Run them at https://query.wikidata.org/ and download the results as JSON or CSV
    (Download menu), or with curl:

      liqaa kb sparql -q positions > positions.rq
      curl -G https://query.wikidata.org/sparql --data-urlencode query@positions.rq \\
           -H 'Accept: application/sparql-results+json' -o positions.json

    then: liqaa kb build --sparql positions.json --sparql heads.json -o mykb
    """
    from liqaa.cli import load_kb_or_fail
    from liqaa.kb.wikidata import sparql_queries

    kb = load_kb_or_fail(base)
    queries = sparql_queries(c.wikidata for c in kb.countries.values() if c.wikidata)
    if query != QueryName.all:
        queries = [q for q in queries if q.name == query.value]
    if json_out:
        typer.echo(json.dumps([{"name": q.name, "file": q.file, "title": q.title, "query": q.text} for q in queries],
                              ensure_ascii=False, indent=2))
        return
    if len(queries) == 1:
        typer.echo(queries[0].text, nl=False)
        return
    for i, q in enumerate(queries, 1):
        typer.echo(f"#### Query {i} of {len(queries)}: {q.title}\n"
                   f"#### run at https://query.wikidata.org/, save the result as {q.file} (JSON) or CSV\n")
        typer.echo(q.text)


# --- liqaa kb build -------------------------------------------------------------------------

def _size(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kmg]?)i?b?\s*", value.lower())
    if not m:
        raise fail(f"--chunk-size {value!r}: use a size like 64MB")
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2)]


@contextmanager
def _dask_client(scheduler: Optional[str], workers: Optional[int]):
    if not scheduler and not workers:
        yield None
        return
    import logging

    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise fail("--scheduler/--workers need dask.distributed (pip install distributed)")
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")      # "Port 8787 is already in use": no dashboard anyway
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise fail(f"cannot start or reach the Dask scheduler {scheduler or ''}: {exc}".replace("  ", " "))
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _DumpProgress:
    """A Rich progress bar over the dump file, with entities and entities/s."""

    def __init__(self, path: Path, quiet: bool) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(),
            TextColumn("{task.fields[entities]:>12,} entities"), TextColumn("{task.fields[rate]:>9,.0f} entities/s"),
            TimeElapsedColumn(), console=stderr_console(), disable=quiet, transient=False,
        )
        self.total = path.stat().st_size
        self.task = self.progress.add_task(path.name, total=self.total, entities=0, rate=0.0)
        self.t0 = time.perf_counter()

    def __call__(self, done_bytes: int, entities: int) -> None:
        elapsed = max(time.perf_counter() - self.t0, 1e-9)
        self.progress.update(self.task, completed=min(done_bytes, self.total), entities=entities,
                             rate=entities / elapsed)

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.progress.update(self.task, completed=self.total)
        self.progress.__exit__(*exc)


def build(
    inputs: list[Path] = typer.Argument(None, help="Inputs of either kind, recognised by content.", show_default=False),
    sparql_files: list[Path] = typer.Option([], "--sparql", help="A SPARQL result (JSON or CSV) of a `liqaa kb sparql` query; repeatable."),
    dumps: list[Path] = typer.Option([], "--dump", help="A Wikidata JSON dump: latest-all.json.bz2, .gz or plain."),
    output: Path = typer.Option(..., "--output", "-o", help="The KB directory to write (or file, with --compiled)."),
    compiled: bool = typer.Option(False, "--compiled", help="Write one compiled KB file (JSON data) instead of YAML files. Implied by -o *.json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The built KB's as_of date (YYYY-MM-DD, not in the future). Default: the dump's own date (from its name, wikidata-YYYYMMDD-all…), else the latest date of a fact read; never before the base KB's."),
    base: Optional[Path] = typer.Option(None, "--base", help="The curated KB to merge into (directory or compiled file). Default: the embedded one."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Parse dumps on this Dask scheduler (tcp://host:8786). Plain dumps must be readable at the same path on the workers."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Parse dumps on a local Dask cluster of N worker processes."),
    chunk_size: str = typer.Option("64MB", "--chunk-size", help="Size of the byte ranges of a plain dump given to each Dask task."),
    json_out: bool = typer.Option(False, "--json", help="Print the build report as JSON."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Build a knowledge base from Wikidata: SPARQL results or a JSON dump, merged into the
    curated KB (curated facts win where they disagree; added terms cite wikidata:QID).

    [bold]Examples[/]

      liqaa kb sparql -q positions > positions.rq   (run it, save positions.json)
      liqaa kb build --sparql positions.json --sparql heads.json -o mykb
      liqaa kb build --dump latest-all.json.bz2 -o mykb --workers 8
      liqaa kb build --dump latest-all.json.gz -o kb.json --scheduler tcp://10.0.0.5:8786
      liqaa check article.md --kb mykb
    """
    from liqaa.kb.build import BuildError, build_kb, classify_inputs, refuse_pickle_output, write_kb
    from liqaa.kb.load import COMPILED_SUFFIXES, KBError, load_kb
    from liqaa.kb.wikidata import WikidataError

    as_of_date = parse_date_option(as_of, "--as-of")
    if as_of_date is not None and as_of_date > dt.date.today():
        raise fail(f"--as-of {as_of_date} is in the future: a knowledge base is as of a day its data has seen")
    if scheduler and workers:
        raise fail("give --scheduler or --workers, not both")
    chunk_bytes = _size(chunk_size)
    if not inputs and not sparql_files and not dumps:
        raise fail("nothing to build from: give --sparql FILE and/or --dump FILE (see liqaa kb build --help)")
    try:
        refuse_pickle_output(output)      # before hours of parsing, not after
    except BuildError as exc:
        raise fail(escape_markup(str(exc)))
    compiled = compiled or output.suffix.lower() in COMPILED_SUFFIXES
    try:
        base_kb = load_kb(base) if base else None
    except (KBError, OSError) as exc:
        raise fail(f"cannot load the base knowledge base: {exc}")
    try:
        extra_sparql, extra_dumps = classify_inputs(inputs or [])
        for path in [*sparql_files, *dumps]:
            if not path.is_file():
                raise WikidataError(f"{path}: no such file")
        sparql_all, dumps_all = [*sparql_files, *extra_sparql], [*dumps, *extra_dumps]
        # A cluster only for dumps: SPARQL results are small.
        with _dask_client(scheduler if dumps_all else None, workers if dumps_all else None) as client:
            kb, report = _build_with_progress(build_kb, sparql_all, dumps_all, base_kb, as_of_date, client,
                                              quiet or json_out, chunk_bytes)
        meta = {"built": dt.date.today().isoformat(), "inputs": [p.name for p in [*sparql_all, *dumps_all]],
                "people_added": report.people_added, "terms_added": report.terms_added}
        write_kb(kb, output, compiled=compiled, meta=meta)
    except (WikidataError, BuildError) as exc:
        raise fail(str(exc))
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}")
    if json_out:
        data = report.as_dict()
        data["output"] = str(output)
        data["conflict_list"] = report.conflicts
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_report(report, output, kb)
    raise typer.Exit(EXIT_OK)


def _build_with_progress(build_kb, sparql_all, dumps_all, base_kb, as_of_date, client, quiet, chunk_bytes):
    if not dumps_all:
        return build_kb(sparql_all, [], base=base_kb, as_of=as_of_date)
    # One progress bar per dump: parse them one at a time through build_kb's progress hook.
    from liqaa.kb.build import BuildReport, data_as_of, load_facts, merge
    from liqaa.kb.load import default_kb

    base_kb = base_kb or default_kb()
    countries = [c.wikidata for c in base_kb.countries.values() if c.wikidata]
    facts = load_facts(sparql_all, [], countries=countries)
    for path in dumps_all:
        with _DumpProgress(path, quiet) as bar:
            part = load_facts([], [path], countries=countries, client=client, progress=bar, chunk_bytes=chunk_bytes)
        facts.update(part)
    if as_of_date is None:
        as_of_date = data_as_of(base_kb, facts, dumps_all)
    report = BuildReport(inputs=[str(p) for p in [*sparql_all, *dumps_all]])
    return merge(base_kb, facts, as_of=as_of_date, report=report)


def _print_report(report, output: Path, kb) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    e = escape_markup
    console.print(f"[bold]Built[/] {e(str(output))}: KB {e(kb.version)} (as of {kb.as_of}), "
                  f"{len(kb.people):,} people, {sum(len(p.terms) for p in kb.people.values()):,} terms")
    console.print(f"  Wikidata: {report.wikidata_people:,} people, {report.wikidata_terms:,} terms, "
                  f"{report.resolved_terms:,} mapped onto a role and country")
    console.print(f"  added {report.people_added:,} people and {report.terms_added:,} terms "
                  f"(source wikidata:QID); {report.people_matched:,} Wikidata people matched curated ones")
    console.print(f"  curated kept: {report.kept_curated:,} terms the curated KB already has (its dates win), "
                  f"{len(report.conflicts):,} conflicting Wikidata terms dropped")
    for c in report.conflicts[:8]:
        end = c["end"] or "…"
        cur_end = c["curated_end"] or "…"
        console.print(f"    [yellow]≠[/] {e(c['name'] or c['wikidata'])} ({c['wikidata']}) {c['role']} {c['country']} "
                      f"{c['start']}–{end}: curated has {e(c['curated_holder'])} {c['curated_start']}–{cur_end}")
    if len(report.conflicts) > 8:
        console.print(f"    … {len(report.conflicts) - 8} more (--json lists them all)")
    for reason, n in sorted(report.skipped.items()):
        console.print(f"  skipped: {n:,} {e(reason)}")


# --- liqaa kb diff --------------------------------------------------------------------------

def _place(d: dict) -> str:
    return d.get("country") or d.get("org") or ""


def _span(start, end) -> str:
    return f"{start or '?'} → {end or '(in office)'}"


def diff(
    old: Path = typer.Argument(..., help="The old KB: a directory or a compiled file."),
    new: Path = typer.Argument(..., help="The new KB: a directory or a compiled file."),
    json_out: bool = typer.Option(False, "--json", help="Print the differences as one JSON object (schema liqaa.kbdiff/1)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit with 1 when the two differ (like git diff --exit-code)."),
) -> None:
    """Show what changed between two knowledge bases: people added and removed, terms added,
    removed and changed (an end date set, a start corrected ...)."""
    from liqaa.kb.build import diff_kbs
    from liqaa.kb.load import KBError, load_kb

    kbs = []
    for path in (old, new):
        try:
            kbs.append(load_kb(path))
        except (KBError, OSError) as exc:
            raise fail(f"cannot load knowledge base {path}: {exc}")
    d = diff_kbs(*kbs)
    if json_out:
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2))
    else:
        _print_diff(d, old, new)
    changed = any(d["summary"].values())
    raise typer.Exit(1 if (exit_code and changed) else EXIT_OK)


def _print_diff(d: dict, old: Path, new: Path) -> None:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=True)
    e = escape_markup
    s = d["summary"]
    console.print(f"[bold]{e(str(old))}[/] ({e(d['old']['version'])}, as of {d['old']['as_of']}) → "
                  f"[bold]{e(str(new))}[/] ({e(d['new']['version'])}, as of {d['new']['as_of']})")
    if not any(s.values()):
        console.print("no differences")
        return
    console.print(f"people: [green]+{s['people_added']}[/] [red]−{s['people_removed']}[/] "
                  f"[yellow]~{s['people_changed']}[/]   terms: [green]+{s['terms_added']}[/] "
                  f"[red]−{s['terms_removed']}[/] [yellow]~{s['terms_changed']}[/]")

    def who(p: dict) -> str:
        qid = f" ({p['wikidata']})" if p.get("wikidata") else ""
        ar = f" · {p['name_ar']}" if p.get("name_ar") else ""
        return e(f"{p['name_en']}{ar}{qid}")

    sections = [
        ("People added", "green", "+", [who(p) + f" [dim]{e(p['id'])}[/]" for p in d["people"]["added"]]),
        ("People removed", "red", "−", [who(p) + f" [dim]{e(p['id'])}[/]" for p in d["people"]["removed"]]),
        ("People changed", "yellow", "~", [
            who(c["person"]) + ": " + "; ".join(f"{k} {e(repr(v['old']))} → {e(repr(v['new']))}" for k, v in c["changes"].items())
            for c in d["people"]["changed"]]),
        ("Terms added", "green", "+", [
            f"{who(t['person'])}: {t['role']} {_place(t)} {_span(t['start'], t['end'])} [dim]{e(t['source'])}[/]"
            for t in d["terms"]["added"]]),
        ("Terms removed", "red", "−", [
            f"{who(t['person'])}: {t['role']} {_place(t)} {_span(t['start'], t['end'])} [dim]{e(t['source'])}[/]"
            for t in d["terms"]["removed"]]),
        ("Terms changed", "yellow", "~", [
            f"{who(c['person'])}: {c['role']} {_place(c)} from {c['start'] or '?'}: " + "; ".join(
                f"{k} {_show(k, v['old'])} → {_show(k, v['new'])}" for k, v in c["changes"].items())
            for c in d["terms"]["changed"]]),
    ]
    for title, colour, mark, lines in sections:
        if not lines:
            continue
        console.print(f"\n[bold]{title}[/] ({len(lines)})")
        for line in lines:
            console.print(f"  [{colour}]{mark}[/] {line}")


def _show(field: str, value) -> str:
    if value is None:
        return "(in office)" if field == "end" else "(none)"
    return escape_markup(str(value))


# --- registration ---------------------------------------------------------------------------

def register(kb_app: typer.Typer) -> None:
    """Add build, sparql and diff to the ``kb`` Typer app (once)."""
    if getattr(kb_app, "_liqaa_kb_build", False):
        return
    kb_app.command("build")(build)
    kb_app.command("sparql")(sparql)
    kb_app.command("diff")(diff)
    kb_app._liqaa_kb_build = True


def _kb_app() -> typer.Typer:
    try:
        from liqaa.cli.kb import kb_app
    except ModuleNotFoundError as exc:
        if exc.name != "liqaa.cli.kb":
            raise
        from liqaa.cli import app

        kb_app = typer.Typer(name="kb", help="The knowledge base: build it from Wikidata, compare two.",
                             no_args_is_help=True)
        app.add_typer(kb_app, name="kb")
    return kb_app


register(_kb_app())
