"""Alembic environment: migrations run on the connection ``liqaa.store.db`` passes in
(``config.attributes["connection"]``), or on ``sqlalchemy.url`` / ``LIQAA_DB`` when
Alembic is run by hand (``alembic -x ...``)."""

from __future__ import annotations

from alembic import context

from liqaa.store.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from liqaa.store.db import make_engine, normalise_url

    engine = make_engine(normalise_url(config.get_main_option("sqlalchemy.url")))
    with engine.connect() as conn:
        run(conn)
        conn.commit()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_online()
