"""``kztimeline db``: where the database is, and its schema migrations."""

from __future__ import annotations

from pathlib import Path

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


@command.command("datasette")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the metadata to this file instead of stdout ('-': stdout).",
)
@click.pass_context
def datasette_command(ctx: click.Context, output: Path | None) -> None:
    """Print Datasette metadata (descriptions, licence, canned queries) for this database, as JSON.

    The metadata is keyed by the database file's name, as Datasette expects. Serve it with
    `kztimeline db datasette -o meta.json && datasette "$(kztimeline db path)" -m meta.json`.
    """
    from kztimeline.cli.output import write_json
    from kztimeline.db.location import resolve_database_url
    from kztimeline.db.reader import open_reader
    from kztimeline.errors import KztimelineError
    from kztimeline.export.datasette import database_name, datasette_metadata

    db = ctx.obj.get("db") if ctx.obj else None
    url, _ = resolve_database_url(db)
    path = sqlite_path(url)
    if path is None:
        engine = url.split(":", 1)[0].split("+", 1)[0]
        raise KztimelineError(f"Datasette serves SQLite files; this database is on a {engine} server")
    with open_reader(
        db, require_data=False
    ):  # builds the embedded database if needed; checks any other file has the kztimeline schema
        pass
    metadata = datasette_metadata(database_name(path))
    if output is None or str(output) == "-":
        write_json(metadata)
        return
    with output.open("w", encoding="utf-8") as stream:
        write_json(metadata, stream)
