"""The ``liqaa`` command line: a thin layer over the library.

Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="liqaa",
    help="liqaa (لقاء): check who-is-who claims and extract meetings from Arabic and English news, "
         "offline, against a dated knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_REFUTED, EXIT_USAGE = 0, 1, 2
# A reader that went away (`liqaa export … | head`): Click's own exit status for EPIPE,
# which also applies to the writes it catches itself, so every command ends the same way.
EXIT_BROKEN_PIPE = 1


@app.callback()
def _commands() -> None:
    # Without a callback, a run that registers one command only (`liqaa version` imports
    # no command module) makes Typer treat that command as the whole program.
    pass


class Lang(str, Enum):
    auto = "auto"
    ar = "ar"
    en = "en"


# Arguments and options that read articles the same way in every command.
KB_OPTION_HELP = ("Use this knowledge base (a directory of YAML files, or a file built with `liqaa kb build`) "
                  "instead of the embedded one.")
ArticlePaths = Annotated[Optional[list[str]], typer.Argument(
    help="Articles: files (.md .txt .html .jsonl), directories, http(s) URLs, or - for stdin.", show_default=False)]
JsonlInputs = Annotated[list[Path], typer.Option(
    "--jsonl", help='Batch input: one {"id","text","date","url","title"} object a line.')]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the input; auto detects ar/en/mixed.")]
KbOption = Annotated[Optional[Path], typer.Option("--kb", help=KB_OPTION_HELP)]


def stderr_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(label: str, message: str) -> None:
    """One labelled line on standard error ("[bold red]liqaa: error:[/]"). The message is
    plain text: a path or a user's value such as "[/x]" must not be read as Rich markup."""
    stderr_console().print(f"{label} {escape_markup(message)}")


def fail(message: str, code: int = EXIT_USAGE) -> "typer.Exit":
    say("[bold red]liqaa: error:[/]", message)
    return typer.Exit(code)


def warn(message: str) -> None:
    say("[yellow]liqaa: warning:[/]", message)


def parse_date_option(value: Optional[str], name: str, *, end: bool = False) -> Optional[dt.date]:
    """A date option's day (``end``: the last day of a year or month given alone); anything
    but an ISO date is a usage error, never a guess at the order of day and month."""
    if value is None:
        return None
    from liqaa.dates import ISO_FORMS, parse_date_arg

    try:
        return parse_date_arg(value, end=end)
    except ValueError:
        raise fail(f"{name} {value!r} is not a date: use {ISO_FORMS} (e.g. 2025-03-13)")


def load_kb_or_fail(path: Optional[Path]):
    from liqaa.kb.load import KBError, default_kb, load_kb

    try:
        return load_kb(path) if path else default_kb()
    except (KBError, OSError) as exc:
        raise fail(f"cannot load knowledge base: {exc}")


def escape_markup(s: str) -> str:
    from rich.markup import escape

    return escape(s)


def write_out(stream, text: str) -> None:
    (stream or sys.stdout).write(text + "\n")
    (stream or sys.stdout).flush()


def inputs_or_stdin(paths: list[str] | None, jsonl: list, verb: str) -> list[str]:
    """The paths to read: as given, or standard input when it is piped and nothing is given."""
    paths = list(paths or [])
    if not paths and not jsonl:
        if sys.stdin is not None and not sys.stdin.isatty():
            return ["-"]
        raise fail(f"nothing to {verb}: give a file, a directory, - for stdin, or --jsonl FILE "
                   f"(see liqaa {verb} --help)")
    return paths


class InputErrors:
    """Reports input problems as they come: fatal ones (an unreadable file) as errors that
    make the exit status 2, others (a bad JSONL line) as warnings."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, message: str, fatal: bool) -> None:
        if fatal:
            self.count += 1
            say("[bold red]liqaa: error:[/]", message)
        else:
            warn(message)


def open_output(path: Optional[Path]):
    """The file to write to (``--output``), or None for standard output."""
    if path is None:
        return None
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror}")


class progress:
    """A Rich progress line on standard error with items/s, shown only on a terminal
    (never in pipes or CI logs). Use as ``with progress("checking") as advance: advance()``;
    ``advance(0, total=n)`` sets the total once it is known."""

    def __init__(self, description: str, total: int | None = None, unit: str = "articles"):
        self.description, self.total, self.unit = description, total, unit
        self._progress = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return lambda n=1, total=None: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn, \
            TextColumn, TimeElapsedColumn

        from rich.progress import ProgressColumn
        from rich.text import Text

        unit = self.unit

        class Rate(ProgressColumn):
            def render(self, task):
                return Text(f"{task.speed or 0:>7.0f} {unit}/s")

        columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TaskProgressColumn(), TimeElapsedColumn(), Rate()]
        self._progress = Progress(*columns, console=stderr_console(), transient=True)
        self._progress.start()
        task = self._progress.add_task(self.description, total=self.total)

        def advance(n: int = 1, total: int | None = None) -> None:
            # total: for work whose size is known only once it has started
            self._progress.update(task, advance=n, **({"total": total} if total is not None else {}))

        return advance

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.stop()
        return False


@app.command()
def version() -> None:
    """Print liqaa's version and the embedded knowledge base's version and date."""
    from liqaa import __version__

    kb = load_kb_or_fail(None)
    typer.echo(f"liqaa {__version__} · KB {kb.version} (as of {kb.as_of})")


# Command modules register themselves on ``app`` when imported.
COMMAND_MODULES = ("check", "extract", "kb", "kb_build", "store")


# Which module registers each command, so a run imports only what it uses (the archive
# commands pull in SQLAlchemy; `liqaa check` should start fast).
COMMAND_OWNERS = {
    "check": ("check",), "extract": ("extract",), "kb": ("kb", "kb_build"),
    "ingest": ("store",), "search": ("store",), "meetings": ("store",), "export": ("store",),
    "recheck": ("store",), "version": (),
}


def _modules_for(argv: list[str]) -> tuple[str, ...]:
    command = next((a for a in argv if not a.startswith("-")), None)
    return COMMAND_OWNERS.get(command, COMMAND_MODULES) if command else COMMAND_MODULES


def _end_on_broken_pipe() -> None:
    """Stop quietly: standard output now goes nowhere, so the interpreter's last flush of
    what is still buffered cannot fail again with "Exception ignored … BrokenPipeError"."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_BROKEN_PIPE)


def main() -> None:
    import importlib

    for name in _modules_for(sys.argv[1:]):
        importlib.import_module(f"liqaa.cli.{name}")
    try:
        app()
    except KeyboardInterrupt:
        stderr_console().print("liqaa: interrupted")
        sys.exit(130)
    except BrokenPipeError:
        _end_on_broken_pipe()
    finally:
        # The interpreter's last garbage collection would walk every object still alive
        # (the KB and the gazetteer: hundreds of thousands) for about a third of a
        # one-article check; frozen, they are simply freed.
        import gc

        gc.freeze()


