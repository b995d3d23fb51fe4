"""Opening the archive: engine and sessions from a URL, migrations on open.

The URL comes from ``--db``, else the ``LIQAA_DB`` environment variable, else one SQLite
file in the user's data directory (``platformdirs.user_data_dir("liqaa")/liqaa.db``).
PostgreSQL URLs look like ``postgresql+psycopg://user@host:5432/dbname``.

Opening a store brings its schema to the newest Alembic revision (``upgrade head``), so
an archive written by an older liqaa is migrated the first time a newer one opens it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "LIQAA_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
_PG_LOCK = 0x6C69716161  # "liqaa": advisory lock serialising concurrent migrations


class StoreError(Exception):
    """The archive cannot be opened or used; the message is one line for the user."""


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("liqaa", appauthor=False)) / "liqaa.db"


def default_url() -> str:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    return f"sqlite:///{default_path()}"


def normalise_url(url: str | os.PathLike | None) -> str:
    """A database URL; a bare file path means a SQLite file there."""
    if url is None or str(url).strip() == "":
        return default_url()
    s = str(url).strip()
    if "://" not in s:
        return f"sqlite:///{Path(s).expanduser().resolve()}"
    if s.startswith(("postgresql://", "postgres://")):
        s = "postgresql+psycopg://" + s.split("://", 1)[1]
    return s


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_engine(url: str) -> Engine:
    u = make_url(url)
    if u.database and u.database != ":memory:":
        Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Transactions are begun explicitly below (the driver's implicit BEGIN before the
        # first INSERT would leave earlier SELECTs outside the transaction).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")   # WAL + NORMAL: safe against a killed process
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        # Writers take the write lock up front: a deferred transaction that reads and then
        # writes can fail at once (SQLITE_BUSY) when another writer got in between.
        immediate = conn.get_execution_options().get("liqaa_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _require_sqlite_file(url: str) -> None:
    try:
        u = make_url(url)
    except ArgumentError:
        return   # make_engine reports it
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database).expanduser()
        if not path.is_file():
            raise StoreError(f"no archive at {path}: `liqaa ingest` creates one (or give --db)")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r} ({e})") from None
    try:
        if backend == "sqlite":
            return _sqlite_engine(url)
        if backend == "postgresql":
            return create_engine(url, pool_pre_ping=True)
    except (ImportError, SQLAlchemyError) as e:
        raise StoreError(f"cannot use {display_url(url)}: {one_line(e)}") from None
    raise StoreError(f"unsupported database {backend!r} in {display_url(url)} (use sqlite:/// or postgresql+psycopg://)")


def one_line(error: BaseException) -> str:
    text = " ".join(str(getattr(error, "orig", None) or error).split())
    return text if len(text) <= 300 else text[:297] + "..."


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; a no-op when it is already there."""
    from alembic import command

    with engine.connect() as conn:
        if current_revision(conn) == head_revision() and revision == "head":
            return
    with engine.connect().execution_options(liqaa_write=True) as conn:
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            command.upgrade(alembic_config(conn), revision)


# The tables that make a database a liqaa archive (the initial migration creates both).
ARCHIVE_MARKERS = frozenset({"alembic_version", "articles"})


def foreign_tables(conn: Connection) -> list[str]:
    """The tables of a database that is neither empty nor a liqaa archive ([] otherwise):
    migrating it would add the archive's tables to someone else's data."""
    from sqlalchemy import inspect

    names = inspect(conn).get_table_names()
    return [] if not names or ARCHIVE_MARKERS <= set(names) else sorted(names)


def _refuse_foreign(engine: Engine, url: str) -> None:
    with engine.connect() as conn:
        tables = foreign_tables(conn)
    if tables:
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise StoreError(f"{display_url(url)} is not a liqaa archive (it has other tables: {shown}); "
                         "give a new or empty file or database")


class Store:
    """An open archive: an engine plus session helpers. Use ``open_store``."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url
        self.Session = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)})"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (its own transaction, rolled back at the end)."""
        with self.Session() as s:
            yield s

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        with self.engine.connect().execution_options(liqaa_write=True) as conn:
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(url: str | os.PathLike | None = None, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (creating and migrating as needed) the archive at ``url``. Raises StoreError.

    ``create=False`` is for commands that only read: a SQLite archive that does not exist
    is an error rather than a new empty file (a mistyped path must not look like no results).
    A database that holds other tables and no archive is refused, for every command."""
    url = normalise_url(url)
    if not create:
        _require_sqlite_file(url)
    engine = make_engine(url)
    try:
        _refuse_foreign(engine, url)
        if migrate:
            upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    except OperationalError as e:
        engine.dispose()
        raise StoreError(f"cannot open {display_url(url)}: {one_line(e)}") from None
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"cannot prepare {display_url(url)}: {one_line(e)}") from None
    return Store(engine, url)
