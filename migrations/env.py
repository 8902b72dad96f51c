"""Alembic environment: runs against a connection handed in by kztimeline, or the configured database."""

from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy import Connection

from kztimeline.db.engine import make_engine, resolve_database_url
from kztimeline.db.models import Base
from kztimeline.db.search import SEARCH_INDEX

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the full-text index to its migration: an FTS5 virtual table (and its shadow tables) on SQLite, a table
    with a generated tsvector on PostgreSQL; neither is a model, so autogenerate must not try to drop them."""
    return not (type_ in ("table", "index") and name is not None and name.startswith(SEARCH_INDEX))


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables safely
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()[0]
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()[0]
    engine = make_engine(url)
    with engine.begin() as connection:
        run_migrations(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
