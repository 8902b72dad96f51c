"""``kztimeline db``: where the database is, and its schema migrations."""

from __future__ import annotations

import click

from kztimeline.cli.options import database_from
from kztimeline.db.database import prepare_for_writing
from kztimeline.db.engine import sqlite_path


@click.group("db")
def command() -> None:
    """The database: its location and schema."""


@command.command("path")
@click.pass_context
def path_command(ctx: click.Context) -> None:
    """Print the database file path (or the URL, for a server database)."""
    database = database_from(ctx)
    path = sqlite_path(database.url)
    click.echo(str(path) if path is not None else database.url)


@command.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def upgrade_command(ctx: click.Context, revision: str) -> None:
    """Run the Alembic migrations up to REVISION."""
    from kztimeline.db import migrate

    database = database_from(ctx)
    prepare_for_writing(database)
    migrate.upgrade(database.engine, revision)
    click.echo(f"schema at {migrate.current_revision(database.engine)}", err=True)


@command.command("current")
@click.pass_context
def current_command(ctx: click.Context) -> None:
    """Print the schema revision of the database (and the newest one available)."""
    from kztimeline.db import migrate

    database = database_from(ctx)
    path = sqlite_path(database.url)
    current = None if path is not None and not path.exists() else migrate.current_revision(database.engine)
    click.echo(f"{current or 'none'} (head: {migrate.head_revision()})")
