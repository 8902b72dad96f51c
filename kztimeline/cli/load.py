"""``kztimeline load``: validate seeds, then replace the database's content with them in one transaction."""

from __future__ import annotations

from pathlib import Path

import click

from kztimeline.cli.options import database_from
from kztimeline.cli.validate import seeds_argument
from kztimeline.curation.validate import validate_seeds
from kztimeline.db.database import prepare_for_writing
from kztimeline.db.load import load_dataset
from kztimeline.db.stamp import PACKAGED_SOURCE
from kztimeline.errors import InvalidSeedsError
from kztimeline.resources import seeds_dir


@click.command("load")
@seeds_argument
@click.option("--force", is_flag=True, help="Reload even when the seeds are unchanged since the last load.")
@click.pass_context
def command(ctx: click.Context, directory: Path | None, force: bool) -> None:
    """Load seeds from DIRECTORY (default: the packaged seeds) into the database.

    Everything is validated first; with any problem nothing is written. A load replaces the previous one, so an
    event removed from the YAML disappears; loading unchanged seeds again changes nothing.
    """
    source_dir = directory or seeds_dir()
    dataset, report = validate_seeds(source_dir)
    if dataset is None:
        raise InvalidSeedsError(report)
    database = database_from(ctx)
    prepare_for_writing(database)
    source = PACKAGED_SOURCE if directory is None else str(source_dir.resolve())
    result = load_dataset(database.engine, dataset, source=source, force=force)
    counts = ", ".join(f"{count} {section}" for section, count in result.counts.items())
    verb = "loaded" if result.changed else "unchanged"
    click.echo(f"{verb}: {counts}", err=True)
